"""Fix: substituted variables are suppressed for the rest of the entry (fixes/substitute.py).

Expected values: citeproc-js 2.4.63's text output for the same items."""
from tests.fix_helpers import bibliography


def test_publisher_standing_in_for_the_author_is_not_repeated():
    item = {"id": "pmn", "type": "webpage", "title": "First-Ever IV Ketamine Released",
            "publisher": "Pain Medicine News", "issued": {"date-parts": [[2018, 9]]},
            "URL": "https://example.org/a"}
    assert bibliography("apa", [item]) == [
        "Pain Medicine News. (2018, September). First-Ever IV Ketamine Released. https://example.org/a"]


def test_editor_standing_in_for_the_author_is_not_repeated_in_the_container():
    item = {"id": "ed1", "type": "chapter", "title": "Chapter", "container-title": "Contemporary literary criticism",
            "editor": [{"family": "Matuz", "given": "Roger"}], "volume": "61", "page": "204-208",
            "issued": {"date-parts": [[1990]]}}
    assert bibliography("apa", [item]) == [
        "Matuz, R. (Ed.). (1990). Chapter. In Contemporary literary criticism (Vol. 61, pp. 204–208)."]


def test_title_reached_through_a_macro_is_not_repeated():
    item = {"id": "cms", "type": "book", "title": "The Chicago manual of style", "edition": "15",
            "publisher": "University of Chicago Press", "issued": {"date-parts": [[2003]]}}
    assert bibliography("apa", [item]) == [
        "The Chicago manual of style (15th ed.). (2003). University of Chicago Press."]

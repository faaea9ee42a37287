"""Reading CSL-JSON items (engine/items.py, note_fields.py): Zotero's fields, note variables,
empty values, and the cases found by the hand-written CSL-JSON golden set
(tests/golden_csljson/), against citeproc-js.

Every render goes through tests/engine/cases.py, which also checks its text and HTML against
citeproc-js's (tests/engine/golden.json). The literal expected values are citeproc-js's too:
the RESULT of the CSL test-suite fixture a test names, or citeproc-js's output for the item.
"""
from __future__ import annotations

from tests.engine.cases import bibliography, citations, cite, style

from annobib.engine.note_fields import apply_note_fields


def test_variables_in_the_note_are_read_as_citeproc_js_reads_them():
    # variables_ContainerTitleShort: Zotero's "Extra" lines
    csl = style('<group delimiter=" / "><text variable="container-title-short"/>'
                '<text variable="container-title"/><text variable="note"/></group>')
    item = {"id": "ITEM-1", "type": "chapter",
            "note": "collection-title: Series\ncontainer-title: Container: a title\ncontainer-title-short: Container"
                    "\nA remark"}
    assert cite(csl, [item]) == "Container / Container: a title / A remark"


def test_a_note_variable_never_replaces_one_the_item_has_except_a_date():
    data = {"id": "a", "title": "Kept", "issued": {"date-parts": [[2001]]},
            "note": "title: Other\nissued: 1999\nauthor: Doe || John\neditor: WHO"}
    read = apply_note_fields(data, frozenset({"issued"}), frozenset({"author", "editor"}))
    assert read["title"] == "Kept" and read["issued"] == {"raw": "1999"}
    assert read["author"] == [{"family": "Doe", "given": "John"}] and read["editor"] == [{"literal": "WHO"}]
    assert read["note"] == "title: Other" and data["note"].startswith("title:")  # what was not read stays


def test_zoteros_journal_abbreviation_is_the_short_container_title():
    # bugreports_ContainerTitleShort
    csl = style('<group delimiter="/"><text variable="container-title-short"/>'
                '<text variable="container-title" form="short"/><text variable="container-title"/></group>')
    item = {"id": "ITEM-1", "type": "article-journal", "container-title": "Anonymous Journal",
            "journalAbbreviation": "Anon J"}
    assert cite(csl, [item]) == "Anon J/Anon J/Anonymous Journal"


def test_a_term_of_white_space_only_is_empty():
    # label_EditorTranslator1: <term name="and others"> over two lines
    csl = style('<names variable="author"><name et-al-min="2" et-al-use-first="1"/>'
                '<et-al term="and others"/></names>',
                locale='<locale><terms><term name="and others">\n      </term></terms></locale>')
    items = [{"id": "ITEM-1", "type": "book", "author": [{"family": "Doe", "given": "John"},
                                                         {"family": "Roe", "given": "Jane"}]}]
    assert cite(csl, items) == "John Doe"


def test_a_macro_whose_variables_are_all_empty_prints_nothing_not_even_its_terms():
    # group_SuppressTermInMacro
    csl = style('<group delimiter=", "><text variable="title"/><text macro="in-container"/></group>',
                macros='<macro name="in-container"><text term="in" suffix=" "/>'
                       '<text variable="container-title" font-style="italic"/></macro>')
    assert cite(csl, [{"id": "ITEM-1", "type": "chapter", "title": "His Anonymous Life"}]) == "His Anonymous Life"


def test_the_citation_label_is_citeproc_js_trigraph_with_its_year_suffix():
    # magic_CitationLabelInCitation
    csl = style('<text variable="citation-label"/>', layout=' prefix="[" suffix="]" delimiter=", "',
                citation_options=' disambiguate-add-year-suffix="true"')
    doe = [{"family": "Doe", "given": "John"}]
    roe_noakes = [{"family": "Roe", "given": "Jane"}, {"family": "Noakes", "given": "Richard"}]
    items = [{"id": "a", "type": "book", "author": doe, "issued": {"date-parts": [[1965]]}},
             {"id": "b", "type": "book", "author": roe_noakes, "title": "B", "issued": {"date-parts": [[1978]]}},
             {"id": "c", "type": "book", "author": roe_noakes, "title": "C", "issued": {"date-parts": [[1978]]}}]
    assert cite(csl, items) == "[Doe65, RoNo78a, RoNo78b]"
    assert cite(csl, [{"id": "d", "type": "book", "title": "Art of the War"}]) == "[Artw00]"


def test_a_literal_date_prints_only_where_the_year_would():
    # citeproc-js: "in press" once in Chicago author-date (issue 14), not again with month and day
    csl = style('<group delimiter=", "><date variable="issued"><date-part name="year"/></date>'
                '<date variable="issued"><date-part name="month"/><date-part name="day" prefix=" "/></date></group>')
    assert cite(csl, [{"id": "ITEM-1", "type": "book", "issued": {"literal": "in press"}}]) == "in press"


# -- empty values count as absent (was tests/test_fix_source.py) --------------------------------

ITEMS_SOURCE = [{"id": "d1", "type": "book", "title": "The art of computer programming",
                 "author": [{"family": "Knuth", "given": "Donald E."}], "issued": {"date-parts": []},
                 "publisher": "Addison-Wesley", "edition": ""}]


def test_empty_values_count_as_absent_bibliography():
    assert bibliography("apa", ITEMS_SOURCE, fmt="text") == [
        "Knuth, D. E. (n.d.). The art of computer programming. Addison-Wesley."]


def test_empty_values_count_as_absent_citations():
    assert citations("apa", ITEMS_SOURCE, [["d1"]], fmt="text") == ['(Knuth, n.d.)']


# -- found by the CSL-JSON golden set (was tests/test_engine_csljson_cases.py; its other cases
# are in test_numbers_pages.py, test_dates.py and test_disambiguation.py) ---------------------------

def test_zotero_short_form_fields_are_the_csl_short_variables():
    # bugreports_ContainerTitleShort: journalAbbreviation is container-title-short
    csl = style(bibliography='<bibliography><layout><group delimiter="/"><text variable="container-title-short"/>'
                             '<text variable="container-title"/></group></layout></bibliography>')
    item = {"id": "a", "type": "article-journal", "container-title": "Anonymous Journal",
            "journalAbbreviation": "Anon J"}
    assert bibliography(csl, [item]) == ["Anon J/Anonymous Journal"]

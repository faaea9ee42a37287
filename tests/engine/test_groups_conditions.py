"""Groups and conditions (engine/elements/groups.py): cs:group suppression, cs:choose tests,
against plain citeproc-js 2.4.63's output.

Every render goes through tests/engine/cases.py, which also checks its text and HTML against
citeproc-js's (tests/engine/golden.json).
"""
from __future__ import annotations

from tests.engine.cases import bibliography, citations

# -- cs:group suppression (was tests/test_fix_groups.py) ---------------------------------------

ITEMS_GROUPS = [{"id": "th1", "type": "thesis", "title": "Lattice QCD",
                 "author": [{"family": "Doe", "given": "Jane"}], "genre": "PhD thesis", "publisher": "Columbia U.",
                 "issued": {"date-parts": [[1998]]}}]


def test_a_group_with_an_empty_variable_is_suppressed_bibliography():
    assert bibliography("apa", ITEMS_GROUPS, fmt="text") == [
        "Doe, J. (1998). Lattice QCD [PhD thesis]. Columbia U."]


def test_a_group_with_an_empty_variable_is_suppressed_citations():
    assert citations("apa", ITEMS_GROUPS, [["th1"]], fmt="text") == ['(Doe, 1998)']


# -- is-numeric on the locator (was tests/test_fix_conditions.py) -----------------------------

ITEMS_CONDITIONS = [{"id": "a1", "type": "book", "title": "Process mining",
                     "author": [{"family": "Aalst", "given": "Wil"}], "publisher": "P",
                     "issued": {"date-parts": [[2005]]}}]


def test_is_numeric_on_the_locator_bibliography():
    assert bibliography("apa", ITEMS_CONDITIONS, fmt="text") == ['Aalst, W. (2005). Process mining. P.']


def test_is_numeric_on_the_locator_citations():
    assert citations("apa", ITEMS_CONDITIONS, [[{"id": "a1", "locator": "3", "label": "chapter"}]], fmt="text") == [
        "(Aalst, 2005, Chapter 3)"]

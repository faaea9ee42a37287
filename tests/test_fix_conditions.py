"""Fix: is-numeric on the locator (fixes/conditions.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_CONDITIONS = [{"id": "a1", "type": "book", "title": "Process mining", "author": [{"family": "Aalst", "given": "Wil"}], "publisher": "P", "issued": {"date-parts": [[2005]]}}]


def test_conditions_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_CONDITIONS)]
    assert [_spaced(t) for t in got] == ['Aalst, W. (2005). Process mining. P.']


def test_conditions_citations():
    assert citations('apa', ITEMS_CONDITIONS, [[{"id": "a1", "locator": "3", "label": "chapter"}]]) == ['(Aalst, 2005, Chapter 3)']


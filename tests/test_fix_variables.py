"""Fix: hyphenated number variables (fixes/variables.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_VARIABLES = [{"id": "v1", "type": "book", "title": "Learning Python", "author": [{"family": "Lutz", "given": "Mark"}], "publisher": "O'Reilly Media", "publisher-place": "Sebastopol", "issued": {"date-parts": [[2008]]}, "number-of-pages": "448"}]


def test_variables_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_VARIABLES)]
    assert [_spaced(t) for t in got] == ['1. Lutz M. Learning Python. Sebastopol: O’Reilly Media; 2008. 448 p.']


def test_variables_citations():
    assert citations('vancouver', ITEMS_VARIABLES, [["v1"]]) == ['(1)']


"""Fix: cs:group suppression (fixes/groups.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_GROUPS = [{"id": "th1", "type": "thesis", "title": "Lattice QCD", "author": [{"family": "Doe", "given": "Jane"}], "genre": "PhD thesis", "publisher": "Columbia U.", "issued": {"date-parts": [[1998]]}}]


def test_groups_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_GROUPS)]
    assert [_spaced(t) for t in got] == ['Doe, J. (1998). Lattice QCD [PhD thesis]. Columbia U.']


def test_groups_citations():
    assert citations('apa', ITEMS_GROUPS, [["th1"]]) == ['(Doe, 1998)']


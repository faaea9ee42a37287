"""Fix: empty values count as absent (fixes/source.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_SOURCE = [{"id": "d1", "type": "book", "title": "The art of computer programming", "author": [{"family": "Knuth", "given": "Donald E."}], "issued": {"date-parts": []}, "publisher": "Addison-Wesley", "edition": ""}]


def test_source_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_SOURCE)]
    assert [_spaced(t) for t in got] == ['Knuth, D. E. (n.d.). The art of computer programming. Addison-Wesley.']


def test_source_citations():
    assert citations('apa', ITEMS_SOURCE, [["d1"]]) == ['(Knuth, n.d.)']


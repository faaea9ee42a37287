"""Fix: citeproc-js collation in cs:sort (fixes/sorting.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for


def bibliography(style, items):
    return [entry.text for entry in engine_for(style).render_bibliography(items)]


def citations(style, items, clusters):
    return engine_for(style).render_citations(items, clusters, fmt="text")


ITEMS_SORTING = [{"id": "k1", "type": "book", "title": "B", "author": [{"family": "Bykov", "given": "Andrei"}], "publisher": "P", "issued": {"date-parts": [[2000]]}}, {"id": "k2", "type": "book", "title": "A", "author": [{"family": "Büyükbeşe", "given": "Tuba"}], "publisher": "P", "issued": {"date-parts": [[2000]]}}]


def test_sorting_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_SORTING)]
    assert [_spaced(t) for t in got] == ['Büyükbeşe, T. (2000). A. P.', 'Bykov, A. (2000). B. P.']


def test_sorting_citations():
    assert citations('apa', ITEMS_SORTING, [["k1", "k2"]]) == ['(Büyükbeşe, 2000; Bykov, 2000)']


def _spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    import re

    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

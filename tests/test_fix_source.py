"""Fix: empty values count as absent (fixes/source.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for


def bibliography(style, items):
    return [entry.text for entry in engine_for(style).render_bibliography(items)]


def citations(style, items, clusters):
    return engine_for(style).render_citations(items, clusters, fmt="text")


ITEMS_SOURCE = [{"id": "d1", "type": "book", "title": "The art of computer programming", "author": [{"family": "Knuth", "given": "Donald E."}], "issued": {"date-parts": []}, "publisher": "Addison-Wesley", "edition": ""}]


def test_source_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_SOURCE)]
    assert [_spaced(t) for t in got] == ['Knuth, D. E. (n.d.). The art of computer programming. Addison-Wesley.']


def test_source_citations():
    assert citations('apa', ITEMS_SOURCE, [["d1"]]) == ['(Knuth, n.d.)']


def _spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    import re

    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

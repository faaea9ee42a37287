"""Fix: hyphenated number variables (fixes/variables.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for


def bibliography(style, items):
    return [entry.text for entry in engine_for(style).render_bibliography(items)]


def citations(style, items, clusters):
    return engine_for(style).render_citations(items, clusters, fmt="text")


ITEMS_VARIABLES = [{"id": "v1", "type": "book", "title": "Learning Python", "author": [{"family": "Lutz", "given": "Mark"}], "publisher": "O'Reilly Media", "publisher-place": "Sebastopol", "issued": {"date-parts": [[2008]]}, "number-of-pages": "448"}]


def test_variables_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_VARIABLES)]
    assert [_spaced(t) for t in got] == ['1. Lutz M. Learning Python. Sebastopol: O’Reilly Media; 2008. 448 p.']


def test_variables_citations():
    assert citations('vancouver', ITEMS_VARIABLES, [["v1"]]) == ['(1)']


def _spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    import re

    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

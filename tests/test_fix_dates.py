"""Fix: the locale's date delimiter (fixes/dates.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for


def bibliography(style, items):
    return [entry.text for entry in engine_for(style).render_bibliography(items)]


def citations(style, items, clusters):
    return engine_for(style).render_citations(items, clusters, fmt="text")


ITEMS_DATES = [{"id": "t1", "type": "article-journal", "title": "TUGboat news", "author": [{"family": "Beeton", "given": "Barbara"}], "container-title": "TUGboat", "issued": {"date-parts": [[1987, 11]]}, "volume": "8", "issue": "3", "page": "301-301"}]


def test_dates_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_DATES)]
    assert [_spaced(t) for t in got] == ['1. Beeton B. TUGboat news. TUGboat. 1987 Nov;8(3):301–301.']


def test_dates_citations():
    assert citations('vancouver', ITEMS_DATES, [["t1"]]) == ['(1)']


def _spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    import re

    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

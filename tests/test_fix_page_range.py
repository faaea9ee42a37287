"""Fix: page-range-format (fixes/page_range.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for


def bibliography(style, items):
    return [entry.text for entry in engine_for(style).render_bibliography(items)]


def citations(style, items, clusters):
    return engine_for(style).render_citations(items, clusters, fmt="text")


ITEMS_PAGE_RANGE = [{"id": "p1", "type": "article-journal", "title": "A", "author": [{"family": "Doe", "given": "Jane"}], "container-title": "J", "issued": {"date-parts": [[2007, 8]]}, "volume": "99", "issue": "1", "page": "1-11"}, {"id": "p2", "type": "article-journal", "title": "B", "author": [{"family": "Doe", "given": "John"}], "container-title": "J", "issued": {"date-parts": [[2007]]}, "volume": "9", "page": "321-328"}]


def test_page_range_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_PAGE_RANGE)]
    assert [_spaced(t) for t in got] == ['1. Doe J. A. J. 2007 Aug;99(1):1–11.', '2. Doe J. B. J. 2007;9:321–8.']


def test_page_range_citations():
    assert citations('vancouver', ITEMS_PAGE_RANGE, [["p1", "p2"]]) == ['(1,2)']


ITEMS_PAGE_RANGE_APA = [{"id": "p3", "type": "article-journal", "title": "C", "author": [{"family": "Doe", "given": "Jane"}], "container-title": "J", "issued": {"date-parts": [[2007]]}, "volume": "9", "page": "689-97"}]


def test_page_range_apa_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_PAGE_RANGE_APA)]
    assert [_spaced(t) for t in got] == ['Doe, J. (2007). C. J, 9, 689–697.']


def test_page_range_apa_citations():
    assert citations('apa', ITEMS_PAGE_RANGE_APA, [["p3"]]) == ['(Doe, 2007)']


def _spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    import re

    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

"""Fix: rich-text markup and quotes in field values (fixes/rich_text.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_RICH_TEXT = [{"id": "b1", "type": "article-journal", "title": "Book review: <i>Practical LaTeX</i>, by George Grätzer", "author": [{"family": "Beeton", "given": "Barbara"}], "container-title": "TUGboat", "issued": {"date-parts": [[2015]]}, "volume": "36"}]


def test_rich_text_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_RICH_TEXT)]
    assert [_spaced(t) for t in got] == ['Beeton, B. (2015). Book review: Practical LaTeX, by George Grätzer. TUGboat, 36.']


def test_rich_text_citations():
    assert citations('apa', ITEMS_RICH_TEXT, [["b1"]]) == ['(Beeton, 2015)']


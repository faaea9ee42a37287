"""Fix: '?' absorbing a following '.' (fixes/punctuation.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_PUNCTUATION = [{"id": "q1", "type": "article-journal", "title": "Where are the math fonts?", "author": [{"family": "Hoenig", "given": "Alan"}], "container-title": "TUGboat", "issued": {"date-parts": [[1993]]}, "volume": "14", "issue": "3", "page": "220-225"}]


def test_punctuation_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_PUNCTUATION)]
    assert [_spaced(t) for t in got] == ['1. Hoenig A. Where are the math fonts? TUGboat. 1993;14(3):220–5.']


def test_punctuation_citations():
    assert citations('vancouver', ITEMS_PUNCTUATION, [["q1"]]) == ['(1)']


def test_an_escaped_character_is_no_punctuation_at_a_seam():
    """"&gt;" ends in ";" in the HTML: the delimiter "; " after it must stay."""
    item = {"id": "v1", "type": "book", "title": "Metody", "author": [{"family": "Viktorov", "given": "A"}],
            "publisher": "<<Химия>>", "publisher-place": "Л.", "issued": {"date-parts": [[1977]]}}
    assert [_spaced(t) for t in bibliography("vancouver", [item])] == ["1. Viktorov A. Metody. Л.: <<Химия>>; 1977."]

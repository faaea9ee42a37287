"""Fix: page-range-format (fixes/page_range.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


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


# citeproc-js's number parser: roman-numeral and prefixed ranges, a remark after a page range,
# "no. 99" in `number` read as label + number; "91-A" is not a range.
ITEMS_NUMBER_RANGES = [
    {"id": "r1", "type": "report", "title": "Rep one", "author": [{"family": "A", "given": "B"}], "number": "no. 99",
     "genre": "Series", "issued": {"date-parts": [[2014]]}},
    {"id": "r2", "type": "report", "title": "Rep two", "author": [{"family": "C", "given": "B"}], "number": "99-02",
     "genre": "techreport", "issued": {"date-parts": [[1999]]}},
    {"id": "j1", "type": "article-journal", "title": "Art one", "author": [{"family": "D", "given": "B"}],
     "container-title": "Trans", "volume": "60-I", "issue": "4", "page": "c2-c2", "issued": {"date-parts": [[2013]]}},
    {"id": "j2", "type": "article-journal", "title": "Art two", "author": [{"family": "E", "given": "B"}],
     "container-title": "Trans", "volume": "91-A", "issue": "3-4", "page": "775-784 vol.2",
     "issued": {"date-parts": [[2013]]}},
    {"id": "j3", "type": "article-journal", "title": "Art three", "author": [{"family": "F", "given": "B"}],
     "container-title": "Trans", "volume": "1-2", "issue": "II-IV", "page": "e12-e19", "issued": {"date-parts": [[2013]]}},
]


def test_number_ranges_as_citeproc_js_parses_them():
    assert bibliography("apa", ITEMS_NUMBER_RANGES) == [
        "A, B. (2014). Rep one (Series No. 99).",
        "C, B. (1999). Rep two (Techreport Nos. 99–02).",
        "D, B. (2013). Art one. Trans, 60–I(4), c2–c2.",
        "E, B. (2013). Art two. Trans, 91-A(3–4), 775–784 vol.2.",
        "F, B. (2013). Art three. Trans, 1–2(II–IV), e12–e19."]
    assert [_spaced(t) for t in bibliography("vancouver", ITEMS_NUMBER_RANGES)] == [
        "1. A B. Rep one [Series]. 2014. Series no.: 99.",
        "2. C B. Rep two [techreport]. 1999. Techreport nos.: 99–02.",
        "3. D B. Art one. Trans. 2013;60–I(4):c2–c2.",
        "4. E B. Art two. Trans. 2013;91-A(3–4):775–84 vol.2.",
        "5. F B. Art three. Trans. 2013;1–2(II–IV):e12–9."]


# Pages joined by "&" (hypothesis found an endless recursion on "&" without a comma).
ITEMS_AMPERSAND = [{"id": "a", "type": "article-journal", "title": "T", "container-title": "J", "author": [{"family": "X", "given": "Y"}], "issued": {"date-parts": [[2000]]}, "page": "12-15 & 20-25"}, {"id": "b", "type": "article-journal", "title": "T2", "container-title": "J", "author": [{"family": "Z", "given": "Y"}], "issued": {"date-parts": [[2000]]}, "page": "12&15"}, {"id": "c", "type": "article-journal", "title": "T3", "container-title": "J", "author": [{"family": "W", "given": "Y"}], "issued": {"date-parts": [[2000]]}, "page": "S12 & S15, 20-5"}, {"id": "d", "type": "article-journal", "title": "T4", "container-title": "J", "author": [{"family": "V", "given": "Y"}], "issued": {"date-parts": [[2000]]}, "page": "&"}]


def test_pages_joined_by_an_ampersand():
    assert bibliography("apa", ITEMS_AMPERSAND) == [
        "V, Y. (2000). T4. J.", "W, Y. (2000). T3. J, S12 & S15, 20–25.",
        "X, Y. (2000). T. J, 12–15 & 20–25.", "Z, Y. (2000). T2. J, 12 & 15."]
    assert [_spaced(t) for t in bibliography("vancouver", ITEMS_AMPERSAND)] == [
        "1. X Y. T. J. 2000;12–5 & 20–5.", "2. Z Y. T2. J. 2000;12 & 15.",
        "3. W Y. T3. J. 2000;S12 & S15, 20–5.", "4. V Y. T4. J. 2000."]

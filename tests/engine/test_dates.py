"""Dates (engine/elements/dates.py, items.py's date reading) against citeproc-js.

Every render goes through tests/engine/cases.py, which also checks its text and HTML against
citeproc-js's (tests/engine/golden.json). The literal expected values are citeproc-js's too:
the RESULT of the CSL test-suite fixture a test names, or plain citeproc-js 2.4.63's output.
"""
from __future__ import annotations

import pytest
from tests.engine.cases import bibliography, citations, cite, style

from annobib.engine import SIMPLIFIED, Engine
from annobib.engine.elements.dates import Date
from annobib.styles import resolve_style


def dated(parts, **extra) -> list[dict]:
    return [{"id": "ITEM-1", "type": "book", "issued": {"date-parts": parts}, **extra}]


def test_a_date_part_override_formats_the_text_inside_the_locales_affixes():
    # date_LocalizedWithInStyleFormatting
    csl = style('<date form="text" variable="issued"><date-part name="month" font-style="italic"/></date>')
    assert cite(csl, dated([[2005, 12, 15]])) == "<i>December</i> 15, 2005"


def test_an_end_year_of_zero_is_an_open_range():
    # date_TextFormYeardateYearRangeOpen
    csl = style('<date prefix="(" suffix=")" variable="issued"><date-part name="day" suffix=" "/>'
                '<date-part form="long" name="month" suffix=" "/><date-part name="year"/></date>')
    assert cite(csl, dated([[1987], [0]])) == "(1987\u2013)"


@pytest.mark.parametrize("month, printed", [(-1, ""), (13, "Spring"), (17, "Spring"), (60, ""), (24, "Winter")])
def test_months_13_to_24_are_seasons_counted_round(month, printed):
    # date_VariousInvalidDates
    csl = style('<text value="("/><date variable="issued"><date-part name="month" form="long"/></date>'
                '<text value=")"/>')
    assert cite(csl, dated([[1965, month, 1]])) == f"({printed})"


# -- the locale's date delimiter; seasons and ranges (were tests/test_fix_dates.py) -----------

ITEMS_DATES = [{"id": "t1", "type": "article-journal", "title": "TUGboat news",
                "author": [{"family": "Beeton", "given": "Barbara"}], "container-title": "TUGboat",
                "issued": {"date-parts": [[1987, 11]]}, "volume": "8", "issue": "3", "page": "301-301"}]


def test_the_locales_date_delimiter_bibliography():
    assert bibliography("vancouver", ITEMS_DATES, fmt="text") == [
        "1. Beeton B. TUGboat news. TUGboat. 1987 Nov;8(3):301–301."]


def test_the_locales_date_delimiter_citations():
    assert citations("vancouver", ITEMS_DATES, [["t1"]], fmt="text") == ['(1)']


# Items that crashed raw citeproc-py (a season under APA's numeric month; a full-date range
# rendered through a macro): rendered, and as citeproc-js renders them.
SEASON = {"id": "season1", "type": "paper-conference", "title": "Title", "container-title": "Book Title",
          "author": [{"family": "Smith", "given": "Alan"}], "issued": {"date-parts": [[2003]], "season": 1},
          "event-date": {"date-parts": [[2002]], "season": 3}}
RANGE = {"id": "issue201", "type": "webpage", "title": "Use of ids field creates unstable references",
         "author": [{"literal": "cfr42"}], "issued": {"date-parts": [[2014, 2, 2], [2014, 2, 7]]},
         "URL": "https://github.com/plk/biblatex/issues/201"}


def test_season_and_day_range_render_as_citeproc_js():
    assert bibliography("apa", [SEASON, RANGE], fmt="text") == [
        "cfr42. (2014, February 2–7). Use of ids field creates unstable references. "
        "https://github.com/plk/biblatex/issues/201",
        "Smith, A. (2003, Spring). Title. Book Title."]
    assert bibliography("vancouver", [SEASON, RANGE], fmt="text") == [
        "1. Smith A. Title. In: Book Title. 2003.",
        "2. cfr42. Use of ids field creates unstable references [Internet]. 2014. "
        "Available from: https://github.com/plk/biblatex/issues/201"]


def test_an_item_that_still_crashes_the_engine_does_not_lose_the_list(monkeypatch):
    """The safety net (engine/process.py, bibliography_html): a crash inside date ranges is
    simulated; the entry is printed without its dates and named, the rest as usual."""

    original = Date._render_value

    def crash(self, scope, date):
        if date.is_range:
            raise TypeError("simulated engine crash")
        return original(self, scope, date)

    engine = Engine(resolve_style("apa"))
    monkeypatch.setattr(Date, "_render_value", crash)
    entries = engine.render_bibliography([SEASON, RANGE])
    assert [entry.id for entry in entries] == ["issue201", "season1"]
    assert entries[0].text.startswith("cfr42. (n.d.). Use of ids field")
    assert entries[1].text == "Smith, A. (2003, Spring). Title. Book Title."
    assert engine.fallback_problems == {"issue201": SIMPLIFIED}


def test_a_season_in_words_alone_is_no_date_part_but_a_season_number_is():
    # found by the CSL-JSON golden set (tests/golden_csljson/)
    magazine = {"type": "article-magazine", "title": "T", "author": [{"family": "Okafor", "given": "Chidi"}],
                "container-title": "Digest", "issue": "58"}
    items = [{**magazine, "id": "w", "issued": {"date-parts": [[2019]], "season": "Summer"}},
             {**magazine, "id": "n", "author": [{"family": "Okafor", "given": "Dayo"}],
              "issued": {"date-parts": [[2019]], "season": 3}}]
    assert bibliography("apa", items, fmt="text") == [
        "Okafor, C. (2019). T. Digest, (58).", "Okafor, D. (2019, Autumn). T. Digest, (58)."]

"""Fix: the locale's date delimiter (fixes/dates.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_DATES = [{"id": "t1", "type": "article-journal", "title": "TUGboat news", "author": [{"family": "Beeton", "given": "Barbara"}], "container-title": "TUGboat", "issued": {"date-parts": [[1987, 11]]}, "volume": "8", "issue": "3", "page": "301-301"}]


def test_dates_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_DATES)]
    assert [_spaced(t) for t in got] == ['1. Beeton B. TUGboat news. TUGboat. 1987 Nov;8(3):301–301.']


def test_dates_citations():
    assert citations('vancouver', ITEMS_DATES, [["t1"]]) == ['(1)']


# Items that crashed raw citeproc-py (a season under APA's numeric month; a full-date range
# rendered through a macro): rendered, and as citeproc-js renders them.
SEASON = {"id": "season1", "type": "paper-conference", "title": "Title", "container-title": "Book Title",
          "author": [{"family": "Smith", "given": "Alan"}], "issued": {"date-parts": [[2003]], "season": 1},
          "event-date": {"date-parts": [[2002]], "season": 3}}
RANGE = {"id": "issue201", "type": "webpage", "title": "Use of ids field creates unstable references",
         "author": [{"literal": "cfr42"}], "issued": {"date-parts": [[2014, 2, 2], [2014, 2, 7]]},
         "URL": "https://github.com/plk/biblatex/issues/201"}


def test_season_and_day_range_render_as_citeproc_js():
    assert bibliography("apa", [SEASON, RANGE]) == [
        "cfr42. (2014, February 2–7). Use of ids field creates unstable references. "
        "https://github.com/plk/biblatex/issues/201",
        "Smith, A. (2003, Spring). Title. Book Title."]
    assert [_spaced(t) for t in bibliography("vancouver", [SEASON, RANGE])] == [
        "1. Smith A. Title. In: Book Title. 2003.",
        "2. cfr42. Use of ids field creates unstable references [Internet]. 2014. "
        "Available from: https://github.com/plk/biblatex/issues/201"]


def test_an_item_that_still_crashes_the_engine_does_not_lose_the_list(monkeypatch):
    """The safety net (engine/process.py, bibliography_html): a crash inside date ranges is
    simulated; the entry is printed without its dates and named, the rest as usual."""
    from annobib.engine import SIMPLIFIED, Engine
    from annobib.engine.elements.dates import Date
    from annobib.styles import resolve_style

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

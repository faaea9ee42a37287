"""Entries and cites the style prints nothing for, as citeproc-js treats them (CSL test suite:
sort_OmittedBibRefNonNumericStyle, sort_OmittedBibRefMixedNumericStyle, date_DateNoDateNoTest)."""
from __future__ import annotations

from tests.inline_style import cite, style

from annobib.engine import Engine
from annobib.engine.process import NO_PRINTED_FORM

ITEMS = [{"id": "a", "type": "book", "title": "Book One"}, {"id": "b", "type": "personal_communication",
                                                             "title": "Letter"},
         {"id": "c", "type": "book", "title": "Book Two"}]
LAYOUT = '<choose><if match="none" type="personal_communication">{}</if></choose>'


def test_an_entry_printing_nothing_is_left_out_with_a_warning():
    body = LAYOUT.format('<text variable="title"/>')
    csl = style(bibliography=f"<bibliography><layout>{body}</layout></bibliography>")
    engine = Engine(csl)
    assert [e.html for e in engine.render_bibliography(ITEMS)] == ["Book One", "Book Two"]
    assert engine.fallback_problems == {"b": NO_PRINTED_FORM}


def test_a_numbered_style_prints_citeproc_js_error_text_in_its_place():
    body = '<group delimiter=". "><text variable="citation-number"/><text variable="title"/></group>'
    csl = style(bibliography=f"<bibliography><layout>{LAYOUT.format(body)}</layout></bibliography>")
    assert [e.html for e in Engine(csl).render_bibliography(ITEMS)] == [
        "1. Book One", "2. [CSL STYLE ERROR: reference with no printed form.]", "3. Book Two"]


def test_a_first_cite_printing_nothing_shows_the_error_text():
    csl = style('<date prefix="(" suffix=")" variable="issued"><date-part name="year"/></date>')
    assert cite(csl, [{"id": "a", "type": "book", "title": "Ignore me"}]) == \
        "[CSL STYLE ERROR: reference with no printed form.]"

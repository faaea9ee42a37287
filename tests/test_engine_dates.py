"""Dates (elements/dates.py, items.py's date reading) against citeproc-js's output (CSL test suite)."""
from __future__ import annotations

import pytest
from tests.inline_style import cite, style


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

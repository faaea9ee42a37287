"""BibTeX/biblatex dates to CSL date objects.

Accepts ``year`` + ``month`` + ``day`` and biblatex ``date`` in ISO 8601 /
EDTF level 1: ``2014-02``, ``1998-12-10/1998-12-12``, open ranges
(``2000/..``), approximate ``1565~`` and uncertain ``1565?`` (both shown as
circa). Anything else becomes a literal date with a problem reported, so a
reference still prints what the user wrote.
"""
from __future__ import annotations

import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# biblatex/EDTF seasons are months 21-24; CSL-JSON carries them as "season".
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

_ISO_PART = r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T[\d:.+\-Z]*)?([~?%]?)$"  # compiled on first use


def parse_month(value: str) -> int | None:
    text = value.strip().strip(".").lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text)


def date_from_fields(year: str | None, month: str | None, day: str | None) -> tuple[dict | None, list[str]]:
    """``issued`` from separate year/month/day fields."""
    problems: list[str] = []
    if not year:
        if month:
            problems.append("month without a year is ignored; add a year")
        return None, problems
    year = year.strip()
    if year.isdecimal() and len(year) <= 4:  # the usual "2014", without a pattern
        parts = [int(year)]
    else:
        range_match = re.fullmatch(r"(\d{3,4})\s*(?:--?|\u2013|/)\s*(\d{3,4})", year)
        if range_match:
            return {"date-parts": [[int(range_match.group(1))], [int(range_match.group(2))]]}, problems
        match = re.fullmatch(r"[\[(]?(\d{1,4})[\])]?\??", year)
        if not match:
            if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", year):
                return parse_date(year)
            problems.append(f"year '{year}' is not a number; it is printed as written")
            return {"literal": year}, problems
        parts = [int(match.group(1))]
    if month:
        number = parse_month(month)
        if number is None:
            season = _SEASONS.get(month.strip().lower())
            if season:
                return {"date-parts": [parts], "season": season}, problems
            problems.append(f"month '{month}' is not a month (1-12 or a month name); it is ignored")
        else:
            parts.append(number)
            if day and day.strip().isdigit() and 1 <= int(day) <= 31:
                parts.append(int(day))
            elif day:
                problems.append(f"day '{day}' is not a day of the month; it is ignored")
    return {"date-parts": [parts]}, problems


def parse_date(value: str) -> tuple[dict | None, list[str]]:
    """A biblatex/EDTF ``date`` field."""
    text = value.strip()
    if not text:
        return None, []
    if "/" in text:
        start, _, end = text.partition("/")
        first = _parse_point(start) if start not in ("", "..") else None
        last = _parse_point(end) if end not in ("", "..") else None
        if (start not in ("", "..") and first is None) or (end not in ("", "..") and last is None):
            return {"literal": text}, [f"date '{text}' is not an ISO 8601/EDTF date or range; it is printed as written"]
        if first is None:
            if last is None:
                return None, [f"date '{text}' has neither start nor end; it is ignored"]
            return {"date-parts": [last[0]]}, []  # ../1565: only the end is known
        result: dict = {"date-parts": [first[0]] + ([last[0]] if last else [])}
        if first[1] or (last and last[1]):
            result["circa"] = True
        if last is None:
            result["date-parts"].append([0])  # CSL-JSON's open-ended range marker
            result["date-parts"] = result["date-parts"][:1]
        return result, []
    point = _parse_point(text)
    if point is None:
        return {"literal": text}, [f"date '{text}' is not an ISO 8601/EDTF date (YYYY, YYYY-MM or YYYY-MM-DD); "
                                   "it is printed as written"]
    result = {"date-parts": [point[0]]}
    if point[1]:
        result["circa"] = True
    if point[2]:
        result["season"] = point[2]
    return result, []


def _parse_point(text: str) -> tuple[list[int], bool, int | None] | None:
    match = re.match(_ISO_PART, text.strip())
    if not match:
        return None
    year = int(match.group(1))
    parts = [year]
    season = None
    if match.group(2):
        month = int(match.group(2))
        if 21 <= month <= 24:
            season = month - 20
        elif not 1 <= month <= 12:
            return None
        else:
            parts.append(month)
            if match.group(3):
                day = int(match.group(3))
                if not 1 <= day <= 31:
                    return None
                parts.append(day)
    return parts, bool(match.group(4)), season


def iso_date(value: str) -> list[int] | None:
    """Date-parts of an ISO ``urldate``-style value, or None when not ISO."""
    point = _parse_point(value)
    if point is None or point[2]:
        return None
    return point[0]

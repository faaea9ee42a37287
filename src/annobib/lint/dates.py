"""Dates, months and page ranges that do not parse.

annobib (and biblatex, and Zotero) print a date they cannot parse as the
literal text, and sort it nowhere; a bad month is dropped. These rules say
so before that happens, and :func:`to_iso` gives the ISO form that
``--fix`` writes when the intended date is unambiguous.
"""
from __future__ import annotations

import calendar
import re

from ..map.dates import MONTHS, date_from_fields, parse_date, parse_month
from .entries import CheckedEntry
from .registry import ERROR, WARNING, Issue, entry_rule

FAMILY = "dates"
DATE_FIELDS = ("date", "urldate", "eventdate", "origdate")
_SEASON_WORDS = {"spring", "summer", "autumn", "fall", "winter"}
_ISO_MONTH_OUT_OF_RANGE = re.compile(r"^-?\d{1,4}-(\d{1,2})(?:-\d{1,2})?$")


def to_iso(text: str) -> str | None:
    """The ISO 8601 form of a date written another common way, or None when unsure.

    Accepted: ``2025/05/04``, ``2025.5.4``, ``2025-5-4``, ``4 May 2025``, ``May 4, 2025``,
    ``May 2025``, ``04.05.2025`` (day first, as written with dots). Slashed
    day/month orders are guessed only when one part is above 12.
    """
    text = re.sub(r"\s+", " ", text.strip().strip("{}")).strip()
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    patterns = [
        (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", "ymd"),
        (r"(\d{4})[-/.](\d{1,2})", "ym"),
        (r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", "dmy"),
        (rf"(\d{{1,2}})\.? ({month_names})\.?,? (\d{{4}})", "dMy"),
        (rf"({month_names})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", "Mdy"),
        (rf"({month_names})\.?,? (\d{{4}})", "My"),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", "slashed"),
    ]
    for pattern, order in patterns:
        match = re.fullmatch(pattern, text, re.I)
        if not match:
            continue
        groups = match.groups()
        if order == "slashed":
            first, second = int(groups[0]), int(groups[1])
            if first > 12 >= second:
                groups, order = (groups[0], groups[1], groups[2]), "dmy"
            elif second > 12 >= first:
                groups, order = (groups[1], groups[0], groups[2]), "dmy"
            else:
                return None  # 04/05/2025: April or May?
        parts = dict(zip(order, groups))
        year = int(parts["y"])  # every pattern has a year
        month = int(parts["m"]) if "m" in parts else MONTHS.get(parts.get("M", "").lower())
        day = int(parts["d"]) if "d" in parts else None
        if month is None or not 1 <= month <= 12:
            return None
        if day is None:
            return f"{year:04d}-{month:02d}"
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def impossible_day(date_parts: list) -> str | None:
    """A day that no calendar has (February 30), as a message, else None."""
    if len(date_parts) == 3:
        year, month, day = (int(p) for p in date_parts)
        if 1 <= month <= 12 and year > 0 and day > calendar.monthrange(year, month)[1]:
            return f"{calendar.month_name[month]} {year} has no day {day}"
    return None


def _date_problem(value: str) -> tuple[str, str] | None:
    """(rule, message) for a biblatex date value that is wrong, else None."""
    parsed, problems = parse_date(value)
    if parsed and not problems:
        for point in parsed.get("date-parts", []):
            wrong = impossible_day(point)
            if wrong:
                return "date-syntax", f"date '{value}': {wrong}"
        return None
    month = _ISO_MONTH_OUT_OF_RANGE.match(value.strip())
    if month and not (1 <= int(month.group(1)) <= 12 or 21 <= int(month.group(1)) <= 24):
        return "month-range", f"date '{value}' has month {int(month.group(1))}, outside 1-12"
    return "date-syntax", f"date '{value}' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"


def _date_field_problems(entry: CheckedEntry, rule: str):
    """(field, value, message) for each biblatex date field of the entry that breaks ``rule``."""
    for name in DATE_FIELDS:
        value = entry.plain_field(name)
        problem = _date_problem(value) if value else None
        if problem and problem[0] == rule:
            yield name, value, problem[1]


def _iso_hint(value: str) -> str | None:
    iso = to_iso(value)
    return f"write it as {iso} ('annobib check --fix' does this)" if iso else None


@entry_rule("date-syntax", FAMILY, ERROR,
            "a date, year or day that does not parse (it would print as typed, and sort nowhere)",
            "write dates as YYYY-MM-DD, YYYY-MM or YYYY (ranges as start/end); year as digits")
def date_syntax(entry: CheckedEntry):
    if entry.raw is None:
        yield from _csl_date_problems(entry, "date-syntax")
        return
    for name, value, message in _date_field_problems(entry, "date-syntax"):
        yield Issue(message, name, _iso_hint(value))
    if entry.raw_field("date"):
        return  # biblatex ignores year/month/day when date is given
    year = entry.plain_field("year")
    if year:
        issued, _ = date_from_fields(year, None, None)
        if issued and "literal" in issued and not entry.record.csl.get("status"):  # "in press" is APA's own date
            yield Issue(f"year '{year}' is not a year", "year", "give the year as digits, e.g. year = {2014}")
    day = entry.plain_field("day")
    if year and day:
        month = parse_month(entry.plain_field("month") or "")
        if not day.isdigit() or not 1 <= int(day) <= 31:
            yield Issue(f"day '{day}' is not a day of the month", "day")
        elif month and year.isdigit():
            wrong = impossible_day([year, month, day])
            if wrong:
                yield Issue(wrong, "day")


@entry_rule("month-range", FAMILY, ERROR,
            "a month outside 1-12 (or not a month name); it is dropped from the date",
            "write month = jan … dec (no braces) or a number 1-12")
def month_range(entry: CheckedEntry):
    if entry.raw is None:
        yield from _csl_date_problems(entry, "month-range")
        return
    for name, _value, message in _date_field_problems(entry, "month-range"):
        yield Issue(message, name)
    if entry.raw_field("date"):
        return
    month = entry.plain_field("month")
    if not month or parse_month(month) is not None or month.lower() in _SEASON_WORDS:
        return
    if month.isdigit():
        yield Issue(f"month '{month}' is outside 1-12", "month")
    else:
        yield Issue(f"month '{month}' is not a month", "month")


def _csl_date_problems(entry: CheckedEntry, rule: str):
    """Dates of a CSL-JSON or RIS record: a literal that should be parts, a month above 12."""
    for variable in ("issued", "accessed", "event-date", "original-date"):
        date = entry.record.csl.get(variable)
        if not isinstance(date, dict):
            continue
        if rule == "date-syntax" and date.get("literal") and not date.get("date-parts"):
            yield Issue(f"{variable} '{date['literal']}' is not a date annobib can read", None,
                        _iso_hint(str(date["literal"])))
        for point in date.get("date-parts") or []:
            if not isinstance(point, list) or len(point) < 2:
                continue
            try:
                month = int(point[1])
            except (TypeError, ValueError):
                continue
            if rule == "month-range" and not (1 <= month <= 12 or 21 <= month <= 24):
                yield Issue(f"{variable} has month {month}, outside 1-12")
            elif rule == "date-syntax":
                try:
                    wrong = impossible_day(point)
                except (TypeError, ValueError):
                    wrong = None
                if wrong:
                    yield Issue(f"{variable}: {wrong}")


# One page or page label: 123, e1002, S12, A4, 12a, M-1, 64:7 (article:page), xvii (roman front matter).
_PAGE = r"(?:[A-Za-z]{0,3}-?\d+[A-Za-z]?(?::\d+)?|[ivxlcdmIVXLCDM]+)"
_RANGE = rf"{_PAGE}(?:\s*(?:-{{1,3}}|\u2013|\u2014|\\textendash\s*|\\textemdash\s*)\s*{_PAGE})?\+?"
_PAGES = re.compile(rf"{_RANGE}(?:\s*[,;]\s*{_RANGE})*")


@entry_rule("pages-syntax", FAMILY, WARNING,
            "a page range that does not parse (not N, N--M, or a list of them)",
            "write pages = {first--last} (e.g. {217--222}); no 'pp.' and no words")
def pages_syntax(entry: CheckedEntry):
    if entry.raw is not None:
        value, field_name = entry.plain_field("pages"), "pages"
        if entry.bib_type in ("book", "mvbook", "thesis", "phdthesis", "mastersthesis") and value and value.isdigit():
            return  # a single number on a book is its page count
    else:
        value, field_name = entry.record.csl.get("page"), "pages"
    if not value:
        return
    value = str(value).strip()
    if re.match(r"(?i)^(?:pp?\.|pp?\s)\s*\d", value):
        yield Issue(f"pages '{value}' begins with 'p.' or 'pp.'", field_name,
                    "styles add 'pp.' themselves: keep only the numbers")
        return
    if not _PAGES.fullmatch(value):
        yield Issue(f"pages '{value}' is not a page or page range", field_name)
        return
    for first, last in re.findall(r"\b(\d+)\s*(?:-{1,3}|\u2013|\u2014)\s*(\d+)\b", value):
        # A shorter end is an abbreviated range (1505-17); a same-length smaller end is reversed.
        if len(last) >= len(first) and int(last) < int(first):
            yield Issue(f"page range '{first}-{last}' ends before it starts", field_name)

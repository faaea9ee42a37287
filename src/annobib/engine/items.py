"""CSL-JSON items as the engine reads them: names, dates, numbers and rich text.

citeproc-py's ``CiteProcJSON`` decides which fields are names and dates from
module-level lists that lack most CSL 1.0.2 variables, keeps empty values
(so a ``cs:if variable`` takes the wrong branch), and parses only the
``nocase`` span of CSL rich text. The engine reads items itself:

- empty strings, empty name lists and dates without parts count as absent,
  as in citeproc-js;
- every CSL 1.0.2 name and date variable is read as such;
- strings are parsed as citeproc-js parses them (engine/flipflop.py): rich
  text tags, quotes and apostrophes; a field is parsed when first printed;
- months 13–24 are seasons, year 0 is no date (an end year 0: an open range), "circa" is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .flipflop import plain as typographic
from .note_fields import apply_note_fields
from .output import Span, Text
from .person import Person, person  # noqa: F401  (Person: what names() returns)
from .richtext import parse_rich

NAME_VARIABLES = frozenset("""author chair collection-editor compiler composer container-author contributor curator
director editor editor-translator editorial-director executive-producer guest host illustrator interviewer
narrator organizer original-author performer producer recipient reviewed-author script-writer series-creator
translator""".split())
DATE_VARIABLES = frozenset("accessed available-date container event-date issued original-date submitted".split())
NUMBER_VARIABLES = frozenset("""chapter-number citation-number collection-number edition first-reference-note-number
issue locator number number-of-pages number-of-volumes page page-first part-number printing-number section
supplement-number version volume""".split())


def _clean(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if "'" in text or '"' in text:
        text = typographic(text)  # "O'Meara" prints "O’Meara", as citeproc-js prints names
    return text


@dataclass(frozen=True, slots=True)
class DatePart:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | str | None = None  # 1-4, or a season as typed ("Trinity")

    def get(self, name: str):
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class DateValue:
    parts: tuple[DatePart, ...] = ()  # one, or two for a range (the second may be open: year None)
    literal: str = ""
    circa: bool = False

    @property
    def is_range(self) -> bool:
        return len(self.parts) == 2

    def sort_key(self) -> str:
        """Begin and end as digits of a fixed length (a single date is its own end)."""
        if not self.parts:
            return ""
        end = self.parts[1] if self.is_range and self.parts[1].year is not None else self.parts[0]
        return "".join("{:06d}{:02d}{:02d}".format((p.year or 0) + 50000, p.month or 0, p.day or 0)
                       for p in (self.parts[0], end))


# months 13-24 are seasons, counted round (citeproc-js: 17 is spring again); others are no month
_SEASONS = {month: (month - 13) % 4 + 1 for month in range(13, 25)}
_SEASON_NAMES = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d{1,9}", text):  # no longer a date part (a 4,301-digit "year" is text)
        return int(text)
    return None


def _date_part(parts: list, season: int | str | None) -> DatePart | None:
    numbers = [_number(p) for p in parts[:3]]
    year = numbers[0] if numbers else None
    if year is None:
        return None
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 and month else None
    if month in _SEASONS:
        season, month, day = _SEASONS[month], None, None
    elif month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and not 1 <= day <= 31:
        day = None
    if month == 0:
        month = None
    return DatePart(year=year, month=month, day=day, season=season if month is None else None)


_RAW_RANGE = re.compile(r"\s+-\s+|/")


def date_value(data: Any) -> DateValue | None:
    if isinstance(data, str):
        data = {"raw": data}
    if not isinstance(data, dict):
        return None
    circa = bool(data.get("circa"))
    season = data.get("season")
    # a season number prints the locale's term; a season in words prints as typed (citeproc-js)
    season_number: int | str | None = _number(season) if season is not None else None
    if season is not None and season_number is None:
        season_number = str(season).strip() or None
    if isinstance(season_number, int) and season_number > 4:
        season_number = _SEASONS.get(season_number, season_number)
    raw_parts = data.get("date-parts")
    if not raw_parts and data.get("raw"):
        return _raw_date(str(data["raw"]), circa)
    parts: list[DatePart] = []
    for index, part in enumerate(raw_parts or []):
        if not isinstance(part, (list, tuple)) or not part:
            continue
        parsed = _date_part(list(part), season_number if index == 0 else None)
        if parsed is None:
            if index == 1 and parts:  # an open range ("2015–")
                parts.append(DatePart())
            continue
        if parsed.year == 0:
            if index == 1 and parts:  # an end year 0 is an open range, as an empty end is
                parts.append(DatePart())
            continue  # year 0: no date (citeproc-js)
        parts.append(parsed)
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    literal = _clean(data.get("literal"))
    if not parts:
        if literal:
            return DateValue(literal=literal, circa=circa)
        return None
    return DateValue(parts=tuple(parts[:2]), literal="", circa=circa)


def _raw_date(raw: str, circa: bool) -> DateValue | None:
    pieces = [p.strip() for p in _RAW_RANGE.split(raw.strip()) if p.strip()]
    parsed = []
    for piece in pieces[:2]:
        numbers = re.findall(r"\d+", piece)
        season = next((n for word, n in _SEASON_NAMES.items() if word in piece.lower()), None)
        if re.fullmatch(r"\d{4}(-\d{1,2}(-\d{1,2})?)?", piece):
            values = [int(n) for n in piece.split("-")]
        elif numbers and len(numbers[-1]) == 4:
            values = [int(numbers[-1])]
        else:
            return DateValue(literal=raw, circa=circa)
        part = _date_part(values, season)
        if part is None:
            return DateValue(literal=raw, circa=circa)
        parsed.append(part)
    return DateValue(parts=tuple(parsed), circa=circa) if parsed else DateValue(literal=raw, circa=circa)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


_ALIASES = (("journalAbbreviation", "container-title-short"), ("shortTitle", "title-short"))


class Item:
    """One CSL-JSON item. ``id`` is the caller's id, exactly (citeproc-py lower-cases it)."""

    __slots__ = ("id", "type", "data", "source", "_rich", "_names", "_dates", "language", "__dict__")

    def __init__(self, data: dict):
        self.source = data  # as given: what a stored result is keyed by (engine/reuse.py)
        data = apply_note_fields(data, DATE_VARIABLES, NAME_VARIABLES)
        # citeproc-js reads Zotero's names of the short forms as the CSL variables
        for short, zotero in (("title-short", "shortTitle"), ("container-title-short", "journalAbbreviation")):
            if _empty(data.get(short)) and not _empty(data.get(zotero)):
                data = {**data, short: data[zotero]}
        self.id = str(data.get("id", ""))
        self.type = str(data.get("type") or "document") if not isinstance(data.get("type"), list) else "document"
        self.data = {key: value for key, value in data.items() if key not in ("id", "type") and not _empty(value)}
        for alias, variable in _ALIASES:  # Zotero's names of the short forms (citeproc-js reads both)
            if alias in self.data and variable not in self.data:
                self.data[variable] = self.data[alias]
        self._rich: dict[str, Span] = {}
        self._names: dict[str, list[Person]] = {}
        self._dates: dict[str, DateValue | None] = {}
        self.language = str(self.data.get("language") or "")

    def without_dates(self) -> "Item":
        return Item({key: value for key, value in self.source.items() if key not in DATE_VARIABLES})

    def has(self, variable: str) -> bool:
        if variable in DATE_VARIABLES:
            return self.date(variable) is not None
        if variable in NAME_VARIABLES:
            return bool(self.names(variable))
        return variable in self.data

    def raw(self, variable: str) -> str | None:
        value = self.data.get(variable)
        if value is None:
            return None
        return str(value)

    def rich(self, variable: str) -> Span | None:
        """The field as rich text (tags, quotes, nocase spans parsed), or None when absent."""
        found = self._rich.get(variable)
        if found is None:
            value = self.data.get(variable)
            if value is None:
                return None
            found = self._rich[variable] = parse_rich(str(value))
        return found

    def names(self, variable: str) -> list[Person]:
        found = self._names.get(variable)
        if found is None:
            value = self.data.get(variable)
            people = [person(entry) for entry in value] if isinstance(value, list) else []
            found = self._names[variable] = [p for p in people if p.family or p.given or p.literal]
        return found

    def date(self, variable: str) -> DateValue | None:
        if variable not in self._dates:
            self._dates[variable] = date_value(self.data.get(variable))
        return self._dates[variable]

    @cached_property
    def fingerprint(self) -> str:
        from .reuse import data_print

        return data_print(self.source)

    @cached_property
    def english(self) -> bool | None:
        """Whether the item's language is English; None when it has none (the style's default decides)."""
        if not self.language:
            return None
        return self.language.lower().startswith("en")


def plain_text(span: Span | None) -> str:
    """The text of a parsed field, without markup (quotes as the data had them)."""
    if span is None:
        return ""
    out = []
    for child in span.children:
        out.append(child.text if isinstance(child, Text) else plain_text(child))
    return "".join(out)

"""cs:number, page ranges and numeric values.

citeproc-py's ``FormatNumber`` compares page numbers character by character
("206-206" loses its end, "1-11" becomes "1–1"), never expands "689-97",
and splits any value at "-" ("436S-439S" is mangled); ``Number`` reads
hyphenated variables under the wrong name and formats only plain integers.
As citeproc-js does:
- a page range of two numbers (optionally with the same letter prefix) is
  expanded, then shortened per the style's ``page-range-format``, and joined
  with the locale's ``page-range-delimiter`` (en dash by default); anything
  else prints as given;
- a number variable is numeric when it is numbers (with letter affixes)
  separated by "-", ",", "&" or "and"; each number is then formatted in the
  cs:number's form (ordinal, long-ordinal, roman), separators kept with
  ranges as en dashes; a non-numeric value prints as it is.
"""
from __future__ import annotations

import re

from citeproc import model

from ..context import Scope
from ..output import Span, Text
from .base import Rendering

# one hyphen or dash: citeproc-js prints "123--145" as typed
RANGE = re.compile(r"^\s*([a-zA-Z]*)(\d+)\s*(?:-|\u2013|\u2014)\s*([a-zA-Z]*)(\d+)(\s+\S.*)?$")
ROMAN_PAGES = re.compile(r"^\s*([ivxlcdm]+)\s*(?:-|\u2013)\s*([ivxlcdm]+)\s*$", re.I)
ROMAN_RANGE = re.compile(r"^\s*(\d+|[ivxlcmIVXLCM]+)\s*(?:-+|\u2013)\s*(\d+|[ivxlcmIVXLCM]+)\s*$")
NUMERIC = re.compile(r"^\s*[a-z]*\d+[a-z]*(?:\s*(?:[-\u2013,&]|and)\s*[a-z]*\d+[a-z]*)*\s*$", re.I)
_TOKENS = re.compile(r"(\s*(?:-+|\u2013|,|&|\band\b)\s*)")
EN_DASH = "\u2013"


def is_numeric(value) -> bool:
    return bool(NUMERIC.match(str(value)))


def count_numbers(value: str) -> int:
    """How many numbers a value names: "1-3" and "1, 3" are several; "2.0" and a value that is not
    numeric ("64:1-64:7") count as one (citeproc-js)."""
    text = str(value)
    if ROMAN_PAGES.match(text):  # "iii-xv": a range of roman page numbers (citeproc-js: "pp.")
        return 2
    if not is_numeric(text):
        return 1 if text.strip() else 0
    return len(re.findall(r"\d+", text))


def shorten(first: str, last: str, range_format: str | None) -> str:
    """The second page number as the style shows it (both already full numbers)."""
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            range_format = "expanded"
        elif range_format != "chicago-16" and len(first) >= 4 and first[:-2] != last[:-2]:
            range_format = "expanded"
        elif number % 100 < 10:
            range_format = "minimal"
        else:
            range_format = "minimal-two"
    if range_format not in ("minimal", "minimal-two") or len(first) != len(last) or int(last) <= int(first):
        return last
    keep = 1 if range_format == "minimal" else 2
    index = 0
    while index < len(first) - keep and first[index] == last[index]:
        index += 1
    return last[index:]


def expand(first: str, last: str) -> str:
    """"689-97" means 689–697."""
    if len(last) < len(first):
        return first[: len(first) - len(last)] + last
    return last


def _one_range(text: str, range_format: str | None, delimiter: str) -> str | None:
    match = RANGE.match(text)
    if not match or match.group(1) != match.group(3):
        return None
    prefix, first = match.group(1), match.group(2)
    last = expand(first, match.group(4))
    if int(last) < int(first):  # "485-405": no shortening, only the dash (citeproc-js)
        return prefix + first + delimiter + match.group(3) + match.group(4) + (match.group(5) or "")
    short = shorten(first, last, range_format) if range_format else last
    second = prefix + last if short == last else short
    return prefix + first + delimiter + second + (match.group(5) or "")


def page_range(element, value: str, scope: Scope) -> str:
    """A page value as the style prints it (ranges formatted, lists part by part)."""
    style = scope.context.style
    range_format = style.get("page-range-format")
    delimiter = style.term("page-range-delimiter") or EN_DASH
    parts = re.split(r"(\s*,\s*|\s*&\s*)", str(value))
    out: list[str] = []
    for index in range(0, len(parts), 2):
        part = parts[index].strip()
        if not part:
            continue  # "&" alone, or a separator at an end, prints nothing (citeproc-js)
        if out:
            out.append(", " if "," in parts[index - 1] else " & ")
        ranged = _one_range(part, range_format, delimiter)
        if ranged is None and (roman := ROMAN_PAGES.match(part)):
            ranged = roman.group(1) + delimiter + roman.group(2)  # "iii-xv": the dash only
        out.append(ranged if ranged is not None else part)
    return "".join(out)


def range_text(value: str) -> str | None:
    """A numeric range in a number variable with an en dash ("2-4" -> "2–4"), or None."""
    match = ROMAN_RANGE.match(value)
    if match:
        return match.group(1) + EN_DASH + match.group(2)
    if NUMERIC.match(value) and "-" in value:
        return re.sub(r"\s*-+\s*", EN_DASH, value.strip())
    return None


def romanize(number: int) -> str:
    numerals = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
    out = []
    for letters, amount in numerals:
        count, number = divmod(number, amount)
        out.append(letters * count)
    return "".join(out)


class Number(Rendering, model.Number):
    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        variable = self.get("variable")
        if variable is None:
            return None
        value = self._value(scope, variable)
        if value is None:
            scope.note(True, False)
            return None
        node = Span([Text(self.formatted(value, scope, variable))])
        result = self.decorate(node, scope)
        scope.note(True, result is not None)
        if result is not None:
            scope.started = True
        return result

    def _value(self, scope: Scope, variable: str) -> str | None:
        if variable == "locator":
            return str(scope.cite.locator) if scope.cite.locator is not None else None
        if variable == "citation-number":
            number = scope.context.numbers.get(scope.item.id)
            return str(number) if number is not None else None
        if variable == "first-reference-note-number":
            return str(scope.cite.first_note) if scope.cite.first_note else None
        if variable in scope.suppressed:
            return None
        for frame in scope.recording:
            frame.add(variable)
        value = scope.item.raw(variable)
        if value is not None and variable == "number":
            value = re.sub(r"^no\.\s*(?=\d)", "", value)
        return value

    def formatted(self, value: str, scope: Scope, variable: str) -> str:
        form = self.get("form", "numeric")
        if not is_numeric(value):
            return value
        style = scope.context.style
        gender = style.term_gender(variable if variable != "locator" else (scope.cite.label or "page"))
        pieces = _TOKENS.split(value.strip())
        out = []
        for index, piece in enumerate(pieces):
            if index % 2:
                stripped = piece.strip()
                if stripped.startswith("-") or stripped == EN_DASH:
                    out.append(EN_DASH)
                elif stripped == ",":
                    out.append(", ")
                elif stripped == "&":
                    out.append(" & ")
                else:
                    out.append(f" {stripped} ")
                continue
            out.append(self._one(piece, form, style, gender))
        return "".join(out)

    @staticmethod
    def _one(piece: str, form: str, style, gender: str | None) -> str:
        match = re.fullmatch(r"([a-zA-Z]*)(\d+)([a-zA-Z]*)", piece)
        if not match or form == "numeric" or match.group(1) or match.group(3):
            return piece  # "2nd", "A2": printed as typed in every form (citeproc-js)
        prefix, digits, suffix = match.groups()
        number = int(digits)
        if form == "ordinal":
            text = style.ordinal(number, gender)
        elif form == "long-ordinal":
            text = style.long_ordinal(number, gender)
        elif form == "roman":
            text = romanize(number) if number > 0 else digits
        else:
            text = digits
        return prefix + text + suffix

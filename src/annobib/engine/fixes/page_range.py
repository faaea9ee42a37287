"""page-range-format and the page-range delimiter (fidelity map 3, 11, 21).

``FormatNumber._format_last_page`` abbreviates by comparing characters from
the left without parsing numbers: "206-206" loses its second half, "1-11"
becomes "1–1", and "expanded" never expands "689-97". ``_process`` also
splits any value on "-", so "436S-439S" and "64:1-64:7" are mangled. As in
citeproc-js, only a range of two plain numbers is reformatted: the second
number is first expanded to full length, then shortened per the style's
``page-range-format``; anything else is printed as given.
"""
from __future__ import annotations

import re

RANGE = re.compile(r"^\s*(\d+)\s*(?:-+|\u2013|\u2014)\s*(\d+)\s*$")
# citeproc-js also reads a letter prefix ("e12-e19", "c2-c2") and a trailing remark ("775-784 vol.2")
PREFIXED = re.compile(r"^\s*([a-zA-Z]*)(\d+)\s*(?:-+|\u2013|\u2014)\s*([a-zA-Z]*)(\d+)(\s+\S.*)?$")
# and, for number variables, roman numerals: volume "60-I", issue "II-IV" (but "91-A" stays)
ROMAN_RANGE = re.compile(r"^\s*(\d+|[ivxlcmIVXLCM]+)\s*(?:-+|\u2013)\s*(\d+|[ivxlcmIVXLCM]+)\s*$")
NUMBER_VARIABLES = frozenset({"volume", "issue", "number", "edition", "chapter-number", "collection-number",
                              "number-of-pages", "number-of-volumes", "supplement-number", "part-number"})


def apply() -> None:
    from citeproc import model

    model.FormatNumber._process = _process


def shorten(first: str, last: str, range_format: str | None) -> str:
    """The second page number as the style shows it (both already full numbers)."""
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
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


def _process(self, value, variable):
    from citeproc.string import String, join

    page_like = variable.startswith("page") or variable == "locator"
    delimiter = (self.get_single_term(name="page-range-delimiter") if page_like else None) \
        or self.unicode_character("EN DASH")
    range_format = self.get_root().get_option("page-range-format") if variable in ("page", "locator") else None
    text = str(value)
    match = RANGE.match(text)
    if match:
        first, last = match.group(1), expand(match.group(1), match.group(2))
        if variable == "page-first":
            return String(self.format_number(first))
        if range_format:
            last = shorten(first, last, range_format)
        return join([String(self.format_number(first)), String(self.format_number(last))], delimiter)
    ranged = None if "&" in text else range_text(self, text, variable, delimiter, range_format)
    if ranged is not None:
        return ranged
    if "," in text or "&" in text:
        # A list of pages: each part ranged on its own, commas and ampersands kept
        # ("12-15 & 20-25" -> "12–15 & 20–25", as citeproc-js prints it).
        parts = re.split(r"\s*(,|&amp;|&)\s*", text)
        pieces = []
        for part, separator in zip(parts[::2], [None] + parts[1::2]):
            if part:
                if pieces and separator is not None:
                    pieces.append(String(", " if separator == "," else " &amp; "))
                pieces.append(_process(self, part, variable))
        return join(pieces, "")
    if variable == "page-first":
        return String(re.split(r"[-\u2013,]", text)[0].strip())
    return String(self.format_number(text.strip()) if text.strip().isdigit() else text)


def range_text(self, text: str, variable: str, delimiter=None, range_format=None):
    """A range citeproc-js's number parser recognises beyond plain "12-15", or None.

    Same letter prefix on both ends: the numbers are ranged as pages are (a
    shortened end loses its prefix, "e12–9"); a remark after a page range
    is kept; in number variables two numbers or roman numerals get an en dash.
    """
    from citeproc.string import String

    delimiter = delimiter or self.unicode_character("EN DASH")
    if variable == "page-first":
        return None
    match = PREFIXED.match(text)
    if match and match.group(1) == match.group(3) and (variable in ("page", "locator") or not match.group(5)):
        prefix, first = match.group(1), match.group(2)
        last = expand(first, match.group(4))
        short = shorten(first, last, range_format) if range_format else last
        second = prefix + last if short == last else short
        return String(prefix + first) + delimiter + String(second + (match.group(5) or ""))
    if variable in NUMBER_VARIABLES:
        match = ROMAN_RANGE.match(text)
        if match:
            return String(match.group(1)) + delimiter + String(match.group(2))
    return None

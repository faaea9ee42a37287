"""Page ranges in the style's ``page-range-format``, as citeproc-js's ``PageRangeMangler`` does it.

Each range in a page value ("110-5", "N110 - N5", "xxv–xxviii") is found,
its second number expanded when it is shorter and of the same prefix
("110-5" is 110–115), and then written:
- expanded (or no format): the whole second number, "110–115";
- minimal: only the digits that change, "110–5"; minimal-two: at least
  two, "110–15";
- chicago (15th edition): under 100 and at hundreds in full, else the
  last two digits when the hundreds are the same, the last three from
  10000 up ("71–72", "100–104", "321–25", "13792–803");
- chicago-16: the fewest digits from two up that keep the hundreds
  (or thousands …) the same ("1496–500").
A range whose end is lower ("485-405") keeps its numbers. The locale's
``page-range-delimiter`` (an en dash) replaces the hyphen.
"""
from __future__ import annotations

import re

from .integers import digits_value

EN_DASH = "\u2013"
_RANGE = re.compile(r"([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)\s*(?:\u2013|-)\s*([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)")
_LISTED_RANGE = r"(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*\s+\-\s+(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*"
_LISTED = re.compile(_LISTED_RANGE)
_LEADING_INT = re.compile(r"^\s*([-+]?\d+)")


def js_int(value: str) -> int | None:
    """JavaScript's parseInt(value, 10): the leading integer, or None (NaN)."""
    match = _LEADING_INT.match(str(value))
    return digits_value(match.group(1)) if match else None


def _listify(text: str, delimiter: str) -> list:
    """[text, range, text, range, …] with each range written "a-b"."""
    own = "" if delimiter == "-" else "".join(re.escape(ch) for ch in delimiter)
    text = re.sub("([^\\\\])[-" + own + "\u2013]", r"\1 - ", text)
    text = re.sub(r"\s+-\s+", " - ", text)
    ranges = _LISTED.findall(text)
    between = _LISTED.split(text)
    out: list = [between[0]]
    for position in range(1, len(between)):
        out.append(re.sub(r"\s*\-\s*", "-", ranges[position - 1]))
        out.append(between[position])
    return out


def _expand(parts: list, delimiter: str) -> list:
    """Each range as [prefix, first, delimiter + prefix, last] with the last number in full."""
    for position in range(1, len(parts), 2):
        match = _RANGE.search(parts[position])
        if match:
            prefix, first, second_prefix, last = (g or "" for g in match.groups())
            if not second_prefix or prefix == second_prefix:
                if len(last) < len(first):
                    last = first[: len(first) - len(last)] + last
                if (js_int(first) or 0) < (js_int(last) or 0):
                    parts[position] = [prefix, first, delimiter + prefix, last]
        if isinstance(parts[position], str):
            parts[position] = parts[position].replace("-", delimiter)
    return parts


def _stringify(parts: list, delimiter: str) -> str:
    text = "".join("".join(p) if isinstance(p, list) else p for p in parts)
    return re.sub(r"([^\\])\-", lambda m: m.group(1) + delimiter, text)


def _minimal_end(first: str, last: str, keep: int) -> str:
    """The end of a range without the leading digits it shares with the beginning (``keep`` at least)."""
    if len(first) != len(last):
        return last
    index = 0
    while index < len(first) and first[index] == last[index] and len(last) - index > keep:
        index += 1
    return last[index:]


def _drop_repeated_prefix(rng: list, delimiter: str) -> None:
    if rng[2][1:] == rng[0]:
        rng[2] = delimiter


def mangle_page_range(text: str, range_format: str | None, delimiter: str) -> str:
    """``text`` (a page value with ranges) in ``range_format``, joined with ``delimiter``."""
    parts = _expand(_listify(text, delimiter), delimiter)
    ranges = [p for p in parts[1::2] if isinstance(p, list)]
    if range_format in ("minimal", "minimal-two"):
        keep = 2 if range_format == "minimal-two" else 0
        for rng in ranges:
            rng[3] = _minimal_end(rng[1], rng[3], keep)
            _drop_repeated_prefix(rng, delimiter)
    elif range_format in ("chicago", "chicago-15", "chicago-16"):
        for rng in ranges:
            begin, end = js_int(rng[1]) or 0, js_int(rng[3]) or 0
            if range_format == "chicago-16":
                if begin > 100 and begin % 100:
                    for digits in range(2, len(str(end))):
                        divisor = 10 ** digits
                        if begin // divisor == end // divisor:
                            rng[3] = str(end % divisor)
                            break
            elif begin > 100 and begin % 100 and begin // 100 == end // 100:
                rng[3] = str(end % 100)
            elif begin >= 10000:
                rng[3] = str(end % 1000)
            _drop_repeated_prefix(rng, delimiter)
    return _stringify(parts, delimiter)

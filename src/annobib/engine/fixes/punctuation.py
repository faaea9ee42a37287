"""Punctuation where two rendered pieces meet (fidelity map 6, 12).

``string.normalize_seam`` only drops a repeated identical mark, and only
when it is the very last character, so a title ending in "?" followed by the
style's "." prints "management?.", an italic title ending in "." gets a
second one after ``</i>``, and the locale's ``punctuation-in-quote`` is
ignored ("“KANTARO”." where en-US prints "“KANTARO.”"). citeproc-js applies
these rules where output pieces are joined (``CSL.Output.Queue.adjust``):
- a terminal "?" or "!" absorbs a following ".";
- a mark already ending the left piece (closing tags aside) is not repeated;
- with ``punctuation-in-quote="true"``, a "." or "," that follows a closing
  quote moves inside it (and inside the closing tags around it).
They are applied at the concatenation seams (``MixedString.__add__``,
``string.join``, ``Affixed.wrap``), not on the finished string.

Speed (issue 8): a seam is decided from the first character of the right
piece and the last two of the left one; only a left piece ending in ";" or
">" (an entity, closing tags) takes the general path over whole strings.
"""
from __future__ import annotations

import re

from citeproc.string import MixedString

from ..state import CURRENT

ABSORBS_PERIOD = frozenset("?!")
CLOSE_QUOTES = ("\u201d", "\u2019")
_CLOSING_TAGS = re.compile(r"(?:</[a-z]+>)+$")
_ENTITY_END = re.compile(r"&(?:[a-zA-Z]+|#\d+);$")
SEAM_START = frozenset(" .,;:!?")  # the first characters some seam rule looks at
PUNCTUATION = frozenset(".,;:!?")


def apply() -> None:
    from citeproc import model
    from citeproc import string as cstring

    original = cstring.normalize_seam
    String, strip = cstring.String, cstring._strip_first_char

    def exact_seam(left, other):
        """The seam rules on whole strings (the general case)."""
        if _ENTITY_END.search(str(left)):  # "&gt;" ends in ";" but is no punctuation mark
            return other
        other = original(left, other)
        left_str, other_str = str(left), str(other)
        if not left_str or not other_str or other_str[0] not in ".,;:!?":
            return other
        body = _visible_end(left_str)
        if other_str[0] == "." and body[-1:] in ABSORBS_PERIOD:
            return strip(other)
        if body[-1:] == other_str[0] or (body[-1:] in CLOSE_QUOTES and body[-2:-1] == other_str[0]
                                         and CURRENT.punctuation_in_quote):
            return strip(other)
        return other

    def normalize_seam(left, other):
        # speed: most seams start with a letter or tag, which no rule touches (no str() of the whole left)
        first = first_char(other)
        if first not in SEAM_START:
            return other
        tail = last_chars(left)
        if not tail:
            return other
        last = tail[-1]
        if last == ";" or last == ">":  # an entity or closing tags: the general rules
            return exact_seam(left, other)
        # as exact_seam with nothing to strip from the left: first the double space or mark...
        if first == " " or last == first:
            if last != first:
                return other
            other = strip(other)
            first = first_char(other)
            if first not in PUNCTUATION:
                return other
        # ...then the merge rules
        if (first == "." and last in ABSORBS_PERIOD) or last == first \
                or (last in CLOSE_QUOTES and tail[-2:-1] == first and CURRENT.punctuation_in_quote):
            return strip(other)
        return other

    def concat(left, other):
        """``left + other`` with the seam rules, the mark moved into a closing quote if due."""
        if first_char(other) not in SEAM_START:  # speed: no rule applies to this seam
            return left + other
        moved = _into_quote(left, other)
        if moved is not None:
            left, other = moved
            if str(other) == "":
                return left
        return left + normalize_seam(left, other)

    add = cstring.MixedString.__add__

    def exact_add(self, other):
        moved = _into_quote(self, other)
        if moved is not None:
            self, other = moved
            if other == "" or other == []:
                return self
        return add(self, other)

    def mixed_add(self, other):
        # speed: a piece starting with no mark or space: no seam rule applies, just concatenate
        first = first_char(other)
        if first and first not in SEAM_START:
            try:
                return self.__class__(list.__add__(self, other))
            except TypeError:
                return self.__class__(list.__add__(self, MixedString([other])))
        return exact_add(self, other)

    def join(items, delimiter=""):
        items = iter(items)
        try:
            output = next(items)
        except StopIteration:
            return cstring.String("")
        for item in items:
            output = concat(output, delimiter)
            output = concat(output, item)
        return output

    def wrap(self, string):
        if string is None:
            return None
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        if not prefix and not suffix and keeps_empty(string):  # speed: no affixes, nothing to do
            return string
        text = prefix + normalize_seam(prefix, string)
        return concat(text, suffix)

    def keeps_empty(value):
        """Whether ``"" + value`` and ``value + ""`` give ``value`` back (a tag wrapper becomes str)."""
        return type(value) is str or isinstance(value, (String, MixedString))

    cstring.normalize_seam = model.normalize_seam = normalize_seam
    cstring.MixedString.__add__ = mixed_add
    cstring.join = model.join = join
    model.Affixed.wrap = wrap


def first_char(text) -> str:
    """``str(text)[:1]`` without building the whole string."""
    if isinstance(text, str):
        return text[:1]
    if isinstance(text, MixedString):  # its first non-empty segment
        for segment in list.__iter__(text):
            segment = str(segment)
            if segment:
                return segment[0]
        return ""
    return str(text)[:1]


def is_filled(text) -> bool:
    """``str(text) != ""`` without building the whole string."""
    if isinstance(text, str):
        return text != ""
    return first_char(text) != ""


def last_chars(text, count: int = 2) -> str:
    """``str(text)[-count:]`` without building the whole string."""
    if isinstance(text, str):
        return text[-count:]
    if isinstance(text, MixedString):
        tail = ""
        for segment in list.__reversed__(text):
            tail = str(segment) + tail
            if len(tail) >= count:
                break
        return tail[-count:]
    return str(text)[-count:]


def _visible_end(text: str) -> str:
    """The text without the closing tags it ends with."""
    return _CLOSING_TAGS.sub("", text)


def _into_quote(left, other):
    """(left with the mark inside its closing quote, other without it), or None."""
    from citeproc.string import String, _strip_first_char

    if not CURRENT.punctuation_in_quote:
        return None
    mark = first_char(other)
    if mark != "." and mark != ",":
        return None
    if isinstance(left, MixedString):
        if not left:
            return None
        last = list.__getitem__(left, -1)  # speed: no copy of the segments unless a mark moves
    else:
        last = left
    raw = str(last)
    if not raw.endswith(("\u201d", ">")):  # speed: the closing quote, maybe inside closing tags
        return None
    body = _visible_end(raw)
    if not body.endswith("\u201d"):
        return None
    segments = list(left) if isinstance(left, MixedString) else [left]
    before = body[:-1]
    new_raw = (before if before.endswith(mark) else before + mark) + "\u201d" + raw[len(body):]
    if isinstance(last, String):
        replaced = type(last)(new_raw)
    elif isinstance(last, str) and type(last) is not str:  # a formatter's tag wrapper: finished HTML
        from .rich_text import Markup

        replaced = Markup(new_raw)
    else:
        replaced = new_raw
    return MixedString(segments[:-1] + [replaced]), _strip_first_char(other)

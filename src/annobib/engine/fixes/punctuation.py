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
"""
from __future__ import annotations

import re

from ..state import CURRENT

ABSORBS_PERIOD = frozenset("?!")
CLOSE_QUOTES = ("\u201d", "\u2019")
_CLOSING_TAGS = re.compile(r"(?:</[a-z]+>)+$")
_ENTITY_END = re.compile(r"&(?:[a-zA-Z]+|#\d+);$")


def apply() -> None:
    from citeproc import model
    from citeproc import string as cstring

    original = cstring.normalize_seam

    def normalize_seam(left, other):
        if _ENTITY_END.search(str(left)):  # "&gt;" ends in ";" but is no punctuation mark
            return other
        other = original(left, other)
        left_str, other_str = str(left), str(other)
        if not left_str or not other_str or other_str[0] not in ".,;:!?":
            return other
        body = _visible_end(left_str)
        if other_str[0] == "." and body[-1:] in ABSORBS_PERIOD:
            return cstring._strip_first_char(other)
        if body[-1:] == other_str[0] or (body[-1:] in CLOSE_QUOTES and body[-2:-1] == other_str[0]
                                         and CURRENT.punctuation_in_quote):
            return cstring._strip_first_char(other)
        return other

    def concat(left, other):
        """``left + other`` with the seam rules, the mark moved into a closing quote if due."""
        moved = _into_quote(left, other)
        if moved is not None:
            left, other = moved
            if str(other) == "":
                return left
        return left + normalize_seam(left, other)

    add = cstring.MixedString.__add__

    def mixed_add(self, other):
        moved = _into_quote(self, other)
        if moved is not None:
            self, other = moved
            if other == "" or other == []:
                return self
        return add(self, other)

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
        text = prefix + normalize_seam(prefix, string)
        return concat(text, suffix)

    cstring.normalize_seam = model.normalize_seam = normalize_seam
    cstring.MixedString.__add__ = mixed_add
    cstring.join = model.join = join
    model.Affixed.wrap = wrap


def _visible_end(text: str) -> str:
    """The text without the closing tags it ends with."""
    return _CLOSING_TAGS.sub("", text)


def _into_quote(left, other):
    """(left with the mark inside its closing quote, other without it), or None."""
    from citeproc.string import MixedString, String, _strip_first_char

    other_str = str(other)
    if not CURRENT.punctuation_in_quote or other_str[:1] not in (".", ","):
        return None
    segments = list(left) if isinstance(left, MixedString) else [left]
    if not segments:
        return None
    last = segments[-1]
    raw = str(last)
    body = _visible_end(raw)
    if not body.endswith("\u201d"):
        return None
    mark = other_str[0]
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

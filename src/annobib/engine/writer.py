"""Writing the output tree (engine/output.py) as HTML, with citeproc-js's output rules.

Rules applied where two pieces of output meet (citeproc-js applies them in
its output queue, ``CSL.Output.Queue``; CSL 1.0.2 names some of them):
- a space after a space is dropped;
- a punctuation mark after the same mark is dropped, and "?" or "!" absorbs
  a following "." (closing tags between them do not count);
- with the locale's ``punctuation-in-quote``, a "." or "," after a closing
  quote moves inside it;
- formatting that is already in force flips: italics inside italics print
  roman (``font-style:normal``), and back again one level further in; the
  same for bold and small caps;
- quotes nested inside quotes take the locale's other quote marks; the data's
  single (or inner) quotes print as inner ones where no quote encloses them.
"""
from __future__ import annotations

import html
import re
import unicodedata

from .output import Node, Span, Text, is_empty

PUNCTUATION = ".,;:!?"
SWAP_IN = ".,!?"  # the marks punctuation-in-quote moves inside a closing quote
# Two marks that meet: what citeproc-js's output queue keeps (its LtoR_MAP); a pair not
# listed keeps both, a mark after the same mark is dropped.
_MERGED = {
    "!": {".": "!", ":": "!"},
    "?": {".": "?", ":": "?"},
    ":": {"!": "!", "?": "?", ".": ":"},
    ";": {"!": "!", "?": "?", ":": ";", ".": ";"},
}


def merge_marks(left: str, right: str) -> str:
    """The punctuation printed where mark ``left`` meets mark ``right``."""
    if left == right:
        return left
    return _MERGED.get(left, {}).get(right, left + right)

_ON = {
    ("font-style", "italic"): ("<i>", "</i>"),
    ("font-style", "oblique"): ("<em>", "</em>"),  # citeproc-js writes oblique as <em>
    ("font-weight", "bold"): ("<b>", "</b>"),
    ("font-variant", "small-caps"): ('<span style="font-variant:small-caps;">', "</span>"),
    ("text-decoration", "underline"): ('<span style="text-decoration:underline;">', "</span>"),
    ("vertical-align", "sup"): ("<sup>", "</sup>"),
    ("vertical-align", "sub"): ("<sub>", "</sub>"),
    ("vertical-align", "baseline"): ('<span style="baseline">', "</span>"),
}
_NORMAL = {
    "font-style": ('<span style="font-style:normal;">', "</span>"),
    "font-weight": ('<span style="font-weight:normal;">', "</span>"),
    "font-variant": ('<span style="font-variant:normal;">', "</span>"),
    "text-decoration": ('<span style="text-decoration:none;">', "</span>"),
}
_DEFAULT = {"font-style": "normal", "font-weight": "normal", "font-variant": "normal",
            "text-decoration": "none", "vertical-align": "baseline"}
DISPLAY_CLASSES = {"block": "csl-block", "left-margin": "csl-left-margin",
                   "right-inline": "csl-right-inline", "indent": "csl-indent"}

_TEXT, _OPEN, _CLOSE, _QCLOSE = 0, 1, 2, 3
_PREFIX, _DELIMITER = "prefix", "delimiter"  # where a text token came from, for the seam rules

# citeproc-js's HTML output writes these superscript characters as <sup> and the base
# character (CSL.SUPERSCRIPTS): "ª" is <sup>a</sup>, "™" <sup>TM</sup>. The base is the
# character's compatibility decomposition, but for four that have none. (The plain text,
# made from the HTML, then holds the base character: "m²" is "m2", as data's <sup> is.)
_SUPERSCRIPT_CHARS = ("ª²³¹ºʰʱʲʳʴʵʶʷʸˠˡˢˣˤᴬᴭᴮᴰᴱᴲᴳᴴᴵᴶᴷᴸᴹᴺᴼᴽᴾᴿᵀᵁᵂᵃᵄᵅᵆᵇᵈᵉᵊᵋᵌᵍᵏ"
                      "ᵐᵑᵒᵓᵔᵕᵖᵗᵘᵙᵚᵛᵜᵝᵞᵟᵠᵡ⁰ⁱ⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ℠™㆒㆓㆔㆕㆖㆗㆘㆙㆚㆛㆜㆝㆞㆟ˀˁۥۦ")
SUPERSCRIPTS = {ch: unicodedata.normalize("NFKD", ch) for ch in _SUPERSCRIPT_CHARS}
SUPERSCRIPTS.update({"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"})
_SUPERSCRIPT = re.compile(f"[{_SUPERSCRIPT_CHARS}]")


def escape(value: str) -> str:
    """Text as citeproc-js's HTML output escapes it."""
    value = html.escape(value, quote=False)
    if _SUPERSCRIPT.search(value):
        value = _SUPERSCRIPT.sub(lambda match: f"<sup>{SUPERSCRIPTS[match.group()]}</sup>", value)
    return value


class Writer:
    """One piece of output (an entry or a citation) being written."""

    def __init__(self, quotes: tuple[str, str, str, str], punctuation_in_quote: bool):
        self.quote_marks = quotes  # open, close, open inner, close inner
        self.piq = punctuation_in_quote
        self.tokens: list[list] = []  # [kind, html or text]
        self.state = dict(_DEFAULT)
        self.quotes_open: list[bool] = []  # per open quote: inner marks?
        self.trim_lead = False  # the entry's first display block: its leading space goes
        self.atomic = 0  # inside one field's own text (no output rules but at its first character)
        self.atomic_started = False

    # -- the tree ----------------------------------------------------------
    def node(self, node: Node | None) -> None:
        if node is None:
            return
        if isinstance(node, Text):
            if node.raw:
                self.tokens.append([_OPEN, node.text])  # markup: never merged with text
            else:
                self.add_text(node.text, _DELIMITER if node.delimiter else None)
            return
        self.span(node)

    def span(self, span: Span) -> None:
        if span.atomic and not self.atomic:
            self.atomic, self.atomic_started = 1, False
            try:
                self._span(span)
            finally:
                self.atomic = 0
            return
        self._span(span)

    def _span(self, span: Span) -> None:
        if span.display and is_empty(span):
            return  # a display block with nothing in it is not written (citeproc-js)
        if span.display:
            # a block that opens the entry: citeproc-js moves its leading space out in front of it
            self.trim_lead = not any(kind in (_TEXT, _QCLOSE) for kind, *_ in self.tokens)
            self.tokens.append([_OPEN, f'<div class="{DISPLAY_CLASSES.get(span.display, "csl-block")}">'])
        if span.prefix:
            self.add_text(span.prefix, _PREFIX)
        if span.link:
            self.tokens.append([_OPEN, f'<a href="{html.escape(span.link, quote=True)}">'])
        closers, saved = self._open_formatting(span)
        if span.quotes:
            # a quote inside a quote takes the other marks; else the data's kind decides
            inner = not self.quotes_open[-1] if self.quotes_open else span.inner_quotes
            self.add_text(self.quote_marks[2 if inner else 0])
            self.quotes_open.append(inner)
        for child in span.children:
            self.node(child)
        if span.quotes:
            inner = self.quotes_open.pop()
            self._close_quote(self.quote_marks[3 if inner else 1])
        for closer in reversed(closers):
            self.tokens.append([_CLOSE, closer])
        self.state = saved
        if span.link:
            self.tokens.append([_CLOSE, "</a>"])
        if span.suffix:
            self.add_text(span.suffix)
        if span.display == "right-inline":
            self._strip_trailing_space()  # citeproc-js trims the end of a right-inline block
        if span.display:
            self.tokens.append([_CLOSE, "</div>"])

    def _strip_trailing_space(self) -> None:
        for token in reversed(self.tokens):
            if token[0] == _TEXT:
                token[1] = token[1].rstrip()
                if token[1]:
                    return
            elif token[0] != _CLOSE:
                return

    def _open_formatting(self, span: Span) -> tuple[list[str], dict]:
        saved = dict(self.state)
        closers: list[str] = []
        wanted = list(span.fmt)
        if span.nodecor:
            wanted = [(name, "normal") for name in ("font-style", "font-weight", "font-variant")]
        for name, value in wanted:
            current = self.state.get(name, _DEFAULT.get(name))
            if name == "vertical-align":
                if value == current:
                    continue
                opener, closer = _ON.get((name, value), ("", ""))
            elif value in ("normal", "none"):
                if current in ("normal", "none"):
                    continue
                opener, closer = _NORMAL[name]
            elif current == value or (name == "font-style" and current in ("italic", "oblique")):
                opener, closer = _NORMAL[name]  # flip-flop: already in force
                value = _DEFAULT[name]
            else:
                opener, closer = _ON.get((name, value), ("", ""))
            self.state[name] = value
            if opener:
                self.tokens.append([_OPEN, opener])
                closers.append(closer)
        return closers, saved

    # -- seams -------------------------------------------------------------
    def _previous(self) -> int | None:
        """The index of the last text or closing quote, when only closing tags follow it."""
        for index in range(len(self.tokens) - 1, -1, -1):
            kind = self.tokens[index][0]
            if kind == _CLOSE:
                continue
            if kind in (_TEXT, _QCLOSE):
                return index
            return None
        return None

    def add_text(self, value: str, role: str | None = None) -> None:
        if self.trim_lead:
            value = value[1:] if value.startswith(" ") else value
            self.trim_lead = not value
        if not value:
            return
        index = self._previous()
        if index is not None and not (self.atomic and self.atomic_started):
            value = self._seam(index, value)
        if self.atomic:
            self.atomic_started = True
        if value:
            self.tokens.append([_TEXT, value, role])

    def _seam(self, index: int, value: str) -> str:
        kind, before = self.tokens[index][:2]
        if kind == _QCLOSE:
            return self._after_quote(index, value)
        last = before[-1:]
        first = value[0]
        if first == " " and last in (" ", "\u00a0"):
            return value.lstrip(" ")
        if first not in PUNCTUATION or last not in PUNCTUATION:
            return value
        role = self.tokens[index][2] if len(self.tokens[index]) > 2 else None
        if role == _PREFIX:  # a prefix and its own text keep both marks ("p. :3"), as in citeproc-js
            return value
        if role == _DELIMITER:  # after a delimiter only a repeated mark goes, a comma excepted
            return value[1:] if first == last and first != "," else value
        if first == last == "," and self.atomic and not self.atomic_started:
            return value  # a field's own leading comma is kept after a comma
        merged = merge_marks(last, first)
        if len(merged) == 2:
            return value
        if merged == last:
            return value[1:]
        # the mark on the right wins (":" then "!" is "!"): the left one goes
        self.tokens[index][1] = before[:-1]
        if not before[:-1]:
            del self.tokens[index]
            previous = self._previous()
            if previous is not None:
                return self._seam(previous, value)  # a mark that stood after a quote: it may move in now
        return value

    def _after_quote(self, index: int, value: str) -> str:
        """Punctuation after a closing quote: with punctuation-in-quote, ".,!?" move inside
        (merging with a mark already there); a ";" or ":" the inner mark absorbs is dropped."""
        if not self.piq:
            return value
        start = index  # nested quotes close together: the mark goes inside the innermost
        while start > 0 and self.tokens[start - 1][0] == _QCLOSE:
            start -= 1
        while value and value[0] in PUNCTUATION:
            first = value[0]
            inside = self._text_before(start)
            last = inside[1][-1:] if inside is not None else ""
            merged = merge_marks(last, first) if last in PUNCTUATION and last else first
            if first in SWAP_IN:
                if inside is not None and last and last in PUNCTUATION:
                    inside[1] = inside[1][:-1] + merged
                else:
                    self.tokens.insert(start, [_TEXT, first])
                    start += 1
                value = value[1:]
                continue
            if last and merged == last:
                value = value[1:]
                continue
            break
        return value

    def _text_before(self, index: int) -> list | None:
        for position in range(index - 1, -1, -1):
            token = self.tokens[position]
            if token[0] == _TEXT:
                return token
            if token[0] != _CLOSE:
                return None
        return None

    def _close_quote(self, mark: str) -> None:
        self.tokens.append([_QCLOSE, mark])

    # -- result ------------------------------------------------------------
    def html(self) -> str:
        out = []
        for kind, value, *_ in self.tokens:
            out.append(escape(value) if kind in (_TEXT, _QCLOSE) else value)
        return "".join(out)


def to_html(node: Node | None, quotes: tuple[str, str, str, str], punctuation_in_quote: bool) -> str:
    writer = Writer(quotes, punctuation_in_quote)
    writer.node(node)
    return writer.html()

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
- quotes nested inside quotes take the locale's inner quote marks.
"""
from __future__ import annotations

import html

from .output import Node, Span, Text
from .superscripts import superscripts_as_html

PUNCTUATION = ".,;:!?"
_ON = {
    ("font-style", "italic"): ("<i>", "</i>"),
    ("font-style", "oblique"): ("<i>", "</i>"),
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


class Writer:
    """One piece of output (an entry or a citation) being written."""

    def __init__(self, quotes: tuple[str, str, str, str], punctuation_in_quote: bool):
        self.quote_marks = quotes  # open, close, open inner, close inner
        self.piq = punctuation_in_quote
        self.tokens: list[list] = []  # [kind, html or text]
        self.state = dict(_DEFAULT)
        self.quote_depth = 0
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
                self.add_text(node.text)
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
        if span.display:
            self.tokens.append([_OPEN, f'<div class="{DISPLAY_CLASSES.get(span.display, "csl-block")}">'])
        if span.prefix:
            self.add_text(span.prefix)
        if span.link:
            self.tokens.append([_OPEN, f'<a href="{html.escape(span.link, quote=True)}">'])
        closers, saved = self._open_formatting(span)
        if span.quotes:
            inner = self.quote_depth % 2 == 1
            self.add_text(self.quote_marks[2 if inner else 0])
            self.quote_depth += 1
        for child in span.children:
            self.node(child)
        if span.quotes:
            self.quote_depth -= 1
            inner = self.quote_depth % 2 == 1
            self._close_quote(self.quote_marks[3 if inner else 1])
        for closer in reversed(closers):
            self.tokens.append([_CLOSE, closer])
        self.state = saved
        if span.link:
            self.tokens.append([_CLOSE, "</a>"])
        if span.suffix:
            self.add_text(span.suffix)
        if span.display:
            self.tokens.append([_CLOSE, "</div>"])

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

    def add_text(self, value: str) -> None:
        if not value:
            return
        index = self._previous()
        if index is not None and not (self.atomic and self.atomic_started):
            value = self._seam(index, value)
        if self.atomic:
            self.atomic_started = True
        if value:
            self.tokens.append([_TEXT, value])

    def _seam(self, index: int, value: str) -> str:
        kind, before = self.tokens[index]
        first = value[0]
        if kind == _QCLOSE:
            if self.piq and first in ".,":
                inside = self._text_before(index)
                if inside is None or not self._ends_with_mark(inside, first):
                    self.tokens.insert(index, [_TEXT, first])
                return value[1:]
            return value
        last = before[-1:] if before else ""
        if first == " " and last in (" ", "\u00a0"):
            return value.lstrip(" ")
        if first in PUNCTUATION and last:
            if last == first or (first == "." and last in "?!"):
                return value[1:]
        return value

    def _text_before(self, index: int) -> str | None:
        for position in range(index - 1, -1, -1):
            kind, value = self.tokens[position]
            if kind == _TEXT:
                return value
            if kind != _CLOSE:
                return None
        return None

    @staticmethod
    def _ends_with_mark(text: str, mark: str) -> bool:
        last = text[-1:]
        return last == mark or (mark == "." and last in "?!")

    def _close_quote(self, mark: str) -> None:
        self.tokens.append([_QCLOSE, mark])

    # -- result ------------------------------------------------------------
    def html(self) -> str:
        out = []
        for kind, value in self.tokens:
            out.append(superscripts_as_html(html.escape(value, quote=False)) if kind in (_TEXT, _QCLOSE) else value)
        return "".join(out)


def to_html(node: Node | None, quotes: tuple[str, str, str, str], punctuation_in_quote: bool) -> str:
    writer = Writer(quotes, punctuation_in_quote)
    writer.node(node)
    return writer.html()

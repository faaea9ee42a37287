"""Between pandoc's inline elements and the engine's text.

Into the engine: a citation's prefix and suffix become text; an element
with formatting (``*see*``, a link, math) travels as a placeholder that the
engine passes through untouched, and comes back as the element itself.
Out of the engine: the style's HTML (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
small caps, ``<a href>``) becomes pandoc's own structures (Emph, Strong,
Superscript, Subscript, SmallCaps, Link), so every pandoc writer (docx,
HTML, LaTeX, ...) formats them natively.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Callable, Optional

import panflute as pf

from .locator import MATH, OTHER, SPACE, Token, split_text

_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_SPACES = re.compile(r"[ \t\r\n]+")


class Placeholders:
    """Formatted elements of affixes, numbered, standing in the engine's text as \\ue000N\\ue001."""

    def __init__(self) -> None:
        self.elements: list[pf.Element] = []

    def mark(self, element: pf.Element) -> str:
        self.elements.append(element)
        return f"\ue000{len(self.elements) - 1}\ue001"

    def element(self, number: int) -> pf.Element:
        return copy_element(self.elements[number])


def copy_element(element: pf.Element) -> pf.Element:
    """A fresh copy (an element belongs to one parent)."""
    return json.loads(json.dumps(element.to_json()), object_hook=pf.elements.from_json)


def tokens_of(inlines, placeholders: Placeholders) -> list[Token]:
    """A pandoc suffix as the locator parser reads it."""
    tokens: list[Token] = []
    for inline in inlines:
        if isinstance(inline, pf.Str):
            tokens.extend(split_text(inline.text))
        elif isinstance(inline, (pf.Space, pf.SoftBreak, pf.LineBreak)):
            tokens.append(Token(" ", SPACE))
        else:
            kind = MATH if isinstance(inline, pf.Math) else OTHER
            tokens.append(Token(pf.stringify(inline), kind, placeholders.mark(inline)))
    return tokens


def affix_text(tokens: list[Token]) -> str:
    """Tokens as the text given to the engine (formatted elements as their placeholders)."""
    return "".join(str(token.payload) if token.kind in (OTHER, MATH) else token.text for token in tokens)


def prefix_text(inlines, placeholders: Placeholders) -> str:
    """A pandoc prefix for the engine: its text followed by a space, as pandoc's citeproc does."""
    text = affix_text(tokens_of(inlines, placeholders)).strip()
    return f"{text} " if text else ""


def text_inlines(text: str) -> list[pf.Inline]:
    """Plain text as Str and Space elements."""
    return _words(text.strip())


def html_to_inlines(markup: str, placeholders: Optional[Placeholders] = None) -> list[pf.Inline]:
    """The engine's HTML as pandoc inlines."""
    builder = _InlineBuilder(placeholders)
    builder.feed(markup)
    builder.close()
    return _tidy_spaces(builder.finish())


Wrapper = Callable[[list], Optional[pf.Inline]]


def _link(url: str) -> Wrapper:
    return lambda content: pf.Link(*content, url=url)


def _span(*classes: str) -> Wrapper:
    return lambda content: pf.Span(*content, classes=list(classes))


_TAGS: dict[str, Wrapper] = {
    "i": lambda c: pf.Emph(*c), "em": lambda c: pf.Emph(*c),
    "b": lambda c: pf.Strong(*c), "strong": lambda c: pf.Strong(*c),
    "sup": lambda c: pf.Superscript(*c), "sub": lambda c: pf.Subscript(*c),
    "u": lambda c: pf.Underline(*c), "sc": lambda c: pf.SmallCaps(*c),
}
# CSS that citeproc engines write on <span>, as pandoc's citeproc represents each.
_STYLES: dict[str, Wrapper] = {
    "font-variant:small-caps": lambda c: pf.SmallCaps(*c),
    "font-style:italic": lambda c: pf.Emph(*c),
    "font-style:oblique": lambda c: pf.Emph(*c),
    "font-weight:bold": lambda c: pf.Strong(*c),
    "text-decoration:underline": lambda c: pf.Underline(*c),
    "vertical-align:sup": lambda c: pf.Superscript(*c),
    "vertical-align:super": lambda c: pf.Superscript(*c),
    "vertical-align:sub": lambda c: pf.Subscript(*c),
    "font-style:normal": _span("csl-no-emph"),
    "font-weight:normal": _span("csl-no-strong"),
    "font-variant:normal": _span("csl-no-smallcaps"),
}


class _InlineBuilder(HTMLParser):
    def __init__(self, placeholders: Optional[Placeholders]):
        super().__init__(convert_charrefs=True)
        self.placeholders = placeholders
        self.stack: list[tuple[str, list[Wrapper], list]] = [("", [], [])]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        wrappers: list[Wrapper] = []
        if tag in _TAGS:
            wrappers.append(_TAGS[tag])
        elif tag == "a" and attributes.get("href"):
            wrappers.append(_link(attributes["href"] or ""))
        elif tag == "br":
            self.stack[-1][2].append(pf.LineBreak())
            return
        style = re.sub(r"\s+", "", attributes.get("style") or "").lower()
        for declaration in filter(None, style.split(";")):
            if declaration in _STYLES:
                wrappers.append(_STYLES[declaration])
        css_class = attributes.get("class") or ""
        if tag == "div" and css_class in ("csl-left-margin", "csl-right-inline", "csl-indent", "csl-block"):
            wrappers.append(_span(css_class))
        self.stack.append((tag, wrappers, []))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.stack[-1][2].append(pf.LineBreak())

    def handle_endtag(self, tag):
        if len(self.stack) > 1 and any(open_tag == tag for open_tag, _, _ in self.stack[1:]):
            while True:
                open_tag = self.stack[-1][0]
                self._close()
                if open_tag == tag:
                    break

    def _close(self) -> None:
        _tag, wrappers, content = self.stack.pop()
        for wrap in reversed(wrappers):
            content = [wrap(content)]
        self.stack[-1][2].extend(content)

    def handle_data(self, data):
        out = self.stack[-1][2]
        for index, piece in enumerate(_PLACEHOLDER.split(data)):
            if index % 2:
                if self.placeholders is not None:
                    out.append(self.placeholders.element(int(piece)))
            elif piece:
                out.extend(_words(piece))

    def finish(self) -> list:
        while len(self.stack) > 1:
            self._close()
        return self.stack[0][2]


def _words(text: str) -> list[pf.Inline]:
    inlines: list[pf.Inline] = []
    for index, word in enumerate(_SPACES.split(text)):
        if index:
            inlines.append(pf.Space())
        if word:
            inlines.append(pf.Str(word))
    return inlines


def _tidy_spaces(inlines: list) -> list:
    """Adjacent Str elements joined and doubled Spaces dropped, as pandoc's own readers leave text."""
    tidy: list = []
    for inline in inlines:
        if isinstance(inline, pf.Str) and tidy and isinstance(tidy[-1], pf.Str):
            tidy[-1] = pf.Str(tidy[-1].text + inline.text)
        elif isinstance(inline, pf.Space) and tidy and isinstance(tidy[-1], pf.Space):
            continue
        else:
            tidy.append(inline)
    return tidy

"""What a render produces before it is written out: a small tree of rich text.

Every rendering element returns a ``Span`` (or None for "printed nothing").
Formatting, quotes, affixes and display are recorded on the span and only
turned into HTML at the very end (``to_html``), because several of
citeproc-js's output rules look across element boundaries: a period meets
the period of the next element, a comma moves inside a closing quote, an
italic title inside an italic container flips to roman, quotes nested in
quotes take the inner marks. Writing HTML early (as citeproc-py does) would
have to undo all of that with regular expressions.

Leaves are ``Text``; ``nocase`` marks text the data protected from case
changes (``<span class="nocase">``), ``raw`` marks text that is already HTML
(a link's markup) and is written as it is.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterator, Sequence, Union


@dataclass(slots=True)
class Text:
    text: str
    nocase: bool = False
    raw: bool = False  # already HTML: written unescaped, never case-changed
    delimiter: bool = False  # a group's or list's delimiter (its seam with what follows is its own)


@dataclass(slots=True)
class Span:
    children: list[Node] = field(default_factory=list)
    fmt: tuple[tuple[str, str], ...] = ()  # (CSL formatting attribute, value), e.g. ("font-style", "italic")
    quotes: bool = False  # enclosed in the locale's quotes (outer or inner by nesting)
    inner_quotes: bool = False  # the data's inner quotes (' or ‘): inner marks unless a quote encloses them
    prefix: str = ""
    suffix: str = ""
    display: str | None = None
    nodecor: bool = False  # data's <span class="nodecor">: every formatting reset to normal
    link: str | None = None  # an href: the span is written as a link
    atomic: bool = False  # one field's own text: output rules apply at its edges, not inside it


Node = Union[Text, Span]


def text(value: str, nocase: bool = False) -> Span:
    return Span([Text(value, nocase)])


def join(pieces: Sequence[Node], delimiter: str) -> Span:
    """The pieces with the delimiter between them (the delimiter is plain text)."""
    children: list[Node] = []
    for index, piece in enumerate(pieces):
        if index and delimiter:
            children.append(Text(delimiter, delimiter=True))
        children.append(piece)
    return Span(children)


def plain(node: Node | None) -> str:
    """The characters of a node, without formatting, affixes included."""
    if node is None:
        return ""
    if isinstance(node, Text):
        return html.unescape(node.text) if node.raw else node.text
    inner = "".join(plain(child) for child in node.children)
    if node.quotes:
        inner = "\u201c" + inner + "\u201d"
    return node.prefix + inner + node.suffix


def is_empty(node: Node | None) -> bool:
    """True when the node would print no characters at all (affixes count)."""
    if node is None:
        return True
    if isinstance(node, Text):
        return node.text == ""
    if node.prefix or node.suffix or node.quotes:
        return all(is_empty(child) for child in node.children)
    return all(is_empty(child) for child in node.children)


def leaves(node: Node) -> Iterator[Text]:
    """The Text leaves of a node's content (not its affixes), in order."""
    if isinstance(node, Text):
        yield node
        return
    for child in node.children:
        yield from leaves(child)


def first_leaf(node: Node) -> Text | None:
    for leaf in leaves(node):
        if leaf.text:
            return leaf
    return None


def last_leaf(node: Node) -> Text | None:
    found = None
    for leaf in leaves(node):
        if leaf.text:
            found = leaf
    return found

"""What every rendering element shares: its own affixes, formatting, quotes, case and display.

``Rendering`` is a mixin for annobib's element classes (it is not itself a
citeproc-py element, so citeproc-py's own class lookup never sees it).
``decorate`` applies an element's attributes to what the element rendered,
in CSL's order: strip-periods and text-case on the text, then formatting
and quotes, then the affixes (which are never formatted nor case-changed),
then display.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable, Mapping

from ..context import Scope
from ..output import Node, Span, Text, is_empty
from ..textcase import apply_case

FORMAT_ATTRIBUTES = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")
CSL_NS = "http://purl.org/net/xbiblio/csl"
CSL = "{" + CSL_NS + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Rendering:
    """Mixin: an element that prints something."""

    # What the lxml element class each subclass also derives from (through citeproc-py's model) gives it;
    # annotations only, so that lookups still reach those classes.
    attrib: Mapping[str, str]
    get: Callable[..., Any]
    render: Callable[..., Span | None]

    def _decoration(self, scope: Scope):
        """The element's static decoration, read once from its attributes."""
        table = scope.context.memo
        memo = table.get((self, "decoration"))
        if memo is None:
            attrib = self.attrib
            # citeproc-js nests formatting in the attributes' order, the first innermost
            # (font-style="italic" font-weight="bold" is <b><i>…</i></b>); the writer opens outermost first
            fmt = tuple(reversed([(name, value) for name, value in attrib.items() if name in FORMAT_ATTRIBUTES]))
            memo = table[(self, "decoration")] = (
                attrib.get("prefix", ""), attrib.get("suffix", ""), fmt,
                attrib.get("quotes", "false").lower() == "true",
                attrib.get("text-case"), attrib.get("strip-periods", "false").lower() == "true",
                attrib.get("display"),
            )
        return memo

    def decorate(self, node: Node | None, scope: Scope, *, affixes: bool = True, cased: bool = True,
                 locale_text: bool = False, affixes_inside: bool = False) -> Span | None:
        """``affixes_inside``: the formatting encloses the affixes too (citeproc-js's citation layout)."""
        if node is None:  # renderers return None, never an empty node, for "nothing printed"
            return None
        prefix, suffix, fmt, quotes, case, strip, display = self._decoration(scope)
        if strip:
            node = strip_periods(node)
            if is_empty(node):  # "." alone
                return None
        if case and cased:
            # a term is in the style's language; a variable in the item's
            node = apply_case(node, case, scope.context.style.english if locale_text else english(scope),
                              "" if locale_text else scope.item.language)
        if not affixes:
            prefix = suffix = ""
        if not (prefix or suffix or fmt or quotes or display):
            return node if isinstance(node, Span) else Span([node])
        if affixes_inside and (prefix or suffix):
            return Span([Span([node], prefix=prefix, suffix=suffix)], fmt=fmt, quotes=quotes, display=display)
        return Span([node], fmt=fmt, quotes=quotes, prefix=prefix, suffix=suffix, display=display)


def english(scope: Scope) -> bool:
    """Title case applies to English items: by the item's language, else the style's default locale."""
    item_english = scope.item.english
    if item_english is not None:
        return item_english
    return scope.context.style.english


def strip_periods(node: Node) -> Node:
    if isinstance(node, Text):
        return node if node.raw or "." not in node.text else replace(node, text=node.text.replace(".", ""))
    return replace(node, children=[strip_periods(child) for child in node.children])


_DIGITS = re.compile(r"\d+")


def local_name(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

"""cs:citation, cs:bibliography and cs:layout: one entry, one cite, one citation.

citeproc-py's ``Layout`` glues a citation's cites with the layout delimiter
and knows no cite collapsing, no suppress-author or author-only, and no
second-field-align; its bibliography ignores subsequent-author-substitute.
Here:
- ``render_item`` renders the layout's children for one cite or entry (a
  citation's cites are sorted, collapsed and joined in engine/cluster.py);
- ``Bibliography.entry`` applies second-field-align (the first field in its
  own block) and the layout's affixes to one entry.
"""
from __future__ import annotations

from typing import cast

from citeproc import model

from ..context import Scope
from ..output import Node, Span, Text, join
from .base import CSL, Rendering
from .groups import render_children


class Layout(Rendering, model.Layout):
    def render_item(self, scope: Scope) -> Span | None:
        pieces = render_children(self, scope)
        if not pieces:
            return None
        return Span(cast("list[Node]", pieces)) if len(pieces) > 1 else pieces[0]

    def pieces(self, scope: Scope) -> list[Span]:
        return render_children(self, scope)


class Section:
    """What cs:citation and cs:bibliography share: their options, layout and sort (mixed into
    citeproc-py's element classes, which are lxml elements: hence get and find)."""

    def option(self, name: str, default: str | None = None) -> str | None:
        value = self.get(name)  # type: ignore[attr-defined]
        return default if value is None else value

    @property
    def layout_element(self) -> Layout:
        return self.find(f"{CSL}layout")  # type: ignore[attr-defined]

    def sort_element(self):
        return self.find(f"{CSL}sort")  # type: ignore[attr-defined]


class Citation(Section, model.Citation):
    pass


class Bibliography(Section, model.Bibliography):

    def entry(self, scope: Scope) -> Span | None:
        layout = self.layout_element
        if self.get("second-field-align") in ("flush", "margin"):
            pieces = layout.pieces(scope)
            if not pieces:
                return None
            first, rest = pieces[0], pieces[1:]
            if not scope.context.blocks:  # inline: the first field, a space, the rest ("1. Justus R.")
                body = Span([first, Text(" "), *rest]) if rest else Span([first])
                return layout.decorate(body, scope, cased=False)
            pieces = [Span([first], display="left-margin")]
            if rest:
                pieces.append(Span([join(rest, "")], display="right-inline"))
            return _suffix_into_last_block(layout, pieces, scope, cased=False)
        pieces = layout.pieces(scope)
        if not pieces:
            return None
        return _suffix_into_last_block(layout, pieces, scope)


def _suffix_into_last_block(layout: Layout, pieces: list[Span], scope: Scope, cased: bool = True) -> Span | None:
    """The entry with the layout's decoration; when the entry ends in a display block, the
    layout's suffix goes inside that block (citeproc-js: "[1] Title, 2005." in the right-inline)."""
    suffix = layout.get("suffix", "")
    last = pieces[-1]
    if suffix and isinstance(last, Span) and last.display:
        inner = Span(last.children, fmt=last.fmt, quotes=last.quotes, prefix=last.prefix, suffix=last.suffix,
                     inner_quotes=last.inner_quotes, nodecor=last.nodecor, link=last.link)
        pieces = pieces[:-1] + [Span([inner, Text(suffix)], display=last.display)]
        node = Span(cast("list[Node]", pieces)) if len(pieces) > 1 else pieces[0]
        decorated = layout.decorate(node, scope, cased=cased, affixes=False)
        prefix = layout.get("prefix", "")
        return Span([decorated], prefix=prefix) if prefix and decorated is not None else decorated
    node = Span(cast("list[Node]", pieces)) if len(pieces) > 1 else pieces[0]
    return layout.decorate(node, scope, cased=cased)

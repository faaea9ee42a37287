"""cs:citation, cs:bibliography and cs:layout: one entry, one cite, one citation.

citeproc-py's ``Layout`` glues a citation's cites with the layout delimiter
and knows no cite collapsing, no suppress-author or author-only, and no
second-field-align; its bibliography ignores subsequent-author-substitute.
Here:
- ``render_item`` renders the layout's children for one cite or entry;
- ``render_citation`` joins the cites of a citation, each with its prefix
  and suffix, collapsing them as ``collapse`` asks (year, year-suffix,
  year-suffix-ranged, citation-number), then adds the layout's affixes and
  formatting;
- ``Bibliography.entry`` applies second-field-align (the first field in its
  own block) and the layout's affixes to one entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from citeproc import model

from ..context import Scope
from ..output import Span, Text, join, plain
from ..richtext import parse_rich
from .base import CSL, Rendering
from .groups import render_children


class Layout(Rendering, model.Layout):
    def render_item(self, scope: Scope) -> Span | None:
        pieces = render_children(self, scope)
        if not pieces:
            return None
        return Span(pieces) if len(pieces) > 1 else pieces[0]

    def pieces(self, scope: Scope) -> list[Span]:
        return render_children(self, scope)


class Citation(model.Citation):
    def option(self, name: str, default: str | None = None) -> str | None:
        value = self.get(name)
        return default if value is None else value

    @property
    def layout_element(self) -> Layout:
        return self.find(f"{CSL}layout")

    def sort_element(self):
        return self.find(f"{CSL}sort")


class Bibliography(model.Bibliography):
    def option(self, name: str, default: str | None = None) -> str | None:
        value = self.get(name)
        return default if value is None else value

    @property
    def layout_element(self) -> Layout:
        return self.find(f"{CSL}layout")

    def sort_element(self):
        return self.find(f"{CSL}sort")

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
        node = Span(pieces) if len(pieces) > 1 else pieces[0]
        decorated = layout.decorate(node, scope, cased=cased, affixes=False)
        prefix = layout.get("prefix", "")
        return Span([decorated], prefix=prefix) if prefix and decorated is not None else decorated
    node = Span(pieces) if len(pieces) > 1 else pieces[0]
    return layout.decorate(node, scope, cased=cased)


@dataclass
class RenderedCite:
    scope: Scope
    node: Span
    names: str | None  # what the first cs:names printed, for collapsing
    plain_affixes: bool  # the cite has no prefix or suffix of its own
    short: Span | None = None  # the cite without its names (a later cite of a collapsed group)


def cite_with_affixes(cite, node: Span) -> Span:
    """The cite's own prefix and suffix around it, parsed as rich text (as citeproc-js does)."""
    if not (cite.prefix or cite.suffix):
        return node
    children = [parse_rich(cite.prefix)] if cite.prefix else []
    children.append(node)
    if cite.suffix:
        children.append(parse_rich(cite.suffix))
    return Span(children)


def collapse(citation: Citation, layout: Layout, rendered: list[RenderedCite], numbers: dict) -> Span | None:
    """A citation's cites joined as cs:citation's collapse options ask."""
    delimiter = layout.get("delimiter", "")
    mode = (citation.get("collapse") or "").lower()
    after = citation.get("after-collapse-delimiter", delimiter)
    if mode == "citation-number":
        groups = _number_groups(rendered, numbers)
    elif mode.startswith("year") or citation.get("cite-group-delimiter"):
        # cite-group-delimiter alone groups cites by their names without collapsing them
        # ("Aalto 2000, Aalto 2001"), as citeproc-js does
        groups = _name_groups(citation, rendered, mode)
    else:
        groups = [(cite_with_affixes(r.scope.cite, r.node), False) for r in rendered]
    out: list = []
    previous_collapsed = False
    for node, collapsed in groups:
        if out:
            out.append(Text(_cite_delimiter(out[-1], node, after if previous_collapsed else delimiter)))
        out.append(node)
        previous_collapsed = collapsed
    if not out:
        return None
    return Span(out)


def _cite_delimiter(before: Span, after: Span, delimiter: str) -> str:
    """citeproc-js joins cites without the delimiter before a cite that starts with a comma
    (a prefix ", cited in "), and with a space after one that ends with a comma (a suffix)."""
    if plain(after).startswith(","):
        return ""
    if plain(before).endswith(","):
        return " "
    return delimiter


def _number_groups(rendered: list[RenderedCite], numbers: dict) -> list[tuple[Span, bool]]:
    groups: list[tuple[Span, bool]] = []
    run: list[RenderedCite] = []

    def flush() -> None:
        if len(run) >= 3:
            groups.append((Span([run[0].node, Text("\u2013"), run[-1].node]), True))
        else:
            groups.extend((r.node, False) for r in run)
        run.clear()

    for item in rendered:
        cite = item.scope.cite
        number = numbers.get(cite.item.id)
        simple = item.plain_affixes and cite.locator is None
        if simple and run and number is not None and number == numbers.get(run[-1].scope.cite.item.id, -9) + 1:
            run.append(item)
            continue
        flush()
        if simple and number is not None:
            run.append(item)
        else:
            groups.append((cite_with_affixes(cite, item.node), False))
    flush()
    return groups


def _name_groups(citation: Citation, rendered: list[RenderedCite], mode: str) -> list[tuple[Span, bool]]:
    """Cites by the same names share them: "(Masterly, 1988a, 1988b; Smith, 2000)"."""
    group_delimiter = citation.get("cite-group-delimiter", ", ")
    groups: list[list[RenderedCite]] = []
    for item in rendered:
        previous = groups[-1] if groups else None
        joins = previous is not None and item.plain_affixes and previous[-1].plain_affixes and (
            (item.names is not None and previous[0].names == item.names)
            # a cite that prints no names joins the group before it (citeproc-js), though not
            # after names joined by "&"
            or (item.names is None and previous[0].names is not None and " & " not in previous[0].names))
        if joins:
            previous.append(item)
        else:
            groups.append([item])
    out: list[tuple[Span, bool]] = []
    for group in groups:
        if len(group) == 1:
            out.append((cite_with_affixes(group[0].scope.cite, group[0].node), False))
            continue
        pieces = [group[0].node] + [r.short or r.node for r in group[1:]]
        out.append((Span([join(pieces, group_delimiter)]), True))
    return out


_TAGS = re.compile(r"<[^>]+>")


def names_key(node: Span | None) -> str | None:
    return plain(node) if node is not None else None

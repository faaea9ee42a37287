"""A list through the style: register, sort, number, disambiguate; then entries and citations.

``prepare`` does what CSL does once per list: the items in registration
order, sorted by the bibliography's cs:sort (citeproc-js collation), each
given its citation number (its place in the bibliography) and what
disambiguation decided. ``render_entries`` prints the bibliography, with
subsequent-author-substitute; ``render_clusters`` prints citations in
document order, working out each cite's position (first, subsequent, ibid,
near-note) on the way.
"""
from __future__ import annotations

from dataclasses import replace

from .context import Cite, RenderContext, Scope
from .disambiguation import CiteTexts, disambiguate
from .elements.layout import RenderedCite, collapse
from .items import Item
from .output import Span, Text, plain
from .writer import to_html


def make_items(raw: list[dict]) -> list[Item]:
    """Items in registration order; a repeated id is registered once (its first occurrence)."""
    seen: dict[str, Item] = {}
    for data in raw:
        item = Item(data)
        if item.id not in seen:
            seen[item.id] = item
    return list(seen.values())


def sort_order(context: RenderContext, ids: list[str], section: str) -> list[str]:
    """``ids`` as the section's cs:sort orders them (unchanged without one)."""
    element = context.style.section(section)
    sort = element.sort_element() if element is not None else None
    if sort is None:
        return list(ids)
    values: dict = {}

    def value_of(index: int, key) -> object:
        cache_key = (index, id(key))
        if cache_key not in values:
            scope = Scope(context, Cite(context.items[ids[index]]), section, sorting=True)
            values[cache_key] = key.value(scope)
        return values[cache_key]

    return [ids[i] for i in sort.order(len(ids), value_of)]


def prepare(style_root, raw_items: list[dict], *, sort: bool = True, links: bool = False, blocks: bool = False,
            cites: CiteTexts | None = None) -> tuple[RenderContext, list[str]]:
    items = make_items(raw_items)
    context = RenderContext(style=style_root, items={item.id: item for item in items}, links=links, blocks=blocks)
    order = [item.id for item in items]
    context.numbers = {key: n for n, key in enumerate(order, 1)}
    if sort:
        order = sort_order(context, order, "bibliography")
        context.numbers = {key: n for n, key in enumerate(order, 1)}
    context.states = disambiguate(context, order, cites)
    return context, order


def render_entry(context: RenderContext, item_id: str) -> Span | None:
    bibliography = context.style.section("bibliography")
    scope = Scope(context, Cite(context.items[item_id]), "bibliography")
    return bibliography.entry(scope)


def entry_html(context: RenderContext, node: Span | None) -> str:
    return to_html(node, context.style.quote_marks(), context.style.punctuation_in_quote)


def substitute_authors(context: RenderContext, order: list[str], nodes: list[Span | None],
                       names: list[Span | None]) -> list[Span | None]:
    """subsequent-author-substitute: an entry whose names equal the previous entry's prints the
    substitute instead (rule complete-all, the default; complete-each; partial-each; partial-first)."""
    bibliography = context.style.section("bibliography")
    substitute = bibliography.get("subsequent-author-substitute") if bibliography is not None else None
    if substitute is None:
        return nodes
    out = []
    previous = None
    for node, name in zip(nodes, names):
        text = plain(name) if name is not None else None
        if node is not None and name is not None and text == previous:
            node = _replace_node(node, name, Span([Text(substitute)]) if substitute else None)
        if text is not None:  # an entry without (unlabelled) names is skipped, not a break (citeproc-js)
            previous = text
        out.append(node)
    return out


def _replace_node(node, target, replacement):
    if node is target:
        return replacement if replacement is not None else Span()
    if isinstance(node, Text):
        return node
    children = [_replace_node(child, target, replacement) for child in node.children]
    return replace(node, children=children)


LEFT_OUT = "the CSL engine failed on this entry; it is left out of the list"


def bibliography_nodes(context: RenderContext, order: list[str], problems: dict[str, str]) -> list[Span | None]:
    """Each entry's output tree; an entry the engine fails on is named in ``problems`` and left out."""
    nodes, names = [], []
    bibliography = context.style.section("bibliography")
    for item_id in order:
        scope = Scope(context, Cite(context.items[item_id]), "bibliography")
        try:
            node = bibliography.entry(scope)
        except Exception:  # a bug of the engine on one entry: never the whole list
            problems[item_id] = LEFT_OUT
            node = None
        nodes.append(node)
        names.append(scope.first_names)
    return substitute_authors(context, order, nodes, names)


# -- citations -------------------------------------------------------------

def cite_from(context: RenderContext, data) -> Cite | None:
    if isinstance(data, str):
        data = {"id": data}
    item = context.items.get(str(data.get("id")))
    if item is None:
        return None
    locator = data.get("locator")
    return Cite(item=item, locator=None if locator in (None, "") else str(locator),
                label=data.get("label") or ("page" if locator not in (None, "") else None),
                prefix=str(data.get("prefix") or ""), suffix=str(data.get("suffix") or ""),
                suppress_author=bool(data.get("suppress-author")), author_only=bool(data.get("author-only")))


def assign_positions(context: RenderContext, clusters: list[list[Cite]], notes: list[int]) -> None:
    """Each cite's position as CSL 1.0.2 defines it, walking the document in order."""
    citation = context.style.section("citation")
    distance = int(citation.get("near-note-distance", "5")) if citation is not None else 5
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    previous_cluster: list[Cite] = []
    for cluster, note in zip(clusters, notes):
        for index, cite in enumerate(cluster):
            key = cite.item.id
            cite.note = note
            if key not in first_note:
                cite.position = "first"
                first_note[key] = note
            else:
                before = cluster[index - 1] if index else (previous_cluster[0] if len(previous_cluster) == 1 else None)
                if before is not None and before.item.id == key:
                    if cite.locator is None and before.locator is None:
                        cite.position = "ibid"
                    elif cite.locator is not None and cite.locator != before.locator:
                        cite.position = "ibid-with-locator"
                    elif cite.locator is not None and cite.locator == before.locator:
                        cite.position = "ibid"
                    else:
                        cite.position = "subsequent"
                else:
                    cite.position = "subsequent"
                cite.first_note = first_note[key] or None
                if note and key in last_note and last_note[key] and note - last_note[key] <= distance:
                    cite.near_note = True
            last_note[key] = note
        if cluster:
            previous_cluster = cluster


def render_cluster(context: RenderContext, cluster: list[Cite]) -> Span | None:
    citation = context.style.section("citation")
    layout = citation.layout_element
    sort = citation.sort_element()
    if sort is not None and len(cluster) > 1:
        values: dict = {}

        def value_of(index: int, key) -> object:
            cache_key = (index, id(key))
            if cache_key not in values:
                scope = Scope(context, cluster[index], "citation", sorting=True)
                values[cache_key] = key.value(scope)
            return values[cache_key]

        cluster = [cluster[i] for i in sort.order(len(cluster), value_of)]
    rendered = []
    collapsing = (citation.get("collapse") or "").startswith("year")
    for cite in cluster:
        scope = Scope(context, cite, "citation", drop_names=cite.suppress_author, follows_cite=bool(rendered))
        node = _render_cite(layout, scope, cite)
        if node is None:
            continue
        names = plain(scope.first_names) if scope.first_names is not None else None
        entry = RenderedCite(scope, node, names, not (cite.prefix or cite.suffix))
        if collapsing and names is not None:
            short_scope = Scope(context, cite, "citation", drop_names=True)
            entry.short = _render_cite(layout, short_scope, cite)
        rendered.append(entry)
    joined = collapse(citation, layout, rendered, context.numbers)
    if joined is None:
        return None
    return layout.decorate(joined, Scope(context, cluster[0], "citation"), cased=False) if cluster else None


def _render_cite(layout, scope: Scope, cite: Cite) -> Span | None:
    if cite.author_only:
        layout.render_item(scope)
        return scope.first_names
    return layout.render_item(scope)

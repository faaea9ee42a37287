"""A list through the style: register, sort, number, disambiguate; then entries and citations.

``prepare`` does what CSL does once per list: the items in registration
order, sorted by the bibliography's cs:sort (citeproc-js collation), each
given its citation number (its place in the bibliography) and what
disambiguation decided. ``bibliography_nodes`` prints the bibliography, with
subsequent-author-substitute; citations are engine/cluster.py's.
"""
from __future__ import annotations

from dataclasses import replace

from .context import Cite, RenderContext, Scope
from .disambiguation import disambiguate
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


def sort_order(context: RenderContext, ids: list[str], section: str, problems: dict | None = None) -> list[str]:
    """``ids`` as the section's cs:sort orders them (unchanged without one). With ``problems``,
    an item whose sort key the engine fails on sorts last and is named there."""
    element = context.style.section(section)
    sort = element.sort_element() if element is not None else None
    if sort is None:
        return list(ids)
    values: dict = {}

    def value_of(index: int, key) -> object:
        cache_key = (index, id(key))
        if cache_key not in values:
            scope = Scope(context, Cite(context.items[ids[index]]), section, sorting=True)
            if problems is None:
                values[cache_key] = key.value(scope)
            else:
                try:
                    values[cache_key] = key.value(scope)
                except Exception:  # one item's failure: it sorts last (an empty key)
                    problems.setdefault(ids[index], SORT_FAILED)
                    values[cache_key] = None
        return values[cache_key]

    return [ids[i] for i in sort.order(len(ids), value_of)]


def prepare(style_root, raw_items: list[dict], *, sort: bool = True, links: bool = False, blocks: bool = False,
            first_notes: dict[str, int] | None = None, problems: dict | None = None
            ) -> tuple[RenderContext, list[str]]:
    """The render context of a list: registered items, bibliography order, numbers and
    disambiguation. ``problems`` (item id -> message): where an item the engine fails on
    is named instead of failing the whole list (citations; the bibliography has its own
    fallback)."""
    items = make_items(raw_items)
    context = RenderContext(style=style_root, items={item.id: item for item in items}, links=links, blocks=blocks)
    order = [item.id for item in items]
    context.numbers = {key: n for n, key in enumerate(order, 1)}
    if sort:
        order = sort_order(context, order, "bibliography", problems)
        context.numbers = {key: n for n, key in enumerate(order, 1)}
    context.problems = problems
    context.states = disambiguate(context, order, first_notes)
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
SORT_FAILED = "the CSL engine failed on this entry's sort key; it sorts last"


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

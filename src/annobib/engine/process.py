"""A list through the style: register, sort, number, disambiguate; then entries and citations.

``prepare`` does what CSL does once per list: the items in registration
order, sorted by the bibliography's cs:sort (citeproc-js collation), each
given its citation number (its place in the bibliography) and what
disambiguation decided. ``bibliography_nodes`` prints the bibliography, with
subsequent-author-substitute; citations are engine/cluster.py's.
"""
from __future__ import annotations

from dataclasses import replace

from ..rendered import LEFT_OUT, SIMPLIFIED
from .context import Cite, RenderContext, Scope
from .disambiguation import disambiguate
from .items import Item
from .output import Span, Text, is_empty, plain
from .reuse import Reuse, digest
from .writer import to_html


def make_items(raw: list[dict]) -> list[Item]:
    """Items in registration order; a repeated id is registered once, in its first place, with
    its last data (citeproc-js keeps items by id, so a later one replaces the earlier)."""
    seen: dict[str, Item] = {}
    for data in raw:
        item = Item(data)
        seen[item.id] = item
    return list(seen.values())


def sort_order(context: RenderContext, ids: list[str], section: str, problems: dict | None = None) -> list[str]:
    """``ids`` as the section's cs:sort orders them (unchanged without one). With ``problems``,
    an item whose sort key the engine fails on sorts last and is named there."""
    element = context.style.section(section)
    sort = element.sort_element() if element is not None else None
    if sort is None:
        return list(ids)
    items = context.items

    def values_of(indices: list[int], key) -> list:
        def value(item_id: str):
            try:
                return key.value(Scope(context, Cite(items[item_id]), section, sorting=True))
            except Exception:  # one item's failure: it sorts last (an empty key), named when asked
                if problems is not None:
                    problems.setdefault(item_id, SORT_FAILED)
                return None

        chosen = [ids[i] for i in indices]
        if uses_numbers(key):  # a citation number is no part of the item's data: not stored
            return [value(item_id) for item_id in chosen]
        where = key_path(context, key)
        keys = [digest(where, items[item_id].fingerprint) for item_id in chosen]
        return context.reuse.cached_map("sort", keys, chosen, value, "sorting")

    return [ids[i] for i in sort.order(len(ids), values_of=values_of)]


def key_path(context: RenderContext, key) -> str:
    found = context.style.memo(key, "path")
    if found is None:
        found = context.style.remember(key, "path", key.getroottree().getpath(key))
    return found


def uses_numbers(key) -> bool:
    return key.get("variable") == "citation-number"


def state_print(context: RenderContext, item_id: str) -> str:
    """Everything besides its data that an item's cite or entry depends on."""
    number = context.numbers.get(item_id) if context.style.numbered() else None
    return repr((context.state(item_id), number, context.links, context.blocks, context.subtitles))


def prepare(style_root, raw_items: list[dict], *, sort: bool = True, links: bool = False, blocks: bool = False,
            reuse: Reuse | None = None, first_notes: dict[str, int] | None = None, problems: dict | None = None,
            subtitles: bool = False) -> tuple[RenderContext, list[str]]:
    """The render context of a list: registered items, bibliography order, numbers and
    disambiguation. ``reuse``: stored results and workers; ``first_notes``: the note each cited
    item is first cited in; ``problems`` (item id -> message): where an item the engine fails on
    is named instead of failing the whole list."""
    items = make_items(raw_items)
    context = RenderContext(style=style_root, items={item.id: item for item in items}, links=links, blocks=blocks,
                            subtitles=subtitles)
    if reuse is not None:
        context.reuse = reuse
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
    substitute instead (rule complete-all, the default; complete-each; partial-each; partial-first).
    Names are compared and replaced without their label, as citeproc-js does ("--- ed.")."""
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


_FAILED = "\x00failed"
_UNDATED = "\x00undated:"  # rendered only once its dates were left out
SORT_FAILED = "the CSL engine failed on this entry's sort key; it sorts last"


def bibliography_html(context: RenderContext, order: list[str], problems: dict[str, str]) -> list[str | None]:
    """Each entry's HTML in ``order``; an entry the engine fails on is named in ``problems`` (and
    is None). Entries come from the store when their item, state and number are unchanged, and
    are shared among the workers; subsequent-author-substitute makes each entry depend on the one
    before it, so such styles render in one pass."""
    bibliography = context.style.section("bibliography")
    if bibliography.get("subsequent-author-substitute") is not None:
        nodes, names = [], []
        for item_id in order:
            scope = Scope(context, Cite(context.items[item_id]), "bibliography")
            try:
                node = bibliography.entry(scope)
            except Exception:  # a bug of the engine on one entry: never the whole list
                problems[item_id] = LEFT_OUT
                node = None
            nodes.append(node)
            names.append(scope.first_names_core or scope.first_names)
        substituted = substitute_authors(context, order, nodes, names)
        return _no_printed_form(context, order, [entry_html(context, node)
                                                 if item_id not in problems and node is not None
                                                 and not is_empty(node) else None
                                                 for item_id, node in zip(order, substituted)], problems)

    def one(item_id: str) -> str | None:
        item = context.items[item_id]
        try:
            node = bibliography.entry(Scope(context, Cite(item), "bibliography"))
        except Exception:  # a bug of the engine on one entry: never the whole list
            try:  # the entry without its dates, said so, rather than no entry at all
                node = bibliography.entry(Scope(context, Cite(item.without_dates()), "bibliography"))
            except Exception:
                return _FAILED
            return _UNDATED + entry_html(context, node)
        return entry_html(context, node) if node is not None and not is_empty(node) else None

    keys = [digest(context.items[i].fingerprint, state_print(context, i)) for i in order]
    out = context.reuse.cached_map("entry", keys, order, one, "rendering")
    entries: list[str | None] = []
    for item_id, html in zip(order, out):
        if html == _FAILED:
            problems[item_id] = LEFT_OUT
            html = None
        elif html is not None and html.startswith(_UNDATED):
            problems[item_id] = SIMPLIFIED
            html = html[len(_UNDATED):]
        entries.append(html)
    return _no_printed_form(context, order, entries, problems)


NO_PRINTED_FORM = "the style prints nothing for this entry; it is left out of the list (citeproc-js leaves it out)"
LEFT_OUT_MESSAGES = (LEFT_OUT, NO_PRINTED_FORM)  # problems whose entry is not in the list
NO_PRINTED_FORM_TEXT = "[CSL STYLE ERROR: reference with no printed form.]"


def _no_printed_form(context: RenderContext, order: list[str], entries: list[str | None],
                     problems: dict[str, str]) -> list[str | None]:
    """An entry the style prints nothing for: citeproc-js leaves it out of the bibliography, or,
    where the style numbers its entries, prints "2. [CSL STYLE ERROR: reference with no printed
    form.]" in its place (numbered by the entries printed so far)."""
    numbered = context.style.numbered()
    out: list[str | None] = []
    printed = 0
    for item_id, html in zip(order, entries):
        if item_id not in problems and not html:
            if not numbered:
                problems[item_id] = NO_PRINTED_FORM
            else:
                html = entry_html(context, Span([Text(f"{printed + 1}. {NO_PRINTED_FORM_TEXT}")]))
        printed += item_id not in problems
        out.append(html)
    return out

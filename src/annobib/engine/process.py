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

import re
from dataclasses import replace

from .context import Cite, RenderContext, Scope
from .disambiguation import CiteTexts, cite_text, disambiguate
from .elements.base import CSL
from .elements.layout import RenderedCite, collapse
from .elements.sorting import groups_cites
from .items import Item
from ..rendered import LEFT_OUT, SIMPLIFIED
from .output import Span, Text, is_empty, join, plain
from .reuse import Reuse, digest
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
    items = context.items

    def values_of(indices: list[int], key) -> list:
        def value(item_id: str):
            try:
                return key.value(Scope(context, Cite(items[item_id]), section, sorting=True))
            except Exception:  # a key the engine cannot compute is empty: the item sorts last
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
    return repr((context.state(item_id), number, context.links, context.blocks))


def cite_texts(context: RenderContext) -> CiteTexts:
    """Disambiguation's cite renderer, through the store and the workers."""
    def cites(keys: list[str]) -> list[str]:
        prints = [digest(context.items[key].fingerprint, state_print(context, key)) for key in keys]
        return context.reuse.cached_map("cite", prints, keys, lambda key: cite_text(context, key), "disambiguating")

    return cites


def prepare(style_root, raw_items: list[dict], *, sort: bool = True, links: bool = False, blocks: bool = False,
            reuse: Reuse | None = None) -> tuple[RenderContext, list[str]]:
    items = make_items(raw_items)
    context = RenderContext(style=style_root, items={item.id: item for item in items}, links=links, blocks=blocks)
    if reuse is not None:
        context.reuse = reuse
    order = [item.id for item in items]
    context.numbers = {key: n for n, key in enumerate(order, 1)}
    if sort:
        order = sort_order(context, order, "bibliography")
        context.numbers = {key: n for n, key in enumerate(order, 1)}
    context.states = disambiguate(context, order, cite_texts(context))
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
        return _no_printed_form(context, order, [entry_html(context, node) if item_id not in problems and node is not None
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
    collapsing = (citation.get("collapse") or "").startswith("year")
    entries = [_render_entry(context, layout, cite, collapsing, _predecessor(cite, position))
               for position, cite in enumerate(cluster)]
    sort = citation.sort_element()
    if sort is not None and len(cluster) > 1:
        order = _cite_order(context, citation, sort, cluster, entries)
        for position, index in enumerate(order):
            # a cite that moved to or from the front was rendered with the other first-term rule
            if _predecessor(cluster[index], position) != _predecessor(cluster[index], index):
                entries[index] = _render_entry(context, layout, cluster[index], collapsing,
                                               _predecessor(cluster[index], position))
        cluster, entries = [cluster[i] for i in order], [entries[i] for i in order]
    if cluster and all(cite.author_only for cite in cluster):
        # author-only (the author part of a narrative citation): the names alone, without the
        # layout's affixes, as citeproc-js prints them ("Niesters et al."); nothing when none print
        names = [entry.node for entry in entries if entry is not None]
        return join(names, layout.get("delimiter", "")) if names else None
    if entries and entries[0] is None and not cluster[0].suppress_author:
        # the first cite prints nothing: citeproc-js prints its error text in its place
        entries[0] = RenderedCite(Scope(context, cluster[0], "citation"), Span([Text(NO_PRINTED_FORM_TEXT)]),
                                  None, True)
    rendered = [entry for entry in entries if entry is not None]
    joined = collapse(citation, layout, rendered, context.numbers)
    if joined is None:
        return None
    return layout.decorate(joined, Scope(context, cluster[0], "citation"), cased=False,
                           affixes_inside=True) if cluster else None


def _render_entry(context: RenderContext, layout, cite: Cite, collapsing: bool,
                  predecessor: bool) -> RenderedCite | None:
    scope = Scope(context, cite, "citation", drop_names=cite.suppress_author, predecessor=predecessor)
    node = _render_cite(layout, scope, cite)
    if node is None:
        return None
    names = plain(scope.first_names) if scope.first_names is not None else None
    entry = RenderedCite(scope, node, names, not (cite.prefix or cite.suffix))
    if collapsing and names is not None:
        short_scope = Scope(context, cite, "citation", drop_names=True)
        entry.short = _render_cite(layout, short_scope, cite)
    return entry


_TRAILING = re.compile("[\"'\u201d\u2019\u00bb\u202f\u00a0 ]+$")
_TAGS = re.compile(r"<[^>]+>")


def _predecessor(cite: Cite, position: int) -> bool:
    """Whether text comes before the cite in its citation, as citeproc-js counts it for
    capitalising a first term: a prefix that ends a sentence ("This has been said. ") counts
    as none; any other prefix, or an earlier cite, does."""
    if cite.prefix:
        bare = _TRAILING.sub("", _TAGS.sub("", cite.prefix))
        return not (bare[-1:] in (":", ".", ";", "!", "?") and " " in cite.prefix.strip())
    return position > 0


def _cite_order(context: RenderContext, citation, sort, cluster: list[Cite], entries: list) -> list[int]:
    """The cites' order by the citation's cs:sort (grouped by the names they print, where
    citeproc-js groups them)."""
    values: dict = {}

    def value_of(index: int, key) -> object:
        cache_key = (index, id(key))
        if cache_key not in values:
            scope = Scope(context, cluster[index], "citation", sorting=True)
            values[cache_key] = key.value(scope)
        return values[cache_key]

    if groups_cites(context.style, citation):
        return sort.grouped_order(len(cluster), value_of,
                                  lambda index: entries[index].names if entries[index] is not None else None)
    return sort.order(len(cluster), value_of)


def _render_cite(layout, scope: Scope, cite: Cite) -> Span | None:
    if cite.author_only:
        layout.render_item(scope)
        return scope.first_names
    return layout.render_item(scope)

"""The order of a citation's cites, as citeproc-js sorts them.

The cs:sort of cs:citation, compared as citeproc-js compares keys (an empty
key last, whatever the direction). An in-text style that collapses, or one
with a cite-group-delimiter that prints neither positions nor numbers, keeps
each author's cites together: citeproc-js sorts first by the author string
(what the cite's first cs:names prints), then puts each author's group where
its first cite sorts ("grouped sort"). A cite whose sort key the engine fails
on sorts last.
"""
from __future__ import annotations

from functools import cmp_to_key

from .ambiguity import author_string
from .cluster import facts, record_failure
from .collation import collation_key
from .context import Cite, RenderContext, Scope


def sort_cluster(context: RenderContext, cluster: list[Cite]) -> list[Cite]:
    """A citation's cites in the order its cs:sort asks for."""
    sort = context.style.section("citation").sort_element()
    if sort is None or len(cluster) < 2:
        return cluster
    if not facts(context).grouped_sort:
        values: dict = {}

        def value_of(index: int, key) -> object:
            cache_key = (index, id(key))
            if cache_key not in values:
                values[cache_key] = _key_value(context, cluster[index], key)
            return values[cache_key]

        return [cluster[i] for i in sort.order(len(cluster), value_of)]
    # the author string first, so that one author's cites stay together; then each group
    # where its first cite sorts (its first key and its place)
    keys = sort.keys()
    rows = [[_key_value(context, cite, key) for key in keys] for cite in cluster]
    descending = [key.descending() for key in keys]
    authors = [_author_key(context, cite) for cite in cluster]
    directions = [descending[0], *descending]

    def by_author(a: int, b: int) -> int:
        return compare_keys([authors[a], *rows[a]], [authors[b], *rows[b]], directions)

    order = sorted(range(len(cluster)), key=cmp_to_key(by_author))
    leading: dict[int, object] = {}
    last_author: object = ()
    lead: object = None
    for rank, index in enumerate(order):
        if authors[index] != last_author:
            lead = rows[index][0] if rows[index][0] is not None else (1, 0, collation_key("undefined"))
            last_author = authors[index]
        leading[index] = (lead, rank)
    def by_group(a: int, b: int) -> int:
        return compare_keys([leading[a], *rows[a]], [leading[b], *rows[b]], directions)

    order = sorted(order, key=cmp_to_key(by_group))
    return [cluster[i] for i in order]


def _key_value(context: RenderContext, cite: Cite, key) -> object:
    if cite.missing:
        return None
    try:
        return key.value(Scope(context, cite, "citation", sorting=True))
    except Exception:  # an item the engine fails on sorts last (and prints as a failure)
        record_failure(context, cite)
        return None


def _author_key(context: RenderContext, cite: Cite):
    text = "" if cite.missing else author_string(context, cite.item.id)
    return (1, 0, collation_key(text)) if text else None  # a cite without names sorts last


def compare_keys(a: list, b: list, descending: list[bool]) -> int:
    """citeproc-js's comparison of two rows of sort keys: an empty key last, whatever the direction."""
    for left, right, down in zip(a, b, descending):
        if left == right:
            continue
        if left is None:
            return 1
        if right is None:
            return -1
        try:
            before = left < right
        except TypeError:  # keys of different kinds: by kind
            before = str(type(left)) < str(type(right))
        return (1 if before else -1) if down else (-1 if before else 1)
    return 0

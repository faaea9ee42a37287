"""cs:sort: citeproc-js's collation and its place for empty keys.

``model.Sort.sort`` compares lower-cased code points (and tries int() on
whole keys), so accented and punctuated keys land elsewhere than in Zotero,
and year-suffix letters, which follow the bibliography order, come out
wrong. This replacement keeps citeproc-py's key extraction (``Key.sort_keys``)
and compares the keys with ``collation.collation_key``; an empty key sorts
last whatever the direction, as in citeproc-js. Equal items keep their
registration order.
"""
from __future__ import annotations

from ..collation import collation_key
from ..speedups import sort_pass
from ..state import CURRENT


def apply() -> None:
    from citeproc import model

    model.Sort.sort = sort


def _key(value):
    if value is None:
        return None
    key = collation_key(value)
    return key or None


def sort(self, items, context):
    keys = [(key, key.get("sort", "ascending").lower() == "descending")
            for key in self.findall("cs:key", self.nsmap)]
    saved = CURRENT.sorting
    CURRENT.sorting = True
    try:
        with sort_pass():
            order = _sorted(items, keys, context)
    finally:
        CURRENT.sorting = saved
    return [items[index] for index in order]


def _sorted(items, keys, context) -> list[int]:
    """The items' indices ordered by the keys, then registration order.

    Lexicographic order, computed one key at a time: a key is only rendered
    for the items that tie on every key before it (in APA, the date and
    title of an author's works, not of every entry), and for all such items
    of the list in one batch (which --jobs workers can share). Rendering
    sort keys is most of the cost of sorting, and a key of one item never
    depends on another, so the order is exactly that of comparing every key
    of every item.
    """
    groups = [list(range(len(items)))]  # runs of tied items, in order; each in registration order
    for key, descending in keys:
        tied = [index for group in groups if len(group) > 1 for index in group]
        if not tied:
            break
        values = dict(zip(tied, (_key(value) for value in key.sort_keys([items[i] for i in tied], context))))
        split = []
        for group in groups:
            if len(group) == 1:
                split.append(group)
                continue
            ties: dict = {}
            for index in group:
                ties.setdefault(values[index], []).append(index)
            present = sorted((value for value in ties if value is not None), reverse=descending)
            if None in ties:  # an empty key sorts last, whatever the direction (citeproc-js)
                present.append(None)
            split.extend(ties[value] for value in present)
        groups = split
    return [index for group in groups for index in group]

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

from functools import cmp_to_key

from ..collation import collation_key
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
    keys, descending = [], []
    saved = CURRENT.sorting
    CURRENT.sorting = True
    try:
        for key in self.findall("cs:key", self.nsmap):
            descending.append(key.get("sort", "ascending").lower() == "descending")
            keys.append([_key(value) for value in key.sort_keys(items, context)])
    finally:
        CURRENT.sorting = saved
    rows = list(zip(range(len(items)), *keys))

    def compare(left, right):
        for column, desc in enumerate(descending, start=1):
            a, b = left[column], right[column]
            if a == b:
                continue
            if a is None or b is None:
                return 1 if a is None else -1
            result = (a > b) - (a < b)
            return -result if desc else result
        return left[0] - right[0]

    return [items[row[0]] for row in sorted(rows, key=cmp_to_key(compare))]

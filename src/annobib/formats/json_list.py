"""The json format: annobib's contract with other tools and with its tests.

A list in bibliography order; each object has ``id`` (the citation key, case
kept), ``text``, ``html`` (the reference only), ``annotation`` (plain text or
null) and ``tags``, plus ``type`` and, under grouping, ``groups``.
"""
from __future__ import annotations

import json

from ..document import Document


def render(document: Document) -> str:
    groups_of: dict[str, list[str]] = {}
    for group in document.groups:
        if group.heading is not None:
            for entry in group.entries:
                groups_of.setdefault(entry.id, []).append(group.heading)
    items = []
    for entry in document.entries():
        item = {
            "id": entry.id,
            "text": entry.text,
            "html": entry.html,
            "annotation": entry.record.annotation if document.annotations else None,
            "tags": list(entry.record.tags),
            "type": entry.record.type,
        }
        if groups_of:
            item["groups"] = groups_of.get(entry.id, [])
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

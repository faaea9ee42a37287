"""The json format: annobib's contract with other tools and with its tests.

A list in bibliography order; each object has ``id`` (the citation key, case
kept), ``text``, ``html`` (the reference only), ``annotation`` (plain text or
null), ``annotation_html`` (the annotation with its formatting and linked
citations, paragraphs as ``<p>``, or null) and ``tags``, plus ``type`` and,
under grouping, ``groups``.
"""
from __future__ import annotations

import json
import json.encoder

from ..document import Document
from .html_parts import annotation_html


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
            "annotation": entry.annotation.text if document.annotations and entry.annotation else None,
            "annotation_html": annotation_html(entry) if document.annotations and entry.annotation else None,
            "tags": list(entry.record.tags),
            "type": entry.record.type,
        }
        if groups_of:
            item["groups"] = groups_of.get(entry.id, [])
        items.append(item)
    return dumps_indented(items) + "\n"


_encode = json.JSONEncoder(ensure_ascii=False).encode
_quote = json.encoder.encode_basestring  # what that encoder does for a str, without its checks


def _value(value) -> str:
    if value.__class__ is str:
        return _quote(value)
    return "null" if value is None else _encode(value)


def dumps_indented(items: list[dict]) -> str:
    """``json.dumps(items, ensure_ascii=False, indent=2)`` for a list of objects whose
    values are strings, null or lists of strings, byte for byte. json.dumps with an
    indent runs its pure-Python encoder (0.1 s on 10,000 entries); here each value is
    encoded by the C encoder and the layout written around it."""
    if not items:
        return "[]"
    blocks = []
    for item in items:
        fields = []
        for key, value in item.items():
            if isinstance(value, list):
                value = "[\n" + ",\n".join("      " + _value(v) for v in value) + "\n    ]" if value else "[]"
            else:
                value = _value(value)
            fields.append(f"    {_quote(key)}: {value}")
        blocks.append("  {\n" + ",\n".join(fields) + "\n  }" if fields else "  {}")
    return "[\n" + ",\n".join(blocks) + "\n]"

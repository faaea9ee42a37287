"""Read CSL-JSON (Zotero's "CSL JSON" export, pandoc's csljson, our own export).

CSL-JSON has no annotation or tag field of its own: the annotation is taken
from ``annote``, else from ``note`` (where Zotero keeps Extra and where our
own export puts it, so a round trip keeps it); tags from ``keyword``.
"""
from __future__ import annotations

import json
import re

from ..diagnostics import Diagnostics
from ..map.bibtex_to_csl import split_keywords
from ..map.names import item_with_particles
from ..export.note_guard import note_to_annotation
from ..record import Origin, Record


def parse_csljson(text: str, filename: str, diags: Diagnostics) -> tuple[list[Record], int]:
    """Return ``(records, number_of_items_in_file)``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        diags.error(filename, exc.lineno, None, f"not valid JSON ({exc.msg}, column {exc.colno}); nothing in this file was read", "syntax")
        return [], 0
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        diags.error(filename, 1, None, "CSL-JSON must be a list of items", "syntax")
        return [], 0
    lines = _id_lines(text)
    records = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            diags.error(filename, None, None, f"item {index + 1} is not a JSON object; skipped", "syntax")
            continue
        item = dict(item)
        key = item.get("id")
        if key is None or str(key).strip() == "":
            diags.error(filename, None, None, f"item {index + 1} has no 'id'; skipped (give every item an id)", "missing-id")
            continue
        key = str(key)
        item["id"] = key
        line = lines.get(key)
        if not item.get("type"):
            diags.warn(filename, line, key, "item has no 'type'; rendered as a generic document", "unknown-type")
            item["type"] = "document"
        item_with_particles(item)  # issue 15: "van den Bemt" in family, as Zotero keeps it (map/names.py)
        annotation = item.pop("annote", None) or item.pop("note", None)
        annotation = note_to_annotation(annotation, item) if isinstance(annotation, str) else annotation  # issue 4: export/note_guard.py
        keyword = item.pop("keyword", None)
        tags = split_keywords(keyword) if isinstance(keyword, str) else list(keyword or [])
        records.append(Record(item, str(annotation) if annotation else None, tags, Origin(filename, line)))
    return records, len(data)


def _id_lines(text: str) -> dict[str, int]:
    """Line of each item's ``"id"`` (for diagnostics); first occurrence wins."""
    found: dict[str, int] = {}
    line, counted = 1, 0  # newlines counted incrementally (issue 8: was quadratic)
    for match in re.finditer(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"|"id"\s*:\s*(\d+)', text):
        key = match.group(1) if match.group(1) is not None else match.group(2)
        if "\\" in key:  # an escape in the key: decode it as JSON does
            try:
                key = json.loads(f'"{key}"')
            except json.JSONDecodeError:
                pass
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        found.setdefault(key, line)
    return found

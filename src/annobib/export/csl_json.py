"""CSL-JSON for Zotero's "CSL JSON" import and for any citeproc engine.

Zotero puts CSL ``note`` (and only ``note``) into Extra, and hands Extra back
to its CSL engine as ``note``, which the annotated styles print under the
entry: so the annotation goes in ``note``. Tags go in ``keyword`` ("; "
separated): Zotero makes no tags from CSL-JSON, but annobib's reader does,
so a round trip keeps them. Ids (citation keys) are kept. The annotation
keeps its formatting (``<i>``, which citeproc-js prints) and its citations
(``[@key]``). Name particles are written inside the family and given names,
the only place Zotero's import keeps them.
"""
from __future__ import annotations

import json

from ..diagnostics import Diagnostics
from ..record import Record
from .note_guard import field_lines, guard_note


def export(records: list[Record]) -> tuple[str, Diagnostics]:
    diags = Diagnostics()
    return _json_list(_item(record, diags) for record in records) + "\n", diags


def _json_list(items) -> str:
    """What ``json.dumps(list(items), ensure_ascii=False, indent=2)`` writes, made one item at a
    time: json.dumps holds the pieces of the whole list's text at once (for 100,000 items,
    300 MB above the items themselves). A JSON string never holds a raw line break, so the
    item's own lines are indented one level by prefixing each."""
    texts = ["  " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ") for item in items]
    return "[\n" + ",\n".join(texts) + "\n]" if texts else "[]"


def _item(record: Record, diags: Diagnostics) -> dict:
    item = dict(record.csl)
    warn = lambda message, rule: diags.warn(record.origin.file, record.origin.line, record.id, message, rule)  # noqa: E731
    own_note = item.pop("note", None)
    note = record.annotation
    if note and own_note:
        warn("has both a note and an annotation; CSL-JSON has one note, so the note is written after "
             "the annotation (Zotero prints both under the entry)", "export-note-merged")
        note = f"{note}\n\n{own_note}"
    elif own_note:
        note = own_note
    if note:
        note, lines = guard_note(note)
        for number, key in lines:
            warn(f"annotation line {number} starts like a '{key}:' field, which Zotero or citeproc-js would "
                 "move out of the note; written with an invisible word joiner (U+2060) in front so it stays",
                 "export-note-field")
    moved = field_lines(item)
    if moved:
        note = "\n".join(moved + ([note] if note else []))
    if note:
        item["note"] = note
    if record.tags:
        _check_tags(record, warn)
        item["keyword"] = "; ".join(record.tags)
    for role in _NAME_VARIABLES:
        if isinstance(item.get(role), list):
            item[role] = [zotero_name(name) for name in item[role]]
    return item


_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor", "composer",
                   "director", "interviewer", "illustrator", "original-author", "recipient", "reviewed-author")


def zotero_name(name):
    """A name as Zotero's CSL JSON import keeps it: that import ignores ``non-dropping-particle``
    and ``dropping-particle`` ("van den Bemt" became "Bemt"), so particles go into the family and
    given name, where citeproc-js (and annobib's reader, map/names.py) find them again."""
    if not isinstance(name, dict) or not (name.get("non-dropping-particle") or name.get("dropping-particle")):
        return name
    name = dict(name)
    particle = name.pop("non-dropping-particle", None)
    if particle:
        name["family"] = f"{particle} {name.get('family', '')}".strip()
    dropping = name.pop("dropping-particle", None)
    if dropping:
        name["given"] = f"{name.get('given', '')} {dropping}".strip()
    return name


def _check_tags(record: Record, warn) -> None:
    for tag in record.tags:
        if ";" in tag or "," in tag:
            warn(f"tag '{tag}' contains ',' or ';', so it is split into several tags when read back",
                 "export-tag-separator")

"""Fields one BibTeX entry takes from another: ``xdata`` and ``crossref``.

biblatex's rules, as biber applies them:

- ``@xdata`` entries are data containers: an entry with ``xdata = {a, b}``
  takes every field of ``a`` and ``b`` it does not have itself, under the
  same name (an xdata container may itself name others). The containers are
  not references and are not printed.
- ``crossref = {parent}`` takes the parent's fields the child lacks; for a
  part (an article, a chapter) the parent's title becomes the child's
  booktitle, and so on (``_CROSSREF_RENAMES``).

Both follow chains of any length without recursion (a chain of thousands
of entries cannot exhaust Python's stack); a loop or a missing target is a
warning naming the entry, and nothing is inherited along it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostics

if TYPE_CHECKING:
    from .bibtex import RawEntry

# Fields a child entry takes from its crossref parent under another name
# (biblatex's inheritance: the parent's title is the child's booktitle).
_CROSSREF_RENAMES = {
    "title": "booktitle",
    "subtitle": "booksubtitle",
    "titleaddon": "booktitleaddon",
    "author": "bookauthor",
    "shorttitle": None,
    "ids": None,
    "crossref": None,
    "key": None,
    "annote": None,
    "annotation": None,
    "keywords": None,
}
_NOT_FROM_CROSSREF = ("ids", "crossref", "key", "annote", "annotation", "keywords", "shorttitle")
_PART_TYPES = {"incollection", "inproceedings", "inbook", "bookinbook", "suppbook", "suppcollection", "article",
               "suppperiodical"}
# What an xdata container never passes on: links, and what belongs to one reference.
_NOT_FROM_XDATA = {"ids", "crossref", "xref", "xdata", "key", "annote", "annotation"}


def inherit(entries: list["RawEntry"], diags: Diagnostics) -> list["RawEntry"]:
    """Apply xdata, then crossref; return the entries to print (the xdata containers left out)."""
    _inherit_xdata(entries, diags)
    printed = [entry for entry in entries if entry.type != "xdata"]
    _inherit_crossrefs(printed, diags)
    return printed


def _xdata_targets(entry: "RawEntry") -> list[str]:
    return [key for key in re.split(r"\s*,\s*", entry.fields.get("xdata", "").strip()) if key]


def _inherit_xdata(entries: list["RawEntry"], diags: Diagnostics) -> None:
    containers = {entry.key.lower(): entry for entry in entries if entry.type == "xdata"}
    done: set[int] = set()
    for entry in entries:
        if "xdata" not in entry.fields or id(entry) in done:
            continue
        # Depth first without recursion: a container is filled before whoever names it.
        stack: list[tuple["RawEntry", int]] = [(entry, 0)]
        on_path = {id(entry)}
        while stack:
            current, index = stack[-1]
            targets = _xdata_targets(current)
            if index < len(targets):
                stack[-1] = (current, index + 1)
                target = containers.get(targets[index].lower())
                if target is None:
                    diags.warn(current.file, current.field_lines.get("xdata", current.line), current.key,
                               f"xdata '{targets[index]}' is not an @xdata entry of the input; "
                               "nothing is taken from it",
                               "xdata-missing")
                elif id(target) in on_path:
                    diags.warn(current.file, current.line, current.key,
                               f"xdata loop through '{target.key}'; nothing is taken along it", "xdata-loop")
                elif id(target) not in done and "xdata" in target.fields:
                    stack.append((target, 0))
                    on_path.add(id(target))
                continue
            stack.pop()
            on_path.discard(id(current))
            for key in targets:
                source = containers.get(key.lower())
                if source is None or source is current:
                    continue
                for name, value in source.fields.items():
                    if name not in _NOT_FROM_XDATA and name not in current.fields:
                        current.fields[name] = value
            done.add(id(current))


def _inherit_crossrefs(entries: list["RawEntry"], diags: Diagnostics) -> None:
    by_key = {e.key.lower(): e for e in entries}
    resolved: set[str] = set()
    for start in entries:
        # The chain start -> parent -> grandparent … up to a resolved entry, a missing one or a loop.
        chain = [start]
        in_chain = {start.key.lower()}
        while True:
            current = chain[-1]
            target_key = current.fields.get("crossref", "").strip()
            if current.key.lower() in resolved or not target_key:
                break
            parent = by_key.get(target_key.lower())
            if parent is None or target_key.lower() in in_chain:
                break
            chain.append(parent)
            in_chain.add(parent.key.lower())
        # Resolve from the far end back to the start, each from its resolved parent.
        place = {entry.key.lower(): position for position, entry in enumerate(chain)}
        for position in range(len(chain) - 1, -1, -1):
            entry = chain[position]
            if entry.key.lower() in resolved:
                continue
            target_key = entry.fields.get("crossref", "").strip()
            if target_key:
                _take_from_parent(entry, target_key, by_key, chain, position, place, diags)
            resolved.add(entry.key.lower())


def _take_from_parent(entry: "RawEntry", target_key: str, by_key: dict, chain: list["RawEntry"], position: int,
                      place: dict[str, int], diags: Diagnostics) -> None:
    """``entry`` is ``chain[position]``; ``place`` gives each chain entry's position by key."""
    parent = by_key.get(target_key.lower())
    if parent is None:
        diags.warn(entry.file, entry.field_lines.get("crossref", entry.line), entry.key,
                   f"crossref to '{target_key}', which is not in the input; nothing is inherited", "crossref-missing")
        return
    if place.get(target_key.lower(), len(chain)) <= position:  # back to an entry of the chain so far
        path = [e.key for e in chain[:position + 1]] + [target_key]
        diags.warn(entry.file, entry.line, entry.key,
                   f"crossref loop ({' -> '.join(path)}); nothing is inherited along it", "crossref-loop")
        return
    child_is_part = entry.type in _PART_TYPES
    for name, value in list(parent.fields.items()):
        target: str | None = name
        if child_is_part and name in _CROSSREF_RENAMES:
            target = _CROSSREF_RENAMES[name]
        elif name in _NOT_FROM_CROSSREF:
            target = None
        if target and target not in entry.fields:
            entry.fields[target] = value

"""Variables typed into an item's note ("Extra" in Zotero), read as citeproc-js reads them.

citeproc-js (``CSL.parseNoteFieldHacks``, on by default) reads lines of the
note of the form ``variable: value`` — from the first line, or after one
first line of other text, up to the first other line — and ``{:variable:
value}`` anywhere in a line:
- ``type`` sets the item type; a date variable is set from the value even
  when the item has one;
- a name variable ("author: Doe || John", or a literal "author: WHO")
  and any other variable are set only when the item has none;
- what was read is removed from the note.
"""
from __future__ import annotations

import re

_INLINE = re.compile(r"\{:(?:[\-_a-z]+|[A-Z]+):[^}]+\}")
_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")


def _unfold_inline(line: str, first_line: bool) -> str:
    """``{:key: value}`` pieces each on a line of their own, until one follows other text
    (which only the very first piece of the note may)."""
    found = _INLINE.findall(line)
    if not found:
        return line
    elems = _INLINE.split(line)
    out = [elems[0]]
    for index, piece in enumerate(found):
        before = elems[index]
        if before.strip() and (not first_line or index > 0) and not _FIELD.match(before):
            out.extend(rest + text for rest, text in zip(found[index:], elems[index + 1:]))
            break
        out.append("\n" + piece[2:-1].strip() + "\n")
        out.append(elems[index + 1])
    return "".join(out)


def apply_note_fields(data: dict, date_variables: frozenset, name_variables: frozenset) -> dict:
    """``data`` with the note's variables applied (a new dict; ``data`` is left as it is)."""
    note = data.get("note")
    if not isinstance(note, str) or ":" not in note:
        return data
    unfolded = "\n".join(_unfold_inline(line, number == 0) for number, line in enumerate(note.split("\n")))
    lines = unfolded.split("\n")
    data = dict(data)
    names: dict[str, list] = {}
    for index, line in enumerate(lines):
        match = _FIELD.match(line)
        if not line.strip():
            continue
        if not match:
            if index == 0:
                continue
            break
        key, value = match.group(1), match.group(2).strip()
        if key == "type":
            data["type"] = value
            lines[index] = ""
        elif key.removeprefix("alt-") in date_variables:
            data[key] = {"raw": value}
            lines[index] = ""
        elif not data.get(key):
            if key.removeprefix("alt-") in name_variables:
                parts = re.split(r"\s*\|\|\s*", value)
                if len(parts) == 1:
                    names.setdefault(key, []).append({"literal": parts[0]})
                elif len(parts) == 2:
                    names.setdefault(key, []).append({"family": parts[0], "given": parts[1]})
            else:
                data[key] = value
            lines[index] = ""
    data.update(names)
    data["note"] = "\n".join(lines).strip()
    return data

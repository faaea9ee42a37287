"""Where each field value sits in a .bib file's text, to the character.

``--fix`` must change a few values and leave every other byte alone
(comments, @strings, spacing, field order), so it edits the text itself
rather than writing out a parsed model. This scanner finds, per entry, the
span of each field name and of the text inside its braces or quotes. An
entry it cannot make sense of is skipped, so it is never edited.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_SKIPPED_BLOCKS = {"comment", "string", "preamble"}
# Compiled patterns are matched at a position (pattern.match(text, i)): slicing
# the text at every entry would copy it again and again (quadratic on big files).
_BLOCK_START = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_KEY = re.compile(r"\s*([^\s,{}()=]+)\s*,")
_FIELD_NAME = re.compile(r"([^\s=,{}()\"#]+)\s*=\s*")
_BARE_WORD = re.compile(r"[^\s,#{}()\"]+")


@dataclass
class FieldSpan:
    name: str  # as written
    name_start: int
    name_end: int
    inner_start: int | None  # the text inside {…} or "…", when the value is one such piece
    inner_end: int | None

    @property
    def editable(self) -> bool:
        return self.inner_start is not None


@dataclass
class EntrySpan:
    type: str
    key: str
    start: int
    line: int
    fields: list[FieldSpan] = field(default_factory=list)
    field_line: dict[int, int] = field(default_factory=dict)  # name_start -> line

    def field(self, name: str) -> FieldSpan | None:
        for span in self.fields:
            if span.name.lower() == name:
                return span
        return None


def scan_entries(text: str) -> list[EntrySpan]:
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    line_at = lambda offset: bisect.bisect_left(newlines, offset) + 1  # noqa: E731
    entries = []
    position = 0
    while True:
        at = text.find("@", position)
        if at < 0:
            return entries
        match = _BLOCK_START.match(text, at)
        if not match:
            position = at + 1
            continue
        kind = match.group(1).lower()
        body = match.end()
        closer = "}" if match.group(2) == "{" else ")"
        if kind in _SKIPPED_BLOCKS:
            end = _balanced_end(text, body, closer)
            position = end if end is not None else body
            continue
        entry, end = _scan_entry(text, at, body, kind, closer)
        if entry is not None:
            entry.line = line_at(at)
            entry.field_line = {f.name_start: line_at(f.name_start) for f in entry.fields}
            entries.append(entry)
        position = end if end is not None else body


def _scan_entry(text: str, at: int, body: int, kind: str, closer: str):
    key_match = _KEY.match(text, body)
    if not key_match:
        return None, None
    entry = EntrySpan(kind, key_match.group(1), at, 0)
    i = key_match.end()
    while True:
        i = _skip_space_and_commas(text, i)
        if i >= len(text):
            return None, None
        if text[i] == closer:
            return entry, i + 1
        name_match = _FIELD_NAME.match(text, i)
        if not name_match:
            return None, None  # not a field: leave the whole entry alone
        name_start, name_end = i, i + len(name_match.group(1))
        value_start = name_match.end()
        pieces, i = _scan_value(text, value_start, closer)
        if pieces is None:
            return None, None
        inner = pieces[0] if len(pieces) == 1 and pieces[0] is not None else (None, None)
        entry.fields.append(FieldSpan(name_match.group(1), name_start, name_end, *inner))


def _skip_space_and_commas(text: str, i: int) -> int:
    while i < len(text) and (text[i].isspace() or text[i] == ","):
        i += 1
    return i


def _scan_value(text: str, i: int, closer: str):
    """Pieces of a value joined by #: (inner_start, inner_end) for braced/quoted ones, None for macros."""
    pieces = []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return None, i
        if text[i] == "{":
            end = _balanced_end(text, i + 1, "}")
            if end is None:
                return None, i
            pieces.append((i + 1, end - 1))
            i = end
        elif text[i] == '"':
            end = _quoted_end(text, i + 1)
            if end is None:
                return None, i
            pieces.append((i + 1, end - 1))
            i = end
        else:
            word = _BARE_WORD.match(text, i)
            if not word:
                return None, i
            pieces.append(None)
            i = word.end()
        while i < len(text) and text[i].isspace():
            i += 1
        if i < len(text) and text[i] == "#":
            i += 1
            continue
        if i < len(text) and text[i] in "," + closer:
            return pieces, i
        return None, i


def _balanced_end(text: str, i: int, closer: str) -> int | None:
    """Index just past the closer that balances an opening already consumed."""
    depth = 1
    opener = "{" if closer == "}" else "("
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _quoted_end(text: str, i: int) -> int | None:
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            return i + 1
        i += 1
    return None

"""Where each field value sits in a .bib file's text, to the character.

``--fix`` must change a few values and leave every other byte alone
(comments, @strings, spacing, field order), so it edits the text itself
rather than writing out a parsed model. The offsets come from the
project's one BibTeX scanner (``read/bibsplit.py``), the same that the
reader uses; this module only keeps what ``--fix`` needs of them. An entry
the scanner cannot read (unclosed, malformed, commented out) is skipped, so
it is never edited.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..read.bibsplit import BlockError, Scan, read_block, split_blocks


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
    """Every readable entry of ``text`` with the offsets of its fields."""
    scan = Scan(text)
    entries = []
    for block in split_blocks(text, scan):
        if not block.is_entry or not block.closed or block.malformed is not None or block.commented:
            continue
        try:
            body = read_block(scan, block)
        except BlockError:
            continue
        entry = EntrySpan(block.type, body.key, block.start, block.line)
        for found in body.fields:
            inner: tuple[int | None, int | None] = (None, None)
            if len(found.pieces) == 1:
                start, end = found.pieces[0]
                if text[start] in '{"' and end - start >= 2:
                    inner = (start + 1, end - 1)
            entry.fields.append(FieldSpan(found.name, found.name_start, found.name_end, *inner))
            entry.field_line[found.name_start] = found.line
        entries.append(entry)
    return entries

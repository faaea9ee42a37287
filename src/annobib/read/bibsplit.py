"""Cut BibTeX text into top-level blocks, brace-aware, as BibTeX and biber see them.

bibtexparser's splitter reads a whole file in one pass; after a syntax
error it may misplace the entries around the break. annobib cuts the file
into blocks first and gives each entry to bibtexparser on its own, so one
broken entry cannot take another with it. The same cut is an independent
count of a file's entries, which the tests use to check that every entry is
either rendered or named in a diagnostic.

The rules:

- A block starts at ``@``, a type name, then ``{`` or ``(``. Spaces and line
  breaks may stand around the type name (BibTeX allows them), and the ``@``
  may stand anywhere in the free text between entries, not only at the start
  of a line.
- A ``{``-block ends at its matching ``}``; braces right after a backslash do
  not count (as in bibtexparser). A ``(``-block ends at the first ``)``
  outside braces and quotes.
- A block other than ``@comment`` also ends, broken, where a line starting
  with ``@type{`` begins inside it: BibTeX files put each entry on a new line,
  so that line is the next entry and an unclosed brace before it cannot
  swallow it. A block that never closes ends there too (or at the end of the
  file).
- ``@comment{...}`` with balanced braces hides everything in it, entries
  included (biber and JabRef read it so). ``@string``, ``@preamble`` and
  ``@comment`` are not entries.
- An entry whose ``@`` comes after a ``%`` on the same line is commented out
  (biber skips it; classic BibTeX would read it). It still counts as an
  entry of the file, so the reader must name it in a diagnostic.
"""
from __future__ import annotations

import re

from ..values import Frozen

NOT_ENTRIES = frozenset({"string", "preamble", "comment"})

_NAME = r"[A-Za-z][\w:.+\-]*"
_HEADER = re.compile(r"@\s*(" + _NAME + r")\s*([{(])")
_LINE_START_HEADER = re.compile(r"^[ \t]*@[ \t]*" + _NAME + r"[ \t]*[{(]", re.M)
_BRACE = re.compile(r"(?<!\\)[{}]")
_PAREN_MARK = re.compile(r'(?<!\\)[{}]|[")]')
_KEY = re.compile(r'[^\s,={}#%()]+')


class Block(Frozen):
    """One top-level piece of a .bib file: ``text[start:end]``."""

    __match_args__ = ("kind", "type", "line", "start", "end", "body_start", "delimiter", "key", "closed",
                      "open_line", "commented")

    def __init__(self, kind: str, type: str, line: int, start: int, end: int, body_start: int = 0,
                 delimiter: str = "", key: str | None = None, closed: bool = True,
                 open_line: int | None = None, commented: bool = False):
        set_field = object.__setattr__
        set_field(self, "kind", kind)  # "entry", "string", "preamble", "comment" or "text" (free text between blocks)
        set_field(self, "type", type)  # the type name lower-cased ("article", "string"...); "" for text
        set_field(self, "line", line)  # 1-based line of the "@" (of the first character for text)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "body_start", body_start)  # just after the opening delimiter
        set_field(self, "delimiter", delimiter)  # "{" or "("
        set_field(self, "key", key)  # the citation key as written, when there is a plausible one
        set_field(self, "closed", closed)  # False: the block's braces or quotes never close
        set_field(self, "open_line", open_line)  # when not closed: line of the innermost delimiter left open
        set_field(self, "commented", commented)  # a "%" comes before the "@" on its line

    @property
    def is_entry(self) -> bool:
        return self.kind == "entry"


class _Lines:
    """Line numbers of offsets, for offsets asked in increasing order (mostly)."""

    def __init__(self, text: str):
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            return self.text.count("\n", 0, offset) + 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def split_blocks(text: str) -> list[Block]:
    """Every block of ``text`` in order, free text included."""
    blocks: list[Block] = []
    lines = _Lines(text)
    pos = 0
    while True:
        header = _HEADER.search(text, pos)
        if header is None:
            _add_text(blocks, text, pos, len(text), lines)
            return blocks
        _add_text(blocks, text, pos, header.start(), lines)
        type_name = header.group(1).lower()
        delimiter = header.group(2)
        body_start = header.end()
        line = lines.at(header.start())
        end, closed = _block_end(text, body_start, delimiter, may_hold_entries=type_name == "comment")
        open_line = None
        if not closed:
            open_at = _innermost_open(text, header.end() - 1, end, delimiter)
            open_line = lines.at(open_at) if open_at is not None else line
        line_start = text.rfind("\n", 0, header.start()) + 1
        kind = type_name if type_name in NOT_ENTRIES else "entry"
        blocks.append(Block(
            kind=kind, type=type_name, line=line, start=header.start(), end=end,
            body_start=body_start, delimiter=delimiter,
            key=_key_of(text, body_start, end) if kind == "entry" else None,
            closed=closed, open_line=open_line,
            commented="%" in text[line_start:header.start()],
        ))
        pos = max(end, body_start)


def count_entries(text: str) -> int:
    """How many entries ``text`` holds by the rules above (commented-out ones included)."""
    return sum(1 for block in split_blocks(text) if block.is_entry)


def _add_text(blocks: list[Block], text: str, start: int, end: int, lines: _Lines) -> None:
    if start < end and text[start:end].strip():
        blocks.append(Block(kind="text", type="", line=lines.at(start), start=start, end=end))


def _block_end(text: str, body_start: int, delimiter: str, may_hold_entries: bool) -> tuple[int, bool]:
    """``(end, closed)``: the offset just past the block, and whether it closed properly."""
    closing = _matching_close(text, body_start, delimiter)
    if may_hold_entries and closing is not None:
        return closing, True
    # A line that starts a new block inside this one ends it (see the module's rules).
    limit = closing if closing is not None else len(text)
    next_header = _LINE_START_HEADER.search(text, body_start, limit)
    if next_header is not None:
        return next_header.start(), False
    if closing is None:
        return len(text), False
    return closing, True


def _matching_close(text: str, body_start: int, delimiter: str) -> int | None:
    """Offset just past the delimiter closing the block, or None when it never closes."""
    depth = 0
    if delimiter == "{":
        for mark in _BRACE.finditer(text, body_start):
            if mark.group() == "{":
                depth += 1
            elif depth == 0:
                return mark.end()
            else:
                depth -= 1
        return None
    in_quotes = False
    for mark in _PAREN_MARK.finditer(text, body_start):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and char == '"':
            in_quotes = not in_quotes
        elif depth == 0 and char == ")" and not in_quotes:
            return mark.end()
    return None


def _innermost_open(text: str, opening: int, end: int, delimiter: str) -> int | None:
    """Offset of the innermost delimiter still open at ``end`` (the block's own, at worst)."""
    stack = [opening]
    quote_at = None
    pattern = _BRACE if delimiter == "{" else _PAREN_MARK
    for mark in pattern.finditer(text, opening + 1, end):
        char = mark.group()
        if char == "{":
            stack.append(mark.start())
        elif char == "}" and len(stack) > 1:
            stack.pop()
        elif char == '"' and len(stack) == 1:
            quote_at = None if quote_at is not None else mark.start()
    if quote_at is not None and len(stack) == 1:
        return quote_at
    return stack[-1]


def _key_of(text: str, body_start: int, end: int) -> str | None:
    """The citation key: what stands before the first comma, if it looks like one."""
    body = text[body_start:end]
    comma = body.find(",")
    candidate = (body if comma < 0 else body[:comma]).strip()
    if candidate and candidate[-1] in "})":
        candidate = candidate[:-1].strip()  # "@misc{key}": no fields, the closing brace follows
    return candidate if _KEY.fullmatch(candidate) else None

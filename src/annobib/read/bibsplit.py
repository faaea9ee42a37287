"""The one BibTeX scanner: blocks, keys, fields and value pieces, with offsets.

Everything in annobib that looks at the structure of a .bib file uses this
module: the reader (``read/bibtex.py``), ``check --fix`` (which edits values
in place, so it needs their offsets) and the accounting of entries in the
tests. It is iterative and linear in the size of the file, whatever the
file holds: braces are matched once for the whole text with a stack, and a
broken entry is cut where the next one begins instead of being scanned to
the end of the file again.

The rules, as BibTeX and biber read a file:

- A block starts at ``@``, a type name, then ``{`` or ``(``. Spaces and line
  breaks may stand around the type name, and the ``@`` may stand anywhere in
  the free text between entries, not only at the start of a line.
- A line whose first character is ``@`` but which is not such a header
  (``@article key,`` without ``{``, ``@1article{``, ``@{k,``, ``@article[k,``,
  ``@ar ticle{``) is a *malformed* block: an entry that cannot be read, named
  by its line, never silently taken as free text. ``@comment`` without a
  brace is free text, as in BibTeX.
- Braces are counted as BibTeX counts them, except that a backslash pairs
  with the character after it: ``\\{`` and ``\\}`` are escaped braces (as in
  bibtexparser), and ``\\\\`` is an escaped backslash, so the ``}`` of
  ``{a line\\\\}`` closes the value, as BibTeX reads it.
- A ``{``-block ends at its matching ``}``; a ``(``-block at the first ``)``
  outside braces and quotes.
- A block other than ``@comment`` also ends, broken, where a line starting
  with ``@type{`` begins inside it: that line is the next entry, and an
  unclosed brace before it cannot swallow it. A block that never closes ends
  there too (or at the end of the file).
- ``@comment{...}`` with balanced braces hides everything in it, entries
  included (biber and JabRef read it so). ``@string``, ``@preamble`` and
  ``@comment`` are not entries.
- An entry whose ``@`` comes after a ``%`` on the same line is commented out
  (biber skips it; classic BibTeX would read it). It still counts as an
  entry of the file, so the reader must name it in a diagnostic.
- Inside a block, ``%`` starts a comment to the end of the line where a
  field could start (between fields, not inside a braced or quoted value).
- Fields are ``name = value`` separated by commas; a value is pieces joined
  by ``#``: ``{braced}``, ``"quoted"`` (braces inside count, a quote inside
  braces is text) or a bare word (a number or a macro name).
"""
from __future__ import annotations

import bisect
import re

from ..values import Frozen, Value

NOT_ENTRIES = frozenset({"string", "preamble", "comment"})
# Deeper brace nesting in one value is read as plain text (see map/latex.py).
MAX_BRACE_DEPTH = 100

_NAME = r"[A-Za-z][\w:.+\-]*"
_HEADER = re.compile(r"@\s*(" + _NAME + r")\s*([{(])")
_LINE_START_HEADER = re.compile(r"^[ \t]*@[ \t]*" + _NAME + r"[ \t]*[{(]", re.M)
# A line that begins with "@" and something a header could be made of.
_LINE_START_AT = re.compile(r"^[ \t]*(@)[ \t]*([\w{(\[\"])", re.M)
_BRACE = re.compile(r"\\[\s\S]|[{}]")
_PAREN_MARK = re.compile(r'\\[\s\S]|[{")]')
_KEY = re.compile(r'[^\s,={}#%()]+')


class Block(Frozen):
    """One top-level piece of a .bib file: ``text[start:end]``."""

    __match_args__ = ("kind", "type", "line", "start", "end", "body_start", "delimiter", "key", "closed",
                      "open_line", "commented", "malformed")
    kind: str
    type: str
    line: int
    start: int
    end: int
    body_start: int
    delimiter: str
    key: str | None
    closed: bool
    open_line: int | None
    commented: bool
    malformed: str | None

    def __init__(self, kind: str, type: str, line: int, start: int, end: int, body_start: int = 0,
                 delimiter: str = "", key: str | None = None, closed: bool = True,
                 open_line: int | None = None, commented: bool = False, malformed: str | None = None):
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
        set_field(self, "malformed", malformed)  # the header line as written, when it is not a valid header

    @property
    def is_entry(self) -> bool:
        return self.kind == "entry"


class Lines:
    """Line numbers of offsets (1-based), by bisection over the line starts."""

    def __init__(self, text: str):
        self.breaks = [match.start() for match in re.finditer("\n", text)]

    def at(self, offset: int) -> int:
        return bisect.bisect_left(self.breaks, offset) + 1

    def start_of(self, offset: int) -> int:
        """Offset of the start of the line holding ``offset``."""
        index = bisect.bisect_left(self.breaks, offset)
        return self.breaks[index - 1] + 1 if index else 0


class Scan:
    """What every block of one text shares: its braces matched once, its line starts, its headers."""

    def __init__(self, text: str):
        self.text = text
        self.lines = Lines(text)
        self.matches, self.deepest = _match_braces(text)
        self.headers = [m.start() for m in _LINE_START_HEADER.finditer(text)]
        self.percents = [m.start() for m in re.finditer("%", text)]

    def commented(self, offset: int) -> bool:
        """Whether a ``%`` stands before ``offset`` on its line (found by bisection: a file of
        one long line must not be searched back to its start for every entry)."""
        index = bisect.bisect_left(self.percents, offset)
        return index > 0 and self.percents[index - 1] >= self.lines.start_of(offset)

    def next_header(self, start: int, limit: int) -> int | None:
        """Offset of the first line-start header in ``[start, limit)``."""
        index = bisect.bisect_left(self.headers, start)
        if index < len(self.headers) and self.headers[index] < limit:
            return self.headers[index]
        return None


def _match_braces(text: str) -> tuple[dict[int, int], int]:
    """Offset of every ``{`` that closes -> offset just past its ``}``; and the deepest nesting."""
    stack: list[int] = []
    matches: dict[int, int] = {}
    deepest = 0
    for mark in _BRACE.finditer(text):
        char = mark.group()
        if char == "{":
            stack.append(mark.start())
            if len(stack) > deepest:
                deepest = len(stack)
        elif char == "}" and stack:
            matches[stack.pop()] = mark.end()
    return matches, deepest


def split_blocks(text: str, scan: Scan | None = None) -> list[Block]:
    """Every block of ``text`` in order, free text included."""
    scan = scan if scan is not None else Scan(text)
    blocks: list[Block] = []
    pos = 0
    while True:
        header = _HEADER.search(text, pos)
        limit = header.start() if header is not None else len(text)
        broken = _malformed_header(text, pos, limit)
        if broken is not None:
            _add_text(blocks, text, pos, broken, scan)
            block = _malformed_block(scan, broken)
            blocks.append(block)
            pos = block.end
            continue
        if header is None:
            _add_text(blocks, text, pos, len(text), scan)
            return blocks
        _add_text(blocks, text, pos, header.start(), scan)
        block = _block(scan, header)
        blocks.append(block)
        pos = max(block.end, block.body_start)


def _block(scan: Scan, header: re.Match) -> Block:
    text = scan.text
    type_name = header.group(1).lower()
    delimiter = header.group(2)
    body_start = header.end()
    line = scan.lines.at(header.start())
    end, closed = _block_end(scan, body_start, delimiter, may_hold_entries=type_name == "comment")
    open_line = None
    if not closed:
        open_at = _innermost_open(text, header.end() - 1, end, delimiter)
        open_line = scan.lines.at(open_at) if open_at is not None else line
    kind = type_name if type_name in NOT_ENTRIES else "entry"
    return Block(
        kind=kind, type=type_name, line=line, start=header.start(), end=end,
        body_start=body_start, delimiter=delimiter,
        key=_key_of(text, body_start, end) if kind == "entry" else None,
        closed=closed, open_line=open_line,
        commented=scan.commented(header.start()),
    )


def _malformed_header(text: str, start: int, limit: int) -> int | None:
    """Offset of the first line-start ``@`` in ``[start, limit)`` that is not a valid header."""
    for found in _LINE_START_AT.finditer(text, start, limit):
        at = found.start(1)
        word = re.match(r"@[ \t]*(\w*)", text[at:at + 40])
        following = text[at + len(word.group(0)):at + len(word.group(0)) + 1] if word else ""
        if word and word.group(1).lower() == "comment" and following not in ("{", "("):
            continue  # "@comment text": a comment, as BibTeX reads it
        return at
    return None


def _malformed_block(scan: Scan, at: int) -> Block:
    """A block whose header cannot be read: it runs to the next line-start header (or the end)."""
    text = scan.text
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    header_text = text[at:line_end].strip()
    following = scan.next_header(line_end, len(text))
    end = following if following is not None else len(text)
    opening = re.search(r"[{(]", text[at:line_end])
    if opening is not None and text[at + opening.start()] == "{":
        closing = scan.matches.get(at + opening.start())
        if closing is not None and closing <= end:
            end = closing
    word = re.match(r"@[ \t]*(\w*)", header_text)  # the header starts with "@" (see _LINE_START_AT)
    type_name = word.group(1) if word else ""
    kind = type_name.lower() if type_name.lower() in NOT_ENTRIES else "entry"
    key = re.search(r"[ \t{(\[\"]+([^\s,={}()\"\[\]#%]+)\s*,", header_text)
    return Block(kind=kind, type=type_name.lower(), line=scan.lines.at(at), start=at, end=end,
                 body_start=line_end, key=key.group(1) if key else None, closed=False,
                 malformed=header_text[:60])


def count_entries(text: str) -> int:
    """How many entries ``text`` holds by the rules above (commented-out ones included)."""
    return sum(1 for block in split_blocks(text) if block.is_entry)


def _add_text(blocks: list[Block], text: str, start: int, end: int, scan: Scan) -> None:
    if start < end and text[start:end].strip():
        blocks.append(Block(kind="text", type="", line=scan.lines.at(start), start=start, end=end))


def _block_end(scan: Scan, body_start: int, delimiter: str, may_hold_entries: bool) -> tuple[int, bool]:
    """``(end, closed)``: the offset just past the block, and whether it closed properly."""
    text = scan.text
    following = scan.next_header(body_start, len(text))
    limit = following if following is not None else len(text)
    if delimiter == "{":
        closing = scan.matches.get(body_start - 1)
    else:
        closing = _paren_close(scan, body_start, len(text) if may_hold_entries else limit)
    if may_hold_entries and closing is not None:
        return closing, True
    # A line that starts a new block inside this one ends it (see the module's rules).
    if following is not None and (closing is None or following < closing):
        return following, False
    if closing is None:
        return len(text), False
    return closing, True


def _paren_close(scan: Scan, body_start: int, limit: int) -> int | None:
    """Offset just past the ``)`` closing a ``(``-block, looked for before ``limit``."""
    in_quotes = False
    pos = body_start
    while True:
        mark = _PAREN_MARK.search(scan.text, pos, limit)
        if mark is None:
            return None
        char = mark.group()
        pos = mark.end()
        if char == "{":
            pos = scan.matches.get(mark.start(), limit)
        elif char == '"':
            in_quotes = not in_quotes
        elif char == ")" and not in_quotes:
            return mark.end()


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
    comma = text.find(",", body_start, end)
    candidate = text[body_start:end if comma < 0 else comma].strip()
    if candidate and candidate[-1] in "})":
        candidate = candidate[:-1].strip()  # "@misc{key}": no fields, the closing brace follows
    return candidate if _KEY.fullmatch(candidate) else None


# -- inside one block ------------------------------------------------------------


class FieldSpan(Value):
    """One ``name = value`` of a block: offsets into the text, and the value's pieces."""

    __match_args__ = ("name", "name_start", "name_end", "value_start", "value_end", "line", "pieces", "depth")

    def __init__(self, name: str, name_start: int, name_end: int, value_start: int, value_end: int,
                 line: int, pieces: list[tuple[int, int]], depth: int):
        self.name = name  # as written (stripped)
        self.name_start, self.name_end = name_start, name_end
        self.value_start, self.value_end = value_start, value_end  # the value expression, stripped
        self.line = line  # the line of its "="
        self.pieces = pieces  # (start, end) of each piece joined by "#", delimiters included
        self.depth = depth  # deepest brace nesting inside the value


class BlockBody(Value):
    """The key (entries) or name (@string) and the fields of one block."""

    __match_args__ = ("key", "key_start", "fields")

    def __init__(self, key: str, key_start: int, fields: list[FieldSpan]):
        self.key = key
        self.key_start = key_start
        self.fields = fields


class BlockError(ValueError):
    """A block whose inside cannot be read; the message says why, in one line."""


def read_block(scan: Scan, block: Block) -> BlockBody:
    """The key and fields of a closed entry, or the name and value of an @string; else BlockError."""
    walker = _Walker(scan, block.end - 1)
    closer = scan.text[block.end - 1]
    if block.kind == "string":
        fields = walker.fields(block.body_start, closer)
        if len(fields) != 1:
            raise BlockError("an @string defines one macro: name = value")
        return BlockBody(fields[0].name, fields[0].name_start, fields)
    key_end, mark = walker.next_mark(block.body_start, _KEY_MARK)
    key = scan.text[walker.after_comment or block.body_start:key_end].strip()
    if key_end >= walker.stop:
        return BlockBody(key, block.body_start, [])  # "@misc{key}": no fields
    if mark != ",":
        raise BlockError(f"expected a comma after the entry key, found '{mark}'")
    return BlockBody(key, block.body_start, walker.fields(key_end + 1, closer))


_KEY_MARK = re.compile(r'\\[\s\S]|[{}",=%]')
_NAME_MARK = re.compile(r'\\[\s\S]|[{}",=%#]')
_VALUE_MARK = re.compile(r'\\[\s\S]|[{}",#%]')


class _Walker:
    """Walks the inside of one block, up to its closing delimiter at ``stop``."""

    def __init__(self, scan: Scan, stop: int):
        self.scan, self.text, self.stop = scan, scan.text, stop

    def next_mark(self, pos: int, pattern: re.Pattern) -> tuple[int, str]:
        """The next mark of ``pattern`` outside escapes and %-comments: ``(offset, char)``, or ``(stop, closer)``."""
        text = self.text
        self.after_comment: int | None = None  # where the last %-comment skipped here ends
        while True:
            mark = pattern.search(text, pos, self.stop)
            if mark is None:
                return self.stop, text[self.stop]
            char = mark.group()
            if char == "%":
                pos = self.after_comment = _line_end(text, mark.end(), self.stop)
            elif len(char) == 2:  # an escaped character
                pos = mark.end()
            else:
                return mark.start(), char

    def fields(self, pos: int, closer: str) -> list[FieldSpan]:
        found: list[FieldSpan] = []
        text = self.text
        while True:
            at, mark = self.next_mark(pos, _NAME_MARK)
            segment = text[self.after_comment or pos:at]  # %-comments before the name are no part of it
            if mark == "," and at < self.stop and not segment.strip():
                pos = at + 1  # ",," or a comma after the last field
                continue
            if at >= self.stop:
                if segment.strip():
                    raise BlockError(f"'{_short(segment)}' has no '=' and value before the closing '{closer}'")
                return found
            if mark != "=":
                raise BlockError(f"expected '=' after the field name '{_short(segment)}', found '{mark}'")
            name_start, name_end = _strip_span(text, self.after_comment or pos, at)
            field = self._value(text[name_start:name_end], name_start, name_end, at + 1)
            found.append(field)
            pos = self._after_value
            if pos >= self.stop:
                return found
            pos += 1  # the comma

    def _value(self, name: str, name_start: int, name_end: int, pos: int) -> FieldSpan:
        """The value after ``=``: up to a top-level ``,`` or the closing delimiter; pieces split at ``#``."""
        text, matches, stop = self.text, self.scan.matches, self.stop
        line = self.scan.lines.at(pos - 1)
        pieces: list[tuple[int, int]] = []
        piece_start = pos
        in_quotes = False
        depth = 0
        comment_at: int | None = None  # a %-comment with nothing but space after it so far
        while True:
            mark = _VALUE_MARK.search(text, pos, stop)
            at = stop if mark is None else mark.start()
            if comment_at is not None and text[pos:at].strip():
                comment_at = None
            if mark is None:
                end = stop
                break
            char = mark.group()
            pos = mark.end()
            if char == "%" and not in_quotes:
                comment_at = at if comment_at is None else comment_at
                pos = _line_end(text, pos, stop)
                continue
            if char in '#,' and not in_quotes:
                pieces.append(_strip_span(text, piece_start, at if comment_at is None else comment_at))
                comment_at = None
                if char == ",":
                    end = at
                    break
                piece_start = pos
                continue
            comment_at = None
            if char == "{":
                closing = matches.get(at)
                if closing is None or closing > stop:
                    raise BlockError(f"the braces in the value of '{name}' do not balance")
                depth = max(depth, _depth(text, at, closing))
                pos = closing
            elif char == '"':
                in_quotes = not in_quotes
            # anything else is text: escapes, a '%' or '#' in quotes, a stray '}' in a (…) block
        if in_quotes:
            raise BlockError(f"the quotes in the value of '{name}' do not close")
        if mark is None:
            pieces.append(_strip_span(text, piece_start, end if comment_at is None else comment_at))
        self._after_value = end
        return FieldSpan(name, name_start, name_end, pieces[0][0], pieces[-1][1], line,
                         [piece for piece in pieces if piece[0] < piece[1]], depth)


def _line_end(text: str, pos: int, stop: int) -> int:
    found = text.find("\n", pos, stop)
    return stop if found < 0 else found


def _depth(text: str, start: int, end: int) -> int:
    """The deepest brace nesting in ``text[start:end]`` (a balanced group)."""
    depth = deepest = 0
    for mark in _BRACE.finditer(text, start, end):
        if mark.group() == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark.group() == "}":
            depth -= 1
    return deepest


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def brace_depth(value: str) -> int:
    """The deepest brace nesting anywhere in ``value`` (unbalanced braces counted as they come)."""
    depth = deepest = 0
    for mark in _BRACE.finditer(value):
        if mark.group() == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark.group() == "}" and depth:
            depth -= 1
    return deepest


def flatten_deep_braces(value: str, limit: int) -> str:
    """``value`` without the braces nested deeper than ``limit`` (their text stays)."""
    out: list[str] = []
    depth = 0
    last = 0
    for mark in _BRACE.finditer(value):
        char = mark.group()
        if char == "{":
            depth += 1
            drop = depth > limit
        elif char == "}" and depth:
            drop = depth > limit
            depth -= 1
        else:
            continue
        if drop:
            out.append(value[last:mark.start()])
            last = mark.end()
    out.append(value[last:])
    return "".join(out)

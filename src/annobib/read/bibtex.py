"""Read .bib files into raw entries: BibTeX syntax, macros, crossref and xdata.

The file is cut into blocks and fields by ``bibsplit`` (the project's one
BibTeX scanner: linear, and a broken entry ends where the next one begins);
every entry that yields no record gets a diagnostic naming it. This module
evaluates each field's value expression (``@string`` macros, month macros,
``#`` concatenation) so that an undefined macro becomes a diagnostic naming
the entry, within budgets that stop macros doubling each other from filling
memory, then applies ``xdata`` and ``crossref`` inheritance (``inherit``).
Control characters are removed first, with a warning. LaTeX stays in the
values: the mapping stage decides per field how to decode it.
"""
from __future__ import annotations

import logging
import re

from ..diagnostics import Diagnostics
from ..values import Value
from .bibsplit import (
    MAX_BRACE_DEPTH,
    Block,
    BlockBody,
    BlockError,
    FieldSpan,
    Scan,
    brace_depth,
    flatten_deep_braces,
    read_block,
    split_blocks,
)
from .bibsplit import count_entries as _count_entries
from .control import remove_control_characters
from .inherit import inherit

# bibtexparser logs its own "Parsing of ... aborted" lines; annobib's diagnostics replace them.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}
_LONG_FIELD = 100_000  # characters; longer values are kept but flagged
# Fields that may repeat, each value a paragraph of one text, in order (issue 15).
_PARAGRAPH_FIELDS = frozenset({"annote", "annotation"})


class RawEntry(Value):
    """One BibTeX entry with evaluated (still LaTeX) field values."""

    __match_args__ = ("type", "key", "fields", "file", "line", "field_lines")

    def __init__(self, type: str, key: str, fields: dict[str, str], file: str, line: int,
                 field_lines: dict[str, int] | None = None):
        self.type = type
        self.key = key
        self.fields = fields
        self.file = file
        self.line = line
        self.field_lines: dict[str, int] = {} if field_lines is None else field_lines


class BibFile(Value):
    """The entries of one .bib file, its diagnostics, and the entries it could not read."""

    __match_args__ = ("entries", "diagnostics", "failed")

    def __init__(self, entries: list[RawEntry], diagnostics: Diagnostics,
                 failed: list[tuple[int, str | None]] | None = None):
        self.entries = entries
        self.diagnostics = diagnostics
        # Entries that could not be read at all, as (line, key-or-None): they count
        # as input entries that the diagnostics account for.
        self.failed: list[tuple[int, str | None]] = [] if failed is None else failed


def parse_bibtex(text: str, filename: str, macros: dict[str, str] | None = None) -> BibFile:
    """Split, evaluate and inherit. ``macros`` carries @strings from earlier files and receives this file's."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # classic Mac files end lines with CR alone
    diags = Diagnostics()
    text = remove_control_characters(text, filename, diags)
    scan = Scan(text)
    expansion = _Expansion(macros if macros is not None else {})
    string_lines: dict[str, int] = {}
    entries: list[RawEntry] = []
    failed: list[tuple[int, str | None]] = []
    first_line_of: dict[str, int] = {}
    previous: Block | None = None

    for block in split_blocks(text, scan):
        after, previous = previous, block
        if block.kind == "text":
            _check_stray_fields(text, block, after, filename, diags)
            continue
        if block.malformed is not None:
            _report_malformed(block, filename, diags)
            if block.is_entry:
                failed.append((block.line, block.key))
            continue
        if block.kind in ("comment", "preamble") or (block.commented and not block.is_entry):
            continue
        if block.commented:
            diags.warn(filename, block.line, block.key, f"@{block.type} entry is commented out with %; it is "
                f"skipped (remove the % signs to include it)", "commented-out")
            failed.append((block.line, block.key))
            continue
        if not block.closed:
            _report_unclosed(block, block.end >= len(text), filename, diags)
            if block.is_entry:
                failed.append((block.line, block.key))
            continue
        try:
            body, reason = read_block(scan, block), None
        except BlockError as exc:
            body, reason = None, str(exc)
        if block.kind == "string":
            if body is None:
                diags.error(filename, block.line, None, f"@string could not be read ({reason}); macros it "
                    f"defines stay undefined", "syntax")
            else:
                _define_macro(text, body.fields[0], block.line, filename, expansion, string_lines, diags)
            continue
        if body is None:
            diags.error(filename, block.line, block.key, f"@{block.type} entry could not be read ({reason}); it "
                f"is skipped: fix its syntax", "syntax")
            failed.append((block.line, block.key))
            continue
        entry = _read_entry(text, body, block.type, filename, block.line, expansion, diags)
        if entry is None:
            failed.append((block.line, block.key))
            continue
        first = first_line_of.get(entry.key.lower())
        if first is not None:
            diags.warn(filename, block.line, entry.key, f"duplicate key (first defined on line {first}); this "
                f"entry is skipped, as BibTeX keeps the first", "duplicate-key")
            failed.append((block.line, entry.key))
            continue
        first_line_of[entry.key.lower()] = block.line
        entries.append(entry)
    entries = inherit(entries, diags)
    return BibFile(entries, diags, failed)


# The part of bibtexparser 2 that annobib uses: name splitting.
_BIBTEXPARSER_PARTS = ("middlewares.names",)
_bibtexparser: dict = {}


def bibtexparser_module(name: str):
    """bibtexparser's module ``bibtexparser.NAME`` (one of _BIBTEXPARSER_PARTS),
    imported on first use."""
    module = _bibtexparser.get(name)
    if module is None:
        import importlib

        module = _bibtexparser[name] = importlib.import_module(f"bibtexparser.{name}")
    return module


def _report_malformed(block: Block, filename: str, diags: Diagnostics) -> None:
    header = block.malformed or "@"
    if block.is_entry:
        diags.error(filename, block.line, block.key,
                    f"'{header}' is not an entry header BibTeX can read (after '@' comes a type name of letters, "
                    "then '{' or '('); the entry is skipped: fix its first line", "syntax")
    else:
        diags.error(filename, block.line, None,
                    f"'{header}' is not a @{block.type} BibTeX can read (it needs '{{' or '(' after the name); "
                    "it is ignored", "syntax")


def _define_macro(text: str, field: FieldSpan, line: int, filename: str, expansion: "_Expansion",
                  string_lines: dict, diags: Diagnostics) -> None:
    name = field.name.strip().lower()
    strings = expansion.strings
    value, undefined, over = expansion.evaluate(text, field)
    for macro in undefined:
        diags.warn(filename, line, None, f"@string {field.name} uses undefined macro '{macro}'; it is kept as "
            f"the literal text '{macro}'", "undefined-macro")
    if over is not None:
        diags.error(filename, line, None, f"@string {field.name} {over}; the macro is left "
            f"undefined", "expansion-limit")
        expansion.too_long.add(name)
        strings.pop(name, None)
        return
    if name in string_lines and strings.get(name) != value:
        diags.warn(filename, line, None, f"@string {field.name} redefines the macro from line "
            f"{string_lines[name]}; the new value applies from here on", "macro-redefined")
    expansion.too_long.discard(name)
    strings[name] = value
    string_lines[name] = line


def _report_unclosed(block: Block, at_end: bool, filename: str, diags: Diagnostics) -> None:
    closer = "}" if block.delimiter == "{" else ")"
    where = f"line {block.open_line}" if block.open_line and block.open_line != block.line else "its first line"
    what = f"@{block.type} entry" if block.is_entry else f"@{block.type}"
    consequence = "it is skipped" if block.is_entry else "it is ignored"
    diags.error(
        filename, block.line, block.key,
        f"{what} is never closed: a brace or quote opened on {where} has no match before "
        f"{'the end of the file' if at_end else 'the next entry'}; {consequence}: add the missing "
            f"'}}' or '\"' (the entry closes with '{closer}')",
        "unclosed",
    )


_STRAY_FIELD = r"\s*,?\s*(" + r"[A-Za-z][\w:.+\-]*" + r")\s*="


def _check_stray_fields(text: str, block: Block, after: Block | None, filename: str, diags: Diagnostics) -> None:
    """Text right after an entry that looks like ``year = …`` means a '}' closed the entry too early."""
    if after is None or not after.is_entry or after.commented or not after.closed:
        return
    if text.find("=", block.start, block.end) < 0:  # no field can start here (and no pattern is compiled)
        return
    match = re.compile(_STRAY_FIELD).match(text, block.start, block.end)
    if match:
        diags.warn(filename, block.line, after.key,
                   f"text after the end of this entry looks like a field ('{match.group(1)} = …'): a '}}' closes "
                   f"the entry too early and the fields after it are ignored; remove the extra '}}'", "stray-field")


def count_entries(text: str) -> int:
    """How many entries a file holds, the way ``render`` must account for them."""
    return _count_entries(text.replace("\r\n", "\n").replace("\r", "\n"))


def _read_entry(text: str, body: BlockBody, entry_type: str, filename: str, line: int,
                expansion: "_Expansion", diags: Diagnostics) -> RawEntry | None:
    key = body.key.strip()
    if not key:
        if not body.fields:
            diags.error(filename, line, None, f"@{entry_type} entry is empty (no key, no fields); it is "
                f"skipped", "empty-entry")
            return None
        key = f"line{line}"
        diags.warn(filename, line, None, f"@{entry_type} entry has no citation key; it is shown under the "
            f"made-up id '{key}': add a key after the opening brace to cite it", "missing-key")
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for fld in body.fields:
        name = fld.name.strip().lower()
        fline = fld.line
        if name in values and name in _PARAGRAPH_FIELDS:  # Zotero writes one annote per child note: all kept
            more, _undefined, over = expansion.evaluate(text, fld)
            if over is None:
                values[name] += "\n\n" + more
            continue
        if name in values:
            diags.warn(filename, fline, key, f"field '{name}' appears twice; the first value is "
                f"kept", "duplicate-field")
            continue
        value, undefined, over = expansion.evaluate(text, fld)
        for macro in undefined:
            diags.warn(filename, fline, key, f"field '{name}' uses undefined macro '{macro}'; add "
                f"@string{{{macro} = {{…}}}} or brace the value", "undefined-macro")
        if over is not None:
            diags.error(filename, fline, key, f"field '{name}' {over}; the field is left out", "expansion-limit")
            continue
        if len(value) > _LONG_FIELD:
            diags.warn(filename, fline, key, f"field '{name}' is {len(value)} characters long; check for an "
                f"unclosed brace", "long-field")
        if value.count("{") > MAX_BRACE_DEPTH and brace_depth(value) > MAX_BRACE_DEPTH:
            diags.warn(filename, fline, key, f"field '{name}' nests braces {brace_depth(value)} deep; braces "
                f"deeper than "
                       f"{MAX_BRACE_DEPTH} are read as plain text", "nesting")
            value = flatten_deep_braces(value, MAX_BRACE_DEPTH)
        values[name] = value
        lines[name] = fline
    return RawEntry(entry_type, key, values, filename, line, lines)


# What @string macros may produce (billion laughs: macros doubling each other
# reach gigabytes from a few hundred bytes).
FIELD_BUDGET = 1_000_000  # characters one value may reach
FILE_BUDGET = 50_000_000  # characters macros may add in one file, all values together


class _Expansion:
    """Evaluates value expressions (``{a} # macro # "b"``) against the @string macros, within the budgets."""

    def __init__(self, strings: dict[str, str]):
        self.strings = strings
        self.spent = 0  # characters added by macros in this file
        self.too_long: set[str] = set()  # macros left undefined because they were over budget

    def evaluate(self, text: str, field: FieldSpan) -> tuple[str, list[str], str | None]:
        """``(value, undefined macros, None)``, or ``("", [], why)`` when the value is over a budget."""
        parts: list[str] = []
        undefined: list[str] = []
        length = 0
        for start, end in field.pieces:
            piece = text[start:end]
            first, last = piece[0], piece[-1]
            if first == "{" and last == "}" or first == '"' and last == '"' and len(piece) > 1:
                part = piece[1:-1]
            elif piece.isdigit():
                part = piece
            else:
                name = piece.lower()
                if name in self.too_long:
                    return "", [], f"uses macro '{piece}', which is over the expansion limit"
                expansion = self.strings.get(name) if name in self.strings else MONTH_MACROS.get(name)
                if expansion is None:
                    undefined.append(piece)
                    part = piece
                else:
                    part = expansion
                    self.spent += len(part)
            length += len(part)
            if length > FIELD_BUDGET:
                return "", [], f"would expand to more than {FIELD_BUDGET:,} characters through @string macros"
            if self.spent > FILE_BUDGET:
                return "", [], f"is past the file's limit of {FILE_BUDGET:,} characters added by @string macros"
            parts.append(part)
        return "".join(parts), undefined, None

"""Read .bib files into raw entries: BibTeX syntax, macros and crossref.

The file is cut into blocks by ``bibsplit`` (brace-aware, so a broken
entry ends where the next one begins) and bibtexparser 2 parses each block
on its own; every entry that yields no record gets a diagnostic naming it.
This module then evaluates each field's value expression itself
(``@string`` macros, month macros, ``#`` concatenation) so that an
undefined macro becomes a diagnostic naming the entry, then applies
``crossref`` inheritance. LaTeX stays in the values: the mapping stage
decides per field how to decode it.
"""
from __future__ import annotations

import logging
import re

from ..diagnostics import Diagnostics
from ..values import Value
from .bibsplit import Block, split_blocks
from .bibsplit import count_entries as _count_entries

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
    strings: dict[str, str] = macros if macros is not None else {}
    string_lines: dict[str, int] = {}
    entries: list[RawEntry] = []
    failed: list[tuple[int, str | None]] = []
    first_line_of: dict[str, int] = {}
    previous: Block | None = None

    for block in split_blocks(text):
        after, previous = previous, block
        if block.kind == "text":
            _check_stray_fields(text, block, after, filename, diags)
            continue
        if block.kind in ("comment", "preamble") or (block.commented and not block.is_entry):
            continue
        if block.commented:
            diags.warn(filename, block.line, block.key, f"@{block.type} entry is commented out with %; it is skipped (remove the % signs to include it)", "commented-out")
            failed.append((block.line, block.key))
            continue
        if not block.closed:
            _report_unclosed(block, block.end >= len(text), filename, diags)
            if block.is_entry:
                failed.append((block.line, block.key))
            continue
        parsed, reason = _parse_block(text, block)
        if block.kind == "string":
            if parsed is None:
                diags.error(filename, block.line, None, f"@string could not be read ({reason}); macros it defines stay undefined", "syntax")
            else:
                _define_macro(parsed, block.line, filename, strings, string_lines, diags)
            continue
        if parsed is None:
            diags.error(filename, block.line, block.key, f"@{block.type} entry could not be read ({reason}); it is skipped: fix its syntax", "syntax")
            failed.append((block.line, block.key))
            continue
        entry = _read_entry(parsed, block.type, filename, block.line, strings, diags)
        if entry is None:
            failed.append((block.line, block.key))
            continue
        first = first_line_of.get(entry.key.lower())
        if first is not None:
            diags.warn(filename, block.line, entry.key, f"duplicate key (first defined on line {first}); this entry is skipped, as BibTeX keeps the first", "duplicate-key")
            failed.append((block.line, entry.key))
            continue
        first_line_of[entry.key.lower()] = block.line
        entries.append(entry)
    _inherit_crossrefs(entries, diags)
    return BibFile(entries, diags, failed)


# The parts of bibtexparser 2 that annobib uses: the splitter with its model, and name splitting.
_BIBTEXPARSER_PARTS = ("model", "splitter", "middlewares.names")
_bibtexparser: dict = {}


def bibtexparser_module(name: str):
    """bibtexparser's module ``bibtexparser.NAME`` (one of _BIBTEXPARSER_PARTS),
    imported on first use."""
    module = _bibtexparser.get(name)
    if module is None:
        import importlib

        module = _bibtexparser[name] = importlib.import_module(f"bibtexparser.{name}")
    return module


def _parse_block(text: str, block: Block):
    """Give one block to bibtexparser: ``(parsed_block, None)`` or ``(None, reason)``."""
    model = bibtexparser_module("model")
    Splitter = bibtexparser_module("splitter").Splitter

    header_breaks = text.count("\n", block.start, block.body_start)
    body = _strip_percent_comments(text[block.body_start:block.end], block.delimiter)
    # The header is rejoined on one line ("@\n book\n {" -> "@book{") and its line
    # breaks moved after the delimiter, so line numbers inside the block stay right.
    # bibtexparser takes any type starting with "string", "comment" or "preamble" for
    # that command; an entry is given a neutral type name (its own is kept in ``block``).
    type_name = block.type if block.kind != "entry" else "entry"
    chunk = f"@{type_name}{block.delimiter}" + "\n" * header_breaks + body
    try:
        library = Splitter(chunk).split()
    except Exception as exc:  # bibtexparser treats some inputs as its own bug; for us it is one bad block
        return None, f"the BibTeX parser stopped: {exc}"
    for parsed in library.blocks:
        if isinstance(parsed, model.DuplicateFieldKeyBlock):
            return parsed.ignore_error_block, None  # _read_entry reports the repeated field
        if isinstance(parsed, model.ParsingFailedBlock):
            return None, _describe_failure(parsed)
        if isinstance(parsed, (model.Entry, model.String)):
            return parsed, None
    return None, "no fields could be read"


def _strip_percent_comments(body: str, delimiter: str) -> str:
    """Blank out ``%`` comments that stand between fields (biber reads them so).

    A ``%`` inside a braced or quoted value is text ("5%") and stays. Blanking
    keeps every line break, so line numbers do not move.
    """
    if "%" not in body:
        return body
    out: list[str] = []
    depth = 1 if delimiter == "{" else 0  # brace depth at which values start
    base = depth
    in_quotes = False
    index = 0
    for mark in re.finditer(_COMMENT_MARKS, body):
        if mark.start() < index:
            continue  # inside a comment already blanked
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == '"' and depth == base:
            in_quotes = not in_quotes
        elif char == "%" and depth == base and not in_quotes:
            line_end = body.find("\n", mark.start())
            line_end = len(body) if line_end < 0 else line_end
            out.append(body[index:mark.start()])
            out.append(" " * (line_end - mark.start()))
            index = line_end
    out.append(body[index:])
    return "".join(out)


_COMMENT_MARKS = r'(?<!\\)[{}]|["%]'


def _define_macro(parsed, line: int, filename: str, strings: dict, string_lines: dict, diags: Diagnostics) -> None:
    name = parsed.key.strip().lower()
    value, undefined = _evaluate(parsed.value, strings)
    for macro in undefined:
        diags.warn(filename, line, None, f"@string {parsed.key} uses undefined macro '{macro}'; it is kept as the literal text '{macro}'", "undefined-macro")
    if name in string_lines and strings.get(name) != value:
        diags.warn(filename, line, None, f"@string {parsed.key} redefines the macro from line {string_lines[name]}; the new value applies from here on", "macro-redefined")
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
        f"{'the end of the file' if at_end else 'the next entry'}; {consequence}: add the missing '}}' or '\"' (the entry closes with '{closer}')",
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


def _read_entry(block, entry_type: str, filename: str, line: int, strings: dict, diags: Diagnostics) -> RawEntry | None:
    key = (block.key or "").strip()
    if not key:
        if not block.fields:
            diags.error(filename, line, None, f"@{entry_type} entry is empty (no key, no fields); it is skipped", "empty-entry")
            return None
        key = f"line{line}"
        diags.warn(filename, line, None, f"@{entry_type} entry has no citation key; it is shown under the made-up id '{key}': add a key after the opening brace to cite it", "missing-key")
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for fld in block.fields:
        name = fld.key.strip().lower()
        fline = line + (fld.start_line or 0)
        if name in values and name in _PARAGRAPH_FIELDS:  # issue 15: Zotero writes one annote per child note
            values[name] += "\n\n" + _evaluate(fld.value, strings)[0]
            continue
        if name in values:
            diags.warn(filename, fline, key, f"field '{name}' appears twice; the first value is kept", "duplicate-field")
            continue
        value, undefined = _evaluate(fld.value, strings)
        for macro in undefined:
            diags.warn(filename, fline, key, f"field '{name}' uses undefined macro '{macro}'; add @string{{{macro} = {{…}}}} or brace the value", "undefined-macro")
        if len(value) > _LONG_FIELD:
            diags.warn(filename, fline, key, f"field '{name}' is {len(value)} characters long; check for an unclosed brace", "long-field")
        values[name] = value
        lines[name] = fline
    return RawEntry(entry_type, key, values, filename, line, lines)


def _evaluate(expression, strings: dict[str, str]) -> tuple[str, list[str]]:
    """Evaluate ``{a} # macro # "b"`` to its text; report undefined macros."""
    expression = str(expression).strip()
    parts, undefined = [], []
    for piece in _split_concatenation(expression):
        piece = piece.strip()
        if not piece:
            continue
        if piece[0] == "{" and piece[-1] == "}":
            parts.append(piece[1:-1])
        elif piece[0] == '"' and piece[-1] == '"' and len(piece) > 1:
            parts.append(piece[1:-1])
        elif piece.isdigit():
            parts.append(piece)
        else:
            name = piece.lower()
            if name in strings:
                parts.append(strings[name])
            elif name in MONTH_MACROS:
                parts.append(MONTH_MACROS[name])
            else:
                undefined.append(piece)
                parts.append(piece)
    return "".join(parts), undefined


def _split_concatenation(expression: str) -> list[str]:
    """Split on ``#`` outside braces and quotes."""
    if "#" not in expression:  # the usual value: no need to walk it character by character
        return [expression]
    pieces, depth, in_quotes, start = [], 0, False, 0
    for i, ch in enumerate(expression):
        if ch == "\\":
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == '"' and depth == 0 and (i == 0 or expression[i - 1] != "\\"):
            in_quotes = not in_quotes
        elif ch == "#" and depth == 0 and not in_quotes:
            pieces.append(expression[start:i])
            start = i + 1
    pieces.append(expression[start:])
    return pieces


def _describe_failure(block) -> str:
    """bibtexparser's reason for giving up on a block, in one line."""
    error = getattr(block, "error", None)
    text = getattr(error, "abort_reason", None) or (str(error) if error is not None else "")
    text = text.strip()
    if not text or text == "None":
        return "its braces or quotes do not balance"
    return text.splitlines()[0].rstrip(":").replace("`", "'")[:200]


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


def _inherit_crossrefs(entries: list[RawEntry], diags: Diagnostics) -> None:
    by_key = {e.key.lower(): e for e in entries}
    resolved: set[str] = set()

    def resolve(entry: RawEntry, chain: list[str]) -> None:
        if entry.key.lower() in resolved:
            return
        target_key = entry.fields.get("crossref", "").strip()
        if not target_key:
            resolved.add(entry.key.lower())
            return
        if target_key.lower() in [c.lower() for c in chain + [entry.key]]:
            diags.warn(entry.file, entry.line, entry.key, f"crossref loop ({' -> '.join(chain + [entry.key, target_key])}); nothing is inherited along it", "crossref-loop")
            resolved.add(entry.key.lower())
            return
        parent = by_key.get(target_key.lower())
        if parent is None:
            diags.warn(entry.file, entry.field_lines.get("crossref", entry.line), entry.key, f"crossref to '{target_key}', which is not in the input; nothing is inherited", "crossref-missing")
            resolved.add(entry.key.lower())
            return
        resolve(parent, chain + [entry.key])
        child_is_part = entry.type in {"incollection", "inproceedings", "inbook", "bookinbook", "suppbook", "suppcollection", "article", "suppperiodical"}
        for name, value in list(parent.fields.items()):
            target = name
            if child_is_part and name in _CROSSREF_RENAMES:
                target = _CROSSREF_RENAMES[name]
            elif name in ("ids", "crossref", "key", "annote", "annotation", "keywords", "shorttitle"):
                target = None
            if target and target not in entry.fields:
                entry.fields[target] = value
        resolved.add(entry.key.lower())

    for e in entries:
        resolve(e, [])

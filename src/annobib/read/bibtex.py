"""Read .bib files into raw entries: BibTeX syntax, macros and crossref.

bibtexparser 2 splits the file into blocks and keeps going past broken
ones; this module evaluates each field's value expression itself
(``@string`` macros, month macros, ``#`` concatenation) so that an
undefined macro becomes a diagnostic naming the entry, then applies
``crossref`` inheritance. LaTeX stays in the values: the mapping stage
decides per field how to decode it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics

MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}
_LONG_FIELD = 100_000  # characters; longer values are kept but flagged


@dataclass
class RawEntry:
    """One BibTeX entry with evaluated (still LaTeX) field values."""

    type: str
    key: str
    fields: dict[str, str]
    file: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class BibFile:
    entries: list[RawEntry]
    diagnostics: Diagnostics
    # Entries that could not be read at all, as (line, key-or-None): they count
    # as input entries that the diagnostics account for.
    failed: list[tuple[int, str | None]] = field(default_factory=list)


def parse_bibtex(text: str, filename: str, macros: dict[str, str] | None = None) -> BibFile:
    """Split, evaluate and inherit. ``macros`` carries @strings from earlier files."""
    import bibtexparser
    from bibtexparser import model

    diags = Diagnostics()
    library = bibtexparser.parse_string(text, parse_stack=[])
    strings: dict[str, str] = dict(macros or {})
    entries: list[RawEntry] = []
    failed: list[tuple[int, str | None]] = []
    seen: dict[str, int] = {}

    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.String):
            value, undefined = _evaluate(block.value, strings)
            strings[block.key.lower()] = value
            for name in undefined:
                diags.warn(filename, line, None, f"@string {block.key} uses undefined macro '{name}'; it is kept as the literal text '{name}'", "undefined-macro")
        elif isinstance(block, model.Entry) and not isinstance(block, model.ParsingFailedBlock):
            entry = _read_entry(block, filename, line, strings, diags)
            if entry is None:
                failed.append((line, block.key or None))
                continue
            seen.setdefault(entry.key.lower(), line)
            entries.append(entry)
        elif isinstance(block, model.ParsingFailedBlock):
            failed_key = _key_of_failed(block)
            if isinstance(block, model.DuplicateBlockKeyBlock):
                first = seen.get(str(failed_key).lower())
                where = f" (first defined on line {first})" if first else ""
                diags.warn(filename, line, failed_key, f"duplicate key{where}; this entry is skipped, as BibTeX keeps the first", "duplicate-key")
            else:
                reason = _describe_failure(block)
                diags.error(filename, line, failed_key, f"entry could not be read: {reason}; fix the braces or quotes around this entry", "syntax")
            # A failed @string or @preamble is not an entry; only count entries.
            if not re.match(r"\s*@\s*(string|preamble|comment)\b", block.raw or "", re.I):
                failed.append((line, failed_key))
    _inherit_crossrefs(entries, diags)
    return BibFile(entries, diags, failed)


def count_entries(text: str) -> int:
    """How many entries a file holds, the way ``render`` must account for them."""
    return len(re.findall(r"^[ \t]*@[ \t]*(?!(?:string|preamble|comment)\b)[A-Za-z]+[ \t]*[{(]", text, re.I | re.M))


def _read_entry(block, filename: str, line: int, strings: dict, diags: Diagnostics) -> RawEntry | None:
    key = (block.key or "").strip()
    if not key:
        diags.error(filename, line, None, f"@{block.entry_type} entry has no citation key; add one after the opening brace", "missing-key")
        return None
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for fld in block.fields:
        name = fld.key.strip().lower()
        fline = (fld.start_line or block.start_line or 0) + 1
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
    return RawEntry(block.entry_type.lower(), key, values, filename, line, lines)


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


def _key_of_failed(block) -> str | None:
    key = getattr(block, "key", None)
    if key:
        return key
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,", block.raw or "")
    return match.group(1) if match else None


def _describe_failure(block) -> str:
    error = getattr(block, "error", None)
    text = str(error).strip() if error is not None else ""
    if not text or text == "None":
        return "its braces or quotes do not balance"
    first = text.splitlines()[0].rstrip(":")
    return first[:200]


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
        if target_key.lower() in [c.lower() for c in chain]:
            diags.warn(entry.file, entry.line, entry.key, f"crossref loop ({' -> '.join(chain + [target_key])}); nothing is inherited along it", "crossref-loop")
            resolved.add(entry.key.lower())
            return
        parent = by_key.get(target_key.lower())
        if parent is None:
            diags.warn(entry.file, entry.field_lines.get("crossref", entry.line), entry.key, f"crossref to '{target_key}', which is not in the input; nothing is inherited", "crossref-missing")
            resolved.add(entry.key.lower())
            return
        resolve(parent, chain + [entry.key])
        child_is_part = entry.type in {"incollection", "inproceedings", "inbook", "bookinbook", "suppbook", "suppcollection", "article", "suppperiodical"}
        for name, value in parent.fields.items():
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

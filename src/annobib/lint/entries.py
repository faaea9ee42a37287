"""The entries a check looks at: each Record beside the raw BibTeX entry it came from.

Rules about what a reference prints (missing volume, undated) read the
Record, so they work the same for .bib, CSL-JSON and RIS input. Rules about
what the user typed (a month of 14, an ISBN with a wrong check digit, a
biblatex ``annotation`` field) read the raw BibTeX fields, whose line
numbers point the user at the exact field.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..map.latex import latex_to_plain
from ..read import read_input
from ..read.bibtex import RawEntry
from ..record import Record

BIB_SUFFIXES = {".bib", ".bibtex", ".biblatex"}


@dataclass
class CheckedEntry:
    record: Record
    raw: RawEntry | None = None  # None for CSL-JSON and RIS input

    @property
    def file(self) -> str:
        return self.raw.file if self.raw else self.record.origin.file

    @property
    def line(self) -> int | None:
        return self.raw.line if self.raw else self.record.origin.line

    @property
    def key(self) -> str:
        return self.record.id

    @property
    def csl_type(self) -> str:
        return self.record.type

    @property
    def bib_type(self) -> str | None:
        return self.raw.type if self.raw else None

    def raw_field(self, name: str) -> str | None:
        """The raw (LaTeX) value of a BibTeX field, stripped; None when absent or empty."""
        if self.raw is None:
            return None
        value = self.raw.fields.get(name)
        return value.strip() if value and value.strip() else None

    def plain_field(self, name: str) -> str | None:
        value = self.raw_field(name)
        if value is None:
            return None
        return latex_to_plain(value).strip() or None

    def line_of(self, field_name: str | None) -> int | None:
        if field_name and self.raw is not None:
            return self.raw.field_lines.get(field_name, self.raw.line)
        return self.line


@dataclass
class LoadedFile:
    path: str
    data: bytes
    text: str
    encoding: str


@dataclass
class Loaded:
    entries: list[CheckedEntry]
    diagnostics: Diagnostics
    files: list[LoadedFile] = field(default_factory=list)
    entries_in_input: int = 0


def load(paths: list[str], encoding: str | None = None) -> Loaded:
    """Read every file; @string macros carry over from one .bib file to the next, as in BibTeX."""
    loaded = Loaded([], Diagnostics())
    macros: dict[str, str] = {}
    for path in paths:
        data, text, used, warning = read_input(path, encoding)
        if warning:
            loaded.diagnostics.warn(path, None, None, warning, "encoding")
        loaded.files.append(LoadedFile(path, data, text, used))
        load_text(text.lstrip("\ufeff"), path, loaded, macros)
    return loaded


def load_text(text: str, filename: str, loaded: Loaded, macros: dict[str, str]) -> None:
    """Add the entries of one file's text to ``loaded``."""
    from ..read import reader_for

    if _is_bibtex(filename, text):
        from ..map.bibtex_to_csl import map_entry
        from ..read.bibtex import parse_bibtex

        parsed = parse_bibtex(text, filename, macros)
        loaded.diagnostics.extend(parsed.diagnostics)
        for raw in parsed.entries:
            loaded.entries.append(CheckedEntry(map_entry(raw, loaded.diagnostics), raw))
        loaded.entries_in_input += len(parsed.entries) + len(parsed.failed)
        return
    records, count = reader_for(filename, text)(text, filename, loaded.diagnostics, {})
    loaded.entries.extend(CheckedEntry(record) for record in records)
    loaded.entries_in_input += count


def _is_bibtex(filename: str, text: str) -> bool:
    suffix = Path(filename).suffix.lower()
    if suffix in BIB_SUFFIXES:
        return True
    if suffix in (".json", ".ris"):
        return False
    head = text.lstrip()[:200]
    return not head.startswith(("[", "{", "TY  -"))


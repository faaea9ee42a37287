"""Stage 1 of the pipeline: files in, Records and diagnostics out.

Readers are registered by file suffix; each turns text into Records and
reports how many entries the file held, so the CLI can show that every
entry was either read or named in a diagnostic.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Sequence

from ..diagnostics import Diagnostics, InputError
from ..record import Record
from ..values import Value
from .collector import collector_paused
from .decode import decode_bytes


class ReadResult(Value):
    """The records read, the diagnostics, and how many entries the input held."""

    __match_args__ = ("records", "diagnostics", "entries_in_input", "unread")

    def __init__(self, records: list[Record], diagnostics: Diagnostics, entries_in_input: int = 0,
                 unread: list[str] | None = None):
        self.records = records
        self.diagnostics = diagnostics
        self.entries_in_input = entries_in_input
        # Keys (or file:line) of input entries that produced no record.
        self.unread: list[str] = [] if unread is None else unread


def _read_bib(text: str, filename: str, diags: Diagnostics, state: dict) -> tuple[list[Record], int]:
    from ..map.bibtex_to_csl import map_entry
    from .bibtex import parse_bibtex

    parsed = parse_bibtex(text, filename, state.setdefault("macros", {}))
    diags.extend(parsed.diagnostics)
    sentence_case = state.get("sentence_case", True)
    records = [map_entry(entry, diags, sentence_case) for entry in parsed.entries]
    state.setdefault("unread", []).extend(f"{filename}:{line}" for line, _key in parsed.failed)
    return records, len(parsed.entries) + len(parsed.failed)


def _read_json(text: str, filename: str, diags: Diagnostics, state: dict) -> tuple[list[Record], int]:
    from .csljson import parse_csljson

    return parse_csljson(text, filename, diags)


def _read_ris(text: str, filename: str, diags: Diagnostics, state: dict) -> tuple[list[Record], int]:
    from .ris import parse_ris

    return parse_ris(text, filename, diags)


Reader = Callable[[str, str, Diagnostics, dict], "tuple[list[Record], int]"]
READERS: dict[str, Reader] = {
    ".bib": _read_bib,
    ".bibtex": _read_bib,
    ".biblatex": _read_bib,
    ".json": _read_json,
    ".ris": _read_ris,
}


def reader_for(name: str, text: str) -> Reader:
    suffix = Path(name).suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    head = text.lstrip()[:200]
    if head.startswith(("[", "{")):
        return _read_json
    if head.startswith("TY  -"):
        return _read_ris
    return _read_bib


def read_text(text: str, filename: str = "<string>", sentence_case: bool = True) -> ReadResult:
    """Read one bibliography held in a string (the format is guessed from its content).

    ``sentence_case``: English titles from BibTeX are converted to sentence case
    (annobib.map.sentence_case); False keeps them as written.
    """
    diags = Diagnostics()
    state: dict = {"sentence_case": sentence_case}
    records, count = reader_for(filename, text)(text, filename, diags, state)
    return _finish(records, diags, count, state.get("unread", []))


def read_files(paths: Sequence[str | Path], encoding: str | None = None, sentence_case: bool = True, *,
               cache: bool = False) -> ReadResult:
    """Read every file in order; ``-`` is standard input. Later duplicates of an id are dropped.

    ``sentence_case``: as for ``read_text``. ``cache``: a large input read before, byte for
    byte the same, comes from annobib's cache folder (read/read_cache.py).
    """
    if cache:
        from .read_cache import cached_read

        return cached_read(paths, encoding, sentence_case, lambda: read_files(paths, encoding, sentence_case),
                           read_bytes, ReadResult)
    diags = Diagnostics()
    records: list[Record] = []
    count = 0
    # @string macros carry over from one .bib file to the next, as in BibTeX
    state: dict = {"sentence_case": sentence_case}
    with collector_paused():
        for path in paths:
            name = str(path)
            data, text, _used, warning = read_input(name, encoding)
            del data  # not kept while the text is read
            if warning:
                diags.warn(name, None, None, warning, "encoding")
            text = text.lstrip("\ufeff")
            found, n = reader_for(name, text)(text, name, diags, state)
            del text
            records.extend(found)
            count += n
        return _finish(records, diags, count, state.get("unread", []))


def read_input(name: str, encoding: str | None = None) -> tuple[bytes, str, str, str | None]:
    """``(bytes, text, codec used, warning or None)`` of one input file, or a clear InputError."""
    data = read_bytes(name)
    try:
        text, used, warning = decode_bytes(data, encoding)
    except (UnicodeError, LookupError, ValueError, TypeError) as exc:  # a codec fails in its own ways
        raise InputError(f"{name}: cannot be decoded as {encoding}: {exc}") from None
    return data, text, used, warning


def read_bytes(name: str) -> bytes:
    """The bytes of an input file (``-`` is standard input), or a clear InputError."""
    from ..output import note_read

    if name == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed; give a file name")
        try:
            return sys.stdin.buffer.read()
        except OSError as exc:
            raise InputError(f"standard input cannot be read ({exc.strerror or exc})") from None
    note_read(name)
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(f"{name} is a folder; give a .bib, .json or .ris file")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:  # unreadable, a name over 255 bytes, a folder that cannot be entered
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def _finish(records: list[Record], diags: Diagnostics, count: int, unread: list[str]) -> ReadResult:
    """Keep the first record of each id. BibTeX keys are case-insensitive (BibTeX and biber
    take ``Smith2001`` and ``smith2001`` for one key), so between .bib files ids that differ
    only in case are duplicates too."""
    unique: list[Record] = []
    unread = list(unread)
    seen: dict[str, Record] = {}
    seen_folded: dict[str, Record] = {}
    bibtex_files: dict[str, bool] = {}
    for record in records:
        file = record.origin.file
        is_bibtex = bibtex_files.get(file)
        if is_bibtex is None:
            is_bibtex = bibtex_files[file] = READERS.get(Path(file).suffix.lower()) is _read_bib
        first = seen.get(record.id)
        if first is None and is_bibtex:
            first = seen_folded.get(record.id.casefold())
        if first is not None:
            same = "also used" if first.id == record.id else f"used as '{first.id}' (keys differ only in case)"
            diags.warn(record.origin.file, record.origin.line, record.id,
                       f"the id is {same} in {first.origin.file}:{first.origin.line}; the first is kept",
                       "duplicate-key")
            unread.append(f"{record.origin.file}:{record.origin.line}")
            continue
        seen[record.id] = record
        if is_bibtex:
            seen_folded.setdefault(record.id.casefold(), record)
        unique.append(record)
    return ReadResult(unique, diags, count, unread)

"""Editing a .bib file in place without touching any byte the edit is not about.

``add`` appends entries at the end (after one blank line, in the file's own
line endings and encoding); ``annotate`` replaces the text inside one
entry's ``annote`` braces, or inserts an ``annote`` field after the entry's
last field, aligned like the field above it. The new bytes are written
through annobib.output's whole-or-nothing writer, and only if the file still
holds the bytes it held when it was read (an editor may have saved it in
the meantime).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import AnnobibError
from ..lint.bibscan import EntrySpan, FieldSpan, scan_entries
from ..lint.fix import encode_like
from ..read import read_bytes, read_text
from ..read.bibtex import parse_bibtex
from ..read.decode import decode_bytes
from ..record import Record
from .identifiers import isbn13


@dataclass
class BibText:
    """A .bib file as read: its bytes, its text and how to write text back as bytes."""

    path: Path
    original: bytes
    text: str
    codec: str
    exists: bool
    records: list[Record] = field(default_factory=list)

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        try:
            return encode_like(text, self.original, self.codec.replace("-sig", ""))
        except UnicodeEncodeError as exc:
            raise AnnobibError(f"{self.path}: cannot write '{exc.object[exc.start:exc.end]}' in its encoding "
                               f"({self.codec}); nothing written. Re-save the file as UTF-8") from None


def load(path: str | Path) -> BibText:
    """The file, or an empty one to be created when it does not exist yet."""
    path = Path(path)
    if not path.exists():
        return BibText(path, b"", "", "utf-8", False)
    original = read_bytes(str(path))
    try:
        text, codec, _warning = decode_bytes(original)
    except UnicodeDecodeError as exc:  # pragma: no cover - decode_bytes falls back to latin-1
        raise AnnobibError(f"{path}: cannot be decoded ({exc})") from None
    bib = BibText(path, original, text, codec, True)
    if bib.encode(text) != original:
        raise AnnobibError(f"{path}: its bytes do not read back unchanged as {codec}; not edited")
    bib.records = read_text(text.lstrip("\ufeff"), str(path)).records
    return bib


def save(bib: BibText, data: bytes) -> None:
    """Write ``data`` whole or not at all, unless the file changed since it was read."""
    from ..output import Write, write_outputs

    current = bib.path.read_bytes() if bib.path.exists() else None
    if current != (bib.original if bib.exists else None):
        raise AnnobibError(f"{bib.path} changed while annobib was working on it; nothing written, run it again")
    write_outputs([Write(data, str(bib.path), in_place=True)])  # the file the user asked to edit


# --- add ---------------------------------------------------------------------------------------------

def identifiers_of(csl: dict) -> dict[str, str]:
    """The comparable identifiers of an item: DOI (lower case), PMID, PMCID, arXiv id, ISBN-13."""
    found: dict[str, str] = {}
    if csl.get("DOI"):
        found["doi"] = str(csl["DOI"]).strip().lower()
    if csl.get("PMID"):
        found["pmid"] = str(csl["PMID"]).strip()
    if csl.get("PMCID"):
        found["pmcid"] = str(csl["PMCID"]).strip().upper()
    eprint = re.fullmatch(r"arXiv:(\S+?)(v\d+)?", str(csl.get("number", "")))
    if eprint:
        found["arxiv"] = eprint.group(1)
    isbn = re.sub(r"[\s-]", "", str(csl.get("ISBN", ""))).upper()
    if len(isbn) in (10, 13) and re.fullmatch(r"\d{9,12}[\dX]", isbn):
        found["isbn"] = isbn13(isbn)
    return found


_ID_LABELS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "arxiv": "arXiv id", "isbn": "ISBN"}


@dataclass
class Duplicate:
    kind: str
    value: str
    record: Record

    def where(self) -> str:
        """``refs.bib: niesters2014 (line 97)``"""
        line = f" (line {self.record.origin.line})" if self.record.origin.line else ""
        return f"{self.record.origin.file}: {self.record.id}{line}"

    def describe(self) -> str:
        return f"{_ID_LABELS[self.kind]} {self.value} is already in {self.where()}"


def duplicate_of(wanted: dict[str, str], records: list[Record]) -> Duplicate | None:
    """The first record that has one of the ``wanted`` identifiers (as identifiers_of gives them)."""
    for record in records:
        theirs = identifiers_of(record.csl)
        for kind, value in wanted.items():
            if theirs.get(kind) == value:
                return Duplicate(kind, value, record)
    return None


def appended(bib: BibText, blocks: list[str]) -> tuple[bytes, int]:
    """The file's bytes with ``blocks`` appended, and the line the first block starts on."""
    newline = bib.newline
    text = bib.text
    lead = ""
    if text.strip():
        lead = "" if text.endswith("\n") else newline
        if not (text + lead).endswith(newline * 2):
            lead += newline
    addition = lead + (newline * 2).join(block.replace("\n", newline) for block in blocks) + newline
    first_line = (text + lead).count("\n") + 1
    return bib.encode(text + addition), first_line


# --- annotate ----------------------------------------------------------------------------------------

@dataclass
class AnnotationSpot:
    entry: EntrySpan
    span: FieldSpan | None   # the annote/annotation field, or None: a field is to be inserted
    raw: str | None          # the field's text as written in the file


def find_entry(bib: BibText, key: str) -> EntrySpan:
    """The entry with ``key`` (exact, else the only one differing in case); unknown -> the closest keys."""
    entries = scan_entries(bib.text)
    for entry in entries:
        if entry.key == key:
            return entry
    folded = [entry for entry in entries if entry.key.lower() == key.lower()]
    if len(folded) == 1:
        return folded[0]
    keys = [record.id for record in bib.records] or [entry.key for entry in entries]
    close = difflib.get_close_matches(key, keys, n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise AnnobibError(f"{bib.path}: no entry with key '{key}'{hint}")


def annotation_spot(bib: BibText, key: str) -> AnnotationSpot:
    entry = find_entry(bib, key)
    span = entry.field("annote") or entry.field("annotation")
    if span is None:
        return AnnotationSpot(entry, None, None)
    if not span.editable:
        raise AnnobibError(f"{bib.path}:{entry.field_line.get(span.name_start, entry.line)}: {entry.key}: "
                           f"its {span.name} is not one braced value (a macro or a # concatenation); "
                           "edit it by hand")
    assert span.inner_start is not None and span.inner_end is not None
    raw = bib.text[span.inner_start:span.inner_end]
    parsed = {e.key: e for e in parse_bibtex(bib.text, str(bib.path), {}).entries}.get(entry.key)
    if parsed is None or parsed.fields.get(span.name.lower(), "").replace("\r\n", "\n") != raw.replace("\r\n", "\n"):
        raise AnnobibError(f"{bib.path}:{entry.line}: {entry.key}: its {span.name} field could not be located "
                           "safely; edit it by hand")
    return AnnotationSpot(entry, span, raw)


def with_annotation(bib: BibText, spot: AnnotationSpot, value: str) -> bytes:
    """The file's bytes with the annotation field of ``spot`` holding ``value`` (BibTeX text)."""
    value = value.replace("\r\n", "\n").replace("\n", bib.newline)
    text = bib.text
    if spot.span is not None:
        assert spot.span.inner_start is not None and spot.span.inner_end is not None
        return bib.encode(text[:spot.span.inner_start] + value + text[spot.span.inner_end:])
    at, line = _insertion(bib, spot.entry, value)
    return bib.encode(text[:at] + line + text[at:])


def _insertion(bib: BibText, entry: EntrySpan, value: str) -> tuple[int, str]:
    """Where a new ``annote`` field goes (after the last field's value) and the text to insert."""
    text = bib.text
    if not entry.fields:
        raise AnnobibError(f"{bib.path}:{entry.line}: {entry.key}: entry has no fields; add the annote by hand")
    last = entry.fields[-1]
    end = _value_end(text, last)
    if end is None:
        raise AnnobibError(f"{bib.path}:{entry.line}: {entry.key}: cannot tell where its last field ends; "
                           "add the annote field by hand")
    line_start = text.rfind("\n", 0, last.name_start) + 1
    indent = text[line_start:last.name_start]
    indent = indent if indent.strip() == "" and indent else "  "
    equals = text.index("=", last.name_end)
    width = equals - last.name_start
    name = "annote".ljust(width) if width > len("annote") else "annote "
    field_text = f"{bib.newline}{indent}{name}= {{{value}}}"
    after = re.match(r"[ \t]*,", text[end:])
    if after:  # the entry ends its last field with a comma: keep that style
        return end + after.end(), field_text + ","
    return end, "," + field_text


def _value_end(text: str, span: FieldSpan) -> int | None:
    if span.inner_end is not None:
        return span.inner_end + 1  # past the closing brace or quote
    bare = re.compile(r"\s*=\s*[A-Za-z0-9_:.+-]+(?=\s*[,})])").match(text, span.name_end)
    return bare.end() if bare else None

"""``annobib check --fix``: a normalised copy of a .bib file, changed only where needed.

Normalisations (each the fix for a rule's finding):
  * ``annotation`` renamed ``annote`` (when the entry has no annote), for Zotero;
  * ``doi`` as the bare DOI, without ``https://doi.org/`` or ``doi:``;
  * ``keywords`` separated by ``;`` instead of ``,``;
  * ``date``, ``urldate``, ``eventdate``, ``origdate`` written another common way
    (``May 4, 2025``, ``2025/05/04``) rewritten as ISO 8601.
Everything else (comments, @string and @preamble blocks, field order and
spacing, other fields, line breaks) is kept byte for byte. A value is only
edited when the scanner's view of it matches the parser's, so an entry the
scanner misreads is left alone rather than damaged.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..read.bibtex import parse_bibtex
from .bibscan import EntrySpan, FieldSpan, scan_entries
from .dates import DATE_FIELDS, to_iso
from .identifiers import DOI_PREFIX, canonical_doi, verbatim
from .zotero import ISO_DAY, split_top_level


@dataclass(frozen=True)
class Change:
    line: int
    key: str
    field: str
    before: str
    after: str

    def describe(self) -> str:
        if self.before == self.field:  # a renamed field
            return f"field '{self.before}' renamed '{self.after}'"
        return f"{self.field} '{_short(self.before)}' -> '{_short(self.after)}'"


def _short(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def fix_text(text: str, filename: str = "<string>") -> tuple[str, list[Change]]:
    """The normalised text and the changes made (an empty list when nothing needed fixing)."""
    parsed = {entry.key: entry for entry in parse_bibtex(text, filename, {}).entries}
    edits: list[tuple[int, int, str, Change]] = []
    for span in scan_entries(text):
        raw = parsed.get(span.key)
        if raw is None or raw.type != span.type:
            continue
        for field_span in span.fields:
            edit = _fix_field(text, span, field_span, raw.fields)
            if edit:
                edits.append(edit)
    for start, end, replacement, _ in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, [change for *_, change in sorted(edits, key=lambda e: e[0])]


def _fix_field(text: str, entry: EntrySpan, span: FieldSpan, fields: dict[str, str]):
    name = span.name.lower()
    line = entry.field_line.get(span.name_start, entry.line)
    if name == "annotation" and entry.field("annote") is None:
        new_name = _same_case("annote", span.name)
        return span.name_start, span.name_end, new_name, Change(line, entry.key, name, "annotation", "annote")
    if not span.editable:
        return None
    value = text[span.inner_start:span.inner_end]
    if (fields.get(name) or "").replace("\r\n", "\n") != value.replace("\r\n", "\n"):
        return None  # the scanner and the parser disagree: do not touch it
    fixed = _fixed_value(name, value)
    if fixed is None or fixed == value:
        return None
    return span.inner_start, span.inner_end, fixed, Change(line, entry.key, name, value, fixed)


def _fixed_value(name: str, value: str) -> str | None:
    if name == "doi":
        if DOI_PREFIX.match(verbatim(value)):
            return canonical_doi(value)
        return None
    if name == "keywords":
        return _semicolon_keywords(value)
    if name in DATE_FIELDS:
        stripped = value.strip()
        if ISO_DAY.match(stripped) or re.fullmatch(r"\d{4}(-\d{2})?", stripped):
            return None
        iso = to_iso(stripped)
        if iso and (name != "urldate" or len(iso) == 10):
            return iso
    return None


def _semicolon_keywords(value: str) -> str | None:
    """Turn top-level ',' separators into ';', keeping line breaks and the words themselves."""
    parts = split_top_level(value)
    if len(parts) < 2:
        return None
    out = [parts[0].rstrip(" \t")]
    for part in parts[1:]:
        # Keep a line break that followed the separator; otherwise one space.
        blank = re.match(r"[ \t]*(\r?\n[ \t]*)?", part)
        assert blank is not None  # every part of the pattern is optional: it always matches
        lead = blank.group(0)
        rest = part[len(lead):]
        separator = ";" + (lead if "\n" in lead else " ")
        out.append(separator + rest.rstrip(" \t"))
    return "".join(out)


def _same_case(new: str, old: str) -> str:
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new.capitalize()
    return new


_BOM_CODECS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def encode_like(text: str, original: bytes, encoding: str) -> bytes:
    """Encode the fixed text as the original was: same codec, same byte-order mark."""
    text = text.lstrip("\ufeff")
    for bom, name in _BOM_CODECS:
        if original.startswith(bom):
            return bom + text.encode(name)
    return text.encode(encoding)

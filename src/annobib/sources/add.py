"""``annobib add`` as a library call: identifiers in, new file bytes and one line per problem out.

    identify (identifiers.py) -> refuse what the file already has -> fetch (resolve.py)
    -> key (keys.py) -> entry (entry.py) -> the file's bytes with the entries appended (bibfile.py)

Nothing is written here; the caller writes ``data`` (or prints the entries).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from .bibfile import BibText, appended, duplicate_of, identifiers_of
from .entry import entry_text, field_width, json_csl, today
from .http import Client
from .identifiers import Identifier, IdentifierError, parse_identifier
from .keys import make_key
from .resolve import Failed, Found, fetch_all

_NOT_ADDED = "not added (--allow-duplicate adds it anyway)"
# Called with the fetched record and its key; returns the annotation (or None for none).
AnnotationSource = Callable[[Found, str], "str | None"]


@dataclass
class Added:
    key: str
    found: Found
    text: str            # the Source comment and the entry
    csl: dict            # the CSL-JSON item (the registry's type)
    annotation: str | None
    tags: list[str]
    line: int = 0        # the line of the entry in the written file (its Source comment is above)


@dataclass
class AddResult:
    added: list[Added] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # one line each: malformed, failed, duplicate
    warnings: list[str] = field(default_factory=list)   # what the entry writer could not write
    data: bytes | None = None                           # the file's new bytes, when something was added


def add_sources(bib: BibText, wanted: list[tuple[str, str | None]], client: Client, *, key: str | None = None,
                tags: tuple[str, ...] = (), annotation: AnnotationSource | None = None,
                allow_duplicate: bool = False, fetched: date | None = None) -> AddResult:
    """Fetch each ``(text, kind or None)`` and build the entries to append to ``bib``."""
    result = AddResult()
    fetched = fetched or today()
    identifiers: list[Identifier] = []
    for text, kind in wanted:
        try:
            identifier = parse_identifier(text, kind)
        except IdentifierError as exc:
            result.problems.append(f"{exc}; nothing was asked")
            continue
        duplicate = None if allow_duplicate else duplicate_of({identifier.kind: _comparable(identifier)},
                                                              bib.records)
        if duplicate:
            result.problems.append(f"{identifier.label} is already in {duplicate.where()}; {_NOT_ADDED}")
            continue
        identifiers.append(identifier)
    if key is not None and any(record.id.lower() == key.lower() for record in bib.records):
        used = next(r for r in bib.records if r.id.lower() == key.lower())
        result.problems.append(f"key '{key}' is already used in {bib.path} (line {used.origin.line}); "
                               "choose another --key")
        return result
    taken = {record.id.lower() for record in bib.records}
    width = field_width(bib.text)
    records = list(bib.records)
    for outcome in fetch_all(identifiers, client) if identifiers else []:
        if isinstance(outcome, Failed):
            result.problems.append(outcome.message)
            continue
        ids = identifiers_of(outcome.csl)
        duplicate = None if allow_duplicate else duplicate_of(ids, records)
        if duplicate:
            result.problems.append(f"{outcome.identifier.label}: its {duplicate.describe()}; {_NOT_ADDED}")
            continue
        new_key = key or make_key(outcome.csl, taken)
        taken.add(new_key.lower())
        note = annotation(outcome, new_key) if annotation else None
        text, diagnostics = entry_text(outcome, new_key, fetched, list(tags), note, width)
        result.warnings.extend(f"{new_key}: {d.message}" for d in diagnostics)
        added = Added(new_key, outcome, text, json_csl(outcome.csl, new_key, fetched), note, list(tags))
        result.added.append(added)
        records.append(_as_record(added, str(bib.path)))
    if result.added:
        result.data, line = appended(bib, [a.text for a in result.added])
        for added in result.added:
            added.line = line + 1  # the entry, below its Source comment
            line += added.text.count("\n") + 2  # its lines and the blank line after it
    return result


def _comparable(identifier: Identifier) -> str:
    """An identifier as identifiers_of writes the same kind (DOI lower case, arXiv id without version)."""
    return identifier.value.lower() if identifier.kind == "doi" else identifier.unversioned


def _as_record(added: Added, path: str):
    """A stand-in for an entry added in this run, so a second identifier for the same work is refused too."""
    from ..record import Origin, Record

    return Record({"id": added.key, **added.csl}, origin=Origin(path, None))

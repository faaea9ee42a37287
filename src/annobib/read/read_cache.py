"""Large inputs read once: the records and diagnostics of the same bytes, read the same way,
come from annobib's cache folder the next time.

Reading is most of a warm ``annobib render`` or ``annobib cite`` on a large file (20,000
BibTeX entries: about 4.5 s of 5), and its result depends only on the files' bytes, the
options and annobib's own code. So a read of at least ``MINIMUM_BYTES`` is kept in one
file under a digest of all of these (annobib.cache: written whole, trusted only when its
keyed checksum holds, the oldest pruned). Small files are read afresh: that is as fast.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Diagnostics, Severity
from ..record import Origin, Record

MINIMUM_BYTES = 1_000_000
KEPT = 8
FORMAT = 1

_code_version: str | None = None


def code_version() -> str:
    """A digest of annobib's source (the engine's included) and of the parsing library's
    version: a change to any reader or mapping makes older reads stale."""
    global _code_version
    if _code_version is None:
        from ..cache import blake2b

        package = Path(__file__).resolve().parents[1]
        hasher = blake2b(digest_size=16)
        for path in sorted(package.rglob("*.py")):
            hasher.update(str(path.relative_to(package)).encode())
            hasher.update(path.read_bytes())
        try:
            from importlib.metadata import version

            parser = version("bibtexparser")
        except Exception:  # not installed as a distribution: the source digest still holds
            parser = "?"
        _code_version = f"read {FORMAT}; annobib {hasher.hexdigest()}; bibtexparser {parser}"
    return _code_version


def cached_read(paths: Sequence[str | Path], encoding: str | None, sentence_case: bool,
                read: Callable[[], Any], read_bytes: Callable[[str], bytes], result_type: type):
    """``read()`` (annobib.read.read_files on ``paths``), or what it returned for the same bytes
    and options before, as a ``result_type`` (ReadResult); ``read_bytes``: the reader's own, which
    marks each file as an input. Standard input and small inputs are always read afresh."""
    from ..cache import KeptFile, blake2b, digest

    names = [str(path) for path in paths]
    if not names or "-" in names:
        return read()
    prints, size = [], 0
    for name in names:
        data = read_bytes(name)  # also marks it as an input, which -o may not overwrite
        size += len(data)
        prints.append(blake2b(data, digest_size=20).hexdigest())
        del data
    if size < MINIMUM_BYTES:
        return read()
    kept = KeptFile("read", code_version(), digest(json.dumps([names, prints, encoding, sentence_case])), KEPT)
    found = kept.load(lambda data: True)
    if found is not None:
        try:
            return _result(found, result_type)
        except Exception:  # of another shape: read afresh
            pass
    result = read()
    kept.save(_payload(result))
    return result


def _payload(result) -> dict:
    return {
        "records": [(r.csl, r.annotation, r.tags, r.origin.file, r.origin.line) for r in result.records],
        "diagnostics": [(d.file, d.line, d.key, d.severity.value, d.message, d.rule) for d in result.diagnostics],
        "count": result.entries_in_input,
        "unread": result.unread,
    }


def _result(data: dict, result_type: type):
    if not (isinstance(data, dict) and set(data) == {"records", "diagnostics", "count", "unread"}):
        raise ValueError("unexpected shape")
    records = []
    for csl, annotation, tags, file, line in data["records"]:
        if not (isinstance(csl, dict) and isinstance(csl.get("id"), str) and isinstance(tags, list)
                and (annotation is None or isinstance(annotation, str)) and isinstance(file, str)):
            raise ValueError("unexpected record")
        records.append(Record(csl, annotation, tags, Origin(file, line)))
    diagnostics = Diagnostics([Diagnostic(file, line, key, Severity(severity), message, rule)
                               for file, line, key, severity, message, rule in data["diagnostics"]])
    return result_type(records, diagnostics, int(data["count"]), list(data["unread"]))

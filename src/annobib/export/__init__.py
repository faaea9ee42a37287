"""Exports for reference managers: a registry keyed by format name.

Each exporter module has one function ``export(records) -> (text, diagnostics)``;
the diagnostics name every entry whose data cannot be written as it is.
"""
from __future__ import annotations

import importlib

from ..diagnostics import AnnobibError, Diagnostics
from ..record import Record

# format name -> module in this package
EXPORTERS: dict[str, str] = {
    "csl-json": "csl_json",
    "ris": "ris",
    "bibtex": "bibtex",
    "biblatex": "biblatex",
}
# file suffix -> format, for ``-o FILE`` without ``--to``
SUFFIXES: dict[str, str] = {".json": "csl-json", ".ris": "ris", ".bib": "bibtex"}


def export_records(records: list[Record], fmt: str) -> tuple[str, Diagnostics]:
    """Write ``records`` in format ``fmt`` (a key of EXPORTERS)."""
    if fmt not in EXPORTERS:
        raise AnnobibError(f"unknown export format '{fmt}'; choose one of {', '.join(EXPORTERS)}")
    module = importlib.import_module(f"{__package__}.{EXPORTERS[fmt]}")
    return module.export(records)

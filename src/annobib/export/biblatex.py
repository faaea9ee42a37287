"""biblatex: the BibTeX exporter's biblatex flavour (for LaTeX users with biber)."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..record import Record
from .bibtex import export_flavour


def export(records: list[Record]) -> tuple[str, Diagnostics]:
    return export_flavour(records, "biblatex")

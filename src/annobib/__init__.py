"""annobib: annotated bibliographies from BibTeX, CSL-JSON and RIS.

The pipeline, stage by stage::

    from annobib import read_files, build_document, render_document
    result = read_files(["references.bib"])           # read + map -> Records
    document = build_document(result.records, "apa")  # render with the CSL engine
    print(render_document(document, "markdown"))      # write a format
"""
from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "read_files", "read_text", "build_document", "render_document", "Record"]


def __getattr__(name):
    # Deferred imports keep `annobib --help` fast: nothing heavy loads until used.
    if name in ("read_files", "read_text"):
        from . import read

        return getattr(read, name)
    if name == "build_document":
        from .render import build_document

        return build_document
    if name == "render_document":
        from .formats import render_document

        return render_document
    if name == "Record":
        from .record import Record

        return Record
    raise AttributeError(name)

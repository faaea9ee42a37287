"""Output formats, registered by name. Each module has ``render(document) -> str | bytes``."""
from __future__ import annotations

import importlib

from ..document import Document

FORMATS = {
    "text": "text",
    "markdown": "markdown",
    "html": "html",
    "json": "json_list",
    "docx": "docx",
}
BINARY_FORMATS = {"docx"}


def render_document(document: Document, fmt: str) -> str | bytes:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(document)


def format_for_suffix(path: str) -> str | None:
    """The format an output file name implies (``list.md`` -> markdown)."""
    suffixes = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                ".htm": "html", ".json": "json", ".docx": "docx"}
    for suffix, fmt in suffixes.items():
        if path.lower().endswith(suffix):
            return fmt
    return None


# Suffixes of formats annobib does not write, and how to get there.
_NOT_WRITTEN = {".pdf": "PDF", ".odt": "OpenDocument", ".rtf": "RTF", ".tex": "LaTeX", ".doc": "Word 97",
                ".epub": "EPUB"}


def unsupported_suffix(path: str) -> str | None:
    """The usage message for an output file whose suffix names a format annobib does not write, else None."""
    for suffix, name in _NOT_WRITTEN.items():
        if path.lower().endswith(suffix):
            return (f"annobib does not write {name} ({suffix}); it writes text (.txt), Markdown (.md), HTML "
                    f"(.html), JSON (.json) and Word (.docx). For a PDF: write .docx and convert it "
                    f"(libreoffice --headless --convert-to pdf list.docx), or write .html and print it to PDF "
                    f"from a browser, or run pandoc on the Markdown. Or give --format to write that format "
                    f"under this name.")
    return None

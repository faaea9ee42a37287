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

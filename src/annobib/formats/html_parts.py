"""Pieces of an entry's HTML shared by the fragment (html.py) and the standalone page (html_page.py)."""
from __future__ import annotations

from html import escape

from ..document import Entry

TAG_SEPARATOR = "; "  # no reader makes a tag with ";" in it (keywords are split there)


def data_tags(entry: Entry) -> str:
    """The entry's tags for a ``data-tags`` attribute: joined with "; ", so a tag may hold spaces."""
    return escape(TAG_SEPARATOR.join(tag.strip() for tag in entry.record.tags if tag.strip()), quote=True)


def annotation_html(entry: Entry) -> str:
    """The annotation's paragraphs, each a ``<p>``."""
    if entry.annotation is None:
        return ""
    return "".join(f"<p>{paragraph}</p>" for paragraph in entry.annotation.html_paragraphs())

"""Stage 4 of the pipeline: Records through the CSL engine into a Document."""
from __future__ import annotations

from functools import lru_cache

from .document import Document, Entry, Group
from .record import Record
from .styles import resolve_style


@lru_cache(maxsize=8)
def engine_for(style: str, locale: str | None = None):
    """One parsed style per (style, locale) for the life of the process."""
    from .engine import Engine

    return Engine(resolve_style(style), locale)


def build_document(
    records: list[Record],
    style: str = "apa",
    *,
    annotations: bool = True,
    title: str | None = None,
    standalone: bool = False,
    locale: str | None = None,
) -> Document:
    """Render ``records`` with ``style``, in the style's bibliography order."""
    engine = engine_for(style, locale)
    by_id = {record.id: record for record in records}
    rendered = engine.render_bibliography([record.csl for record in records])
    entries = [Entry(by_id[r.id], r.html, r.text) for r in rendered]
    return Document(
        groups=[Group(None, entries)],
        title=title,
        style_name=style,
        annotations=annotations,
        standalone=standalone,
        numbered=engine.is_numeric,
    )

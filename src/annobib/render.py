"""Stage 4 of the pipeline: Records through the CSL engine into a Document."""
from __future__ import annotations

from functools import lru_cache

from .diagnostics import Diagnostics
from .document import Document, Entry
from .record import Record
from .styles import resolve_style


@lru_cache(maxsize=8)
def engine_for(style: str, locale: str | None = None):
    """One parsed style per (style, locale) for the life of the process."""
    from .engine import Engine

    return Engine(resolve_style(style), locale, links=True)  # URLs and DOIs as links, as Zotero prints them


def build_document(
    records: list[Record],
    style: str = "apa",
    *,
    annotations: bool = True,
    title: str | None = None,
    standalone: bool = False,
    locale: str | None = None,
    sort: str | None = None,
    group_by: str | None = None,
    cache: bool = False,
    jobs: int = 1,
    progress: bool = False,
) -> Document:
    """Render ``records`` with ``style`` into a Document.

    The order is the style's bibliography order, or with ``sort`` (author,
    year, title, input) that order, rendered as such so numbered styles
    number it so. ``group_by`` (tag, type, year) splits the rendered list
    into headed groups; each entry keeps the number it has in the whole list.
    """
    from .arrange import group_entries, order_records
    from .cache import render_list  # issue 8: list and entry caches (no engine on a hit), --jobs, progress

    by_id = {record.id: record for record in records}
    ordered = records if sort is None else order_records(records, sort)
    rendered, numbered, problems = render_list(
        lambda: engine_for(style, locale), resolve_style(style), locale, [record.csl for record in ordered],
        sort=sort is None, use_cache=cache, jobs=jobs, progress=progress)
    entries = [Entry(by_id[r.id], r.html, r.text) for r in rendered]
    document = Document(
        groups=group_entries(entries, group_by),
        title=title,
        style_name=style,
        annotations=annotations,
        standalone=standalone,
        numbered=numbered,
    )
    document.diagnostics = _engine_diagnostics(problems, by_id)
    return document


def _engine_diagnostics(problems: dict[str, str], by_id: dict) -> Diagnostics:
    """What the engine could not render, as diagnostics naming the entry."""
    from .engine import LEFT_OUT

    diagnostics = Diagnostics()
    for key, message in problems.items():
        record = by_id.get(key)
        origin = record.origin if record is not None else None
        report = diagnostics.error if message == LEFT_OUT else diagnostics.warn
        report(origin.file if origin else "-", origin.line if origin else None, key, message, "engine")
    return diagnostics

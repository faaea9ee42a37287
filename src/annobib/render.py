"""Stage 4 of the pipeline: Records through the CSL engine into a Document."""
from __future__ import annotations

from pathlib import Path

from .document import Document, Entry
from .engine_problems import engine_diagnostics
from .engines import engine_for
from .record import Record
from .styles import resolve_style

__all__ = ["build_document", "engine_for"]


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
    cite_from: list[Record] | None = None,
) -> Document:
    """Render ``records`` with ``style`` into a Document.

    The order is the style's bibliography order, or with ``sort`` (author,
    year, title, input) that order, rendered as such so numbered styles
    number it so. ``group_by`` (tag, type, year) splits the rendered list
    into headed groups; each entry keeps the number it has in the whole list.
    ``cite_from``: every record read, when ``records`` is a selection of them
    (annotations may cite entries the selection left out).
    """
    from .arrange import group_entries, order_records
    from .progress import terminal_bar

    by_id = {record.id: record for record in records}
    ordered = records if sort is None else order_records(records, sort)
    style_path = resolve_style(style)
    store = None
    if cache:
        from .cache import SharedStore

        store = SharedStore(style_path, locale)
    rendered, numbered, problems = render_items(
        lambda: engine_for(style, locale), style_path, locale, [record.csl for record in ordered],
        sort=sort is None, use_cache=cache, store=store, jobs=jobs, progress=terminal_bar() if progress else None)
    annotations_of: dict = {}
    cite_problems = None
    if annotations:  # issue 15: formatting and citations inside annotations (annotation_render.py)
        from .annotation_render import render_annotations

        annotations_of, cite_problems = render_annotations(ordered, style, locale, use_cache=cache, store=store,
                                                           numbered=numbered, others=cite_from, jobs=jobs)
    if store is not None:
        store.save()
    entries = [Entry(by_id[r.id], r.html, r.text, annotations_of.get(r.id)) for r in rendered]
    document = Document(
        groups=group_entries(entries, group_by),
        title=title,
        style_name=style,
        annotations=annotations,
        standalone=standalone,
        numbered=numbered,
    )
    document.diagnostics = engine_diagnostics(problems, by_id)
    if cite_problems is not None:
        document.diagnostics.extend(cite_problems)
    return document


def render_items(make_engine, style_path: Path, locale: str | None, items: list[dict], *, sort: bool = True,
                use_cache: bool = False, store=None, jobs: int = 1, progress=None):
    """``make_engine().render_bibliography(items, sort)`` through the caches (annobib.cache).

    Returns ``(entries, numbered, problems)``: the RenderedEntry list in
    bibliography order, whether the style numbers its entries, and the
    engine's ``fallback_problems`` (item id -> what was simplified). A list
    rendered before under the same namespace comes from its file and the
    engine is not even created; otherwise the engine renders it (reusing
    cached entries, see render_hooks) and the list is stored. ``store``: the run's
    annobib.cache.SharedStore, which the caller saves.
    """
    from .cache import ListStore, cache_dir, digest, list_key, namespace
    from .rendered import RenderedEntry, html_to_text  # not the engine: a cached list needs no citeproc

    lists = None
    if use_cache and items:
        space = namespace(style_path, locale, "html")
        key = list_key(items, sort)
        lists = ListStore(cache_dir() / f"list-{digest(space + key)}.bin", space, key)
        found = lists.load(len(items))
        if found is not None:
            order, markup, numbered, problems = found
            entries = [RenderedEntry(items[i]["id"], html, html_to_text(html)) for i, html in zip(order, markup)]
            return entries, numbered, {items[i]["id"]: text for i, text in problems.items()}
    engine = make_engine()
    entries = engine.render_bibliography(items, sort=sort, store=store.open() if store else None, jobs=jobs,
                                         progress=progress)
    problems = dict(getattr(engine, "fallback_problems", {}) or {})
    numbered = engine.is_numeric
    if lists is not None:
        position: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            position.setdefault(item["id"], []).append(index)
        if all(len(p) == 1 for p in position.values()):  # ids say which item each entry is
            lists.save([position[e.id][0] for e in entries], [e.html for e in entries], numbered,
                       {position[k][0]: v for k, v in problems.items() if k in position})
    return entries, numbered, problems

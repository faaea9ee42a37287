"""One parsed CSL engine per (style, locale) for the life of the process."""
from __future__ import annotations

from functools import lru_cache

from .styles import resolve_style


@lru_cache(maxsize=8)
def engine_for(style: str, locale: str | None = None):
    """The engine for a style name, alias or path (parsed once; the engine is imported on first use)."""
    from .engine import Engine

    return Engine(resolve_style(style), locale, links=True)  # URLs and DOIs as links, as Zotero prints them

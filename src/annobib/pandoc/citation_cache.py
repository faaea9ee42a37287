"""A manuscript's citations, kept from one run of the filter to the next.

While a paper is written, pandoc runs again and again on a text whose
citations mostly stay the same. The engine's answer for the same items and
the same clusters, under the same engine and style, is the same, so it is
kept in annobib's render cache folder (beside the list cache of
``annobib render``, which the bibliography already uses) under a digest of
everything it depends on. A changed citation changes the digest: citations
are numbered and disambiguated together, so there is no partial reuse.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional


def cached_citations(style_path: Path, locale: Optional[str], items: list[dict], batch: list,
                     render: Callable[[], tuple[list[str], dict[str, str]]]) -> tuple[list[str], dict[str, str]]:
    """``render()`` — the clusters' HTML and what the engine failed on (item id -> message) — or
    what it returned before for exactly these inputs (annobib.cache.ResultFile)."""
    from ..cache import ResultFile, citations_kept

    kept = ResultFile("manuscript", style_path, locale, [items, batch])
    found = kept.load(citations_kept(len(batch)))
    if found is not None:
        return found["html"], found["problems"]
    rendered, problems = render()
    kept.save({"html": rendered, "problems": problems})
    return rendered, problems

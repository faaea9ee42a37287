"""The in-between model: one CSL-JSON item plus what CSL has no place for.

Readers produce Records, selection filters them, renderers and exporters
consume them. ``csl`` is plain CSL-JSON (what Zotero exports and citeproc
engines read); string values may carry CSL rich-text markup (``<i>``,
``<span class="nocase">``). The annotation and tags live beside it rather
than inside, so no exporter has to guess where they came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a record came from, for diagnostics."""

    file: str
    line: int | None = None


@dataclass
class Record:
    csl: dict
    annotation: str | None = None
    tags: list[str] = field(default_factory=list)
    origin: Origin = field(default_factory=lambda: Origin("<memory>"))

    @property
    def id(self) -> str:
        return self.csl["id"]

    @property
    def type(self) -> str:
        return self.csl.get("type", "document")

    def year(self) -> int | None:
        """The first year of ``issued``, or None when undated."""
        parts = (self.csl.get("issued") or {}).get("date-parts") or []
        try:
            return int(parts[0][0])
        except (IndexError, TypeError, ValueError):
            return None

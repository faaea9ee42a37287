"""The in-between model: one CSL-JSON item plus what CSL has no place for.

Readers produce Records, selection filters them, renderers and exporters
consume them. ``csl`` is plain CSL-JSON (what Zotero exports and citeproc
engines read); string values may carry CSL rich-text markup (``<i>``,
``<span class="nocase">``). The annotation and tags live beside it rather
than inside, so no exporter has to guess where they came from.

The annotation is rich text in the same convention (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, small caps), paragraphs separated by a blank line,
and may cite other entries as ``[@key]`` (annobib.citation_marks). Where
only text will do (search, RIS, checks), ``annotation_text`` is the same
without markup.
"""
from __future__ import annotations

from .values import Frozen, Value


class Origin(Frozen):
    """Where a record came from, for diagnostics."""

    __match_args__ = ("file", "line")
    file: str
    line: int | None

    def __init__(self, file: str, line: int | None = None):
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "line", line)


class Record(Value):
    """One CSL-JSON item with its annotation, tags and origin."""

    __match_args__ = ("csl", "annotation", "tags", "origin")

    def __init__(self, csl: dict, annotation: str | None = None, tags: list[str] | None = None,
                 origin: Origin | None = None):
        self.csl = csl
        self.annotation = annotation
        self.tags: list[str] = [] if tags is None else tags
        self.origin: Origin = Origin("<memory>") if origin is None else origin

    @property
    def annotation_text(self) -> str | None:
        """The annotation without formatting (citations stay ``[@key]``)."""
        if self.annotation is None:
            return None
        from .map.latex import rich_to_plain

        return rich_to_plain(self.annotation)

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

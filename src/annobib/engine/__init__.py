"""The CSL engine layer: citeproc-py, with this project's fixes applied.

Everything that touches citeproc-py lives in this package. ``Engine`` is
the one entry point the rest of annobib uses: give it CSL-JSON items and a
style, get back each entry's HTML (citeproc's own markup) and plain text,
in bibliography order, and in-text citations on request.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import StyleError


@dataclass(frozen=True)
class RenderedEntry:
    id: str
    html: str
    text: str


def html_to_text(markup: str) -> str:
    """citeproc's HTML without tags, entities resolved: the plain-text entry."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", markup))


class Engine:
    """One parsed style, ready to render any number of item lists."""

    def __init__(self, style_path: str | Path, locale: str | None = None):
        from . import fixes  # noqa: F401  (applies the project's citeproc-py fixes once)
        from .style_loader import load_style

        self.style_path = Path(style_path)
        self.style = load_style(self.style_path, locale)

    @property
    def is_numeric(self) -> bool:
        """True when the bibliography prints citation numbers (Vancouver)."""
        return self.style.root.get("class") == "in-text" and "citation-number" in _style_text(self.style_path)

    def _bibliography(self, items: list[dict]):
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        # citeproc-py lower-cases ids; internal ids keep every key distinct
        # whatever its case, and the caller's keys are restored on the way out.
        internal = [dict(item, id=f"i{index}") for index, item in enumerate(items)]
        source = CiteProcJSON(internal)
        bibliography = CitationStylesBibliography(self.style, source, formatter.html)
        for item in internal:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return bibliography

    def render_bibliography(self, items: list[dict], sort: bool = True) -> list[RenderedEntry]:
        """Entries in bibliography order: the style's sort, or input order when it has none."""
        if not self.style.has_bibliography():
            raise StyleError(f"style {self.style_path.name} has no bibliography section")
        if not items:
            return []
        bibliography = self._bibliography(items)
        if sort:
            bibliography.sort()
        rendered = bibliography.bibliography()
        entries = []
        for item, markup in zip(bibliography.items, rendered):
            original = items[int(item.key[1:])]
            text = str(markup)
            entries.append(RenderedEntry(original["id"], text, html_to_text(text)))
        return entries

    def render_citations(self, items: list[dict], clusters: list[list[str]]) -> list[str]:
        """HTML of each in-text citation; ``clusters`` are lists of item ids."""
        from citeproc import Citation, CitationItem

        index = {item["id"]: f"i{n}" for n, item in enumerate(items)}
        bibliography = self._bibliography(items)
        citations = [Citation([CitationItem(index[key]) for key in cluster]) for cluster in clusters]
        for citation in citations:
            bibliography.register(citation)
        bibliography.sort()
        return [str(bibliography.cite(citation, lambda _item: None)) for citation in citations]


def _style_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")

"""The CSL engine layer: citeproc-py, with this project's fixes applied.

Everything that touches citeproc-py lives in this package. ``Engine`` is
the one entry point the rest of annobib uses: give it CSL-JSON items and a
style, get back each entry's HTML and plain text, in bibliography order, and
in-text citations on request. The target is citeproc-js (the engine inside
Zotero): engine/fixes/ patches citeproc-py where it differs, and
disambiguation.py adds what citeproc-py lacks (year suffixes, added names and
initials); see docs/fidelity.md.
"""
from __future__ import annotations

import gc
import html as html_lib
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import StyleError
from .item_fallback import render_with_fallback


@dataclass(frozen=True)
class RenderedEntry:
    id: str
    html: str
    text: str


def html_to_text(markup: str) -> str:
    """The HTML rendering without tags, entities resolved: the plain-text entry."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", markup))


class Engine:
    """One parsed style, ready to render any number of item lists."""

    def __init__(self, style_path: str | Path, locale: str | None = None):
        from . import speedups; speedups.apply()  # noqa: E702  (issue 8: memoised style lookups, idempotent)
        from . import fixes  # noqa: F401  (applies the project's citeproc-py fixes once)
        from .style_loader import load_style

        self.style_path = Path(style_path)
        self.style = load_style(self.style_path, locale)
        self.fallback_problems: dict[str, str] = {}  # item id -> what the crash fallback changed
        option = self.style.root.get_locale_option("punctuation-in-quote")
        self._punctuation_in_quote = str(option).lower() == "true"

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
        from . import speedups

        if speedups.enabled():
            source = speedups.lazy_source(CiteProcJSON, internal)  # references built when first read
        else:
            with warnings.catch_warnings():  # citeproc-py warns about CSL variables it does not know
                warnings.simplefilter("ignore")
                source = CiteProcJSON(internal)
        bibliography = CitationStylesBibliography(self.style, source, formatter.html)
        for item in internal:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return bibliography

    def _prepare(self, items: list[dict]):
        """Registered, sorted (citeproc-js order) and disambiguated: ready to render."""
        from .disambiguation import disambiguate
        from .state import CURRENT

        bibliography = self._bibliography(items)
        CURRENT.punctuation_in_quote = self._punctuation_in_quote
        # Internal ids (i0, i1, ...) repeat from list to list: state left by an
        # earlier render in this process must not reach this list's sort keys.
        CURRENT.items = {}
        if self.style.has_bibliography():
            bibliography.sort()
        # Year suffixes follow the bibliography order, whatever order the caller prints in.
        CURRENT.items = disambiguate(self.style.root, bibliography)
        return bibliography

    def render_bibliography(self, items: list[dict], sort: bool = True) -> list[RenderedEntry]:
        """Entries in bibliography order: the style's sort, or input order when ``sort`` is false."""
        if not self.style.has_bibliography():
            raise StyleError(f"style {self.style_path.name} has no bibliography section")
        if not items:
            self.fallback_problems = {}
            return []
        # An item that still crashes citeproc-py must not take the whole list with it:
        # item_fallback re-renders it with simplified dates (and says so in fallback_problems).
        with _fewer_collections():
            entries, self.fallback_problems = render_with_fallback(
                lambda batch: self._render_entries(batch, sort), items)
        return entries

    def _render_entries(self, items: list[dict], sort: bool) -> list[RenderedEntry]:
        bibliography = self._prepare(items)
        if not sort:
            by_key = {item.key: item for item in bibliography.items}
            bibliography.items = [by_key[f"i{n}"] for n in range(len(items))]
        rendered = bibliography.bibliography()
        entries = []
        for item, markup in zip(bibliography.items, rendered):
            original = items[int(item.key[1:])]
            text = str(markup)
            entries.append(RenderedEntry(original["id"], text, html_to_text(text)))
        return entries

    def render_citations(self, items: list[dict], clusters: list[list], fmt: str = "html") -> list[str]:
        """Each in-text citation, as HTML or text. ``items`` is the whole list (it takes part in
        numbering and disambiguation); each cluster lists item ids, or dicts with "id" and
        optionally "locator" and "label" (a CSL locator type such as "page")."""
        from citeproc import Citation, CitationItem, Locator

        index = {item["id"]: f"i{n}" for n, item in enumerate(items)}
        bibliography = self._prepare(items)
        citations = []
        for cluster in clusters:
            cites = []
            for cite in cluster:
                cite = {"id": cite} if isinstance(cite, str) else cite
                extra = {}
                if cite.get("locator"):
                    extra["locator"] = Locator(cite.get("label", "page"), cite["locator"])
                cites.append(CitationItem(index[cite["id"]], **extra))
            citations.append(Citation(cites))
        for citation in citations:
            bibliography.register(citation)
        out = []
        for citation in citations:
            markup = str(bibliography.cite(citation, lambda _item: None))
            out.append(html_to_text(markup) if fmt == "text" else markup)
        return out


@contextmanager
def _fewer_collections():
    """Rendering allocates a great many short-lived objects; with the cyclic
    collector's first threshold at 700 it runs every few nodes. A higher one
    saves 3-4 % of a render at the same peak memory (measured on 2,000 entries)."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _style_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")

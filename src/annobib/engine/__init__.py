"""The CSL engine: citeproc-py's style model, with annobib's element classes.

``Engine`` is the one entry point the rest of annobib uses: give it CSL-JSON
items, get back each entry's HTML and plain text in bibliography order, or
the text of in-text citations. The style is parsed into annobib's own
subclasses of citeproc-py's element classes (engine/lookup.py); each class
carries annobib's rendering for its CSL element as overridden methods
(engine/elements/). What a render decides — numbers, disambiguation, the
entry store, workers — travels in a ``RenderContext`` passed to the
elements (engine/context.py). citeproc-py itself is never modified: a plain
``citeproc.CitationStylesStyle`` in the same process renders as it always
did. The target is citeproc-js, the engine inside Zotero (docs/fidelity.md).
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import StyleError
from .context import Cite
from .process import (  # noqa: F401  (LEFT_OUT: what the render stage reports)
    LEFT_OUT, assign_positions, bibliography_nodes, cite_from, entry_html, prepare, render_cluster,
)
from .style import ParsedStyle
from .zotero import uppercase_subtitles



@dataclass(frozen=True)
class RenderedEntry:
    id: str
    html: str
    text: str


_BLOCK_SEAM = re.compile(r'</div>\s*<div class="csl-right-inline">')
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """The HTML rendering without tags, entities resolved: the plain-text entry.
    A second-field-align margin ("1.") is followed by a space, as citeproc-js prints it."""
    return html_lib.unescape(_TAG.sub("", _BLOCK_SEAM.sub(" ", markup)))


class Engine:
    """One parsed style, ready to render any number of item lists."""

    def __init__(self, style: str | Path | bytes, locale: str | None = None, *, links: bool = False,
                 blocks: bool = False, zotero: bool = True):
        """``links``: URLs and DOIs as links (Zotero); ``blocks``: second-field-align as
        citeproc-js's left-margin/right-inline divs (else inline, "1. Justus R."); ``zotero``:
        the settings Zotero gives citeproc-js (subtitles capitalised in the APA family; see
        engine/zotero.py), false for plain citeproc-js as the golden files hold it."""
        self.parsed = ParsedStyle(style, locale)
        self.zotero = zotero
        self.subtitles = zotero and uppercase_subtitles(self.parsed.root)
        self.style_path = Path(style) if not isinstance(style, bytes) else None
        self.root = self.parsed.root
        self.links = links
        self.blocks = blocks
        self.fallback_problems: dict[str, str] = {}

    @property
    def is_numeric(self) -> bool:
        """True when the bibliography prints citation numbers (Vancouver)."""
        return self.root.section("citation") is not None and any(
            e.get("variable") == "citation-number" for e in self.root.iter())

    def render_bibliography(self, items: list[dict], sort: bool = True, *, store=None, jobs: int = 1,
                            progress: bool = False) -> list[RenderedEntry]:
        """Entries in bibliography order: the style's sort, or input order when ``sort`` is false.

        ``store``: where rendered entries are kept between runs (annobib.cache.EntryStore);
        ``jobs``: worker processes for a long list; ``progress``: a bar on a terminal's stderr."""
        if self.root.section("bibliography") is None:
            raise StyleError(f"style {self.parsed.origin} has no bibliography section")
        self.fallback_problems = {}
        if not items:
            return []
        context, order = prepare(self.root, items, sort=sort, links=self.links, blocks=self.blocks)
        context.subtitles = self.subtitles
        nodes = bibliography_nodes(context, order, self.fallback_problems)
        entries = []
        for item_id, node in zip(order, nodes):
            if item_id in self.fallback_problems:
                continue
            markup = entry_html(context, node)
            entries.append(RenderedEntry(item_id, markup, html_to_text(markup)))
        return entries

    def render_citations(self, items: list[dict], clusters: list, fmt: str = "html") -> list[str]:
        """Each in-text citation, as HTML or text, in document order.

        ``items`` is the whole list (it takes part in numbering and disambiguation). Each
        cluster is a list of cites or ``{"citationItems": [...], "properties": {"noteIndex": n}}``;
        a cite is an item id or a dict with "id" and optionally "locator", "label" (a CSL
        locator term such as "page"), "prefix", "suffix", "suppress-author", "author-only"."""
        if self.root.section("citation") is None:
            raise StyleError(f"style {self.parsed.origin} has no citation section")
        context, _order = prepare(self.root, items, sort=True, links=self.links, blocks=self.blocks)
        context.subtitles = self.subtitles
        cite_lists: list[list[Cite]] = []
        notes: list[int] = []
        for cluster in clusters:
            if isinstance(cluster, dict):
                cites = cluster.get("citationItems") or []
                note = int((cluster.get("properties") or {}).get("noteIndex") or 0)
            else:
                cites, note = cluster, 0
            cite_lists.append([c for c in (cite_from(context, data) for data in cites) if c is not None])
            notes.append(note)
        assign_positions(context, cite_lists, notes)
        out = []
        for cites in cite_lists:
            node = render_cluster(context, cites) if cites else None
            markup = entry_html(context, node)
            out.append(html_to_text(markup) if fmt == "text" else markup)
        return out

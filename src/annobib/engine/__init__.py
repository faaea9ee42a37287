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

from pathlib import Path

from ..diagnostics import StyleError
from ..rendered import LEFT_OUT, SIMPLIFIED, RenderedEntry, html_to_text  # noqa: F401  (the engine's API)
from .document import first_notes, read_clusters, render_document
from .process import (
    bibliography_html,
    entry_html,
    prepare,
)
from .reuse import Progress, Reuse, Store
from .style import ParsedStyle
from .zotero import uppercase_subtitles


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
        self.citation_problems: dict[str, str] = {}  # item id -> what failed in the last citations

    @property
    def is_numeric(self) -> bool:
        """True when the style prints citation numbers (Vancouver)."""
        return self.root.numbered()

    def render_bibliography(self, items: list[dict], sort: bool = True, *, store: Store | None = None,
                            jobs: int = 1, progress: Progress | None = None) -> list[RenderedEntry]:
        """Entries in bibliography order: the style's sort, or input order when ``sort`` is false.

        ``store``: where results are kept between runs (annobib.cache.EntryStore); ``jobs``:
        worker processes for a long list; ``progress(what, done, total)``: called as work goes on.
        An entry the engine fails on is left out and named in ``fallback_problems``."""
        if self.root.section("bibliography") is None:
            raise StyleError(f"style {self.parsed.origin} has no bibliography section")
        self.fallback_problems = {}
        if not items:
            return []
        reuse = Reuse(store, jobs, progress)
        context, order = prepare(self.root, items, sort=sort, links=self.links, blocks=self.blocks, reuse=reuse,
                                 subtitles=self.subtitles)
        self.stats = reuse.stats
        entries = []
        for item_id, markup in zip(order, bibliography_html(context, order, self.fallback_problems)):
            if markup is not None:
                entries.append(RenderedEntry(item_id, markup, html_to_text(markup)))
        return entries

    def render_citations(self, items: list[dict], clusters: list, fmt: str = "html", *,
                         store: Store | None = None, jobs: int = 1) -> list[str]:
        """Each in-text citation, as HTML or text, in document order.

        ``items`` is the whole list (it takes part in numbering and disambiguation). Each
        cluster is a list of cites or ``{"citationItems": [...], "properties": {"noteIndex": n}}``;
        a cite is an item id or a dict with "id" and optionally "locator", "label" (a CSL
        locator term such as "page"), "prefix", "suffix", "suppress-author", "author-only".
        An item the engine fails on, or an id not among the items, is named in
        ``citation_problems`` and printed as citeproc-js prints a reference it cannot print.
        ``store`` and ``jobs`` as for ``render_bibliography``: the sort keys and disambiguation
        of the whole list are what a citation costs, and they are the bibliography's own."""
        if self.root.section("citation") is None:
            raise StyleError(f"style {self.parsed.origin} has no citation section")
        self.citation_problems = {}
        read = read_clusters(clusters)
        context, _order = prepare(self.root, items, sort=True, links=self.links, blocks=self.blocks,
                                  reuse=Reuse(store, jobs), first_notes=first_notes(read),
                                  problems=self.citation_problems, subtitles=self.subtitles)
        out = []
        for node in render_document(context, clusters):
            markup = entry_html(context, node)
            out.append(html_to_text(markup) if fmt == "text" else markup)
        return out

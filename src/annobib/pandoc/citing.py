"""Citation clusters as a writer makes them, through the engine, back as HTML.

One ``Cite`` is one ``@key`` with its form (normal, narrative, author
suppressed), prefix, suffix and locator; a cluster is the cites of one
citation (``[see @a, p. 3; @b]``). Both ``annobib cite`` and the pandoc
filter render clusters here, so a citation reads the same in both.

A narrative cite ("Niesters et al. (2014)") is made as pandoc's citeproc and
citeproc-js's word-processor integrations make it: an author-only cite of
the item (prefix kept), then the cluster with that cite's author suppressed
(suffix and locator kept). A key that is not in the bibliography is shown
as pandoc shows it: in bold with a question mark, inside the style's
brackets, and named in a warning by the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Iterable, Optional, Sequence

from .locator import Locator
from .style_facts import StyleFacts

NORMAL, NARRATIVE, SUPPRESS_AUTHOR = "normal", "narrative", "suppress-author"
NO_PRINTED_FORM = "[NO_PRINTED_FORM]"  # what citeproc-js prints for a cite with nothing to show


@dataclass(frozen=True)
class Cite:
    key: str
    mode: str = NORMAL
    prefix: str = ""  # as given to the engine: "see " (pandoc's rule: the prefix is followed by a space)
    suffix: str = ""  # as given to the engine: ", emphasis added"
    locator: Optional[Locator] = None

    def for_engine(self, *, author_only: bool = False, suppress_author: bool = False,
                   prefix: bool = True, suffix: bool = True) -> dict:
        """The CSL cite the engine takes (citeproc-js's citationItems shape)."""
        cite: dict = {"id": self.key}
        if self.locator is not None and self.locator.value:
            cite["locator"] = self.locator.value
            if self.locator.label:
                cite["label"] = self.locator.label
        if prefix and self.prefix:
            cite["prefix"] = self.prefix
        if suffix and self.suffix:
            cite["suffix"] = self.suffix
        if author_only:
            cite["author-only"] = True
        if suppress_author:
            cite["suppress-author"] = True
        return cite


@dataclass
class Cluster:
    cites: list[Cite]
    note_index: int = 0  # the footnote it is in (note styles), 0 in running text
    # filled in by plan(): the engine clusters this one becomes
    author_parts: list[list[dict]] = field(default_factory=list)
    main_part: list[dict] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def first_cited(clusters: Iterable[Sequence[Cite]], known: Iterable[str]) -> list[str]:
    """Known keys in the order they are first cited: the order a numbered style numbers them in."""
    known_keys = set(known)
    order: dict[str, None] = {}
    for cluster in clusters:
        for cite in cluster:
            if cite.key in known_keys:
                order.setdefault(cite.key, None)
    return list(order)


def plan(cluster: Cluster, known: set[str]) -> Cluster:
    """Split a cluster into the engine clusters that make it (see the module's docstring)."""
    cluster.author_parts, cluster.main_part, cluster.unknown = [], [], []
    for cite in cluster.cites:
        if cite.key not in known:
            cluster.unknown.append(cite.key)
        elif cite.mode == NARRATIVE:
            cluster.author_parts.append([cite.for_engine(author_only=True, suffix=False)])
            cluster.main_part.append(cite.for_engine(suppress_author=True, prefix=False))
        else:
            cluster.main_part.append(cite.for_engine(suppress_author=cite.mode == SUPPRESS_AUTHOR))
    return cluster


class CitationRenderer:
    """Renders a document's clusters with one engine call, so numbering, disambiguation
    and positions (ibid.) see every citation in order."""

    def __init__(self, engine, facts: StyleFacts, items: list[dict], *, locale: Optional[str] = None,
                 cache: bool = False, store=None, jobs: int = 1):
        self.engine = engine
        self.facts = facts
        self.items = items  # the bibliography: what numbering and disambiguation are over
        self.known = {item["id"] for item in items}
        self.locale = locale
        self.cache = cache  # keep the engine's answer for the next run (citation_cache)
        self.store = store  # the render cache's per-item results (sort keys, disambiguation)
        self.jobs = jobs
        self.problems: dict[str, str] = {}  # item id -> what the engine failed on, in the last render

    def _engine_render(self, batch: list) -> list[str]:
        if not batch:
            return []
        def render() -> tuple[list[str], dict[str, str]]:
            html = self.engine.render_citations(self.items, batch, "html", store=self.store, jobs=self.jobs)
            return html, dict(self.engine.citation_problems)

        if not self.cache:
            html, self.problems = render()
            return html
        from .citation_cache import cached_citations

        html, self.problems = cached_citations(self.facts.path, self.locale, self.items, batch, render)
        return html

    def render(self, clusters: list[Cluster], link: bool = False) -> list[str]:
        """The HTML of each cluster; with ``link``, each cite's text links to ``#ref-KEY``."""
        batch: list = []
        for cluster in clusters:
            plan(cluster, self.known)
            for part in [*cluster.author_parts, cluster.main_part]:
                if part:
                    batch.append(self._engine_cluster(part, cluster.note_index))
        singles_from = len(batch)
        if link:  # each cite alone as well, to find its text in the cluster's
            for cluster in clusters:
                batch.extend(self._engine_cluster([cite], cluster.note_index) for cite in cluster.main_part)
        rendered = iter(self._engine_render(batch))
        out = [self._assemble(cluster, rendered) for cluster in clusters]
        if link:
            singles = list(rendered)
            assert len(singles) == len(batch) - singles_from
            position = 0
            for index, cluster in enumerate(clusters):
                count = len(cluster.main_part)
                out[index] = self._link(out[index], cluster.main_part, singles[position:position + count])
                position += count
        return out

    def _engine_cluster(self, cites: list[dict], note_index: int):
        if self.facts.is_note_style:
            return {"citationItems": cites, "properties": {"noteIndex": note_index}}
        return cites

    def _assemble(self, cluster: Cluster, rendered) -> str:
        pieces = [html for html in (next(rendered) for part in cluster.author_parts if part) if _prints(html)]
        main = next(rendered) if cluster.main_part else None
        if cluster.unknown:
            main = self._with_unknown(main, cluster.unknown)
        if main is not None:
            pieces.append(main)
        return " ".join(pieces)

    def _with_unknown(self, main: Optional[str], keys: list[str]) -> str:
        """pandoc's form for keys not in the bibliography: ``(<b>key?</b>)`` in the style's brackets."""
        facts = self.facts
        missing = escape(facts.layout_delimiter).join(f"<b>{escape(key)}?</b>" for key in keys)
        prefix, suffix = escape(facts.layout_prefix), escape(facts.layout_suffix)
        if main is None or not _prints(main):
            return prefix + missing + suffix
        if suffix and main.endswith(suffix):
            return main[:-len(suffix)] + escape(facts.layout_delimiter) + missing + suffix
        return main + escape(facts.layout_delimiter) + missing

    def _link(self, html: str, cites: list[dict], singles: list[str]) -> str:
        """Wrap each cite's own text, where the cluster shows it, in a link to its entry."""
        position = 0
        for cite, single in zip(cites, singles):
            core = _core(single, self.facts)
            if not core:
                continue
            match = re.compile(r"(?<![\w>])" + re.escape(core) + r"(?![\w<])").search(html, position) \
                or re.compile(re.escape(core)).search(html, position)
            if match is None or "<a " in core:
                continue
            anchor = f'<a href="#ref-{escape(cite["id"], quote=True)}">{core}</a>'
            html = html[:match.start()] + anchor + html[match.end():]
            position = match.start() + len(anchor)
        return html


def _prints(html: Optional[str]) -> bool:
    if html is None:
        return False
    from ..rendered import html_to_text

    text = html_to_text(html).strip()
    return bool(text) and text != NO_PRINTED_FORM


def _core(single: str, facts: StyleFacts) -> str:
    """A cite rendered alone, without the style's brackets: the text to find in its cluster."""
    core = single
    wrapped = re.fullmatch(r"<(\w+)[^>]*>(.*)</\1>", core, re.S)
    if wrapped and "<" not in wrapped.group(2):
        core = wrapped.group(2)
    prefix, suffix = escape(facts.layout_prefix), escape(facts.layout_suffix)
    if prefix and core.startswith(prefix):
        core = core[len(prefix):]
    if suffix and core.endswith(suffix):
        core = core[:-len(suffix)]
    return core.strip()

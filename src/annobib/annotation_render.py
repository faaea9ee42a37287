"""Annotations as the formats print them: formatting kept, citations rendered.

A Record's annotation is CSL rich text that may cite other entries as
``[@key]`` (annobib.citation_marks). Here each citation becomes the style's
in-text citation — "(Cohen et al., 2018)" in APA, "(9)" in Vancouver —
rendered by the engine with every item of the list (so numbers match the
list), and linked to the cited entry (``<a href="#key">``). A key that is
not in the input at all is a diagnostic naming the file, line, entry and
key; the citation then stays as written. An entry of the input that a
selection left out of this list is still cited in an author-date style
(unlinked); a numbered style has no number for it, so there the citation
stays as written.

The rendered citations are kept in the render cache folder, so a list that
the whole-list cache answers is printed without loading the engine.
"""
from __future__ import annotations

import html as html_lib
import re

from .citation_marks import Citation, find_citations
from .diagnostics import Diagnostics
from .record import Record
from .values import Value

# The CSL rich-text tags an annotation may hold; everything else is text.
_RICH_TAG = re.compile(r'</?(?:i|b|sup|sub)>|<span style="font-variant:\s*small-caps;?">|<span class="nocase">|</span>')
_NOCASE_OPEN = '<span class="nocase">'


class RenderedAnnotation(Value):
    """One annotation as HTML (paragraphs separated by a blank line) and as plain text."""

    __match_args__ = ("html", "text")

    def __init__(self, html: str, text: str):
        self.html = html
        self.text = text

    def html_paragraphs(self) -> list[str]:
        return [p for p in self.html.split("\n\n") if p.strip()]

    def text_paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


def rich_to_html(rich: str) -> str:
    """CSL rich text as HTML: its tags kept (nocase spans dropped), all other text escaped."""
    out: list[str] = []
    closing: list[str] = []
    position = 0
    for match in _RICH_TAG.finditer(rich):
        out.append(html_lib.escape(rich[position:match.start()], quote=False))
        tag = match.group()
        position = match.end()
        if tag == _NOCASE_OPEN:
            closing.append("")
        elif tag.startswith("<span"):
            closing.append("</span>")
            out.append('<span style="font-variant:small-caps;">')
        elif tag == "</span>":
            out.append(closing.pop() if closing else "")
        else:
            out.append(tag)
    out.append(html_lib.escape(rich[position:], quote=False))
    return "".join(out)


def html_to_plain(markup: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", markup))


def plain_annotation(record: Record) -> RenderedAnnotation | None:
    """The annotation without the engine: formatting kept, citations as written."""
    if not record.annotation:
        return None
    markup = rich_to_html(record.annotation)
    return RenderedAnnotation(markup, html_to_plain(markup))


def render_annotations(records: list[Record], style: str, locale: str | None, *, use_cache: bool = False,
                       numbered: bool = False, others: list[Record] | None = None, jobs: int = 1,
                       store=None) -> tuple[dict[str, RenderedAnnotation], Diagnostics]:
    """Every annotation of ``records`` (the whole list, in its order) rendered with ``style``.

    ``store``: the run's annobib.cache.SharedStore (the list's sort keys and disambiguation).

    ``others``: the rest of the input (entries a selection left out), which
    annotations may cite too; ``numbered``: the style numbers its list.
    """
    diagnostics = Diagnostics()
    listed = {record.id for record in records}
    outside = {r.id: r for r in others or [] if r.id not in listed}
    citable = listed if numbered else listed | set(outside)
    found: dict[str, list[Citation]] = {}
    for record in records:
        if record.annotation and "@" in record.annotation:
            citations = [c for c in find_citations(record.annotation)
                         if _all_known(c, citable, listed | set(outside), record, diagnostics)]
            if citations:
                found[record.id] = citations
    rendered: dict[str, RenderedAnnotation] = {}
    clusters = [[cite.as_engine_cite() for cite in c.cites] for cs in found.values() for c in cs]
    cited_outside = [outside[key] for key in dict.fromkeys(k for cs in found.values() for c in cs for k in c.keys)
                     if key in outside]
    # The list's items first, so its numbering and year suffixes are those of the list itself.
    htmls, problems = (_cited(records + cited_outside, clusters, style, locale, use_cache, jobs, store)
                       if clusters else ([], {}))
    if problems:  # a citation printed as citeproc-js's marker: name the entry the engine failed on
        from .engine_problems import engine_diagnostics

        diagnostics.extend(engine_diagnostics(problems, {r.id: r for r in records + cited_outside}, all_errors=True))
    texts = iter(htmls)
    for record in records:
        if not record.annotation:
            continue
        if record.id not in found:
            plain = plain_annotation(record)
            if plain is not None:
                rendered[record.id] = plain
            continue
        markup, position = [], 0
        for citation in found[record.id]:
            markup.append(rich_to_html(record.annotation[position:citation.start]))
            keys = citation.keys
            text = next(texts)
            if keys[0] in listed:
                text = (f'<a class="citation" href="#{html_lib.escape(keys[0], quote=True)}" '
                        f'data-keys="{html_lib.escape(" ".join(keys), quote=True)}">{text}</a>')
            markup.append(text)
            position = citation.end
        markup.append(rich_to_html(record.annotation[position:]))
        joined = "".join(markup)
        rendered[record.id] = RenderedAnnotation(joined, html_to_plain(joined))
    return rendered, diagnostics


def _all_known(citation: Citation, citable: set[str], known: set[str], record: Record,
               diagnostics: Diagnostics) -> bool:
    """Whether every key of the citation can be cited; a key the input does not have is reported."""
    for key in citation.keys:
        if key not in known:
            diagnostics.warn(record.origin.file, record.origin.line, record.id,
                             f"the annotation cites '{key}', which is not in the bibliography; the citation is "
                             "printed as written (check the key)", "unknown-citation")
    return all(key in citable for key in citation.keys)


def _cited(records: list[Record], clusters: list[list[dict]], style: str, locale: str | None,
           use_cache: bool, jobs: int = 1, store=None) -> tuple[list[str], dict[str, str]]:
    """The engine's HTML for each cluster and what it failed on (item id -> message), from the
    cache when this exact request was rendered before. The whole list's sort keys and
    disambiguation come from ``store``, where the list's render has just put them."""
    from .cache import ResultFile, citations_kept
    from .engines import engine_for
    from .styles import resolve_style

    items = [record.csl for record in records]
    path = resolve_style(style)
    kept = ResultFile("annotation-citations", path, locale, [items, clusters]) if use_cache else None
    found = kept.load(citations_kept(len(clusters))) if kept else None
    if found is not None:
        return found["html"], found["problems"]
    engine = engine_for(style, locale)
    result = engine.render_citations(items, clusters, store=store.open() if store else None, jobs=jobs)
    problems = dict(engine.citation_problems)
    if kept:
        kept.save({"html": result, "problems": problems})
    return result, problems

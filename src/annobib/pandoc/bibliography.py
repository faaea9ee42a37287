"""The reference list placed into the document as pandoc's citeproc places it.

A div ``#refs`` with classes ``references csl-bib-body`` (and
``hanging-indent`` when the style asks for it), holding one div
``#ref-KEY.csl-entry`` per entry, so pandoc's writers and templates style
it as they style citeproc's own (hanging indents in HTML, the
"Bibliography" paragraph style in Word, ...). It goes into the document's
``::: {#refs}`` div when there is one, else at the end, under
``reference-section-title``. Annotations, when asked for, follow their entry
as paragraphs in a div ``.annotation`` (Word style "Annotation").
"""
from __future__ import annotations

import re
from typing import Optional

import panflute as pf

from ..document import Document
from .inlines import copy_element, html_to_inlines
from .style_facts import StyleFacts

_NUMBER = re.compile(r"\[?\d+[\].]?")
_CITATION_HREF = re.compile(r'href="#([^"]*)"')


def bibliography_blocks(document: Document, facts: StyleFacts) -> list[pf.Block]:
    """Each entry of the rendered list as a csl-entry div, its annotation after it."""
    blocks: list[pf.Block] = []
    for entry in document.entries():
        inlines = html_to_inlines(entry.html)
        if facts.second_field_align:
            inlines = _number_in_margin(inlines)
        blocks.append(pf.Div(pf.Para(*inlines), identifier=f"ref-{entry.id}", classes=["csl-entry"]))
        if document.annotations and entry.annotation is not None:
            # The annotation as annobib render prints it: formatting kept, its citations rendered, each
            # linked to the cited entry's div (pandoc's citeproc names it ref-<key>).
            paragraphs = [pf.Para(*html_to_inlines(_pandoc_anchors(p))) for p in entry.annotation.html_paragraphs()]
            blocks.append(pf.Div(*paragraphs, classes=["annotation"], attributes={"custom-style": "Annotation"}))
    return blocks


def _pandoc_anchors(markup: str) -> str:
    return _CITATION_HREF.sub(r'href="#ref-\1"', markup)


def _number_in_margin(inlines: list) -> list:
    """"1. Author ..." as citeproc writes a numbered entry for pandoc: the number in a
    csl-left-margin span, the rest in csl-right-inline (pandoc's writers lay them out)."""
    if len(inlines) > 2 and isinstance(inlines[0], pf.Str) and _NUMBER.fullmatch(inlines[0].text) \
            and isinstance(inlines[1], pf.Space):
        return [pf.Span(inlines[0], pf.Space(), classes=["csl-left-margin"]),
                pf.Span(*inlines[2:], classes=["csl-right-inline"])]
    return inlines


def refs_attributes(facts: StyleFacts) -> tuple[list[str], dict[str, str]]:
    classes = ["references", "csl-bib-body"] + (["hanging-indent"] if facts.hanging_indent else [])
    attributes: dict[str, str] = {}
    if facts.entry_spacing is not None:
        attributes["entry-spacing"] = facts.entry_spacing
    if facts.line_spacing is not None and _number(facts.line_spacing) > 1:
        attributes["line-spacing"] = facts.line_spacing
    return classes, attributes


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def insert_bibliography(doc: pf.Doc, blocks: list[pf.Block], facts: StyleFacts,
                        title: Optional[list] = None) -> None:
    """Into the ``#refs`` div if the document has one, else at the end (pandoc's rules)."""
    if not blocks:
        return
    classes, attributes = refs_attributes(facts)
    placed: list[pf.Div] = []

    def into_refs(element, _doc):
        if isinstance(element, pf.Div) and not placed and \
                (element.identifier == "refs" or element.identifier.endswith("__refs")):
            element.classes = list(dict.fromkeys([*element.classes, *classes]))
            element.attributes = {**attributes, **dict(element.attributes)}
            element.content.extend(blocks)
            placed.append(element)

    for block in list(doc.content):
        block.walk(into_refs)
    if placed:
        return
    refs = pf.Div(*blocks, identifier="refs", classes=classes, attributes=attributes)
    if title:
        heading = pf.Header(*[copy_element(i) for i in title], level=1, identifier="bibliography",
                            classes=["unnumbered"])
        doc.content.extend([heading, refs])
        return
    if doc.content and isinstance(doc.content[-1], pf.Header):
        last = doc.content[-1]
        last.classes = ["unnumbered", *[c for c in last.classes if c != "unnumbered"]]
    doc.content.append(refs)

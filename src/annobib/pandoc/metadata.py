"""What a document's metadata asks of the filter.

``bibliography`` (one file or a list), ``csl`` / ``citation-style`` (a .csl
file, as for pandoc's citeproc) or ``annobib-style`` (an annobib style
name, alias or path; it wins), ``annobib-annotations`` (default false),
``nocite`` (keys, or ``@*`` for every entry), ``lang`` (or ``locale``),
``link-citations``, ``reference-section-title`` and
``suppress-bibliography``, read as pandoc's citeproc reads them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import panflute as pf

_TRUE = {"t", "true", "yes", "on", "1"}


@dataclass
class Settings:
    bibliography: list[str] = field(default_factory=list)
    csl: Optional[str] = None  # a .csl path (or name) from csl / citation-style
    style: Optional[str] = None  # annobib-style: alias, name or path
    annotations: bool = False
    nocite: list[str] = field(default_factory=list)  # keys; "*" for every entry
    lang: Optional[str] = None
    link_citations: bool = False
    title: Optional[list] = None  # reference-section-title, as inlines
    suppress_bibliography: bool = False


def read_settings(doc: pf.Doc) -> Settings:
    meta = doc.metadata
    return Settings(
        bibliography=_strings(meta.content.get("bibliography")),
        csl=_string(meta.content.get("csl")) or _string(meta.content.get("citation-style")),
        style=_string(meta.content.get("annobib-style")),
        annotations=_truish(meta.content.get("annobib-annotations")),
        nocite=_cited_keys(meta.content.get("nocite")),
        lang=_string(meta.content.get("lang")) or _string(meta.content.get("locale")),
        link_citations=_truish(meta.content.get("link-citations")),
        title=_inlines(meta.content.get("reference-section-title")),
        suppress_bibliography=_truish(meta.content.get("suppress-bibliography")),
    )


def _string(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, pf.MetaBool):
        return str(value.boolean).lower()
    text = pf.stringify(value).strip()
    return text or None


def _strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, pf.MetaList):
        return [text for item in value.content if (text := _string(item))]
    text = _string(value)
    return [text] if text else []


def _truish(value) -> bool:
    if isinstance(value, pf.MetaBool):
        return bool(value.boolean)
    text = _string(value)
    return text is not None and text.lower() in _TRUE


def _cited_keys(value) -> list[str]:
    """The keys of the citations in a metadata value (``nocite: "@a @b"``, ``"@*"``)."""
    keys: list[str] = []
    if value is None:
        return keys

    def collect(element, _doc):
        if isinstance(element, pf.Cite):
            keys.extend(citation.id for citation in element.citations)

    value.walk(collect)
    return keys


def _inlines(value) -> Optional[list]:
    if value is None:
        return None
    if isinstance(value, pf.MetaInlines):
        return list(value.content)
    if isinstance(value, pf.MetaBlocks) and len(value.content) == 1 and \
            isinstance(value.content[0], (pf.Plain, pf.Para)):
        return list(value.content[0].content)
    text = _string(value)
    return [pf.Str(text)] if text else None

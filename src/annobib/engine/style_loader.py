"""Parse a CSL style safely, with a clear error for a broken one.

citeproc-py's own parser resolves XML entities; a style file is checked
first with a parser that resolves none and reads nothing from the network,
and a style that declares a DOCTYPE or entities is refused outright, so a
malicious .csl cannot read local files or reach out.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..diagnostics import StyleError


def load_style(path: Path, locale: str | None = None):
    from citeproc import CitationStylesStyle
    from lxml import etree

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StyleError(f"style {path} cannot be read ({exc.strerror})") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise StyleError(f"style {path} declares a DOCTYPE or entities, which annobib refuses to load")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"style {path} is not well-formed XML: {exc}") from None
    if etree.QName(root).localname != "style":
        raise StyleError(f"{path} is not a CSL style (its root element is <{etree.QName(root).localname}>)")
    try:
        return CitationStylesStyle(io.BytesIO(data), locale=locale, validate=False)
    except ValueError as exc:
        raise StyleError(f"style {path}: {exc}") from None
    except Exception as exc:  # citeproc-py rejects some valid-looking styles with other errors
        raise StyleError(f"style {path} could not be loaded by the CSL engine: {exc}") from None

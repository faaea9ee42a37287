"""Parsing a CSL style into annobib's element classes.

citeproc-py builds style elements through an lxml element-class lookup
(``CitationStylesXML``). ``ParsedStyle`` does the same with annobib's own
lookup (engine/lookup.py), so every element of the style and of its locales
is an instance of an annobib subclass of the citeproc-py class for that CSL
element; citeproc-py itself is left exactly as it is, and a plain
``citeproc.CitationStylesStyle`` in the same process still gets citeproc-py's
classes.

Style files are untrusted input (they come from the web and from
colleagues): they are parsed with no entities, no DTD and no network, and a
style whose macros are missing or call themselves is refused with one clear
error before anything is rendered.
"""
from __future__ import annotations

import os
from pathlib import Path

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS
from citeproc.frontend import CitationStylesStyle
from lxml import etree

from ..diagnostics import StyleError
from .elements.base import CSL_NS, XML_LANG
from .lookup import element_lookup


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    parser.set_element_class_lookup(element_lookup())
    return parser


def parse_xml(data: bytes, origin: str):
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise StyleError(f"style {origin} declares a DOCTYPE or entities, which annobib refuses to load")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"style {origin} is not well-formed XML: {exc}") from None


class ParsedStyle(CitationStylesStyle):
    """A CSL style parsed into annobib's element classes, with its locales."""

    def __init__(self, source: str | Path | bytes, locale: str | None = None):  # noqa: D401
        # citeproc-py's own constructor parses with its own lookup: this one parses with annobib's.
        if isinstance(source, bytes):
            data, origin = source, "<string>"
        else:
            path = Path(source)
            origin = str(path)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise StyleError(f"style {path} cannot be read ({exc.strerror})") from None
        root = parse_xml(data, origin)
        if etree.QName(root).localname != "style" or etree.QName(root).namespace != CSL_NS:
            raise StyleError(f"{origin} is not a CSL style (its root element is <{etree.QName(root).localname}>)")
        self.root = root
        self.xml = root.getroottree()
        self.origin = origin
        check_macros(root, origin)
        language = locale or root.get("default-locale") or "en-US"
        root.use_locales(language, locale_chain(root, language))
        if not root.locales:
            raise StyleError(f"style {origin}: no locale found for {language}")


def load_locale_file(name: str):
    """A system locale file (citeproc-py ships the CSL locales) parsed with annobib's classes, or None."""
    path = os.path.join(LOCALES_PATH, f"locales-{name}.xml")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return etree.fromstring(data, _parser())


def locale_chain(style_root, language: str) -> list:
    """The cs:locale elements to search for a term, most specific first (CSL 1.0.2, "Locale Fallback")."""
    chain: list = []
    base = language.split("-")[0]

    def in_style(lang: str | None) -> None:
        for element in style_root.iterchildren(f"{{{CSL_NS}}}locale"):
            if element.get(XML_LANG) == lang and element not in chain:
                chain.append(element)

    def system(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        element = load_locale_file(name)
        if element is not None:
            chain.append(element)

    seen: set[str] = set()
    in_style(language)
    if base != language:
        in_style(base)
    in_style(None)
    if language in LANGUAGE_NAMES:
        system(language)
    if base in PRIMARY_DIALECTS:
        system(PRIMARY_DIALECTS[base])
    system("en-US")
    return chain


def check_macros(root, origin: str) -> None:
    """Every macro called exists, and none calls itself (directly or through others)."""
    macros = {m.get("name"): m for m in root.iterchildren(f"{{{CSL_NS}}}macro")}
    calls: dict[str, set[str]] = {}
    for element in root.iter(f"{{{CSL_NS}}}text", f"{{{CSL_NS}}}key"):
        name = element.get("macro")
        if name is None:
            continue
        if name not in macros:
            raise StyleError(f"style {origin} calls macro '{name}', which it does not define")
        owner = next((a.get("name") for a in element.iterancestors(f"{{{CSL_NS}}}macro")), None)
        if owner is not None:
            calls.setdefault(owner, set()).add(name)
    state: dict[str, int] = {}  # 1 visiting, 2 done

    for start in calls:
        if state.get(start):
            continue
        stack = [(start, iter(sorted(calls.get(start, ()))))]
        state[start] = 1
        while stack:
            name, pending = stack[-1]
            following = next(pending, None)
            if following is None:
                state[name] = 2
                stack.pop()
                continue
            if state.get(following) == 1:
                raise StyleError(f"style {origin}: macro '{following}' calls itself (through "
                                 + " -> ".join(n for n, _ in stack) + f" -> {following})")
            if state.get(following) is None:
                state[following] = 1
                stack.append((following, iter(sorted(calls.get(following, ())))))

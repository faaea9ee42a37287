"""What a manuscript needs to know about a CSL style besides what the engine renders.

The citation layout's brackets and delimiter (for a key that is not in the
bibliography, shown in bold the way pandoc shows it), whether it is a note
style, the bibliography's hanging indent and spacing (pandoc's citeproc puts
them on the ``refs`` div), the locale to use, and the locale's locator terms
(every form of "page", "chapter", ... that a suffix may start with).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # lxml is imported where a style is read (start-up time)
    from lxml import etree

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The terms pandoc's citeproc accepts as locator labels, in its order of
# precedence: when two share a form (page and number-of-pages: "p."), the
# earlier one wins.
LOCATOR_TERMS = ("book", "chapter", "column", "figure", "folio", "issue", "line", "note", "opus", "page",
                 "number-of-pages", "paragraph", "part", "section", "sub-verbo", "sub verbo", "verse", "volume")


@dataclass(frozen=True)
class StyleFacts:
    path: Path
    is_note_style: bool = False
    default_locale: Optional[str] = None
    layout_prefix: str = ""
    layout_suffix: str = ""
    layout_delimiter: str = "; "
    hanging_indent: bool = False
    second_field_align: bool = False
    entry_spacing: Optional[str] = None
    line_spacing: Optional[str] = None
    # (xml:lang or "", term name, form) -> (single, multiple) for the style's own locale sections
    style_terms: dict = field(default_factory=dict, compare=False, hash=False)


@lru_cache(maxsize=16)
def style_facts(path: Path) -> StyleFacts:
    """The facts of the CSL file at ``path`` (already loaded once by the engine, so it parses)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(Path(path).read_bytes(), parser)
    citation_layout = root.find(f"{CSL_NS}citation/{CSL_NS}layout")
    bibliography = root.find(f"{CSL_NS}bibliography")
    layout = attributes(citation_layout)
    bib = attributes(bibliography)
    return StyleFacts(
        path=Path(path),
        is_note_style=root.get("class") == "note",
        default_locale=root.get("default-locale"),
        layout_prefix=layout.get("prefix", ""),
        layout_suffix=layout.get("suffix", ""),
        layout_delimiter=layout.get("delimiter", "; "),
        hanging_indent=bib.get("hanging-indent") == "true",
        second_field_align=bool(bib.get("second-field-align")),
        entry_spacing=bib.get("entry-spacing"),
        line_spacing=bib.get("line-spacing"),
        style_terms=_terms_of(root.findall(f"{CSL_NS}locale")),
    )


def _terms_of(locales) -> dict:
    terms: dict = {}
    for locale in locales:
        lang = locale.get(XML_LANG, "")
        for term in locale.iter(f"{CSL_NS}term"):
            single = term.findtext(f"{CSL_NS}single")
            multiple = term.findtext(f"{CSL_NS}multiple")
            if single is None:
                single = multiple = term.text or ""
            terms[(lang, term.get("name"), term.get("form", "long"))] = (single, multiple or single)
    return terms


def _locales_dir() -> Path:
    from importlib.util import find_spec

    spec = find_spec("citeproc")
    assert spec is not None and spec.origin
    return Path(spec.origin).parent / "data" / "locales"


@lru_cache(maxsize=1)
def _primary_dialects() -> dict:
    try:
        data = json.loads((_locales_dir() / "locales.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("primary-dialects", {})


def resolve_locale(lang: Optional[str]) -> Optional[str]:
    """The CSL locale for a document's ``lang`` (BCP 47: en-GB, de, pt_BR): the locale file
    of that name, else the language's main dialect (de -> de-DE); None when there is none."""
    if not lang:
        return None
    name = lang.strip().replace("_", "-")
    parts = name.split("-")
    candidates = [name, "-".join([parts[0].lower(), *(p.upper() for p in parts[1:])])]
    candidates.append(_primary_dialects().get(parts[0].lower(), ""))
    for candidate in candidates:
        if candidate and (_locales_dir() / f"locales-{candidate}.xml").is_file():
            return candidate
    return None


def locator_terms(facts: StyleFacts, locale: Optional[str]) -> dict[str, str]:
    """Every form of every locator term (case-folded) -> its CSL locator type, from the locale
    file with the style's own locale sections over it, as pandoc's citeproc merges them."""
    return dict(_locator_terms(facts, locale or facts.default_locale or "en-US"))


@lru_cache(maxsize=16)
def _locator_terms(facts: StyleFacts, locale: str) -> tuple:
    from lxml import etree

    resolved = resolve_locale(locale) or "en-US"
    path = _locales_dir() / f"locales-{resolved}.xml"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(path.read_bytes(), parser)
    terms = {(name, form): forms for (_lang, name, form), forms in _terms_of([root]).items()}
    language = resolved.split("-")[0]
    # The style's sections override the file's: first those for any language, then the
    # language's, then the exact locale's.
    for wanted in ("", language, resolved):
        for (lang, name, form), forms in facts.style_terms.items():
            if lang == wanted:
                terms[(name, form)] = forms
    mapping: dict[str, str] = {}
    for name in reversed(LOCATOR_TERMS):
        for (term_name, _form), forms in terms.items():
            if term_name == name:
                for word in forms:
                    if word.strip():
                        mapping[word.strip().casefold()] = name.replace(" ", "-")
    return tuple(mapping.items())


def attributes(element: etree._Element | None) -> dict[str, str]:
    """An element's attributes as plain strings (none for a missing element)."""
    if element is None:
        return {}
    return {str(name): str(value) for name, value in element.attrib.items()}

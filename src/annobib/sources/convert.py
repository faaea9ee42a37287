"""Registry values to CSL-JSON values: titles, names, dates, pages, journal names.

Titles are kept as the registry gives them (no change of case): their
markup (HTML, JATS, PubMed's ``<i>``) becomes CSL rich text, and words that a
style must never lowercase, acronyms and words with inner capitals (``MRI``,
``OGLE-III``, ``mRNA``, ``PLoS``, ``C552``), are wrapped in CSL's nocase
span, which the BibTeX writer turns into protective braces. The closing full
stop PubMed and DataCite put on a title is dropped: styles add their own.
"""
from __future__ import annotations

import html
import re
from typing import Callable

from lxml import etree
from lxml import html as lxml_html

from .http import Service, ServiceError

# Registry XML is read without fetching the DTD it names and without expanding entities.
_XML_PARSER = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False, huge_tree=False)

# Registry markup -> CSL rich-text tag; any other element keeps its text only.
_RICH_TAGS = {
    "i": "i", "em": "i", "italic": "i", "jats:italic": "i",
    "b": "b", "strong": "b", "bold": "b", "jats:bold": "b",
    "sup": "sup", "jats:sup": "sup", "sub": "sub", "jats:sub": "sub",
    "sc": "sc", "scp": "sc", "jats:sc": "sc",
}
_WORD = re.compile(r"[^\W_](?:[\w'\u2019-]*[^\W_])?")
# Words kept lowercase when a sentence-case journal name is written in title case.
_MINOR_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "de", "del", "der", "des", "di", "du", "e", "en", "et", "for",
    "from", "in", "into", "la", "le", "les", "nor", "of", "on", "or", "per", "the", "to", "und", "upon", "via",
    "von", "vs", "with", "y",
}


def xml_root(content: bytes, service: Service, expected: str) -> etree._Element:
    """The root element of a registry's XML answer, or a ServiceError saying it is not ``expected``."""
    try:
        return etree.fromstring(content, _XML_PARSER)
    except etree.XMLSyntaxError:
        raise ServiceError(service, f"answered with something that is not {expected}") from None


def inner_text(element: etree._Element) -> str:
    """All the text inside ``element``, its tags dropped."""
    # lxml yields str for text parsed from a document; str() because its stubs allow bytes as well.
    return "".join(str(text) for text in element.itertext())


def rich_title(markup: str | etree._Element, protect: bool = True) -> str:
    """A registry's title (a string that may hold markup, or an XML element) as CSL rich text;
    ``protect=False`` for the name of a journal or book series, which styles print as given."""
    element = markup if isinstance(markup, etree._Element) else _fragment(markup)
    parts: list[str] = []
    _rich_parts(element, parts, _protect if protect else _unprotected, top=True)
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    # PubMed writes quotes across italics ('"<i>Blood Relationship"</i>'): close the quote after the tag.
    text = re.sub(r'(["\u201c])<(i|b)>([^<"\u201d]*)(["\u201d])</\2>', r"\1<\2>\3</\2>\4", text)
    text = re.sub(r"(?<!\.)\.(?=(?:</(?:i|b|sup|sub|span)>)*$)", "", text) if not text.endswith("..") else text
    return text.strip()


def _fragment(markup: str) -> etree._Element:
    if "<" not in markup:
        element = etree.Element("t")
        element.text = html.unescape(markup)
        return element
    # lxml's HTML parser takes registry markup as it comes (unclosed tags, stray '&', namespaces).
    return lxml_html.fragment_fromstring(markup, create_parent="t")


def _rich_parts(element: etree._Element, parts: list[str], protect: Callable[[str], str], top: bool = False) -> None:
    tag = _tag_name(element)
    csl_tag = None if top else _RICH_TAGS.get(tag)
    if tag in ("math", "mml:math"):
        parts.append(protect(" ".join(inner_text(element).split())))
    else:
        if csl_tag == "sc":
            parts.append('<span style="font-variant:small-caps;">')
        elif csl_tag:
            parts.append(f"<{csl_tag}>")
        parts.append(protect(element.text or ""))
        for child in element:
            _rich_parts(child, parts, protect)
        if csl_tag:
            parts.append("</span>" if csl_tag == "sc" else f"</{csl_tag}>")
    if not top:
        parts.append(protect(element.tail or ""))


def _tag_name(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return re.sub(r"^\{[^}]*\}", "", tag).lower() if tag.startswith("{") else tag.lower()


def _unprotected(text: str) -> str:
    return text


def _protect(text: str) -> str:
    return _WORD.sub(lambda m: f'<span class="nocase">{m.group()}</span>' if needs_protection(m.group())
                     else m.group(), text)


def needs_protection(word: str) -> bool:
    """An acronym or a word with inner capitals (MRI, OGLE-III, iPhone, PLoS), or a capital with digits (C552)."""
    if len(word) < 2:
        return False
    if any(c.isupper() for c in word[1:]):
        return True
    return word[0].isupper() and any(c.isdigit() for c in word)


def plain(text: str | None) -> str:
    """Whitespace-normalised plain text (names, publishers, journal names)."""
    return re.sub(r"\s+", " ", html.unescape(text or "")).strip()


def person(family: str | None, given: str | None) -> dict:
    """A CSL name; given names written as bare initials get their full stops (``J Michael`` -> ``J. Michael``)."""
    name: dict[str, str] = {}
    family, given = plain(family), plain(given)
    if family:
        name["family"] = family
    if given:
        name["given"] = dotted_initials(given)
    if not family and given:
        return {"literal": given}
    return name


def dotted_initials(given: str) -> str:
    """``Catherine C`` -> ``Catherine C.``; ``AR`` (PubMed initials) -> ``A. R.``."""
    if re.fullmatch(r"[A-Z]{2,3}", given):
        return " ".join(f"{c}." for c in given)
    return re.sub(r"\b([A-Z])(?=\s|$)", r"\1.", given)


def full_name(name: str) -> dict:
    """A name written "Given Family" (arXiv, Google Books) split as BibTeX splits "First von Last"."""
    from ..export.rich_latex import escape_text
    from ..map.names import parse_names

    name = plain(name)
    names, _problems = parse_names("{" + escape_text(name) + "}" if " and " in name else escape_text(name))
    return names[0] if names else {"literal": name}


def date_parts(year, month=None) -> dict | None:
    """CSL ``issued`` from a year and an optional month (number or English name); the day is not kept,
    as in the bundled bibliography (APA and Vancouver print the year, or year and month)."""
    try:
        year_number = int(str(year).strip()[:4])
    except (TypeError, ValueError):
        return None
    month_number = month_of(month)
    return {"date-parts": [[year_number, month_number] if month_number else [year_number]]}


def month_of(value) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip().lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return names.index(text[:3]) + 1 if text[:3] in names else None


def iso_date(text: str | None) -> dict | None:
    """``2019-06-21T06:21:52Z``, ``2020-06``, ``2020`` -> ``issued`` (year and month)."""
    match = re.match(r"^\s*(\d{4})(?:-(\d{2}))?", text or "")
    return date_parts(match.group(1), match.group(2)) if match else None


def expand_pages(pages: str | None) -> str | None:
    """MEDLINE's shortened ranges written out (``244-55`` -> ``244-255``); other forms unchanged."""
    if not pages:
        return None
    pages = plain(pages).replace("\u2013", "-")

    def whole(match: re.Match) -> str:
        first, last = match.group(1), match.group(2)
        if len(last) < len(first) and int(first[-len(last):]) < int(last):
            last = first[: len(first) - len(last)] + last
        return f"{first}-{last}"

    return re.sub(r"\b(\d+)-(\d+)\b", whole, pages)


def journal_name(name: str | None) -> str | None:
    """NLM's catalogue form of a journal title as it is printed: the place or edition qualifier
    dropped and, when written all in lower case after the first word, title case
    (``Journal of magnetic resonance (San Diego, Calif. : 1997)`` -> ``Journal of Magnetic Resonance``)."""
    name = plain(name)
    if not name:
        return None
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name).rstrip(" .") or name
    words = name.split(" ")
    if any(c.isupper() for word in words[1:] for c in word):
        return name  # already in title case, or has its own capitals: keep it
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in _MINOR_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)

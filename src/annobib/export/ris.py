"""RIS for EndNote, Mendeley and Zotero, written with rispy.

Tags are chosen for Zotero's RIS translator (the README section on Zotero): TY, ID (the
citation key, which Zotero ignores), AU/A2/A3/A4, TI, T2 (journal or book)
and J2 (journal abbreviation), T3, PY and DA (``YYYY/MM/DD/``), VL, IS,
SP/EP, SN (ISSN for journals, ISBN otherwise, report number for reports),
DO, UR, Y2 (access date ``YYYY/MM/DD``), PB, CY, ET, LA, ST, M3, NV, AB, one
KW per tag, the annotation as one N1 (each N1 becomes one child note), and
PMID/PMCID as ``M2`` lines (Zotero's Extra, where it recognises them). AN is
left out: APA prints it as an archive location. RIS is plain text, so CSL
rich text loses its markup here (for an annotation, with a warning).
"""
from __future__ import annotations

import re

import rispy

from ..diagnostics import Diagnostics
from ..map.latex import rich_to_plain
from ..record import Record
from .ris_tables import COMMA_STAND_IN, CSL_TO_RIS, EXTENT_TYPES, ISSN_TYPES, ISSUE_TYPES

# CSL variables written to some tag; anything else is reported as not written.
_WRITTEN = {"id", "type", "author", "editor", "translator", "title", "container-title",
            "container-title-short", "collection-title", "issued", "accessed", "volume", "issue",
            "number", "page", "number-of-pages", "ISSN", "ISBN", "DOI", "URL", "publisher",
            "publisher-place", "edition", "language", "title-short", "genre", "number-of-volumes",
            "abstract", "PMID", "PMCID", "note"}


class _Writer(rispy.RisWriter):
    """rispy's writer without its numbered ``1.`` header lines, which are not RIS."""

    def set_header(self, count: int) -> str:
        return ""


def export(records: list[Record]) -> tuple[str, Diagnostics]:
    diags = Diagnostics()
    references = [_reference(r, diags) for r in records]
    if not references:
        return "", diags
    return rispy.dumps(references, implementation=_Writer), diags


def _reference(record: Record, diags: Diagnostics) -> dict:
    csl = record.csl
    warn = lambda message, rule="export-loss": diags.warn(  # noqa: E731
        record.origin.file, record.origin.line, record.id, message, rule)
    ref: dict = {}
    ty = CSL_TO_RIS.get(record.type)
    if ty is None:
        warn(f"CSL type '{record.type}' has no RIS type; written as GEN (read back as a document)", "export-type")
        ty = "GEN"
    ref["type_of_reference"] = ty
    ref["id"] = record.id
    names = {
        "authors": csl.get("author"),
        ("tertiary_authors" if record.type == "book" else "secondary_authors"): csl.get("editor"),
        "subsidiary_authors": csl.get("translator"),
    }
    for key, value in names.items():
        if value:
            ref[key] = [_name(n, warn) for n in value if isinstance(n, dict)]
    _text(ref, "title", csl.get("title"))
    _text(ref, "secondary_title", csl.get("container-title"))
    _text(ref, "alternate_title1", csl.get("container-title-short"))
    _text(ref, "tertiary_title", csl.get("collection-title"))
    _issued(ref, csl.get("issued"), warn)
    if csl.get("accessed"):
        accessed = _ris_date(csl["accessed"])
        if accessed:
            ref["access_date"] = accessed.rstrip("/")
        else:
            warn("the access date is not a plain date; left out")
    _text(ref, "volume", csl.get("volume"))
    number = csl.get("issue") if record.type in ISSUE_TYPES else csl.get("number")
    _text(ref, "number", number)
    if record.type in ISSUE_TYPES and csl.get("number"):
        warn("an article's CSL number has no RIS tag (IS is the issue); left out")
    _pages(ref, record, warn)
    _serial(ref, record, warn)
    _text(ref, "doi", csl.get("DOI"))
    if csl.get("URL"):
        ref["urls"] = [str(csl["URL"])]
    _text(ref, "publisher", csl.get("publisher"))
    _text(ref, "place_published", csl.get("publisher-place"))
    _text(ref, "edition", csl.get("edition"))
    _text(ref, "language", csl.get("language"))
    _text(ref, "short_title", csl.get("title-short"))
    _text(ref, "type_of_work", csl.get("genre"))
    _text(ref, "number_of_volumes", csl.get("number-of-volumes"))
    if csl.get("abstract"):
        ref["abstract"] = _paragraphs(str(csl["abstract"]))
    extra = [f"{key}: {csl[key]}" for key in ("PMID", "PMCID") if csl.get(key)]
    if csl.get("note"):
        extra.append(_paragraphs(str(csl["note"])))
    if extra:
        ref["unknown_tag"] = {"M2": ["\n".join(extra)]}
    if record.tags:
        ref["keywords"] = list(record.tags)
        for tag in record.tags:
            if ";" in tag:
                warn(f"tag '{tag}' contains ';', where Zotero splits KW lines", "export-tag-separator")
    _annotation(ref, record, warn)
    left_out = sorted(k for k, v in csl.items() if k not in _WRITTEN and v not in (None, "", [], {}))
    if left_out:
        warn(f"not written (RIS has no tag for CSL {', '.join(left_out)})")
    return ref


def _annotation(ref: dict, record: Record, warn) -> None:
    """The annotation as one N1 note (Zotero: one child note), in plain text."""
    if not record.annotation:
        return
    ref["notes"] = [_paragraphs(record.annotation_text or "")]
    if record.annotation_text != record.annotation:
        warn("RIS notes are plain text: the annotation's italics, bold and other formatting are left out "
             "(citations stay as [@key]); export to csl-json or bibtex to keep them", "export-formatting")


def _text(ref: dict, key: str, value) -> None:
    if value not in (None, ""):
        ref[key] = re.sub(r"[ \t\r\n]+", " ", rich_to_plain(str(value))).strip()


def _paragraphs(text: str) -> str:
    """Paragraphs as continuation lines with an empty line between them."""
    paragraphs = [re.sub(r"[ \t\r\n]+", " ", p).strip() for p in re.split(r"\n[ \t\r]*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _name(name: dict, warn) -> str:
    if name.get("literal"):
        literal = str(name["literal"])
        if "," in literal:
            warn(f"the corporate name '{literal}' contains commas, at which RIS readers split names; "
                 "written with U+201A (a comma look-alike) instead", "export-corporate-comma")
            literal = literal.replace(",", COMMA_STAND_IN)
        return literal
    family = " ".join(filter(None, [name.get("non-dropping-particle"), name.get("family")]))
    given = " ".join(filter(None, [name.get("given"), name.get("dropping-particle")]))
    if not given:
        return f"{family},"  # the comma keeps it a family name (Zotero: last name, empty first name)
    parts = [family, given] + ([name["suffix"]] if name.get("suffix") else [])
    return ", ".join(str(p) for p in parts)


def _issued(ref: dict, issued: dict | None, warn) -> None:
    if not issued:
        return
    parts = issued.get("date-parts") or []
    if issued.get("literal") or not parts:
        ref["date"] = str(issued.get("literal") or issued.get("raw") or "")
        return
    if parts[0] and isinstance(parts[0][0], int) and parts[0][0] <= 0:
        warn("RIS dates have no years BCE; the date is written as text")
    if len(parts) > 1 or issued.get("circa") or issued.get("season"):
        warn("RIS has no date ranges, seasons or approximate dates; only the (first) date is written")
    ris = _ris_date(issued)
    if ris:
        ref["year"] = ris.split("/")[0]
        ref["date"] = ris


def _ris_date(date: dict) -> str | None:
    """``YYYY/MM/DD/`` with empty parts, the form Zotero's dateRIStoZotero expects."""
    parts = (date.get("date-parts") or [[]])[0]
    try:
        numbers = [int(p) for p in parts]
    except (TypeError, ValueError):
        return None
    if not numbers or numbers[0] == 0:
        return None
    year = f"{numbers[0]:04d}"
    month = f"{numbers[1]:02d}" if len(numbers) > 1 else ""
    day = f"{numbers[2]:02d}" if len(numbers) > 2 else ""
    return f"{year}/{month}/{day}/" if month else year


def _pages(ref: dict, record: Record, warn) -> None:
    csl = record.csl
    page = str(csl.get("page") or "")
    if page:
        match = re.fullmatch(r"\s*([^\s,\-]+)\s*-\s*([^\s,\-]+)\s*", page)
        if match:
            ref["start_page"], ref["end_page"] = match.group(1), match.group(2)
        else:
            ref["start_page"] = page
    if csl.get("number-of-pages"):
        if record.type in EXTENT_TYPES and not page:
            ref["start_page"] = str(csl["number-of-pages"])
        else:
            warn("RIS has a page count only for books, theses and manuscripts; number-of-pages left out")


def _serial(ref: dict, record: Record, warn) -> None:
    """SN: ISSN for journals, report number for reports, ISBN otherwise (Zotero's reading)."""
    csl = record.csl
    if record.type in ISSN_TYPES:
        value, lost = csl.get("ISSN"), ("ISBN", csl.get("ISBN"))
    elif record.type == "report" and csl.get("number"):
        value, lost = csl.get("number"), ("ISBN", csl.get("ISBN"))
        ref.pop("number", None)  # the report number goes in SN, where Zotero looks for it
    else:
        value, lost = csl.get("ISBN"), ("ISSN", csl.get("ISSN"))
    if value:
        ref["issn"] = str(value)
    if lost[1]:
        warn(f"RIS has one SN per reference; the {lost[0]} is left out")

"""Zotero-ready BibTeX (and, with ``flavour="biblatex"``, biblatex).

Written to what Zotero's BibTeX import does (see the README section on Zotero): the
annotation in ``annote`` (a child note; biblatex's ``annotation`` would be
dropped), tags in ``keywords`` joined with "; ", ISO ``urldate``, ``pmid``
and ``pmcid`` fields, ``@online`` for web pages, ``shortjournal`` for the
journal abbreviation, corporate names in double braces. Every value is
escaped so that BibTeX, biblatex and annobib's reader get the same text
back; CSL rich text becomes ``\\textit{}``, ``{braces}`` and so on.

The biblatex flavour writes ``journaltitle``, ``location``, ``date``,
``institution`` and biblatex's own entry types, and the annotation in
biblatex's ``annotation`` field (which Zotero drops: use ``bibtex`` for Zotero).
"""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..record import Record
from .rich_latex import annotation_to_latex, escape_paragraphs, escape_text, rich_to_latex

# CSL type -> (BibTeX type, entrysubtype). Only types Zotero's BibTeX import knows:
# anything else is discarded by Zotero, so it becomes @misc (Zotero: Document).
BIBTEX_TYPES = {
    "article-journal": ("article", None),
    "article-magazine": ("article", "magazine"),
    "article-newspaper": ("article", "newspaper"),
    "book": ("book", None),
    "pamphlet": ("booklet", None),
    "chapter": ("incollection", None),
    "entry-encyclopedia": ("inreference", None),
    "paper-conference": ("inproceedings", None),
    "webpage": ("online", None),
    "report": ("techreport", None),
    "thesis": ("thesis", None),
    "patent": ("patent", None),
    "software": ("software", None),
    "manuscript": ("unpublished", None),
    "graphic": ("artwork", None),
    "song": ("audio", None),
    "motion_picture": ("video", None),
    "personal_communication": ("letter", None),
    "legislation": ("legislation", None),
    "legal_case": ("jurisdiction", None),
    "document": ("misc", None),
}
# biblatex has a type for more CSL types than Zotero imports.
BIBLATEX_TYPES = dict(BIBTEX_TYPES, report=("report", None), dataset=("dataset", None),
                      standard=("standard", None), periodical=("periodical", None))

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_ARTICLES = ("article-journal", "article-magazine", "article-newspaper", "periodical")
_EXTENT_TYPES = ("book", "thesis", "report")
_NAME_FIELDS = (("author", "author"), ("editor", "editor"), ("translator", "translator"),
                ("container-author", "bookauthor"))
_RICH_FIELDS = (("title-short", "shorttitle"), ("collection-title", "series"), ("edition", "edition"),
                ("version", "version"), ("event-title", "eventtitle"), ("event-place", "venue"),
                ("original-title", "origtitle"))
_PLAIN_FIELDS = (("volume", "volume"), ("number-of-volumes", "volumes"), ("chapter-number", "chapter"),
                 ("ISBN", "isbn"), ("ISSN", "issn"), ("PMID", "pmid"), ("PMCID", "pmcid"),
                 ("language", "language"))
# CSL variables each exporter writes somewhere; any other is reported as not written.
_HANDLED = {"id", "type", "title", "container-title", "container-title-short", "issued", "accessed", "status",
            "event-date", "original-date", "page", "number-of-pages", "issue", "number", "collection-number",
            "publisher", "publisher-place", "DOI", "URL", "abstract", "note", "genre"}
_HANDLED.update(v for v, _ in _NAME_FIELDS + _RICH_FIELDS + _PLAIN_FIELDS)


def export(records: list[Record]) -> tuple[str, Diagnostics]:
    return export_flavour(records, "bibtex")


def export_flavour(records: list[Record], flavour: str) -> tuple[str, Diagnostics]:
    diags = Diagnostics()
    header = (f"% Written by annobib ({flavour}), UTF-8. Annotations are in "
              + ("'annote' (Zotero makes them child notes)." if flavour == "bibtex" else "'annotation'.")
              + "\n\n")
    return header + "\n\n".join(_entry(r, flavour, diags) for r in records) + ("\n" if records else ""), diags


def entry(record: Record, flavour: str = "bibtex") -> tuple[str, Diagnostics]:
    """One record as one entry, without the file header (``annobib add`` appends it to a file)."""
    diags = Diagnostics()
    return _entry(record, flavour, diags), diags


def _entry(record: Record, flavour: str, diags: Diagnostics) -> str:
    csl = record.csl
    biblatex = flavour == "biblatex"
    warn = lambda message, rule="export-loss": diags.warn(  # noqa: E731
        record.origin.file, record.origin.line, record.id, message, rule)
    fields: list[tuple[str, str]] = []
    add = lambda name, value: fields.append((name, value)) if value not in (None, "") else None  # noqa: E731

    entry_type, subtype = _entry_type(record, biblatex, warn)
    for variable, field_name in _NAME_FIELDS:
        if csl.get(variable):
            add(field_name, _names(csl[variable]))
    add("title", _rich(csl.get("title")))
    _container(csl, entry_type, biblatex, add)
    for variable, field_name in _RICH_FIELDS:
        add(field_name, _rich(csl.get(variable)))
    _dates(csl, biblatex, add, warn)
    for variable, field_name in _PLAIN_FIELDS:
        add(field_name, _plain(csl.get(variable)))
    _numbers(csl, biblatex, add, warn)
    _publisher(csl, entry_type, biblatex, add)
    if csl.get("genre"):
        add("type", escape_text(str(csl["genre"])))
    if subtype:
        add("entrysubtype", subtype)
    if csl.get("DOI"):
        add("doi", _verbatim(csl["DOI"]))
    if csl.get("URL"):
        add("url", _verbatim(csl["URL"]))
    if csl.get("abstract"):
        add("abstract", escape_paragraphs(str(csl["abstract"])))
    if csl.get("note"):
        add("note", escape_paragraphs(str(csl["note"])))
    _tags_and_annotation(record, biblatex, add, warn)

    left_out = sorted(k for k, v in csl.items() if k not in _HANDLED and v not in (None, "", [], {}))
    if left_out:
        warn(f"not written ({flavour} has no field for CSL {', '.join(left_out)})")
    width = max((len(name) for name, _ in fields), default=0)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" if name != "month" else f"  {name.ljust(width)} = {value}"
                      for name, value in fields)
    return f"@{entry_type}{{{_key(record.id)},\n{body}\n}}"


def _tags_and_annotation(record: Record, biblatex: bool, add, warn) -> None:
    if record.tags:
        for tag in record.tags:
            if ";" in tag or "," in tag:
                warn(f"tag '{tag}' contains ',' or ';': Zotero and annobib split keywords there",
                     "export-tag-separator")
        add("keywords", escape_text("; ".join(record.tags)))
    if record.annotation:  # formatting as \textit{} and the like, citations as \cite{key}
        add("annotation" if biblatex else "annote", annotation_to_latex(record.annotation))


def _entry_type(record: Record, biblatex: bool, warn) -> tuple[str, str | None]:
    table = BIBLATEX_TYPES if biblatex else BIBTEX_TYPES
    csl_type = record.type
    if csl_type in table:
        return table[csl_type]
    if csl_type in ("post", "post-weblog"):
        warn(f"CSL type '{csl_type}' is written as @online (read back as a web page)", "export-type")
        return "online", None
    warn(f"CSL type '{csl_type}' has no {'biblatex' if biblatex else 'Zotero-importable BibTeX'} type; "
         "written as @misc (Zotero: Document)", "export-type")
    return "misc", None


def _container(csl: dict, entry_type: str, biblatex: bool, add) -> None:
    container = _rich(csl.get("container-title"))
    if container:
        if entry_type in ("incollection", "inproceedings", "inreference"):
            add("booktitle", container)
        else:
            add("journaltitle" if biblatex else "journal", container)
    add("shortjournal", _rich(csl.get("container-title-short")))


def _dates(csl: dict, biblatex: bool, add, warn) -> None:
    issued = csl.get("issued")
    if csl.get("status"):  # "in press": biblatex's pubstate; in BibTeX the year, which APA prints as such
        if biblatex:
            add("pubstate", escape_text(str(csl["status"]).replace("in press", "inpress")))
        elif not issued:
            add("year", escape_text(str(csl["status"])))
    if issued:
        simple = _simple_date(issued)
        if simple and simple[0] <= 0:
            simple = None  # BibTeX's year field has no years BCE: use the EDTF date field
        if simple and not biblatex and len(simple) < 3:
            add("year", str(simple[0]))
            if len(simple) == 2:
                add("month", _MONTHS[simple[1] - 1])
        else:
            text = _edtf(issued)
            if text is None:
                warn("the date cannot be written as an ISO/EDTF date; written as the year field")
                add("year", escape_text(str(issued.get("literal") or issued.get("raw") or "")))
            else:
                if simple and not biblatex:
                    add("year", str(simple[0]))
                    add("month", _MONTHS[simple[1] - 1])
                add("date", text)
    for variable, field_name in (("accessed", "urldate"), ("event-date", "eventdate"), ("original-date", "origdate")):
        if csl.get(variable):
            text = _edtf(csl[variable])
            literal = csl[variable].get("literal") if isinstance(csl[variable], dict) else None
            if text is None and literal:
                add(field_name, escape_text(str(literal)))  # as the user wrote it (Zotero drops a non-ISO urldate)
            elif text is None:
                warn(f"{variable} is not a date BibTeX can hold; left out")
            else:
                add(field_name, text)


def _simple_date(date: dict) -> list[int] | None:
    """Date-parts of a plain single date (no range, circa or season), else None."""
    parts = date.get("date-parts")
    if not parts or len(parts) != 1 or date.get("circa") or date.get("season") or date.get("literal"):
        return None
    try:
        return [int(p) for p in parts[0]]
    except (TypeError, ValueError):
        return None


def _edtf(date: dict) -> str | None:
    """A CSL date as ISO 8601 / EDTF (``2014-02``, ``1998/1999``, ``1565~``), or None."""
    parts = date.get("date-parts")
    if not parts:
        return None
    try:
        points = ["-".join(f"{int(p):04d}" if i == 0 else f"{int(p):02d}" for i, p in enumerate(point))
                  for index, point in enumerate(parts) if point and (index == 0 or int(point[0]) != 0)]
    except (TypeError, ValueError):
        return None
    if not points:
        return None
    if date.get("season") and len(points) == 1 and "-" not in points[0]:
        points[0] += f"-{20 + int(date['season'])}"
    text = "/".join(points[:2])
    return text + "~" if date.get("circa") else text


def _numbers(csl: dict, biblatex: bool, add, warn) -> None:
    if csl.get("page"):
        add("pages", re.sub(r"(?<=\w)-(?=\w)", "--", escape_text(str(csl["page"]))))
    if csl.get("number-of-pages"):
        add("pagetotal" if biblatex or csl.get("type") not in _EXTENT_TYPES or csl.get("page")
            else "pages", _plain(csl["number-of-pages"]))
    eprint = re.fullmatch(r"arXiv:(\S+)", str(csl.get("number", "")))
    if csl.get("type") in _ARTICLES:
        add("number", _plain(csl.get("issue")))
        if csl.get("number") and not eprint:
            add("eid", _plain(csl["number"]))  # the article number (biblatex's eid; annobib reads it back)
    elif not eprint:
        add("number", _plain(csl.get("number") or csl.get("collection-number")))
    if eprint:  # annobib reads an arXiv eprint (of any entry type) into CSL number
        add("eprint", eprint.group(1))
        add("eprinttype", "arxiv")


def _publisher(csl: dict, entry_type: str, biblatex: bool, add) -> None:
    publisher = _publishers(csl.get("publisher"), biblatex)
    if publisher:
        if entry_type in ("techreport", "report"):
            add("institution", publisher)
        elif entry_type == "thesis":
            add("institution" if biblatex else "school", publisher)
        elif entry_type == "online":
            add("organization", publisher)
        else:
            add("publisher", publisher)
    add("location" if biblatex else "address", _plain(csl.get("publisher-place"), and_separated=True))


def _names(names: list) -> str:
    return " and ".join(_name(n) for n in names if isinstance(n, dict))


def _name(name: dict) -> str:
    if name.get("literal"):
        literal = str(name["literal"])
        return "others" if literal == "others" else "{{" + escape_text(literal) + "}}"
    family = escape_text(str(name.get("family", "")))
    if not name.get("given"):
        if re.fullmatch(r"[^\s{}]+", family):
            return family  # one word: BibTeX's last name, read back as the family name
        return "{{" + family + "}}"  # several words and no given name: kept whole
    if re.search(r"(^|\s)[^\W\d_A-Z]", family) or "," in family or " and " in family:
        family = "{" + family + "}"  # a lowercase word inside would become a particle
    particle = escape_text(str(name.get("non-dropping-particle", "")))
    given = escape_text(" ".join(filter(None, [str(name.get("given", "")), str(name.get("dropping-particle", ""))])))
    if "," in given:
        given = "{" + given + "}"
    last = f"{particle} {family}".strip()
    if name.get("suffix"):
        return f"{last}, {escape_text(str(name['suffix']))}, {given}"
    return f"{last}, {given}"


def _rich(value) -> str | None:
    return rich_to_latex(str(value)) if value not in (None, "") else None


def _publishers(value, biblatex: bool) -> str | None:
    """CSL's "A; B" publishers: as written in BibTeX (where a publisher is one name), each name
    braced and joined with ``and`` in biblatex (a list there; map/literal_lists.py reads it back)."""
    if value in (None, ""):
        return None
    names = [name.strip() for name in str(value).split(";") if name.strip()]
    if len(names) > 1 and biblatex:
        return " and ".join("{" + escape_text(name) + "}" for name in names)
    # "{and}": one name even to a reader that takes the file for biblatex (Zotero drops the braces)
    return re.sub(r"\band\b", "{and}", escape_text(str(value)))


def _plain(value, and_separated: bool = False) -> str | None:
    if value in (None, ""):
        return None
    text = escape_text(str(value))
    if and_separated:
        text = re.sub(r"\s*;\s*", " and ", text) if ";" in text else re.sub(r"\band\b", "{and}", text)
    return text


def _verbatim(value: str) -> str:
    """URLs and DOIs: raw, except characters the .bib syntax itself needs escaped."""
    return str(value).replace("\\", "").replace("{", "%7B").replace("}", "%7D")


def _key(key: str) -> str:
    return re.sub(r"[\s,{}\"#%'()=~\\]", "_", key) or "item"

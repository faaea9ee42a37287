"""Map raw BibTeX entries to Records (CSL-JSON + annotation + tags).

The type and field tables follow what reference managers do (Zotero's
BibTeX translator, pandoc, biblatex's own data model), so that the same
.bib file renders here as it would after an import into Zotero.
"""
from __future__ import annotations

import re

from ..citation_marks import latex_to_marks
from ..diagnostics import Diagnostics
from ..read.bibtex import RawEntry
from ..record import Origin, Record
from .dates import date_from_fields, iso_date, parse_date
from .latex import latex_to_plain, latex_to_rich
from .literal_lists import is_biblatex, literal_list
from .names import parse_names
from .sentence_case import to_sentence_case

# BibTeX/biblatex entry type -> CSL type.
ENTRY_TYPES = {
    "article": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book", "mvreference": "book",
    "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "online": "webpage", "electronic": "webpage", "www": "webpage",
    "report": "report", "techreport": "report",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "manual": "report",
    "patent": "patent",
    "dataset": "dataset", "data": "dataset",
    "software": "software", "codefragment": "software",
    "unpublished": "manuscript",
    "periodical": "periodical", "suppperiodical": "article-journal",
    "standard": "standard",
    "artwork": "graphic", "image": "graphic",
    "audio": "song", "music": "song",
    "video": "motion_picture", "movie": "motion_picture",
    "letter": "personal_communication",
    "legislation": "legislation", "jurisdiction": "legal_case", "legal": "legal_case",
    "misc": "document",
}
_THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_THESIS_TYPE_WORDS = {"phdthesis": "PhD thesis", "mathesis": "Master's thesis", "mastersthesis": "Master's thesis"}
_ENTRYSUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}

# Fields copied as rich text (LaTeX decoded, formatting kept); the value is the CSL variable.
_RICH_FIELDS = {
    "series": "collection-title",
    "edition": "edition",
    "version": "version",
    "eventtitle": "event-title",
    "venue": "event-place",
    "origtitle": "original-title",
}
_PLAIN_FIELDS = {
    "volume": "volume",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "chapter": "chapter-number",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmcid": "PMCID",
    "abstract": "abstract",
    "language": "language",
    "note": "note",
    "addendum": "note",
}
_LANGIDS = {
    "english": "en", "american": "en-US", "british": "en-GB", "usenglish": "en-US",
    "ukenglish": "en-GB", "german": "de", "ngerman": "de", "french": "fr", "spanish": "es",
    "italian": "it", "dutch": "nl", "russian": "ru", "portuguese": "pt", "swedish": "sv",
    "danish": "da", "norwegian": "nb", "finnish": "fi", "polish": "pl", "czech": "cs",
    "greek": "el", "latin": "la", "japanese": "ja", "chinese": "zh", "sanskrit": "sa",
}
_ARTICLE_TYPES = ("article-journal", "article-magazine", "article-newspaper", "periodical")
_URLISH = r"^\s*(\\url\{)?\s*(https?://\S+?)\}?\s*$"  # compiled when first used (start-up)


def map_entry(entry: RawEntry, diags: Diagnostics, sentence_case: bool = True) -> Record:
    """One BibTeX entry as a Record; every loss or guess is a diagnostic.

    ``sentence_case`` converts English titles to sentence case (map/sentence_case.py).
    """
    f = entry.fields
    warn = lambda field, message, rule="mapping": diags.warn(  # noqa: E731
        entry.file, entry.field_lines.get(field, entry.line), entry.key, message, rule
    )
    recase = sentence_case and _is_english(f)

    def rich(field_name: str, value: str, as_title: bool = False) -> str:
        problems: list[str] = []
        text = latex_to_rich(value, problems=problems)
        for problem in problems:
            warn(field_name, problem, "latex-math")
        return to_sentence_case(text) if as_title and recase else text

    csl: dict = {"id": entry.key, "type": _csl_type(entry, warn)}
    _map_titles(f, csl, rich)
    _map_other_fields(f, csl, rich)
    _map_names(f, csl, warn)
    _map_numbers(f, csl)
    _map_publisher(entry, csl)
    _map_status(f, csl)
    _map_dates(entry, csl, warn)
    _map_identifiers(entry, csl, warn)

    if "type" in f and "genre" not in csl:
        genre = latex_to_plain(f["type"])
        csl["genre"] = _THESIS_TYPE_WORDS.get(genre.lower(), genre)
    elif entry.type in _THESIS_GENRES:
        csl["genre"] = _THESIS_GENRES[entry.type]

    if "title" not in csl:
        warn("title", "entry has no title; add a title field", "missing-title")

    annotation = f.get("annote")
    if annotation is None:
        annotation = f.get("annotation")
    return Record(
        csl=_drop_empty(csl),
        annotation=_annotation(annotation, lambda message: warn("annote", message, "latex-math"))
        if annotation and annotation.strip() else None,
        tags=split_keywords(latex_to_plain(f["keywords"])) if "keywords" in f else [],
        origin=Origin(entry.file, entry.line),
    )


def _map_titles(f: dict, csl: dict, rich) -> None:
    """The work's title and the title of what contains it; book titles are titles a style may re-case."""
    title = _joined(f, "title", "subtitle", "titleaddon")
    if title:
        csl["title"] = rich("title", title, as_title=True)
    container = _joined(f, "journaltitle", "journalsubtitle") or _joined(f, "journal")
    book_title = _joined(f, "booktitle", "booksubtitle", "booktitleaddon")
    main_title = _joined(f, "maintitle", "mainsubtitle")
    if container:
        csl["container-title"] = rich("journal", container)
    elif book_title:
        csl["container-title"] = rich("booktitle", book_title, as_title=True)
    elif main_title and csl["type"] in ("chapter", "paper-conference"):
        csl["container-title"] = rich("maintitle", main_title, as_title=True)
    if main_title and "container-title" in csl and book_title and not container:
        csl.setdefault("collection-title", rich("maintitle", main_title))
    if "shortjournal" in f:
        csl["container-title-short"] = rich("shortjournal", f["shortjournal"])
    if "eventtitle" in f and csl["type"] == "paper-conference":
        csl.setdefault("event-title", rich("eventtitle", f["eventtitle"]))
    if "shorttitle" in f:
        csl["title-short"] = rich("shorttitle", f["shorttitle"], as_title=True)


def _map_other_fields(f: dict, csl: dict, rich) -> None:
    for field_name, variable in _RICH_FIELDS.items():
        if field_name in f and variable not in csl:
            csl[variable] = rich(field_name, f[field_name])
    for field_name, variable in _PLAIN_FIELDS.items():
        if field_name in f and variable not in csl:
            text = f[field_name]
            csl[variable] = _paragraphs(text) if field_name in ("abstract", "note") else latex_to_plain(text)
    if "langid" in f and "language" not in csl:
        csl["language"] = _LANGIDS.get(f["langid"].strip().lower(), f["langid"].strip())


def _map_names(f: dict, csl: dict, warn) -> None:
    for field_name, variable in (("author", "author"), ("editor", "editor"),
                                 ("translator", "translator"), ("bookauthor", "container-author")):
        if field_name in f:
            names, problems = parse_names(f[field_name])
            for problem in problems:
                warn(field_name, problem)
            if names:
                csl[variable] = names


def split_keywords(value: str) -> list[str]:
    """Tags from a keywords field: split on ``,`` and ``;`` (as Zotero does), never on spaces."""
    tags: dict[str, None] = {}  # in order, each once
    for part in value.replace(";", ",").split(","):
        tag = part.strip()
        if tag:
            tags.setdefault(tag)
    return list(tags)


def _csl_type(entry: RawEntry, warn) -> str:
    subtype = entry.fields.get("entrysubtype", "").strip().lower()
    if entry.type == "article" and subtype in _ENTRYSUBTYPES:
        return _ENTRYSUBTYPES[subtype]
    if entry.type == "misc" and (entry.fields.get("url") or re.match(_URLISH, entry.fields.get("howpublished", ""))):
        return "webpage"
    if entry.type in ENTRY_TYPES:
        return ENTRY_TYPES[entry.type]
    warn("type", f"unknown entry type @{entry.type}; rendered as a generic document (CSL 'document')", "unknown-type")
    return "document"


def _joined(fields: dict, main: str, sub: str | None = None, addon: str | None = None) -> str | None:
    value = fields.get(main)
    if not value or not value.strip():
        return None
    if sub and fields.get(sub):
        value = f"{value.rstrip()}: {fields[sub].strip()}"
    if addon and fields.get(addon):
        value = f"{value.rstrip()}. {fields[addon].strip()}"
    return value


def _map_numbers(f: dict, csl: dict) -> None:
    if "pages" in f:
        csl["page"] = latex_to_plain(f["pages"]).replace("\u2013", "-").replace("\u2014", "-")
        if "-" in csl["page"]:
            csl["page"] = re.sub(r"\s*-+\s*", "-", csl["page"])
        if csl["type"] in ("book", "thesis", "report") and re.fullmatch(r"\d+", csl["page"]):
            csl["number-of-pages"] = csl.pop("page")  # a single figure on a book is its extent
    number = f.get("number") or f.get("issue")
    if number:
        value = latex_to_plain(number)
        if csl["type"] in _ARTICLE_TYPES:
            csl["issue"] = value
        elif csl["type"] in ("book", "chapter", "paper-conference") and "series" in f:
            csl["collection-number"] = value
        else:
            csl["number"] = value
    if f.get("issue") and f.get("number") and "issue" not in csl:
        csl["issue"] = latex_to_plain(f["issue"])
    if f.get("eid", "").strip() and "number" not in csl and csl["type"] in _ARTICLE_TYPES:
        csl["number"] = latex_to_plain(f["eid"])  # an article number (e0216000): CSL number, APA's "Article …"


def _map_publisher(entry: RawEntry, csl: dict) -> None:
    f = entry.fields
    publisher = f.get("publisher")
    body = f.get("institution") or f.get("school") or f.get("organization")
    if csl["type"] in ("thesis", "report") and body:
        publisher = body  # the awarding or issuing body is what APA prints as publisher
    elif not publisher and body:
        publisher = body
    howpublished = f.get("howpublished")
    if howpublished:
        url = re.match(_URLISH, howpublished)
        if url:
            csl.setdefault("URL", url.group(2))
        elif not publisher:
            publisher = howpublished
    if publisher:
        names, _ambiguous = literal_list(publisher, is_biblatex(entry))
        csl["publisher"] = "; ".join(latex_to_plain(name) for name in names)
    place = f.get("location") or f.get("address")
    if place:
        csl["publisher-place"] = latex_to_plain(_and_to_semicolon(place))


def _and_to_semicolon(value: str) -> str:
    """``A and B`` -> ``A; B`` (several places)."""
    return re.sub(r"\s+and\s+", "; ", value) if "and" in value else value


# biblatex's publication states that APA prints in place of a date.
_STATUS = {"inpress": "in press", "in press": "in press", "forthcoming": "forthcoming",
           "submitted": "submitted", "inpreparation": "in preparation", "prepublished": "prepublished"}


def _map_status(f: dict, csl: dict) -> None:
    """``year = {in press}`` (allowed by APA) or biblatex's ``pubstate``: CSL ``status``, no date."""
    pubstate = latex_to_plain(f.get("pubstate", "")).strip().lower()
    year = latex_to_plain(f.get("year", "")).strip().lower()
    status = _STATUS.get(pubstate) or _STATUS.get(pubstate.replace(" ", "")) or _STATUS.get(year)
    if status:
        csl["status"] = status


def _map_dates(entry: RawEntry, csl: dict, warn) -> None:
    f = entry.fields
    issued = None
    if csl.get("status") and latex_to_plain(f.get("year", "")).strip().lower() in _STATUS:
        pass  # "in press" is the date APA prints: no issued date to parse
    elif f.get("date", "").strip():
        issued, problems = parse_date(f["date"])
        for problem in problems:
            warn("date", problem, "date")
    else:
        issued, problems = date_from_fields(
            latex_to_plain(f["year"]) if "year" in f else None,
            latex_to_plain(f["month"]) if "month" in f else None,
            latex_to_plain(f["day"]) if "day" in f else None,
        )
        for problem in problems:
            warn("month" if "month" in problem else "year", problem, "date")
    if issued:
        csl["issued"] = issued
    for field_name, variable in (("urldate", "accessed"), ("eventdate", "event-date"), ("origdate", "original-date")):
        if f.get(field_name, "").strip():
            parsed, problems = parse_date(latex_to_plain(f[field_name]))
            for problem in problems:
                warn(field_name, problem, "date")
            if parsed:
                csl[variable] = parsed
    if f.get("urldate") and iso_date(latex_to_plain(f["urldate"])) is None:
        pass  # already reported above; Zotero would drop a non-ISO access date


def _map_identifiers(entry: RawEntry, csl: dict, warn) -> None:
    f = entry.fields
    if f.get("doi", "").strip():
        doi = _verbatim(f["doi"])
        if ":" in doi:  # a resolver URL or "doi:" prefix (the usual bare DOI needs no pattern)
            doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
        csl["DOI"] = doi
    url = f.get("url", "").strip()
    if url:
        csl["URL"] = _verbatim(url)
    pmid = f.get("pmid", "").strip()
    eprinttype = f.get("eprinttype", f.get("archiveprefix", "")).strip().lower()
    if not pmid and eprinttype == "pubmed":
        pmid = f.get("eprint", "").strip()
    if pmid:
        csl["PMID"] = latex_to_plain(pmid)
    if eprinttype in ("pmc", "pubmedcentral") and "PMCID" not in csl:
        csl["PMCID"] = latex_to_plain(f.get("eprint", ""))
    if eprinttype == "arxiv" and f.get("eprint") and "number" not in csl:
        csl["number"] = f"arXiv:{latex_to_plain(f['eprint'])}"


def _verbatim(value: str) -> str:
    """URLs and DOIs are verbatim in BibTeX: only braces, \\url{} and escapes go."""
    value = value.strip()
    if "\\" in value:
        value = re.sub(r"^\s*\\(url|href)\s*\{(.*)\}\s*$", r"\2", value, flags=re.S)
        value = re.sub(r"\\([_%#&$~])", r"\1", value)
    return "".join(value.replace("{", "").replace("}", "").split())  # without any whitespace


def _annotation(value: str, warn) -> str | None:
    """The annotation as rich text: paragraphs kept, \\emph and the like kept as
    formatting, ``\\cite{key}`` written as a ``[@key]`` citation."""
    problems: list[str] = []
    parts = re.split(r"\n\s*\n|\\par\b", value) if "\n" in value or "\\par" in value else [value]
    paragraphs = [latex_to_rich(latex_to_marks(p), protect_groups=False, problems=problems) for p in parts]
    for problem in problems:
        warn(problem)
    return "\n\n".join(p for p in paragraphs if p) or None


_ENGLISH = re.compile(r"^(en|eng|english|american|british|usenglish|ukenglish|canadian|australian|newzealand)\b", re.I)


def _is_english(f: dict) -> bool:
    """English, or no language given (pandoc's rule): the titles may be re-cased."""
    language = (f.get("langid") or f.get("language") or "").strip()
    return not language or bool(_ENGLISH.match(language))


def _paragraphs(value: str) -> str:
    """Plain text keeping the author's paragraph breaks (blank lines)."""
    parts = re.split(r"\n\s*\n|\\par\b", value) if "\n" in value or "\\par" in value else [value]
    paragraphs = [latex_to_plain(p) for p in parts]
    return "\n\n".join(p for p in paragraphs if p)


def _drop_empty(csl: dict) -> dict:
    return {k: v for k, v in csl.items() if v not in ("", None, [], {})}

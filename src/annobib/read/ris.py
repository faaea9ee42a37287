"""Read RIS (EndNote, Mendeley, Zotero, PubMed exports and annobib's own), with rispy.

rispy does the tag-level parsing; this module turns its dictionaries into
Records the way Zotero's RIS translator reads the same tags (the README section on Zotero):
N1 notes become the annotation (several N1 are joined as paragraphs), KW one
tag per line (also split at ``;``), M2 lines ``PMID: n``/``PMCID: n`` the
identifiers and other M2/M1 text the CSL note (Zotero's Extra), SN an ISSN
for journals and an ISBN otherwise. Continuation lines belong to the tag
above them; an empty continuation line starts a new paragraph.
"""
from __future__ import annotations

import re

import rispy

from ..diagnostics import Diagnostics
from ..export.ris_tables import COMMA_STAND_IN, EXTENT_TYPES, ISSN_TYPES, ISSUE_TYPES, RIS_TO_CSL
from ..map.bibtex_to_csl import split_keywords
from ..record import Origin, Record
from .control import remove_control_characters

# "ER  -", "ER -" and "ER-" alike: programs write one, two or no spaces before the dash.
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])[ \t]{0,2}-(?: (.*)|\s*)$")
# rispy names of tags this reader uses; the rest are reported.
_USED = {"type_of_reference", "id", "authors", "first_authors", "secondary_authors", "tertiary_authors",
         "subsidiary_authors", "title", "primary_title", "secondary_title", "journal_name",
         "alternate_title1", "alternate_title2", "alternate_title3", "tertiary_title", "year",
         "publication_year", "date", "access_date", "volume", "number", "start_page", "end_page", "issn",
         "doi", "urls", "publisher", "place_published", "edition", "language", "short_title",
         "type_of_work", "number_of_volumes", "abstract", "notes_abstract", "keywords", "notes", "note",
         "unknown_tag"}


class _Parser(rispy.RisParser):
    """rispy's parser, but a continuation line is appended (with a newline) to the value above it."""

    def _add_tag(self, record, tag, content, extend_multiline=False):
        if not extend_multiline or tag is None:
            return super()._add_tag(record, tag, content)
        name = self.mapping.get(tag)
        if name is None:
            values = record.get("unknown_tag", {}).get(tag)
        else:
            values = record.get(name)
        if isinstance(values, list) and values:
            values[-1] = f"{values[-1]}\n{content}"
        elif isinstance(values, str):
            record[name] = f"{values}\n{content}"


def parse_ris(text: str, filename: str, diags: Diagnostics) -> tuple[list[Record], int]:
    """Return ``(records, number_of_references_in_file)``."""
    text = remove_control_characters(text, filename, diags)
    lines, segments = _segments(text)
    if not segments:
        diags.error(filename, 1, None, "no 'TY  - ' line: this is not an RIS file; nothing was read", "syntax")
        return [], 0
    complete = []
    for segment in segments:
        if segment.problem is None:
            complete.append(segment)
        else:
            diags.error(filename, segment.line, segment.id, segment.problem, "syntax")
    # rispy reads the complete references only, so its records and ours pair one to one.
    parsed = _Parser(skip_unknown_tags=False).parse(
        "\n".join(line for segment in complete for line in lines[segment.start:segment.end]))
    records: list[Record] = []
    ids = _Ids(filename, diags)
    for raw, segment in zip(parsed, complete):
        records.append(_record(raw, filename, segment.line, diags, ids))
    return records, len(segments)


class _Segment:
    """One reference of the file: its lines ``[start, end)``, the line number of its first tag, and what is wrong."""

    def __init__(self, start: int, line: int, first_id: str | None):
        self.start, self.end, self.line, self.id = start, start, line, first_id
        self.problem: str | None = None


def _segments(text: str) -> tuple[list[str], list[_Segment]]:
    """Lines in rispy's strict ``XX  - value`` form, and the references they make.

    A reference runs from ``TY`` to ``ER``. Tag lines outside one (a record
    whose ``TY`` line is missing) are a reference too, reported and skipped,
    and so is a reference cut off by the next ``TY`` or the end of the file.
    """
    lines: list[str] = []
    segments: list[_Segment] = []
    current: _Segment | None = None
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        match = _TAG_LINE.match(line.strip("\ufeff"))
        if match:
            tag = match.group(1)
            line = f"{tag}  - {match.group(2) or ''}".rstrip() if tag != "ER" else "ER  - "
            if tag == "TY":
                if current is not None:
                    current.problem = ("reference has no closing 'ER  - ' line before the next 'TY  - '; skipped"
                                       if current.problem is None else current.problem)
                    current.end = len(lines)
                current = _Segment(len(lines), number, None)
                segments.append(current)
            elif current is None and tag != "ER":
                current = _Segment(len(lines), number, None)
                current.problem = "reference has no 'TY  - ' line (its type); skipped: add one before its first tag"
                segments.append(current)
            if tag == "ID" and current is not None and current.id is None:
                current.id = (match.group(2) or "").strip() or None
        lines.append(line)
        if match and match.group(1) == "ER" and current is not None:
            current.end = len(lines)
            current = None
    if current is not None:
        current.end = len(lines)
        if current.problem is None:
            current.problem = "reference has no closing 'ER  - ' line; skipped"
    return lines, segments


class _Ids:
    """Unique ids within one file: the ID tag, else author-year; repeated ones get a letter.

    Each base keeps its next suffix, so 8,000 references by one author in one
    year take 8,000 steps, not 32 million.
    """

    def __init__(self, filename: str, diags: Diagnostics):
        self.filename, self.diags = filename, diags
        self.used: dict[str, int] = {}  # id -> line of the reference that has it
        self.next_suffix: dict[str, int] = {}

    def assign(self, raw: dict, line: int) -> str:
        given = _first(raw, "id")
        key = given or _author_year(raw)
        unique = key
        suffix = self.next_suffix.get(key, 0)
        while unique in self.used:
            unique = f"{key}{chr(ord('a') + suffix % 26)}{suffix // 26 or ''}"
            suffix += 1
        self.next_suffix[key] = suffix
        if given and unique != given:
            self.diags.warn(self.filename, line, unique,
                            f"ID '{given}' is also used by the reference on line {self.used[given]}; "
                            f"this one is renamed '{unique}' (cite it by that id, or give it an ID of its own)",
                            "renamed-id")
        self.used[unique] = line
        return unique


def _author_year(raw: dict) -> str:
    authors = _values(raw.get("authors")) or _values(raw.get("first_authors"))
    family = re.sub(r"[^a-z]", "", authors[0].split(",")[0].lower()) if authors else ""
    year = re.match(r"\d{4}", _first(raw, "year", "publication_year", "date") or "")
    return (family or "item") + (year.group() if year else "")


def _record(raw: dict, filename: str, line: int, diags: Diagnostics, ids: _Ids) -> Record:
    unknown = {tag: values for tag, values in (raw.get("unknown_tag") or {}).items()}
    ty = str(raw.get("type_of_reference", "")).strip().upper()
    csl_type = RIS_TO_CSL.get(ty)
    key = ids.assign(raw, line)
    warn = lambda message, rule="mapping": diags.warn(filename, line, key, message, rule)  # noqa: E731
    if csl_type is None:
        warn(f"unknown RIS type '{ty}'; read as a generic document", "unknown-type")
        csl_type = "document"
    csl: dict = {"id": key, "type": csl_type}

    for keys, variable in ((("authors", "first_authors"), "author"),
                           (("tertiary_authors",) if csl_type == "book" else ("secondary_authors",), "editor"),
                           (("subsidiary_authors",), "translator")):
        names = [_name(n) for k in keys for n in _values(raw.get(k)) if n.strip()]
        if names:
            csl[variable] = names
    _set(csl, "title", _first(raw, "title", "primary_title"))
    container = _first(raw, "secondary_title", "alternate_title3")
    abbreviation = _first(raw, "alternate_title1", "alternate_title2")
    journal_name = _first(raw, "journal_name")  # JO: the full name in some programs, an abbreviation in others
    if journal_name and not container:
        container = journal_name
    elif journal_name and not abbreviation:
        abbreviation = journal_name
    _set(csl, "container-title", container)
    _set(csl, "container-title-short", abbreviation)
    _set(csl, "collection-title", _first(raw, "tertiary_title"))
    _dates(csl, raw, warn)
    _set(csl, "volume", _first(raw, "volume"))
    _set(csl, "issue" if csl_type in ISSUE_TYPES else "number", _first(raw, "number"))
    _pages(csl, raw)
    _serial(csl, _first(raw, "issn"))
    doi = _first(raw, "doi")
    if doi:
        csl["DOI"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    urls = [u.strip() for value in _values(raw.get("urls")) for u in value.split() if u.strip()]
    if urls:
        csl["URL"] = urls[0]
    for key_name, variable in (("publisher", "publisher"), ("place_published", "publisher-place"),
                               ("edition", "edition"), ("language", "language"), ("short_title", "title-short"),
                               ("type_of_work", "genre"), ("number_of_volumes", "number-of-volumes")):
        _set(csl, variable, _first(raw, key_name))
    abstract = _paragraphs(raw.get("abstract") or raw.get("notes_abstract") or "")
    if abstract:
        csl["abstract"] = abstract
    _extra(csl, unknown.pop("M2", []) + _values(raw.get("note")))
    annotation = "\n\n".join(p for p in (_paragraphs(n) for n in _values(raw.get("notes"))) if p)
    tags: dict[str, None] = {}  # in order, each once
    for value in _values(raw.get("keywords")):
        for tag in split_keywords(value.replace(",", "\u0000")):  # KW lines split at ';' only, as Zotero does
            tags.setdefault(tag.replace("\u0000", ","))
    dropped = sorted(set(unknown) | {k for k in raw if k not in _USED})
    if dropped:
        warn(f"RIS tags not read (no place for them): {', '.join(dropped)}", "unmapped-field")
    if "title" not in csl:
        warn("reference has no title (TI/T1)", "missing-title")
    return Record(csl, annotation or None, list(tags), Origin(filename, line))


def _values(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _first(raw: dict, *keys: str) -> str | None:
    for key in keys:
        for value in _values(raw.get(key)):
            text = re.sub(r"[ \t\r\n]+", " ", value).strip()
            if text:
                return text
    return None


def _set(csl: dict, variable: str, value: str | None) -> None:
    if value:
        csl[variable] = value


def _paragraphs(text: str) -> str:
    """Continuation lines join with a space; an empty line separates paragraphs."""
    paragraphs = [re.sub(r"[ \t\r\n]+", " ", p).strip() for p in re.split(r"\n[ \t\r]*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _name(value: str) -> dict:
    """``Family, Given[, Suffix]`` (leading lower-case words of Family are a particle); no comma: one literal name."""
    value = re.sub(r"[ \t\r\n]+", " ", value).strip()
    if "," not in value:
        return {"literal": value.replace(COMMA_STAND_IN, ",")}
    parts = [p.strip() for p in value.split(",")]
    family, given = parts[0], parts[1] if len(parts) > 1 else ""
    name: dict = {}
    # BibTeX's "von Last" rule: the particle runs up to the last lower-case word before the last word.
    words = family.split(" ")
    cut = max((i + 1 for i, word in enumerate(words[:-1]) if word[:1].islower()), default=0)
    particle = words[:cut]
    name["family"] = " ".join(words[cut:])
    if given:
        name["given"] = given
    if particle:
        name["non-dropping-particle"] = " ".join(particle)
    if len(parts) > 2 and parts[2]:
        name["suffix"] = ", ".join(p for p in parts[2:] if p)
    return name


_RIS_DATE = re.compile(r"^(\d{1,4})(?:/(\d{0,2})(?:/(\d{0,2}))?(?:/(.*))?)?$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T.*)?$")


def _parse_date(value: str) -> dict | None:
    """``YYYY/MM/DD/other`` (RIS) or ISO ``YYYY-MM-DD``; anything else is a literal date."""
    value = value.strip()
    if not value:
        return None
    match = _RIS_DATE.match(value) or _ISO_DATE.match(value)
    if not match:
        return {"literal": value}
    parts = [int(match.group(1))]
    for group in (2, 3):
        text = match.group(group)
        if not text or not text.isdigit() or int(text) == 0:
            break
        parts.append(int(text))
    if len(parts) > 1 and not 1 <= parts[1] <= 12 or len(parts) > 2 and not 1 <= parts[2] <= 31:
        return {"literal": value}
    return {"date-parts": [parts]}


def _dates(csl: dict, raw: dict, warn) -> None:
    issued = _parse_date(_first(raw, "date") or "")
    year = _parse_date(_first(raw, "year", "publication_year") or "")
    if issued is None or ("literal" in issued and year and "date-parts" in year):
        issued = year if issued is None else issued
    if issued:
        csl["issued"] = issued
    accessed = _first(raw, "access_date")
    if accessed:
        parsed = _parse_date(accessed)
        if parsed and "date-parts" in parsed:
            csl["accessed"] = parsed
        else:
            warn(f"access date '{accessed}' is not YYYY/MM/DD or ISO; left out", "date")


def _pages(csl: dict, raw: dict) -> None:
    start, end = _first(raw, "start_page"), _first(raw, "end_page")
    if start and not end and csl["type"] in EXTENT_TYPES and start.isdigit():
        csl["number-of-pages"] = start
    elif start and end:
        csl["page"] = f"{start}-{end}"
    elif start or end:
        csl["page"] = start or end


def _serial(csl: dict, value: str | None) -> None:
    if not value:
        return
    if csl["type"] in ISSN_TYPES:
        csl["ISSN"] = value
    elif csl["type"] == "report" and not re.fullmatch(r"(97[89][\d\- ]{10,14}|[\d\- ]{9,12}[\dXx])", value):
        csl["number"] = value  # Zotero writes a report's number in SN
    else:
        csl["ISBN"] = value


def _extra(csl: dict, lines: list[str]) -> None:
    """M2/M1 text: ``PMID: n`` and ``PMCID: n`` lines are identifiers, the rest is the CSL note."""
    rest = []
    for value in lines:
        for line in value.split("\n"):
            match = re.fullmatch(r"\s*(PMID|PMCID)\s*:\s*(\S+)\s*", line, flags=re.I)
            if match:
                csl.setdefault(match.group(1).upper(), match.group(2))
            else:
                rest.append(line)
    note = _paragraphs("\n".join(rest))
    if note:
        csl["note"] = note

"""Crossref's REST API: ``/works/{doi}`` JSON to a CSL-JSON item.

The fields kept are those the bundled bibliography keeps (see entry.py);
the handling editor Crossref lists on a journal article is not one of them.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from .convert import date_parts, person, plain, rich_title
from .http import Client, Service, ServiceError

SERVICE = Service("Crossref", "ANNOBIB_CROSSREF_URL", "https://api.crossref.org")

# Crossref work type -> CSL type.
TYPES = {
    "journal-article": "article-journal",
    "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book",
    "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter", "reference-entry": "chapter",
    "proceedings-article": "paper-conference",
    "posted-content": "article",
    "report": "report",
    "dissertation": "thesis",
    "dataset": "dataset",
    "standard": "standard",
}
_EDITED_TYPES = ("book", "chapter", "paper-conference")


def fetch(client: Client, doi: str) -> dict:
    """The CSL item for ``doi``; NotFound when Crossref does not know it."""
    answer = client.get(SERVICE, "/works/" + quote(doi, safe="/"))
    try:
        message = json.loads(answer.text)["message"]
    except (ValueError, KeyError, TypeError):
        raise ServiceError(SERVICE, "answered with something that is not a Crossref work record") from None
    return work_to_csl(message)


def work_to_csl(work: dict) -> dict:
    csl_type = TYPES.get(str(work.get("type", "")), "document")
    csl: dict = {"type": csl_type}
    title = _first(work.get("title"))
    subtitle = _first(work.get("subtitle"))
    if title:
        csl["title"] = rich_title(f"{title}: {subtitle}" if subtitle and subtitle not in title else title)
    names = [_name(n) for n in work.get("author") or [] if isinstance(n, dict)]
    if names:
        csl["author"] = [n for n in names if n]
    if csl_type in _EDITED_TYPES:
        editors = [_name(n) for n in work.get("editor") or [] if isinstance(n, dict)]
        if editors:
            csl["editor"] = [n for n in editors if n]
    container = _first(work.get("container-title"))
    if container and csl_type not in ("book", "report", "thesis", "dataset", "article"):
        csl["container-title"] = rich_title(container, protect=False)
        short = _first(work.get("short-container-title"))
        if short and short != container:
            csl["container-title-short"] = plain(short)
    issued = _issued(work)
    if issued:
        csl["issued"] = issued
    for source, target in (("volume", "volume"), ("issue", "issue"), ("page", "page")):
        if work.get(source):
            csl[target] = plain(str(work[source]))
    if csl_type in ("book", "chapter", "paper-conference", "report", "thesis", "dataset", "article", "standard") \
            and work.get("publisher"):
        csl["publisher"] = plain(work["publisher"])
        if work.get("publisher-location"):
            csl["publisher-place"] = plain(work["publisher-location"])
    if csl_type in ("book", "chapter") and work.get("ISBN"):
        csl["ISBN"] = plain(_first(work["ISBN"]))
    if csl_type == "article" and work.get("resource", {}).get("primary", {}).get("URL"):
        csl["URL"] = work["resource"]["primary"]["URL"]
    if work.get("DOI"):
        csl["DOI"] = work["DOI"]
    return csl


def _first(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value if isinstance(value, str) and value.strip() else None


def _name(name: dict) -> dict | None:
    if name.get("name") and not name.get("family"):
        return {"literal": plain(name["name"])}  # a consortium or organisation
    built = person(name.get("family"), name.get("given"))
    if name.get("suffix"):
        built["suffix"] = plain(name["suffix"])
    return built or None


def _issued(work: dict) -> dict | None:
    """Crossref's ``issued`` (the earliest of print and online publication), year and month."""
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (work.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            first = parts[0]
            return date_parts(first[0], first[1] if len(first) > 1 else None)
    return None

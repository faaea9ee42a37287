"""DataCite's REST API: ``/dois/{doi}`` JSON (data sets, preprints, software…) to a CSL-JSON item."""
from __future__ import annotations

import json
from urllib.parse import quote

from .convert import date_parts, iso_date, person, plain, rich_title
from .http import Client, Service, ServiceError

SERVICE = Service("DataCite", "ANNOBIB_DATACITE_URL", "https://api.datacite.org")

# DataCite resourceTypeGeneral -> CSL type (what DataCite's own citeproc mapping gives).
TYPES = {
    "Dataset": "dataset", "Software": "software", "Preprint": "article", "Text": "article",
    "JournalArticle": "article-journal", "Book": "book", "BookChapter": "chapter",
    "ConferencePaper": "paper-conference", "Report": "report", "Dissertation": "thesis",
    "Image": "graphic", "Audiovisual": "motion_picture", "Standard": "standard",
}

YEAR_ONLY = ("dataset", "article", "software")


def fetch(client: Client, doi: str) -> dict:
    """The CSL item for ``doi``; NotFound when DataCite does not know it."""
    answer = client.get(SERVICE, "/dois/" + quote(doi, safe="/"), accept="application/vnd.api+json")
    try:
        attributes = json.loads(answer.text)["data"]["attributes"]
    except (ValueError, KeyError, TypeError):
        raise ServiceError(SERVICE, "answered with something that is not a DataCite DOI record") from None
    return attributes_to_csl(attributes)


def attributes_to_csl(attributes: dict) -> dict:
    types = attributes.get("types") or {}
    csl_type = TYPES.get(str(types.get("resourceTypeGeneral", "")), types.get("citeproc") or "document")
    csl: dict = {"type": csl_type}
    titles = [t for t in attributes.get("titles") or [] if isinstance(t, dict) and t.get("title")]
    main = next((t for t in titles if not t.get("titleType")), titles[0] if titles else None)
    if main:
        csl["title"] = rich_title(str(main["title"]))
    creators = [_name(c) for c in attributes.get("creators") or [] if isinstance(c, dict)]
    if creators:
        csl["author"] = [c for c in creators if c]
    issued = _issued(attributes, csl_type)
    if issued:
        csl["issued"] = issued
    if attributes.get("publisher"):
        publisher = attributes["publisher"]
        csl["publisher"] = plain(publisher.get("name") if isinstance(publisher, dict) else str(publisher))
    if attributes.get("url"):
        csl["URL"] = str(attributes["url"])
    if attributes.get("doi"):
        csl["DOI"] = str(attributes["doi"])
    arxiv = next((i.get("identifier") for i in attributes.get("identifiers") or []
                  if isinstance(i, dict) and i.get("identifierType") == "arXiv"), None)
    if arxiv:
        csl["number"] = f"arXiv:{arxiv}"
    return csl


def _name(creator: dict) -> dict | None:
    if creator.get("nameType") == "Organizational" or not (creator.get("familyName") or creator.get("givenName")):
        return {"literal": plain(creator.get("name"))} if creator.get("name") else None
    return person(creator.get("familyName"), creator.get("givenName")) or None


def _issued(attributes: dict, csl_type: str) -> dict | None:
    """The "Issued" date, else the publication year; data sets and preprints are cited by the year alone."""
    for date in attributes.get("dates") or []:
        if isinstance(date, dict) and date.get("dateType") == "Issued":
            found = iso_date(str(date.get("date", "")))
            if found:
                return {"date-parts": [found["date-parts"][0][:1]]} if csl_type in YEAR_ONLY else found
    return date_parts(attributes.get("publicationYear")) if attributes.get("publicationYear") else None

"""Google Books, ``/volumes?q=isbn:{isbn}``: a book's metadata by ISBN, to a CSL-JSON item.

The search can return volumes whose ISBN is not the one asked for; only a
volume that lists the ISBN (as ISBN-13 or ISBN-10) is taken.
"""
from __future__ import annotations

import json

from .convert import date_parts, full_name, plain, rich_title
from .http import Client, Service, ServiceError
from .identifiers import isbn13 as to_isbn13

SERVICE = Service("Google Books", "ANNOBIB_GOOGLEBOOKS_URL", "https://www.googleapis.com/books/v1")


def fetch(client: Client, isbn13: str) -> dict | None:
    """The CSL item of the book with this ISBN-13, or None when Google Books has none."""
    answer = client.get(SERVICE, "/volumes", {"q": f"isbn:{isbn13}"})
    try:
        data = json.loads(answer.text)
    except ValueError:
        raise ServiceError(SERVICE, "answered with something that is not a volumes list") from None
    for item in (data.get("items") or []) if isinstance(data, dict) else []:
        info = item.get("volumeInfo") if isinstance(item, dict) else None
        if isinstance(info, dict) and isbn13 in _isbns(info):
            return volume_to_csl(info, isbn13)
    client.forget(answer)
    return None


def _isbns(info: dict) -> set[str]:
    found = set()
    for identifier in info.get("industryIdentifiers") or []:
        value = str(identifier.get("identifier", "")).replace("-", "").upper()
        if identifier.get("type") in ("ISBN_13", "ISBN_10") and len(value) in (10, 13):
            found.add(to_isbn13(value))
    return found


def volume_to_csl(info: dict, isbn13: str) -> dict:
    csl: dict = {"type": "book"}
    title = plain(info.get("title"))
    subtitle = plain(info.get("subtitle"))
    if title:
        csl["title"] = rich_title(f"{title}: {subtitle}" if subtitle else title)
    authors = [full_name(name) for name in info.get("authors") or [] if isinstance(name, str) and name.strip()]
    if authors:
        csl["author"] = authors
    year = str(info.get("publishedDate", ""))[:4]
    issued = date_parts(year) if year.isdigit() else None  # a book is cited by its year
    if issued:
        csl["issued"] = issued
    if plain(info.get("publisher")):
        csl["publisher"] = plain(info.get("publisher"))
    csl["ISBN"] = isbn13
    return csl

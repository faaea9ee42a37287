"""doi.org's registration-agency lookup, ``/ra/{prefix}``: which registry to ask first about a DOI.

Only an ordering hint: any failure (no answer, an unknown prefix, an agency
annobib cannot ask) gives None and the usual order, Crossref then DataCite.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from .http import Client, Service, ServiceError

SERVICE = Service("doi.org", "ANNOBIB_DOIORG_URL", "https://doi.org")


def registration_agency(client: Client, doi: str) -> str | None:
    """``"Crossref"``, ``"DataCite"``, another agency's name, or None when doi.org cannot say."""
    prefix = doi.split("/", 1)[0]
    try:
        answer = client.get(SERVICE, "/ra/" + quote(prefix, safe=""))
        rows = json.loads(answer.text)
    except (ServiceError, ValueError):
        return None
    if isinstance(rows, list) and rows and isinstance(rows[0], dict):
        agency = rows[0].get("RA")
        return str(agency) if agency else None
    return None

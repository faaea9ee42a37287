"""arXiv's API, ``/query?id_list=…``: an Atom feed, one entry per paper, to CSL-JSON items.

The feed is read with lxml and arXiv's own namespaces (Atom, ``arxiv:``,
``opensearch:``): the few elements needed are named exactly, and an error
(arXiv answers a malformed id with an entry titled "Error") is told apart
from a paper. Several ids go in one request.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .convert import date_parts, full_name, plain, rich_title, xml_root
from .http import Client, Service, ServiceError

# arXiv's terms of use ask for no more than one request every three seconds.
SERVICE = Service("arXiv", "ANNOBIB_ARXIV_URL", "https://export.arxiv.org/api", rate=1 / 3)
BATCH = 100  # ids per request
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


@dataclass
class Paper:
    """A CSL item, with what arXiv says beyond it for the Source comment."""

    csl: dict
    version: str   # the version the feed describes (v1, v2…)
    remarks: str   # the published version arXiv names, if any


def fetch(client: Client, ids: list[str]) -> dict[str, Paper]:
    """Papers keyed by the id as asked (``1605.08386`` or ``1605.08386v1``); ids arXiv lacks are absent."""
    found: dict[str, Paper] = {}
    for start in range(0, len(ids), BATCH):
        found.update(_fetch_batch(client, ids[start:start + BATCH]))
    return found


def _fetch_batch(client: Client, ids: list[str]) -> dict[str, Paper]:
    params = {"id_list": ",".join(ids), "max_results": str(BATCH)}  # arXiv's default is 10
    try:
        answer = client.get(SERVICE, "/query", params, accept="application/atom+xml")
    except ServiceError as exc:
        if exc.status == 400 and exc.body:
            parse_feed(exc.body)  # arXiv's reason is an entry of the feed: raises with its words
        raise
    papers = parse_feed(answer.content)
    found: dict[str, Paper] = {}
    for asked in ids:
        bare = _unversioned(asked)
        for arxiv_id, paper in papers.items():
            if arxiv_id == asked or (asked == bare and _unversioned(arxiv_id) == bare):
                paper.csl["number"] = f"arXiv:{asked}"  # the id as cited: with a version only when one was asked
                paper.csl["URL"] = f"https://arxiv.org/abs/{asked}"
                found[asked] = paper
                break
    if not found:
        client.forget(answer)
    return found


def parse_feed(content: bytes) -> dict[str, Paper]:
    """Papers by their versioned id; an error entry raises ServiceError with arXiv's words."""
    root = xml_root(content, SERVICE, "an Atom feed")
    papers: dict[str, Paper] = {}
    for entry in root.iterfind(f"{ATOM}entry"):
        entry_id = plain(entry.findtext(f"{ATOM}id"))
        if "/api/errors" in entry_id:
            raise ServiceError(SERVICE, f"refused the request: {plain(entry.findtext(f'{ATOM}summary'))}", 400)
        match = re.search(r"arxiv\.org/abs/(.+)$", entry_id)
        if match:
            papers[match.group(1)] = entry_to_csl(entry, match.group(1))
    return papers


def _unversioned(arxiv_id: str) -> str:
    return re.sub(r"v\d+$", "", arxiv_id)


def entry_to_csl(entry: etree._Element, versioned_id: str) -> Paper:
    paper: dict = {"type": "article"}
    title = entry.find(f"{ATOM}title")
    if title is not None and plain(title.text):
        paper["title"] = rich_title(plain(title.text))
    authors = [full_name(plain(a.findtext(f"{ATOM}name"))) for a in entry.iterfind(f"{ATOM}author")
               if plain(a.findtext(f"{ATOM}name"))]
    if authors:
        paper["author"] = authors
    published = entry.findtext(f"{ATOM}published") or ""
    issued = date_parts(published[:4]) if published[:4].isdigit() else None  # the year of the first version
    if issued:
        paper["issued"] = issued
    paper["publisher"] = "arXiv"
    bare = _unversioned(versioned_id)
    paper["number"] = f"arXiv:{bare}"
    paper["URL"] = f"https://arxiv.org/abs/{bare}"
    published_doi = plain(entry.findtext(f"{ARXIV}doi"))
    journal_ref = plain(entry.findtext(f"{ARXIV}journal_ref"))
    remarks = [f"published version: {journal_ref}" if journal_ref else "",
               f"DOI {published_doi}" if published_doi else ""]
    return Paper(paper, versioned_id[len(bare):], ", ".join(r for r in remarks if r))

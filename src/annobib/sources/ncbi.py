"""NCBI: PubMed records through E-utilities ``efetch`` (XML), and PMCID -> PMID/DOI through the PMC ID converter.

NCBI asks every client to send ``tool`` and, when it has one, ``email``, and
to make at most 3 requests a second: both services share one rate limiter,
and several PMIDs (or PMCIDs) go in one request, as NCBI recommends.

PubMed XML is read with lxml (already installed with citeproc-py): the DTD
it names is neither fetched nor used, and entities are not expanded.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from .convert import date_parts, expand_pages, inner_text, journal_name, person, plain, rich_title, xml_root
from .http import Client, Service, ServiceError

EUTILS = Service("PubMed", "ANNOBIB_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
                 rate=3.0, rate_group="NCBI")
IDCONV = Service("PMC ID converter", "ANNOBIB_IDCONV_URL", "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0",
                 rate=3.0, rate_group="NCBI")
BATCH = 200  # ids per request (NCBI's own examples use up to 200 with GET)


def contact_parameters(client: Client) -> dict[str, str]:
    """NCBI's ``tool`` and ``email`` parameters."""
    return {"tool": "annobib", **({"email": client.contact} if client.contact else {})}


def fetch_pubmed(client: Client, pmids: list[str]) -> dict[str, dict]:
    """CSL items by PMID for those PubMed has; a PMID missing from the answer is not in the result."""
    found: dict[str, dict] = {}
    for start in range(0, len(pmids), BATCH):
        chunk = pmids[start:start + BATCH]
        params = {"db": "pubmed", "id": ",".join(chunk), "retmode": "xml", **contact_parameters(client)}
        answer = client.get(EUTILS, "/efetch.fcgi", params, accept="application/xml")
        items = parse_pubmed(answer.content)
        if not any(pmid in items for pmid in chunk):
            client.forget(answer)  # nothing asked for came back: ask again next time
        found.update(items)
    return found


def parse_pubmed(content: bytes) -> dict[str, dict]:
    """Every article of an efetch PubmedArticleSet, as CSL items keyed by PMID."""
    root = xml_root(content, EUTILS, "PubMed XML")
    if root.tag != "PubmedArticleSet":
        error = root.findtext(".//ERROR")
        if error:
            raise ServiceError(EUTILS, f"answered with an error: {plain(error)}")
        raise ServiceError(EUTILS, f"answered with <{str(root.tag)}>, not a PubmedArticleSet")
    items: dict[str, dict] = {}
    for article in root.iterfind("PubmedArticle"):
        pmid = plain(article.findtext("MedlineCitation/PMID"))
        if pmid:
            items[pmid] = article_to_csl(article)
    for book in root.iterfind("PubmedBookArticle"):
        pmid = plain(book.findtext("BookDocument/PMID"))
        if pmid:
            items[pmid] = book_to_csl(book)
    return items


def _required(parent: etree._Element, path: str, record: str) -> etree._Element:
    """The child every PubMed record has; a ServiceError naming the record when the answer lacks it."""
    element = parent.find(path)
    if element is None:
        raise ServiceError(EUTILS, f"answered with an incomplete record: {record} has no <{path}>")
    return element


def article_to_csl(article: etree._Element) -> dict:
    record = f"PubmedArticle {plain(article.findtext('MedlineCitation/PMID'))}".strip()
    citation = _required(article, "MedlineCitation", record)
    body = _required(citation, "Article", record)
    journal = body.find("Journal")
    csl: dict = {"type": "article-journal"}
    title = body.find("ArticleTitle")
    if title is None or not inner_text(title).strip():
        title = body.find("VernacularTitle")
    if title is not None and inner_text(title).strip():
        csl["title"] = rich_title(title)
    authors = _authors(body.find("AuthorList"))
    if authors:
        csl["author"] = authors
    container = journal_name(journal.findtext("Title")) if journal is not None else None
    if container:
        csl["container-title"] = container
    short = plain(citation.findtext("MedlineJournalInfo/MedlineTA")) or \
        (plain(journal.findtext("ISOAbbreviation")) if journal is not None else "")
    if short and short != container:
        csl["container-title-short"] = short
    issue = journal.find("JournalIssue") if journal is not None else None
    if issue is not None:
        issued = _pub_date(issue.find("PubDate"))
        if issued:
            csl["issued"] = issued
        for tag, variable in (("Volume", "volume"), ("Issue", "issue")):
            if plain(issue.findtext(tag)):
                csl[variable] = plain(issue.findtext(tag))
    pages = expand_pages(body.findtext("Pagination/MedlinePgn"))
    if pages:
        csl["page"] = pages
    _identifiers(article, csl)
    return csl


def book_to_csl(book: etree._Element) -> dict:
    document = _required(book, "BookDocument", "a PubmedBookArticle")
    source = document.find("Book")
    chapter = document.find("ArticleTitle")
    csl: dict = {"type": "chapter" if chapter is not None else "book"}
    book_title = source.find("BookTitle") if source is not None else None
    if chapter is not None:
        csl["title"] = rich_title(chapter)
        if book_title is not None:
            csl["container-title"] = rich_title(book_title)
    elif book_title is not None:
        csl["title"] = rich_title(book_title)
    authors = _authors(document.find("AuthorList")) or _authors(source.find("AuthorList") if source is not None
                                                                else None)
    if authors:
        csl["author"] = authors
    if source is not None:
        if plain(source.findtext("Publisher/PublisherName")):
            csl["publisher"] = plain(source.findtext("Publisher/PublisherName"))
        if plain(source.findtext("Publisher/PublisherLocation")):
            csl["publisher-place"] = plain(source.findtext("Publisher/PublisherLocation"))
        issued = _pub_date(source.find("PubDate"))
        if issued:
            csl["issued"] = issued
    pmid = plain(document.findtext("PMID"))
    if pmid:
        csl["PMID"] = pmid
    return csl


def _authors(author_list: etree._Element | None) -> list[dict]:
    names = []
    for author in author_list.iterfind("Author") if author_list is not None else []:
        if author.get("ValidYN") == "N":
            continue  # an erratum's correction of the list: the name it replaces is not an author
        collective = author.find("CollectiveName")
        if collective is not None and plain(inner_text(collective)):
            names.append({"literal": plain(inner_text(collective))})
            continue
        name = person(author.findtext("LastName"), author.findtext("ForeName") or author.findtext("Initials"))
        if author.findtext("Suffix"):
            name["suffix"] = plain(author.findtext("Suffix"))
        if name:
            names.append(name)
    return names


def _pub_date(element: etree._Element | None) -> dict | None:
    """Year and month of a PubDate (``<Year>``/``<Month>``, or MedlineDate ``1998 Dec-1999 Jan``)."""
    if element is None:
        return None
    year = element.findtext("Year")
    if year:
        return date_parts(year, element.findtext("Month"))
    medline = (element.findtext("MedlineDate") or "").split()
    if medline and medline[0][:4].isdigit():
        return date_parts(medline[0][:4], medline[1].split("-")[0] if len(medline) > 1 else None)
    return None


def _identifiers(article: etree._Element, csl: dict) -> None:
    ids = {i.get("IdType"): plain(i.text) for i in article.iterfind("PubmedData/ArticleIdList/ArticleId")}
    doi = ids.get("doi") or next((plain(e.text) for e in article.iterfind("MedlineCitation/Article/ELocationID")
                                  if e.get("EIdType") == "doi" and e.get("ValidYN", "Y") == "Y"), None)
    if doi:
        csl["DOI"] = doi
    csl["PMID"] = plain(article.findtext("MedlineCitation/PMID"))
    if ids.get("pmc"):
        csl["PMCID"] = ids["pmc"]


@dataclass(frozen=True)
class Converted:
    pmcid: str
    pmid: str | None = None
    doi: str | None = None
    error: str | None = None


def convert_pmcids(client: Client, pmcids: list[str]) -> dict[str, Converted]:
    """PMID and DOI of each PMCID, from the PMC ID converter."""
    results: dict[str, Converted] = {}
    for start in range(0, len(pmcids), BATCH):
        chunk = pmcids[start:start + BATCH]
        params = {"ids": ",".join(chunk), "format": "json", **contact_parameters(client)}
        answer = client.get(IDCONV, "/", params)
        results.update(parse_idconv(answer.text, chunk))
    return results


def parse_idconv(text: str, asked: list[str]) -> dict[str, Converted]:
    try:
        data = json.loads(text)
    except ValueError:
        raise ServiceError(IDCONV, "answered with something that is not the converter's JSON") from None
    if not isinstance(data, dict):
        raise ServiceError(IDCONV, "answered with something that is not the converter's JSON")
    if data.get("status") == "error":
        raise ServiceError(IDCONV, f"answered with an error: {unquote(str(data.get('message', '')))}")
    results: dict[str, Converted] = {}
    for record in data.get("records") or []:
        if not isinstance(record, dict):
            continue
        pmcid = str(record.get("pmcid") or record.get("requested-id") or "").upper()
        if not pmcid:
            continue
        error = record.get("errmsg") or (record.get("status") == "error" and "an error")
        results[pmcid] = Converted(pmcid, record.get("pmid") or None, record.get("doi") or None,
                                   str(error) if error else None)
    return {pmcid: results[pmcid] for pmcid in asked if pmcid in results}

"""From identifiers to records: which registry answers for which kind, fetched concurrently.

* DOI: doi.org's agency lookup picks the order, then Crossref and DataCite
  (the next is asked when one answers 404);
* PMID: PubMed (all PMIDs of a command in one efetch request);
* PMCID: the PMC ID converter gives the PMID (then PubMed) or else the DOI;
* arXiv id: arXiv (all ids in one request);
* ISBN: Google Books.

DOIs and ISBNs are fetched in parallel threads, beside the NCBI and arXiv
batches. Every identifier ends as Found or Failed, in the order given; a
Failed message is one line naming the identifier and the service.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Callable

from . import arxiv, crossref, datacite, googlebooks, ncbi
from .doi_ra import registration_agency
from .http import Client, NotFound, ServiceError
from .identifiers import Identifier

MAX_THREADS = 8


@dataclass
class Found:
    identifier: Identifier
    csl: dict        # CSL-JSON item, without an id yet
    source: str      # "Crossref record for DOI 10.…", for the Source comment
    remarks: str = ""


@dataclass
class Failed:
    identifier: Identifier
    message: str     # "DOI 10.…: Crossref: no answer from api.crossref.org within 15 s (timed out)"


Outcome = Found | Failed


def fetch_all(identifiers: list[Identifier], client: Client) -> list[Outcome]:
    """One Outcome per identifier, in order; an identifier given twice is fetched once."""
    unique = list(dict.fromkeys(identifiers))
    by_kind: dict[str, list[Identifier]] = {}
    for identifier in unique:
        by_kind.setdefault(identifier.kind, []).append(identifier)
    jobs: list[Callable[[], list[Outcome]]] = []
    for identifier in by_kind.get("doi", []):
        jobs.append(partial(_one, _doi, client, identifier))
    for identifier in by_kind.get("isbn", []):
        jobs.append(partial(_one, _isbn, client, identifier))
    if by_kind.get("pmid") or by_kind.get("pmcid"):
        jobs.append(partial(_ncbi, client, by_kind.get("pmid", []), by_kind.get("pmcid", [])))
    if by_kind.get("arxiv"):
        jobs.append(partial(_arxiv, client, by_kind["arxiv"]))
    outcomes: dict[Identifier, Outcome] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(MAX_THREADS, len(jobs)))) as pool:
        for batch in pool.map(lambda job: job(), jobs):
            for outcome in batch:
                outcomes[outcome.identifier] = outcome
    return [outcomes[identifier] for identifier in identifiers]


def _one(fetch: Callable[[Client, Identifier], Outcome], client: Client, identifier: Identifier) -> list[Outcome]:
    return [fetch(client, identifier)]


def _doi(client: Client, identifier: Identifier, label: str | None = None) -> Outcome:
    label = label or identifier.label
    doi = identifier.value
    agency = registration_agency(client, doi)
    order = [datacite, crossref] if agency == "DataCite" else [crossref, datacite]
    for registry in order:
        try:
            csl = registry.fetch(client, doi)
        except NotFound:
            continue
        except ServiceError as exc:
            return Failed(identifier, f"{label}: {exc}")
        return Found(identifier, csl, f"{registry.SERVICE.name} record for DOI {csl.get('DOI', doi)}")
    other = (f"; doi.org names {agency} as its registration agency, which annobib does not ask"
             if agency and agency not in ("Crossref", "DataCite") else "")
    return Failed(identifier, f"{label}: Crossref and DataCite: no record of this DOI (both answered 404){other}")


def _isbn(client: Client, identifier: Identifier) -> Outcome:
    try:
        csl = googlebooks.fetch(client, identifier.value)
    except ServiceError as exc:
        return Failed(identifier, f"{identifier.label}: {exc}")
    if csl is None:
        return Failed(identifier, f"{identifier.label}: {googlebooks.SERVICE.name}: no book with this ISBN")
    return Found(identifier, csl, f"Google Books record for ISBN {identifier.value}")


def _arxiv(client: Client, identifiers: list[Identifier]) -> list[Outcome]:
    try:
        papers = arxiv.fetch(client, [i.value for i in identifiers])
    except ServiceError as exc:
        return [Failed(i, f"{i.label}: {exc}") for i in identifiers]
    outcomes: list[Outcome] = []
    for identifier in identifiers:
        paper = papers.get(identifier.value)
        if paper is None:
            outcomes.append(Failed(identifier, f"{identifier.label}: arXiv: no paper with this id"))
        else:
            version = f" ({paper.version})" if paper.version and not identifier.value.endswith(paper.version) else ""
            outcomes.append(Found(identifier, paper.csl, f"arXiv record for {identifier.label}{version}",
                                  f"arXiv names the {paper.remarks}" if paper.remarks else ""))
    return outcomes


def _ncbi(client: Client, pmids: list[Identifier], pmcids: list[Identifier]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    converted: dict[str, ncbi.Converted] = {}
    if pmcids:
        try:
            converted = ncbi.convert_pmcids(client, [i.value for i in pmcids])
        except ServiceError as exc:
            outcomes.extend(Failed(i, f"{i.label}: {exc}") for i in pmcids)
            pmcids = []
    wanted = [i.value for i in pmids] + [c.pmid for c in converted.values() if c.pmid and not c.error]
    records: dict[str, dict] = {}
    failure: ServiceError | None = None
    if wanted:
        try:
            records = ncbi.fetch_pubmed(client, list(dict.fromkeys(wanted)))
        except ServiceError as exc:
            failure = exc
    for identifier in pmids:
        outcomes.append(_pubmed_outcome(identifier, identifier.value, records, failure))
    for identifier in pmcids:
        outcomes.append(_pmcid_outcome(client, identifier, converted.get(identifier.value), records, failure))
    return outcomes


def _pubmed_outcome(identifier: Identifier, pmid: str, records: dict[str, dict], failure: ServiceError | None,
                    via: str = "") -> Outcome:
    label = identifier.label + (f" (PMID {pmid})" if identifier.kind != "pmid" else "")
    if failure is not None:
        return Failed(identifier, f"{label}: {failure}")
    if pmid not in records:
        others = sorted(set(records) - {pmid})
        instead = f"; its answer held PMID {', '.join(others)} instead" if others and len(records) == 1 else ""
        return Failed(identifier, f"{label}: PubMed: no record of PMID {pmid}{instead}")
    return Found(identifier, dict(records[pmid]), f"{via}PubMed record for PMID {pmid}")


def _pmcid_outcome(client: Client, identifier: Identifier, converted: ncbi.Converted | None,
                   records: dict[str, dict], failure: ServiceError | None) -> Outcome:
    service = ncbi.IDCONV.name
    if converted is None:
        return Failed(identifier, f"{identifier.label}: {service}: no record of this PMCID")
    if converted.error:
        return Failed(identifier, f"{identifier.label}: {service}: {converted.error}")
    if converted.pmid:
        via = f"{service} ({identifier.value} -> PMID {converted.pmid}), then "
        outcome = _pubmed_outcome(identifier, converted.pmid, records, failure, via)
    elif converted.doi:
        outcome = _doi(client, Identifier("doi", converted.doi, converted.doi), identifier.label)
        if isinstance(outcome, Found):
            outcome = Found(identifier, outcome.csl, f"{service} ({identifier.value} -> DOI {converted.doi}), "
                                                     f"then {outcome.source}")
        else:
            outcome = Failed(identifier, outcome.message)
    else:
        return Failed(identifier, f"{identifier.label}: {service}: gives neither a PMID nor a DOI for it")
    if isinstance(outcome, Found):
        outcome.csl.setdefault("PMCID", identifier.value)
    return outcome

"""Every recorded registry answer in ../shared/recorded, through ``annobib add`` and the replay server.

Each success becomes an entry that is read back with annobib's own reader and
checked field by field against the response (read here with json/lxml, not
with annobib's mapping); each recorded error gives its one line with the file
untouched. The whole set then passes ``annobib check`` except for what the
records lack, and renders in APA and Vancouver.

Recordings not used: Crossref's ``/agency`` and ``/transform`` routes,
doi.org content negotiation and the crosscite formatter (annobib asks
``/works``, ``/dois`` and ``doi.org/ra`` instead), PubMed esummary/esearch and
the PMC efetch (annobib asks PubMed efetch), the arXiv search feed and the
Zotero API bodies (not registries of identifiers).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from tests.add_helpers import add, network_guard_fixture, replay_fixture, run  # noqa: F401  (fixtures)
from tests.replay_server import RECORDED

from annobib.read import read_files

CROSSREF = {
    "10.1371/journal.pone.0033693": "crossref/works_10.1371_journal.pone.0033693.json",
    "10.1109/icdcsw.2003.1203662": "crossref/works_10.1109_icdcsw.2003.1203662.json",
    "10.3892/ijo_00000353": "crossref/works_10.3892_ijo_00000353.json",
}
DATACITE = {
    "10.5061/dryad.8515": "datacite/dois_10.5061_dryad.8515.json",
    "10.6084/m9.figshare.1449060": "datacite/dois_10.6084_m9.figshare.1449060.json",
    "10.48550/arxiv.1902.02534": "datacite/dois_10.48550_arxiv.1902.02534.json",
}
PUBMED = {
    ("11748933", "11700088"): "ncbi/efetch_pubmed_11748933_11700088.xml",
    ("12091962", "9997"): "ncbi/efetch_pubmed_12091962_9997_abstract.xml",
    ("28775130",): "ncbi/efetch_pubmed_28775130.xml",
    ("30108519",): "ncbi/efetch_pubmed_30108519_mathml.xml",
}
ARXIV = {
    "1605.08386": "arxiv/query_id_1605.08386.atom",
    "2104.12255v1": "arxiv/query_id_2104.12255v1.atom",
    "quant-ph/0201082v1": "arxiv/query_id_quant-ph_0201082v1.atom",
    "astro-ph/0601001": "arxiv/query_id_astro-ph_0601001.atom",
}
BOOKS = {
    "9780099560432": "isbn/googlebooks_volumes_isbn_9780099560432.json",
    "9780008117498": "isbn/googlebooks_volumes_isbn_9780008117498.json",
    "9780918024565": "isbn/googlebooks_volumes_isbn_9780918024565.json",
}
ATOM = "{http://www.w3.org/2005/Atom}"
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def body(file: str) -> bytes:
    return (RECORDED / file).read_bytes()


def added_records(bib: Path) -> list:
    result = read_files([bib], sentence_case=False)  # the titles as written, to compare with the record
    assert not [d for d in result.diagnostics], [d.format() for d in result.diagnostics]
    return result.records


def text_of(rich: str) -> str:
    """CSL rich text or registry markup as plain words (tags out, whitespace collapsed, no closing stop)."""
    plain = re.sub(r"<[^>]+>", "", rich).replace("&amp;", "&")
    return re.sub(r"\s+", " ", plain).strip().rstrip(".")


def raw_entry(bib: Path, key: str) -> str:
    text = "\n" + bib.read_text(encoding="utf-8")
    start = text.index("{" + key + ",")
    return text[text.rindex("\n% Source:", 0, start) + 1:text.index("\n}", start) + 2]


def issued(record) -> list:
    return record.csl.get("issued", {}).get("date-parts", [[]])[0]


# --- successes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("doi", list(CROSSREF))
def test_crossref_work_becomes_the_entry(replay, tmp_path, doi):
    bib = tmp_path / "refs.bib"
    result = add(bib, doi)
    assert result.exit_code == 0, result.stderr
    work = json.loads(body(CROSSREF[doi]))["message"]
    (record,) = added_records(bib)
    raw = raw_entry(bib, record.id)
    assert raw.startswith(f"% Source: Crossref record for DOI {doi}, fetched ")
    assert record.csl["DOI"] == work["DOI"]
    assert text_of(record.csl["title"]) == text_of(work["title"][0])
    assert [(a.get("family"), a.get("given", "").replace(".", "").split()) for a in record.csl["author"]] == \
        [(a["family"], a.get("given", "").replace(".", "").split()) for a in work["author"]]
    assert text_of(record.csl["container-title"]) == text_of(work["container-title"][0])
    for ours, theirs in (("volume", "volume"), ("issue", "issue"), ("page", "page")):
        assert record.csl.get(ours) == work.get(theirs)
    date = work["issued"]["date-parts"][0]
    assert issued(record) == ([] if date == [None] else date[:2])
    expected_type = {"journal-article": "article", "proceedings-article": "inproceedings"}[work["type"]]
    assert raw.split("\n")[1].startswith(f"@{expected_type}{{")
    if work["type"] == "proceedings-article":
        assert record.csl["publisher"] == work["publisher"]
    if work.get("short-container-title") and work["short-container-title"][0] != work["container-title"][0]:
        assert record.csl["container-title-short"] == work["short-container-title"][0]
    assert "editor" not in record.csl  # a journal's handling editor is not a bibliographic editor


@pytest.mark.parametrize("doi", list(DATACITE))
def test_datacite_record_becomes_an_online_entry(replay, tmp_path, doi):
    bib = tmp_path / "refs.bib"
    result = add(bib, doi)
    assert result.exit_code == 0, result.stderr
    attributes = json.loads(body(DATACITE[doi]))["data"]["attributes"]
    (record,) = added_records(bib)
    raw = raw_entry(bib, record.id)
    assert raw.startswith(f"% Source: DataCite record for DOI {doi}, fetched ")
    assert raw.split("\n")[1].startswith("@online{")  # Zotero: a web page (it has no data-set type in BibTeX)
    assert record.csl["DOI"] == attributes["doi"]
    assert record.csl["URL"] == attributes["url"]
    assert record.csl["publisher"] == attributes["publisher"]
    assert text_of(record.csl["title"]) == text_of(attributes["titles"][0]["title"])
    assert [(a["family"], a["given"]) for a in record.csl["author"]] == \
        [(c["familyName"], c["givenName"]) for c in attributes["creators"]]
    assert issued(record) == [attributes["publicationYear"]]
    assert re.search(r"urldate\s+= \{\d{4}-\d{2}-\d{2}\}", raw)
    arxiv = [i["identifier"] for i in attributes["identifiers"] if i["identifierType"] == "arXiv"]
    if arxiv:
        assert re.search(rf"eprint\s+= \{{{re.escape(arxiv[0])}\}}", raw) and "eprinttype   = {arxiv}" in raw


@pytest.mark.parametrize("pmids", list(PUBMED))
def test_pubmed_records_become_the_entries(replay, tmp_path, pmids):
    bib = tmp_path / "refs.bib"
    result = add(bib, *pmids)
    assert result.exit_code == 0, result.stderr
    assert len(replay.requests_to("eutils")) == 1  # the PMIDs of one command in one request
    _check_pubmed(bib, body(PUBMED[pmids]), pmids)


def test_pubmed_record_served_under_the_wrong_pmid_is_refused_then_added_under_its_own(replay, tmp_path):
    """The recording filed under PMID 29106400 holds the article PMID 27797938 (its request URL was
    rebuilt from a test comment): asked for 29106400 it is an error; served for 27797938 it is that record."""
    bib = tmp_path / "refs.bib"
    result = add(bib, "29106400")
    assert result.exit_code == 1 and not bib.exists()
    assert result.stderr.strip() == ("annobib: error: PMID 29106400: PubMed: no record of PMID 29106400; "
                                     "its answer held PMID 27797938 instead")
    replay.serve("eutils", "/efetch.fcgi", "ncbi/efetch_pubmed_29106400.xml")
    assert add(bib, "27797938").exit_code == 0
    _check_pubmed(bib, body("ncbi/efetch_pubmed_29106400.xml"), ("27797938",))


def _check_pubmed(bib: Path, xml: bytes, pmids: tuple) -> None:
    root = etree.fromstring(xml, etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    records = {r.csl["PMID"]: r for r in added_records(bib)}
    assert sorted(records) == sorted(pmids)
    for article in root.iter("PubmedArticle"):
        citation = article.find("MedlineCitation")
        pmid = citation.findtext("PMID")
        record = records[pmid]
        raw = raw_entry(bib, record.id)
        assert raw.startswith(f"% Source: PubMed record for PMID {pmid}, fetched ")
        assert raw.split("\n")[1].startswith("@article{")
        body_ = citation.find("Article")
        assert text_of(record.csl["title"]) == text_of(
            etree.tostring(body_.find("ArticleTitle"), encoding=str, with_tail=False))
        authors = [a for a in body_.iter("Author") if a.get("ValidYN") != "N"]
        assert [n["family"] for n in record.csl["author"]] == [a.findtext("LastName") for a in authors]
        assert [n["given"].replace(".", "").replace(" ", "") for n in record.csl["author"]] == \
            [(a.findtext("ForeName") or "").replace(" ", "") for a in authors]
        journal = body_.find("Journal")
        assert record.csl["container-title"].lower() == re.sub(r"\s*\(.*\)$", "", journal.findtext("Title")).lower()
        assert record.csl.get("container-title-short", record.csl["container-title"]) == \
            citation.findtext("MedlineJournalInfo/MedlineTA")
        issue = journal.find("JournalIssue")
        assert record.csl["volume"] == issue.findtext("Volume")
        assert record.csl.get("issue") == issue.findtext("Issue")
        year, month = issue.findtext("PubDate/Year"), issue.findtext("PubDate/Month")
        expected_date = [int(year)] + ([MONTHS.index(month[:3].lower()) + 1 if not month.isdigit() else int(month)]
                                       if month else [])
        assert issued(record) == expected_date
        first, _, last = body_.findtext("Pagination/MedlinePgn").partition("-")
        if last and len(last) < len(first):  # MEDLINE's 244-55 is written out: 244-255
            last = first[:len(first) - len(last)] + last
        assert record.csl["page"] == (f"{first}-{last}" if last else first)
        ids = {i.get("IdType"): i.text for i in article.iter("ArticleId")}
        assert record.csl.get("DOI") == ids.get("doi")
        assert record.csl.get("PMCID") == ids.get("pmc")


@pytest.mark.parametrize("arxiv_id", list(ARXIV))
def test_arxiv_paper_becomes_an_online_entry_with_eprint(replay, tmp_path, arxiv_id):
    bib = tmp_path / "refs.bib"
    result = add(bib, arxiv_id)
    assert result.exit_code == 0, result.stderr
    _check_arxiv(bib, body(ARXIV[arxiv_id]), arxiv_id)


def test_arxiv_two_ids_one_malformed(replay, tmp_path):
    """The two-id recording: 0808.05394 is malformed (5 digits before 2015) and is refused before asking;
    arXiv's answer held 1707.08567 only, which is served for the request that asks for it alone."""
    replay.serve("arxiv", "/query", "arxiv/query_id_0808.05394_1707.08567.atom")
    bib = tmp_path / "refs.bib"
    result = add(bib, "0808.05394", "1707.08567")
    assert result.exit_code == 3
    assert "arXiv id '0808.05394' is malformed: ids before 2015 have 4 digits after the dot" in result.stderr
    assert [e.params["id_list"] for e in replay.requests_to("arxiv")] == [["1707.08567"]]
    _check_arxiv(bib, body("arxiv/query_id_0808.05394_1707.08567.atom"), "1707.08567")


def _check_arxiv(bib: Path, feed: bytes, arxiv_id: str) -> None:
    (record,) = added_records(bib)
    entry = next(iter(etree.fromstring(feed).iter(f"{ATOM}entry")))
    raw = raw_entry(bib, record.id)
    assert raw.startswith(f"% Source: arXiv record for arXiv:{arxiv_id}")
    assert raw.split("\n")[1].startswith("@online{")
    assert re.search(rf"eprint\s+= \{{{re.escape(arxiv_id)}\}}", raw) and re.search(r"eprinttype\s+= \{arxiv\}", raw)
    assert record.csl["number"] == f"arXiv:{arxiv_id}"
    assert record.csl["URL"] == f"https://arxiv.org/abs/{arxiv_id}"
    assert record.csl["publisher"] == "arXiv"
    assert text_of(record.csl["title"]) == text_of(entry.findtext(f"{ATOM}title"))
    names = [a.findtext(f"{ATOM}name") for a in entry.iter(f"{ATOM}author")]
    assert [a["family"] for a in record.csl["author"]] == [n.split()[-1] for n in names]
    assert [" ".join(filter(None, [a.get("given"), a.get("non-dropping-particle"), a["family"]]))
            for a in record.csl["author"]] == names
    assert issued(record) == [int(entry.findtext(f"{ATOM}published")[:4])]
    assert record.csl["accessed"]["date-parts"][0][0] >= 2024
    journal_ref = entry.findtext("{http://arxiv.org/schemas/atom}journal_ref")
    assert (f"arXiv names the published version: {journal_ref}" in raw) == bool(journal_ref)


@pytest.mark.parametrize("isbn", list(BOOKS))
def test_google_books_volume_becomes_a_book(replay, tmp_path, isbn):
    bib = tmp_path / "refs.bib"
    result = add(bib, isbn)
    assert result.exit_code == 0, result.stderr
    info = json.loads(body(BOOKS[isbn]))["items"][0]["volumeInfo"]
    (record,) = added_records(bib)
    raw = raw_entry(bib, record.id)
    assert raw.startswith(f"% Source: Google Books record for ISBN {isbn}, fetched ")
    assert raw.split("\n")[1].startswith("@book{")
    assert record.csl["ISBN"] == isbn
    assert text_of(record.csl["title"]) == info["title"]
    assert [f"{a['given']} {a['family']}" for a in record.csl["author"]] == info["authors"]
    assert record.csl.get("publisher") == info.get("publisher")
    assert issued(record) == [int(info["publishedDate"][:4])]


def test_isbn10_asks_for_the_isbn13(replay, tmp_path):
    assert add(tmp_path / "refs.bib", "0-00-811749-7").exit_code == 0
    assert replay.requests_to("googlebooks")[0].params == {"q": ["isbn:9780008117498"]}


# --- errors -------------------------------------------------------------------------------------------

ERRORS = [
    # (what is served, the IDs, the one line expected)
    (None, ["10.1371/notarealdoi"],
     "DOI 10.1371/notarealdoi: Crossref and DataCite: no record of this DOI (both answered 404)"),
    (("crossref", "/works/10.1371/journal.pone.0033693", "crossref/works_query_with_doi_400.json"),
     ["10.1371/journal.pone.0033693"],
     "DOI 10.1371/journal.pone.0033693: Crossref: refused the request (400): "
     "This route does not support field query parameters"),
    (("eutils", "/efetch.fcgi", "ncbi/esummary_no_id_error.xml"), ["28775130"],
     "PMID 28775130: PubMed: answered with an error: Neither query_key nor id specified"),
    (("eutils", "/efetch.fcgi", "ncbi/efetch_pubmed_19304878_default_html.html"), ["19304878"],
     "PMID 19304878: PubMed: answered with <html>, not a PubmedArticleSet"),
    (("idconv", "/", "ncbi/idconv_bad_idtype_404.json"), ["PMC4014022"],
     "PMCID PMC4014022: PMC ID converter: no record (404): ID type 'doi' mismatch for '28371833'"),
    (("arxiv", "/query", "arxiv/query_id_abc_400.atom"), ["2301.00001"],
     "arXiv:2301.00001: arXiv: refused the request: incorrect id format for abc"),
    (("arxiv", "/query", "arxiv/query_id_0000.0000_empty.atom"), ["2301.00001"],
     "arXiv:2301.00001: arXiv: no paper with this id"),
    (("googlebooks", "/volumes", "isbn/googlebooks_volumes_isbn_9780099560432.json"), ["9780306406157"],
     "ISBN 9780306406157: Google Books: no book with this ISBN"),
]


@pytest.mark.parametrize("served, ids, line", ERRORS, ids=[e[2].split(":")[0] for e in ERRORS])
def test_recorded_error_is_one_line_and_the_file_is_untouched(replay, tmp_path, served, ids, line):
    if served:
        replay.serve(*served)
    bib = tmp_path / "refs.bib"
    original = b"% my notes\r\n@misc{mine, title = {Mine}}\r\n"
    bib.write_bytes(original)
    result = add(bib, *ids)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"annobib: error: {line}"]
    assert result.stdout == ""
    assert bib.read_bytes() == original


def test_doi_org_that_cannot_say_is_no_error(replay, tmp_path):
    """doi.org's own error pages (404 for an unknown DOI, 400 for a non-DOI), as answers to the agency
    lookup: Crossref is asked all the same."""
    for file in ("doi_org/doi_404_10.1126_foo.html", "doi_org/doi_400_foo.html"):
        replay.serve("doiorg", "/ra/10.1371", file)
        assert add(tmp_path / f"{Path(file).stem}.bib", "10.1371/journal.pone.0033693", "--no-cache").exit_code == 0


def test_doi_org_agency_chooses_the_order(replay, tmp_path):
    assert add(tmp_path / "a.bib", "10.5061/dryad.8515").exit_code == 0  # doi.org: DataCite
    assert [e.service for e in replay.log] == ["doiorg", "datacite"]
    replay.log.clear()
    assert add(tmp_path / "b.bib", "10.6084/m9.figshare.1449060").exit_code == 0  # unknown: Crossref first
    assert [e.service for e in replay.log] == ["doiorg", "crossref", "datacite"]


def test_pmcid_goes_through_the_converter_to_pubmed(replay, tmp_path):
    """The converter's recorded answer (for the DOI 10.1038/ng.590) served for its PMCID: annobib asks
    PubMed for the PMID it gives; that record is not recorded, so PubMed's 404 ends it."""
    replay.serve("idconv", "/", "ncbi/idconv_10.1038_ng.590.json")
    bib = tmp_path / "refs.bib"
    result = add(bib, "PMC2883744")
    assert [(e.service, e.params) for e in replay.log] == [
        ("idconv", {"ids": ["PMC2883744"], "format": ["json"]}),
        ("eutils", {"db": ["pubmed"], "id": ["20495566"], "retmode": ["xml"]})]
    assert result.stderr.strip() == ("annobib: error: PMCID PMC2883744 (PMID 20495566): PubMed: "
                                     "no record (404): not recorded")
    assert not bib.exists()


# --- the whole set: check and render --------------------------------------------------------------------

# What `annobib check` may say of each added entry, with the proof that the record lacks it.
LACKING = {
    "aryand": ({"no-date"}, lambda: json.loads(body(CROSSREF["10.1109/icdcsw.2003.1203662"]))["message"]
               ["issued"]["date-parts"] == [[None]]),
    "stravopodis2009": ({"article-volume", "article-pages"},
                        lambda: not {"volume", "page"} & set(json.loads(body(CROSSREF["10.3892/ijo_00000353"]))
                                                             ["message"])),
    "rukeyser1988": ({"book-publisher"}, lambda: "publisher" not in json.loads(
        body(BOOKS["9780918024565"]))["items"][0]["volumeInfo"]),
}


NOTE = "Read for the review; 50% of it & more."


@pytest.fixture
def everything(replay, tmp_path):
    bib = tmp_path / "all.bib"
    groups = [[doi] for doi in CROSSREF] + [[doi] for doi in DATACITE] + [list(p) for p in PUBMED] + \
        [[a] for a in ARXIV] + [[i] for i in BOOKS]
    for ids in groups:
        note = ["--note", NOTE] if len(ids) == 1 else []
        result = add(bib, *ids, "--tag", "added", *note)
        assert result.exit_code == 0, result.stderr
    for record in added_records(bib):
        if record.annotation is None:  # the PMIDs added two at a time
            assert run("annotate", record.id, "--bib", str(bib), "--note", NOTE).exit_code == 0
    return bib


@pytest.mark.slow
def test_every_added_entry_checks_clean_but_for_what_its_record_lacks(everything):
    result = run("check", str(everything), "--format", "json")
    findings: dict[str, set] = {}
    for finding in json.loads(result.stdout):
        findings.setdefault(finding["key"], set()).add(finding["rule"])
    assert findings == {key: rules for key, (rules, _) in LACKING.items()}
    for _key, (_rules, record_lacks_it) in LACKING.items():
        assert record_lacks_it()


@pytest.mark.slow
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_every_added_entry_renders(everything, style):
    records = {r.id: r for r in added_records(everything)}
    assert len(records) == 19
    result = run("render", str(everything), "--style", style, "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.stderr
    rendered = {entry["id"]: entry for entry in json.loads(result.stdout)}
    assert set(rendered) == set(records)
    for key, entry in rendered.items():
        words = text_of(records[key].csl["title"]).split()[:3]
        straight = re.sub("[\u201c\u201d]", '"', entry["text"])
        assert " ".join(words).casefold() in straight.casefold(), (key, entry["text"])
        assert not re.search(r"[<>{}\\]", entry["text"]), (key, entry["text"])
        assert entry["annotation"] == NOTE and entry["tags"] == ["added"]

"""Every lint rule: one entry that breaks it, one that does not."""
from __future__ import annotations

import json

import pytest

from annobib.diagnostics import Diagnostics
from annobib.lint import RULES, check_loaded
from annobib.lint.entries import Loaded, load_text

GOOD_ARTICLE = """@article{good,
  author = {Niesters, M.}, title = {Ketamine for chronic pain}, journal = {Br J Clin Pharmacol},
  year = {2014}, month = feb, volume = {77}, pages = {357--367}, doi = {10.1111/bcp.12094},
  pmid = {23432384}, pmcid = {PMC4014022}, issn = {0306-5251}, keywords = {review; pain},
  url = {https://example.org/a}, urldate = {2025-05-04}, annote = {Read it.}}"""


def check_text(text: str, filename: str = "t.bib", require=(), ignore=()):
    loaded = Loaded([], Diagnostics())
    load_text(text, filename, loaded, {})
    return check_loaded(loaded, require, ignore)


def rules_of(text: str, **options) -> list[str]:
    return [f.rule for f in check_text(text, **options).findings]


def article(**fields) -> str:
    """GOOD_ARTICLE with fields replaced (None removes one)."""
    base = {
        "author": "Niesters, M.", "title": "Ketamine for chronic pain", "journal": "Br J Clin Pharmacol",
        "year": "2014", "volume": "77", "pages": "357--367", "doi": "10.1111/bcp.12094",
    }
    base.update(fields)
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in base.items() if v is not None)
    return f"@article{{a1,\n{body}\n}}\n"


# (rule, an entry that breaks it, an entry that keeps it)
CASES = [
    ("article-volume", article(volume=None), article()),
    ("article-pages", article(pages=None), article(pages=None, eid="e1002")),
    ("article-locator", article(doi=None), article(doi=None, pmid="23432384")),
    ("book-publisher", "@book{b, author={A, B}, title={T}, year={2001}}",
     "@book{b, author={A, B}, title={T}, year={2001}, publisher={Wiley}}"),
    ("webpage-url", "@online{w, title={T}, year={2020}}",
     "@online{w, title={T}, year={2020}, url={https://example.org}}"),
    ("report-institution", "@techreport{r, author={A, B}, title={T}, year={2001}}",
     "@techreport{r, author={A, B}, title={T}, year={2001}, institution={WHO}}"),
    ("no-date", article(year=None), "@online{w, title={T}, url={https://example.org}, urldate={2025-05-04}}"),
    ("doi-syntax", article(doi="10.1111 bcp.12094"),
     article(doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")),
    ("doi-syntax", article(doi="bcp.12094"), article()),
    ("doi-syntax", article(doi="10.1111/bcp.12094."), article()),
    ("doi-form", article(doi="https://doi.org/10.1111/bcp.12094"), article()),
    ("pmid-syntax", article(pmid="PMID: 23432384"), article(pmid="23432384")),
    ("pmcid-syntax", article(pmcid="4014022"), article(pmcid="PMC4014022")),
    ("isbn-checksum", "@book{b, title={T}, year={2001}, publisher={P}, isbn={0-306-40615-3}}",
     "@book{b, title={T}, year={2001}, publisher={P}, isbn={0-306-40615-2}}"),
    ("isbn-checksum", "@book{b, title={T}, year={2001}, publisher={P}, isbn={978-0-306-40615-8}}",
     "@book{b, title={T}, year={2001}, publisher={P}, isbn={978-0-306-40615-7}}"),
    ("isbn-checksum", "@book{b, title={T}, year={2001}, publisher={P}, isbn={0-8044-2957-Y}}",
     "@book{b, title={T}, year={2001}, publisher={P}, isbn={0-8044-2957-X}}"),
    ("issn-checksum", article(issn="0306-5252"), article(issn="0306-5251")),
    ("issn-checksum", article(issn="2049-363Y"), article(issn="2049-3630")),
    ("url-scheme", article(url="www.example.org/a"), article(url="https://www.example.org/a")),
    ("url-scheme", article(url="ftp://example.org/a"), article(url="http://example.org/a")),
    ("date-syntax", article(year=None, date="May 2014"), article(year=None, date="2014-05")),
    ("date-syntax", article(year="199X"), article(year="1999")),
    ("date-syntax", article(year=None, date="2021-02-30"), article(year=None, date="2021-02-28")),
    ("date-syntax", article(urldate="yesterday"), article(urldate="2025-05-04")),
    ("month-range", article(month="14"), article(month="12")),
    ("month-range", article(month="Jan-Feb"), article(month="jan")),
    ("month-range", article(year=None, date="2012-13"), article(year=None, date="2012-12")),
    ("pages-syntax", article(pages="pp. 357-367"), article(pages="357--367")),
    ("pages-syntax", article(pages="367--357"), article(pages="1505--17")),
    ("pages-syntax", article(pages="about ten"), article(pages="e1002, S12--S19")),
    ("zotero-annotation", "@online{w, title={T}, url={https://x.org}, urldate={2025-05-04}, annotation={Read.}}",
     "@online{w, title={T}, url={https://x.org}, urldate={2025-05-04}, annote={Read.}}"),
    ("zotero-urldate", article(urldate="04.05.2025"), article(urldate="2025-05-04")),
    ("zotero-keywords", article(keywords="ketamine allodynia dosing"), article(keywords="neuropathic pain")),
    ("zotero-keywords", article(keywords="ketamine allodynia dosing"), article(keywords="ketamine, allodynia, dosing")),
    ("zotero-entry-type", "@standard{s, title={T}, year={2001}}",
     "@report{s, title={T}, year={2001}, institution={ISO}}"),
    ("zotero-entry-type", "@misc{m, title={T}, year={2001}, url={https://x.org}}",
     "@misc{m, title={T}, year={2001}, howpublished={Leaflet}}"),
    # issue 15: "in press" is a date APA prints, not a broken year
    ("date-syntax", article(year="forthcomingish"), article(year="in press")),
    ("no-date", article(year=None), article(year="in press")),
    ("article-pages", article(pages=None), article(pages=None, volume=None, year="in press")),
    ("ambiguous-and", "@book{b, title={T}, date={2001}, publisher={Farrar, Straus and Giroux}}",
     "@book{b, title={T}, date={2001}, publisher={{Farrar, Straus and Giroux}}}"),
    ("ambiguous-and", "@report{r, title={T}, date={2001}, institution={Centers for Disease Control and Prevention}}",
     "@report{r, title={T}, year={2001}, institution={Centers for Disease Control and Prevention}}"),
    ("ambiguous-and", "@book{b, title={T}, location={Oxford}, publisher={Springer and Elsevier}}",
     "@book{b, title={T}, location={Oxford}, publisher={Oxford University Press and Cambridge University Press}}"),
]


@pytest.mark.parametrize("rule, bad, good", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_on_the_bad_entry_only(rule, bad, good):
    assert rule in rules_of(bad), f"{rule} did not fire"
    assert rule not in rules_of(good), f"{rule} fired on a good entry"


def test_every_registered_rule_has_a_test_case():
    tested = {case[0] for case in CASES} | {
        "duplicate-doi", "duplicate-pmid", "duplicate-work", "key-case", "duplicate-key", "missing-annotation",
    }
    assert set(RULES) <= tested, f"rules without a test: {set(RULES) - tested}"
    for rule in RULES.values():
        assert rule.hint and rule.summary and rule.family


def test_good_article_has_no_findings_at_all():
    assert check_text(GOOD_ARTICLE, require=("annotation",)).findings == []


def test_duplicate_doi_is_case_insensitive_and_names_the_first():
    text = article() + article().replace("a1", "a2").replace("bcp.12094", "BCP.12094")
    findings = [f for f in check_text(text).findings if f.rule == "duplicate-doi"]
    assert [f.key for f in findings] == ["a2"]
    assert "a1" in findings[0].message and findings[0].severity.value == "error"
    assert "duplicate-doi" not in rules_of(article() + article(doi="10.1111/bcp.99999").replace("a1", "a2"))


def test_duplicate_pmid():
    text = article(pmid="23432384") + article(doi=None, pmid="23432384").replace("a1", "a2")
    assert rules_of(text).count("duplicate-pmid") == 1
    assert "duplicate-pmid" not in rules_of(article(pmid="1") + article(pmid="2").replace("a1", "a2"))


def test_duplicate_work_by_author_year_and_near_identical_title():
    first = article(doi=None, url="https://x.org")
    second = article(doi=None, url="https://x.org", title="Ketamine for Chronic Pain.",
                     author="Niesters, Marieke").replace("a1", "a2")
    assert rules_of(first + second).count("duplicate-work") == 1
    other_year = second.replace("2014", "2015")
    assert "duplicate-work" not in rules_of(first + other_year)
    part_two = article(doi=None, title="Ketamine for chronic pain 2").replace("a1", "a2")
    assert "duplicate-work" not in rules_of(article(doi=None, title="Ketamine for chronic pain 1") + part_two)
    other_pages = second.replace("357--367", "12--19")
    assert "duplicate-work" not in rules_of(first + other_pages)


def test_keys_differing_only_in_case_in_one_file_and_across_files(tmp_path):
    text = article() + article(doi="10.1/other").replace("a1", "A1")
    findings = [f for f in check_text(text).findings if f.rule == "key-case"]
    assert len(findings) == 1 and findings[0].key == "A1" and findings[0].severity.value == "error"
    assert "key-case" not in rules_of(article() + article(doi="10.1/other").replace("a1", "a2"))

    from annobib.lint import check_paths

    (tmp_path / "one.bib").write_text(article())
    (tmp_path / "two.bib").write_text(article(doi="10.1/x").replace("a1", "A1"))
    (tmp_path / "three.bib").write_text(article(doi="10.1/y"))
    result = check_paths([str(tmp_path / n) for n in ("one.bib", "two.bib", "three.bib")])
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["key-case"].file.endswith("two.bib")
    assert by_rule["duplicate-key"].file.endswith("three.bib")


def test_missing_annotation_only_when_required():
    text = article()
    assert "missing-annotation" not in rules_of(text)
    assert "missing-annotation" in rules_of(text, require=("annotation",))
    assert "missing-annotation" not in rules_of(article(annote="Says X."), require=("annotation",))
    assert "missing-annotation" in rules_of(article(annote="  "), require=("annotation",))


def test_findings_point_at_the_field_line():
    text = "@article{a1,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2001},\n  month = {13},\n}"
    month = [f for f in check_text(text).findings if f.rule == "month-range"][0]
    assert (month.file, month.line, month.key) == ("t.bib", 6, "a1")
    assert month.hint == RULES["month-range"].hint


def test_reading_diagnostics_become_findings():
    text = "@article{broken, title = {unclosed\n\n@article{fine, title={T}, year={2001}, journal={J}}\n"
    findings = check_text(text).findings
    from_reader = [f for f in findings if f.key == "broken" and f.rule not in RULES]
    assert from_reader and from_reader[0].severity.value == "error" and from_reader[0].line == 1
    assert from_reader[0].hint


def test_ignore_by_rule_and_by_family():
    text = article(volume=None, month="14")
    assert "article-volume" not in rules_of(text, ignore=("article-volume",))
    assert "month-range" in rules_of(text, ignore=("article-volume",))
    assert not {"article-volume", "article-pages"} & set(rules_of(text, ignore=("required",)))


def test_csl_json_input_is_checked_from_the_record():
    items = [{"id": "j1", "type": "article-journal", "title": "T", "container-title": "J",
              "issued": {"date-parts": [[2014, 13]]}, "DOI": "bad-doi", "PMCID": "123"}]
    rules = rules_of(json.dumps(items), filename="t.json")
    assert {"month-range", "doi-syntax", "pmcid-syntax", "article-volume", "article-pages"} <= set(rules)
    assert not any(rule.startswith("zotero") for rule in rules)

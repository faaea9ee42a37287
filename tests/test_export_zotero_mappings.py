"""Every zotero.md mapping that concerns data annobib writes, asserted on exported files."""
from __future__ import annotations

import json
import re

import pytest

from annobib.export import export_records
from annobib.export.rich_latex import annotation_to_latex
from annobib.export.ris_tables import COMMA_STAND_IN
from annobib.read import read_files
from annobib.resources import default_bibliography


@pytest.fixture(scope="module")
def bundled():
    return {r.id: r for r in read_files([str(default_bibliography())]).records}


@pytest.fixture(scope="module")
def exported(bundled):
    return {fmt: export_records(list(bundled.values()), fmt) for fmt in ("bibtex", "ris", "csl-json", "biblatex")}


def _bib_entry(text: str, key: str) -> str:
    match = re.search(r"@(\w+)\{" + re.escape(key) + r",\n(.*?)\n\}", text, re.S)
    assert match, key
    return match.group(0)


def _bib_field(entry: str, name: str) -> str | None:
    match = re.search(r"^\s+" + name + r"\s*=\s*\{(.*?)\},?$", entry, re.M | re.S)
    return match.group(1) if match else None


def _ris_reference(text: str, key: str) -> list[tuple[str, str]]:
    for block in text.split("ER  - "):
        lines = [(line[:2], line[6:]) for line in block.strip().split("\n")
                 if re.match(r"[A-Z][A-Z0-9]  - ", line)]
        if ("ID", key) in lines:
            return lines
    raise AssertionError(key)


def test_bundled_exports_cleanly(exported):
    assert not list(exported["bibtex"][1]) and not list(exported["csl-json"][1])
    # RIS: only the corporate name with commas is reported (written with a comma look-alike)
    assert [d.rule for d in exported["ris"][1]] == ["export-corporate-comma"]


# --- BibTeX import ---------------------------------------------------------

def test_bibtex_annotation_in_annote_never_annotation(exported, bundled):
    text = exported["bibtex"][0]
    for key, record in bundled.items():
        entry = _bib_entry(text, key)
        # no specials in the bundled annotations; citations written back as \cite{key} (issue 15)
        assert _bib_field(entry, "annote") == annotation_to_latex(record.annotation)
        assert "[@" not in _bib_field(entry, "annote")
        assert _bib_field(entry, "annotation") is None


def test_bibtex_biblatex_annotation_moves_to_annote(tmp_path):
    source = tmp_path / "in.bib"
    source.write_text("@article{a, title={T}, journal={J}, year={2000}, annotation={Read this.}}\n", encoding="utf-8")
    records = read_files([str(source)]).records
    text, _ = export_records(records, "bibtex")
    entry = _bib_entry(text, "a")
    assert _bib_field(entry, "annote") == "Read this." and _bib_field(entry, "annotation") is None


def test_bibtex_keywords_joined_with_semicolons(exported, bundled):
    entry = _bib_entry(exported["bibtex"][0], "mitchell2001")
    assert _bib_field(entry, "keywords") == "; ".join(bundled["mitchell2001"].tags)
    assert _bib_field(entry, "keywords") == \
        "case report; subcutaneous; intravenous; neuropathic pain; allodynia; safety"


def test_bibtex_urldate_is_iso(exported):
    for key in ("justusnd", "uic2022", "painmedicinenews2018", "cha2019"):
        assert _bib_field(_bib_entry(exported["bibtex"][0], key), "urldate") == "2026-11-26"


def test_bibtex_pmid_pmcid_fields(exported):
    entry = _bib_entry(exported["bibtex"][0], "niesters2014")
    assert _bib_field(entry, "pmid") == "23432384" and _bib_field(entry, "pmcid") == "PMC4014022"


def test_bibtex_types_zotero_knows(exported, bundled):
    text = exported["bibtex"][0]
    expected = {"webpage": "online", "article-journal": "article"}
    for key, record in bundled.items():
        assert _bib_entry(text, key).startswith(f"@{expected[record.type]}{{")


def test_bibtex_journal_and_shortjournal(exported):
    entry = _bib_entry(exported["bibtex"][0], "blonk2010")
    assert _bib_field(entry, "journal") == "European Journal of Pain"
    assert _bib_field(entry, "shortjournal") == "Eur J Pain"


def test_bibtex_corporate_author_double_braced(exported):
    entry = _bib_entry(exported["bibtex"][0], "uic2022")
    assert _bib_field(entry, "author") == \
        "{{University of Illinois Chicago, College of Pharmacy, Drug Information Group}}"
    assert _bib_field(_bib_entry(exported["bibtex"][0], "cha2019"), "author") == "{{Colorado Hospital Association}}"


def test_bibtex_particle_and_year_month(exported):
    entry = _bib_entry(exported["bibtex"][0], "blonk2010")
    assert "van den Bemt, Patricia M. L. A." in _bib_field(entry, "author")
    assert _bib_field(entry, "year") == "2010" and re.search(r"^\s+month\s*=\s*may,?$", entry, re.M)
    assert _bib_field(entry, "pages") == "466--472"


def test_biblatex_flavour(exported):
    entry = _bib_entry(exported["biblatex"][0], "blonk2010")
    assert _bib_field(entry, "journaltitle") == "European Journal of Pain"
    assert _bib_field(entry, "date") == "2010-05" and _bib_field(entry, "annotation")


# --- CSL-JSON import --------------------------------------------------------

def test_csljson_annotation_in_note_and_ids_kept(exported, bundled):
    items = {i["id"]: i for i in json.loads(exported["csl-json"][0])}
    assert list(items) == list(bundled)
    for key, record in bundled.items():
        note = items[key]["note"].split("\n")
        assert note[-1] == record.annotation
        # lines before the annotation are only variables Zotero has no field for (see note_guard)
        assert all(re.match(r"(publisher|publisher-place): ", line) for line in note[:-1])


def test_csljson_webpage_publisher_travels_in_note(exported):
    items = {i["id"]: i for i in json.loads(exported["csl-json"][0])}
    cha = items["cha2019"]
    assert "publisher" not in cha and "publisher-place" not in cha
    assert cha["note"].startswith("publisher: Colorado Hospital Association\npublisher-place: Greenwood Village, CO\n")


def test_csljson_keeps_pmid_url_accessed_and_corporate(exported):
    items = {i["id"]: i for i in json.loads(exported["csl-json"][0])}
    assert items["niesters2014"]["PMID"] == "23432384" and items["niesters2014"]["PMCID"] == "PMC4014022"
    assert items["uic2022"]["accessed"] == {"date-parts": [[2026, 11, 26]]}
    assert items["uic2022"]["URL"].startswith("https://dig.pharmacy.uic.edu/")
    assert items["uic2022"]["author"] == [
        {"literal": "University of Illinois Chicago, College of Pharmacy, Drug Information Group"}]
    assert items["blonk2010"]["container-title-short"] == "Eur J Pain"
    assert items["blonk2010"]["type"] == "article-journal" and items["justusnd"]["type"] == "webpage"


# --- RIS import -------------------------------------------------------------

def test_ris_tags(exported, bundled):
    text = exported["ris"][0]
    ref = _ris_reference(text, "persson1995")
    assert ref[0] == ("TY", "JOUR")
    assert [v for t, v in ref if t == "KW"] == bundled["persson1995"].tags
    assert [v for t, v in ref if t == "N1"] == [bundled["persson1995"].annotation]
    assert ("T2", "Pain") in ref and ("J2", "Pain") in ref
    assert ("SP", "217") in ref and ("EP", "222") in ref and ("DA", "1995/02//") in ref and ("PY", "1995") in ref
    assert ("M2", "PMID: 7784107") in ref
    assert not any(t == "AN" for t, _ in ref)  # APA would print AN as an archive location


def test_ris_webpage_access_date_and_doi(exported):
    ref = _ris_reference(exported["ris"][0], "justusnd")
    assert ref[0] == ("TY", "ELEC") and ("Y2", "2026/11/26") in ref
    assert ("DO", "10.1111/bcp.12094") in _ris_reference(exported["ris"][0], "niesters2014")


def test_ris_corporate_authors_stay_one_name(exported, bundled):
    text = exported["ris"][0]
    assert ("AU", "Colorado Hospital Association") in _ris_reference(text, "cha2019")
    uic = [v for t, v in _ris_reference(text, "uic2022") if t == "AU"]
    assert uic == [
        "University of Illinois Chicago, College of Pharmacy, Drug Information Group".replace(",", COMMA_STAND_IN)]
    assert "," not in uic[0]  # Zotero's RIS import splits AU at commas; a comma-free AU is one field
    assert ("AU", "van den Bemt, Patricia M. L. A.") in _ris_reference(text, "blonk2010")

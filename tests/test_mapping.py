"""BibTeX -> CSL-JSON mapping, field by field."""
from __future__ import annotations

import pytest

from annobib.read import read_text


def one(bibtex: str) -> tuple[dict, object]:
    result = read_text(bibtex, "test.bib")
    assert len(result.records) == 1, [d.format() for d in result.diagnostics]
    return result.records[0].csl, result


def csl_of(entry_type: str, fields: str) -> dict:
    return one(f"@{entry_type}{{k,\n{fields}\n}}")[0]


@pytest.mark.parametrize(
    "bib_type, csl_type",
    [
        ("article", "article-journal"),
        ("book", "book"),
        ("incollection", "chapter"),
        ("inbook", "chapter"),
        ("inproceedings", "paper-conference"),
        ("online", "webpage"),
        ("electronic", "webpage"),
        ("report", "report"),
        ("techreport", "report"),
        ("thesis", "thesis"),
        ("phdthesis", "thesis"),
        ("mastersthesis", "thesis"),
        ("manual", "report"),
        ("patent", "patent"),
        ("dataset", "dataset"),
        ("software", "software"),
        ("unpublished", "manuscript"),
        ("misc", "document"),
    ],
)
def test_entry_types(bib_type, csl_type):
    assert csl_of(bib_type, "title = {T}")["type"] == csl_type


def test_misc_with_url_is_a_webpage():
    assert csl_of("misc", "title = {T}, url = {https://example.org}")["type"] == "webpage"


def test_unknown_type_maps_to_document_with_a_warning():
    csl, result = one("@thing{k, title = {T}}")
    assert csl["type"] == "document"
    [diagnostic] = result.diagnostics
    assert diagnostic.key == "k" and diagnostic.line == 1 and "@thing" in diagnostic.message


def test_thesis_genres():
    assert csl_of("phdthesis", "title={T}, school={MIT}")["genre"] == "PhD thesis"
    assert csl_of("mastersthesis", "title={T}, school={MIT}")["genre"] == "Master's thesis"
    assert csl_of("thesis", "title={T}, type={phdthesis}")["genre"] == "PhD thesis"
    assert csl_of("phdthesis", "title={T}, school={MIT}")["publisher"] == "MIT"


def test_latex_is_decoded_to_unicode_and_rich_text():
    csl = csl_of("article", r"title = {Caf{\'e} \& M{\"u}ller~--- \textit{in vivo} {NMDA}}")
    assert csl["title"] == 'Café & Müller\u00a0\u2014 <i>in vivo</i> <span class="nocase">NMDA</span>'


def test_string_macros_month_macros_and_concatenation():
    csl = csl_of_text = one(
        '@string{pain = "Pain"}\n@article{k, title={T}, journal = pain # { Reports}, year = 1995, month = feb}'
    )[0]
    assert csl_of_text["container-title"] == "Pain Reports"
    assert csl["issued"] == {"date-parts": [[1995, 2]]}


def test_crossref_inheritance():
    result = read_text(
        "@incollection{child, title={Chapter}, crossref={parent}, pages={1--5}}\n"
        "@book{parent, title={The Book}, editor={Doe, Jane}, publisher={P}, year={2001}}",
        "t.bib",
    )
    child = {r.id: r.csl for r in result.records}["child"]
    assert child["container-title"] == "The book"  # a book title, in sentence case (issue 15)
    assert child["editor"] == [{"family": "Doe", "given": "Jane"}]
    assert child["publisher"] == "P"
    assert child["issued"] == {"date-parts": [[2001]]}
    assert child["title"] == "Chapter"


def test_names_split_into_parts():
    csl = csl_of("article", r"author = {van den Bemt, Patricia M. L. A. and Gustafsson, Jr, Lars L. and "
                            r"K{\"o}der, Brigitte}")
    assert csl["author"] == [
        {"family": "Bemt", "given": "Patricia M. L. A.", "non-dropping-particle": "van den"},
        {"family": "Gustafsson", "given": "Lars L.", "suffix": "Jr"},
        {"family": "Köder", "given": "Brigitte"},
    ]


def test_corporate_name_in_double_braces_is_one_literal():
    csl = csl_of("online", "author = {{World Health Organization} and {Barnes and Noble}}")
    assert csl["author"] == [{"literal": "World Health Organization"}, {"literal": "Barnes and Noble"}]


def test_editor_translator_bookauthor():
    csl = csl_of("incollection", "editor = {Doe, J.}, translator = {Roe, R.}, bookauthor = {Poe, E.}")
    assert csl["editor"] == [{"family": "Doe", "given": "J."}]
    assert csl["translator"] == [{"family": "Roe", "given": "R."}]
    assert csl["container-author"] == [{"family": "Poe", "given": "E."}]


@pytest.mark.parametrize(
    "fields, issued",
    [
        ("year = {2014}", {"date-parts": [[2014]]}),
        ("year = {2014}, month = {2}", {"date-parts": [[2014, 2]]}),
        ("year = {2014}, month = {February}", {"date-parts": [[2014, 2]]}),
        ("year = {2014}, month = feb, day = {9}", {"date-parts": [[2014, 2, 9]]}),
        ("date = {2014-02-09}", {"date-parts": [[2014, 2, 9]]}),
        ("date = {1998-12-10/1998-12-12}", {"date-parts": [[1998, 12, 10], [1998, 12, 12]]}),
        ("date = {1565~}", {"date-parts": [[1565]], "circa": True}),
        ("date = {2004-24}", {"date-parts": [[2004]], "season": 4}),
        ("date = {2014}, year = {1999}", {"date-parts": [[2014]]}),
    ],
)
def test_dates(fields, issued):
    assert csl_of("article", f"title={{T}}, {fields}")["issued"] == issued


def test_bad_date_is_kept_literally_with_a_warning():
    csl, result = one("@article{k, title={T}, date = {1.5.1998}}")
    assert csl["issued"] == {"literal": "1.5.1998"}
    assert any("1.5.1998" in d.message for d in result.diagnostics)


def test_bad_month_is_ignored_with_a_warning():
    csl, result = one("@article{k, title={T}, year={2000}, month={13}}")
    assert csl["issued"] == {"date-parts": [[2000]]}
    assert any("month '13'" in d.message for d in result.diagnostics)


def test_core_fields():
    csl = csl_of(
        "article",
        "journal = {European Journal of Pain}, shortjournal = {Eur J Pain}, volume = {14}, number = {5}, "
        "pages = {466--472}, doi = {https://doi.org/10.1016/j.ejpain.2009.09.005}, url = {https://x.org/a_b%20c}, "
        "urldate = {2025-05-04}, pmid = {19879174}, pmcid = {PMC4014022}, issn = {1090-3801}, "
        "abstract = {An abstract.}, language = {en}, note = {A note}",
    )
    assert csl["container-title"] == "European Journal of Pain"
    assert csl["container-title-short"] == "Eur J Pain"
    assert (csl["volume"], csl["issue"], csl["page"]) == ("14", "5", "466-472")
    assert csl["DOI"] == "10.1016/j.ejpain.2009.09.005"
    assert csl["URL"] == "https://x.org/a_b%20c"
    assert csl["accessed"] == {"date-parts": [[2025, 5, 4]]}
    assert (csl["PMID"], csl["PMCID"], csl["ISSN"]) == ("19879174", "PMC4014022", "1090-3801")
    assert (csl["abstract"], csl["language"], csl["note"]) == ("An abstract.", "en", "A note")


def test_journaltitle_and_eprint_pubmed():
    csl = csl_of("article", "journaltitle = {Pain}, eprint = {7784107}, eprinttype = {pubmed}")
    assert csl["container-title"] == "Pain" and csl["PMID"] == "7784107"


def test_book_fields():
    csl = csl_of(
        "book",
        "edition = {2}, publisher = {Addison-Wesley}, address = {Reading, MA}, series = {Series}, "
        "number = {7}, isbn = {978-0-201-36299-2}, translator = {T, A}",
    )
    assert csl["edition"] == "2"
    assert csl["publisher"] == "Addison-Wesley" and csl["publisher-place"] == "Reading, MA"
    assert csl["collection-title"] == "Series" and csl["collection-number"] == "7"
    assert csl["ISBN"] == "978-0-201-36299-2"


def test_report_number_and_institution():
    csl = csl_of("techreport", "institution = {CERN}, number = {TR-7}, location = {Geneva}")
    assert csl["publisher"] == "CERN" and csl["number"] == "TR-7" and csl["publisher-place"] == "Geneva"


def test_chapter_booktitle_and_proceedings_organization():
    assert csl_of("incollection", "booktitle = {Collected}")["container-title"] == "Collected"
    csl = csl_of("inproceedings", "booktitle = {Proc. X}, organization = {ACM}")
    assert csl["container-title"] == "Proc. X" and csl["publisher"] == "ACM"


def test_howpublished():
    assert csl_of("misc", r"howpublished = {\url{https://a.org/x}}")["URL"] == "https://a.org/x"
    assert csl_of("misc", "howpublished = {Privately printed}")["publisher"] == "Privately printed"


def test_annotation_and_tags():
    result = read_text(
        "@article{k, title={T}, annote = {First paragraph.\n\n Second \\& last.}, "
        "keywords = {oral; dosing, case report}}",
        "t.bib",
    )
    [record] = result.records
    assert record.annotation == "First paragraph.\n\nSecond & last."
    assert record.tags == ["oral", "dosing", "case report"]
    assert "annote" not in record.csl and "keywords" not in record.csl


def test_biblatex_annotation_field_is_read():
    [record] = read_text("@article{k, title={T}, annotation = {Read me.}}", "t.bib").records
    assert record.annotation == "Read me."


def test_key_case_is_kept():
    [record] = read_text("@article{NiestersMD2014, title={T}}", "t.bib").records
    assert record.id == "NiestersMD2014"


def test_csl_json_reader_takes_note_as_annotation_and_keyword_as_tags():
    result = read_text(
        '[{"id": "A1", "type": "book", "title": "T", "note": "Annotated.", "keyword": "x; y"}]', "z.json"
    )
    [record] = result.records
    assert record.id == "A1" and record.annotation == "Annotated." and record.tags == ["x", "y"]
    assert "note" not in record.csl


def test_csl_json_item_without_id_is_named():
    result = read_text('[{"type": "book", "title": "T"}, {"id": "b", "type": "book"}]', "z.json")
    assert [r.id for r in result.records] == ["b"]
    assert any("item 1 has no 'id'" in d.message for d in result.diagnostics)

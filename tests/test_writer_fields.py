"""Issue 15, data a writer gives: publishers kept whole, every note kept, article numbers,
math, "in press", and titles put in sentence case (with a switch to keep them)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annobib.cli import main
from annobib.map.literal_lists import literal_list
from annobib.map.sentence_case import to_sentence_case
from annobib.read import read_text


def one(bibtex: str, filename: str = "t.bib", **options):
    result = read_text(bibtex, filename, **options)
    assert len(result.records) == 1, [d.format() for d in result.diagnostics]
    return result.records[0], result.diagnostics


def rendered(tmp_path, text: str, *args: str, name: str = "in.bib") -> tuple[list[dict], str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "--format", "json", "--no-cache", *args])
    assert result.exit_code in (0, 3), result.output
    return json.loads(result.stdout), result.stderr


# --- publisher, organization, institution ------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("publisher", "Farrar, Straus and Giroux"),
    ("institution", "Centers for Disease Control and Prevention"),
    ("organization", "Barnes and Noble"),
    ("publisher", "Oxford University Press and Cambridge University Press"),  # one name in BibTeX
])
def test_bibtex_publishers_are_one_name(field, value):
    entry_type = {"publisher": "book", "institution": "techreport", "organization": "online"}[field]
    record, diagnostics = one(f"@{entry_type}{{k, title={{T}}, year={{2001}}, {field}={{{value}}}}}")
    assert record.csl["publisher"] == value
    assert not diagnostics.items


@pytest.mark.parametrize("value, names, ambiguous", [
    # the README's examples of the biblatex rule
    ("Oxford University Press and Cambridge University Press",
     ["Oxford University Press", "Cambridge University Press"], False),
    ("{Springer} and {Elsevier}", ["Springer", "Elsevier"], False),
    ("{Inria} and {University of Paris} and {University of Pisa}", ["Inria", "University of Paris",
                                                                   "University of Pisa"], False),
    ("Farrar, Straus and Giroux", ["Farrar, Straus and Giroux"], True),
    ("Centers for Disease Control and Prevention", ["Centers for Disease Control and Prevention"], True),
    ("Simon and Schuster", ["Simon and Schuster"], True),
    ("{Centers for Disease Control and Prevention}", ["{Centers for Disease Control and Prevention}"], False),
    ("Wiley", ["Wiley"], False),
])
def test_biblatex_list_rule(value, names, ambiguous):
    assert literal_list(value, biblatex=True) == (names, ambiguous)
    assert literal_list(value, biblatex=False) == ([value], False)


def test_biblatex_entry_splits_only_complete_names():
    record, _ = one("@book{k, title={T}, date={2001}, publisher={Oxford University Press and Cambridge University "
                    "Press}}")
    assert record.csl["publisher"] == "Oxford University Press; Cambridge University Press"
    record, _ = one("@report{k, title={T}, date={2001}, institution={Centers for Disease Control and Prevention}}")
    assert record.csl["publisher"] == "Centers for Disease Control and Prevention"


def test_publisher_prints_whole_in_apa_and_every_export(tmp_path):
    bib = "@book{k, author={Franzen, Jonathan}, title={Freedom}, year={2010}, publisher={Farrar, Straus and Giroux}}"
    items, _ = rendered(tmp_path, bib)
    assert items[0]["text"].endswith("Farrar, Straus and Giroux.")
    (tmp_path / "in.bib").write_text(bib, encoding="utf-8")
    for fmt in ("csl-json", "ris", "bibtex", "biblatex"):
        result = CliRunner().invoke(main, ["export", str(tmp_path / "in.bib"), "--to", fmt])
        assert "Giroux" in result.stdout and "Straus; " not in result.stdout and "Straus and Giroux" in \
            result.stdout.replace("{and}", "and"), fmt


# --- several annote fields -----------------------------------------------------------------

def test_every_annote_is_kept_as_a_paragraph_in_order():
    record, diagnostics = one("@article{k, title={T}, annote={First note.}, annote={Second note.}, "
                              "annote={Third note.}}")
    assert record.annotation == "First note.\n\nSecond note.\n\nThird note."
    assert not [d for d in diagnostics if d.rule == "duplicate-field"]


def test_a_repeated_other_field_is_still_reported():
    _, diagnostics = one("@article{k, title={T}, year={2001}, year={2002}}")
    assert [d.rule for d in diagnostics] == ["duplicate-field"]


# --- eid: the article number ---------------------------------------------------------------

def test_eid_is_the_article_number_apa_prints(tmp_path):
    record, _ = one("@article{k, title={T}, journal={PLoS ONE}, volume={14}, number={5}, eid={e0216000}, "
                    "year={2019}}")
    assert record.csl["number"] == "e0216000" and record.csl["issue"] == "5"
    items, _ = rendered(tmp_path, "@article{k, author={Doe, Jane}, title={T}, journal={PLoS ONE}, volume={14}, "
                                  "number={5}, eid={e0216000}, year={2019}}")
    # APA 7 (and citeproc-js with apa.csl): "PLoS ONE, 14(5), Article e0216000."
    assert items[0]["text"] == "Doe, J. (2019). T. PLoS ONE, 14(5), Article e0216000."


def test_eid_survives_bibtex_export():
    from annobib.export import export_records

    record, _ = one("@article{k, title={T}, journal={J}, volume={1}, eid={e01}, year={2019}}")
    for fmt in ("bibtex", "biblatex"):
        text, diagnostics = export_records([record], fmt)
        assert "eid" in text and not diagnostics.items
        assert one(text, "back.bib")[0].csl["number"] == "e01"


# --- LaTeX math ----------------------------------------------------------------------------

@pytest.mark.parametrize("latex, rich", [
    (r"The $\alpha$-helix", "The α-helix"),
    (r"$\beta$-blockers and $\mu$-opioids", "β-blockers and μ-opioids"),
    (r"H$_2$O and $x^{2}$", "H<sub>2</sub>O and x<sup>2</sup>"),
    (r"$\alpha_{2}$-agonists at $\leq 5$ mg", "α<sub>2</sub>-agonists at ≤5 mg"),
])
def test_math_with_a_unicode_form(latex, rich):
    record, diagnostics = one(f"@article{{k, title={{{latex}}}, langid={{german}}}}")
    assert record.csl["title"] == rich
    assert not diagnostics.items


def test_math_without_a_unicode_form_is_kept_and_warned():
    record, diagnostics = one(r"@article{k, title={On $\foo{x}$ effects}}")
    assert record.csl["title"] == r"On $\foo{x}$ effects"
    [diagnostic] = diagnostics.items
    assert diagnostic.key == "k" and diagnostic.line == 1 and r"\foo" in diagnostic.message


# --- in press ------------------------------------------------------------------------------

def test_year_in_press_is_a_status_not_a_warning(tmp_path):
    record, diagnostics = one("@article{k, author={Doe, Jane}, title={T}, journal={J}, year={in press}}")
    assert record.csl["status"] == "in press" and "issued" not in record.csl
    assert not diagnostics.items
    items, stderr = rendered(tmp_path, "@article{k, author={Doe, Jane}, title={T}, journal={J}, year={in press}}")
    assert items[0]["text"] == "Doe, J. (in press). T. J." and stderr == ""


def test_biblatex_pubstate_in_press():
    record, _ = one("@article{k, title={T}, journaltitle={J}, pubstate={inpress}}")
    assert record.csl["status"] == "in press"


# --- sentence case -------------------------------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("General and Specific Measures in Organizational Behaviour Research",
     "General and specific measures in organizational behaviour research"),
    ("First-Ever {IV} Ketamine Infusion Consensus Guidelines For Chronic Pain Released",
     "First-ever IV ketamine infusion consensus guidelines for chronic pain released"),
    ("Guidelines From the {American Society of Anesthesiologists}: A Review of NMDA Blockade",
     "Guidelines from the American Society of Anesthesiologists: A review of NMDA blockade"),
    ("The iPhone and {Europe}: Type B Errors", "The iPhone and Europe: Type B errors"),
    # not in Title Case: left as written (its capitals are the author's)
    ("The role of Ketamine in combating pain in people with allodynia",
     "The role of Ketamine in combating pain in people with allodynia"),
])
def test_english_bibtex_titles_in_sentence_case(title, expected):
    from annobib.map.latex import rich_to_plain

    record, _ = one(f"@article{{k, title={{{title}}}}}")
    assert rich_to_plain(record.csl["title"]) == expected


def test_sentence_case_keeps_protected_words_as_nocase():
    assert to_sentence_case('Use of <span class="nocase">Zotero</span> Notes') == \
        'Use of <span class="nocase">Zotero</span> notes'


def test_sentence_case_only_for_english_and_bibtex_and_can_be_switched_off(tmp_path):
    german, _ = one("@article{k, title={Über Die Wirkung Von Ketamin}, langid={ngerman}}")
    assert german.csl["title"] == "Über Die Wirkung Von Ketamin"
    kept, _ = one("@article{k, title={General Measures of Pain}}", sentence_case=False)
    assert kept.csl["title"] == "General Measures of Pain"
    csl_json = read_text('[{"id": "k", "type": "book", "title": "General Measures of Pain"}]', "t.json")
    assert csl_json.records[0].csl["title"] == "General Measures of Pain"
    ris = read_text("TY  - BOOK\nTI  - General Measures of Pain\nER  - \n", "t.ris")
    assert ris.records[0].csl["title"] == "General Measures of Pain"
    bib = "@book{k, author={Doe, Jane}, title={General Measures of Pain}, year={2001}, publisher={P}}"
    items, _ = rendered(tmp_path, bib)
    assert "General measures of pain" in items[0]["text"]
    items, _ = rendered(tmp_path, bib, "--no-sentence-case")
    assert "General Measures of Pain" in items[0]["text"]
    # a style that wants title case gets it back from CSL text-case="title"
    items, _ = rendered(tmp_path, bib, "--style", "chicago")
    assert "General Measures of Pain" in items[0]["text"]

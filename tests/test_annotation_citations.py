"""Issue 15: annotations keep their formatting and may cite other entries."""
from __future__ import annotations

import io
import json

import docx
import pytest
from click.testing import CliRunner

from annobib.citation_marks import find_citations, latex_to_marks
from annobib.cli import main
from annobib.formats import render_document
from annobib.read import read_files, read_text
from annobib.render import build_document
from annobib.resources import default_bibliography

BIB = r"""
@article{kahn2011, author={Kahn, Anna and Lee, Bo}, title={Oral dosing}, journal={Pain}, year={2011},
  volume={1}, pages={1--2}}
@article{zeta2020, author={Zeta, Carl}, title={Later work}, journal={Pain}, year={2020}, volume={2}, pages={3--4},
  annote={Compared with \cite{kahn2011}, this \emph{small} trial is \textbf{weak}; see also [@kahn2011, p. 2].}}
"""


def document(style: str, text: str = BIB, **options):
    records = read_text(text, "t.bib").records
    return build_document(records, style, **options)


def by_id(doc, fmt: str) -> dict:
    return {item["id"]: item for item in json.loads(render_document(doc, fmt))}


@pytest.mark.parametrize("latex, marks", [
    (r"see \cite{a}", "see [@a]"),
    (r"see \parencite[p.~5]{a,b}", "see [@a; @b, p. 5]"),
    (r"\autocite[see][chap.~3]{a}", "[see @a, chap. 3]"),
    ("no citation here: a@b.org", "no citation here: a@b.org"),
])
def test_latex_citations_become_marks(latex, marks):
    assert latex_to_marks(latex) == marks


def test_marks_are_found_with_locators():
    [first, second] = find_citations("x [@a] and [see @b; @c, p. 5] but not [a] or mail@host.org")
    assert first.keys == ["a"] and second.keys == ["b", "c"]
    assert second.cites[0].prefix == "see" and (second.cites[1].label, second.cites[1].locator) == ("page", "5")


def test_bibtex_cite_is_read_as_a_citation_with_formatting_kept():
    record = read_text(BIB, "t.bib").records[1]
    assert record.annotation == ("Compared with [@kahn2011], this <i>small</i> trial is <b>weak</b>; "
                                 "see also [@kahn2011, p. 2].")
    assert record.annotation_text == "Compared with [@kahn2011], this small trial is weak; see also [@kahn2011, p. 2]."


def test_apa_in_text_citation_in_text_and_html():
    item = by_id(document("apa"), "json")["zeta2020"]
    assert item["annotation"] == ("Compared with (Kahn & Lee, 2011), this small trial is weak; "
                                  "see also (Kahn & Lee, 2011, p. 2).")
    assert '<a class="citation" href="#kahn2011" data-keys="kahn2011">(Kahn &amp; Lee, 2011)</a>' in \
        item["annotation_html"]
    assert "<i>small</i>" in item["annotation_html"] and "<b>weak</b>" in item["annotation_html"]


def test_vancouver_in_text_citation_is_the_list_number():
    item = by_id(document("vancouver"), "json")["zeta2020"]
    assert item["annotation"].startswith("Compared with (1), this small trial")


def test_bundled_citations_apa_and_vancouver():
    records = read_files([str(default_bibliography())]).records
    apa = by_id(build_document(records, "apa"), "json")
    assert "chronic-pain ones (Cohen et al., 2018)." in apa["schwenk2018"]["annotation"]
    vancouver = by_id(build_document(records, "vancouver"), "json")
    assert "chronic-pain ones (9)." in vancouver["schwenk2018"]["annotation"]
    assert "(9,10)" in vancouver["uic2022"]["annotation"]  # one cluster of two entries


def test_html_links_the_citation_to_the_cited_entry():
    html = render_document(document("apa", standalone=True), "html")
    assert 'id="kahn2011"' in html and 'href="#kahn2011"' in html


def test_word_links_the_citation_to_a_bookmark_on_the_reference():
    word = docx.Document(io.BytesIO(render_document(document("apa"), "docx")))
    body = word.element.body
    bookmarks = {b.get(docx.oxml.ns.qn("w:name")) for b in body.iter(docx.oxml.ns.qn("w:bookmarkStart"))}
    anchors = [h.get(docx.oxml.ns.qn("w:anchor")) for h in body.iter(docx.oxml.ns.qn("w:hyperlink"))]
    assert "ref_kahn2011" in bookmarks and anchors.count("ref_kahn2011") == 2
    annotation = next(p for p in word.paragraphs if p.text.startswith("Compared with"))
    assert annotation.text == ("Compared with (Kahn & Lee, 2011), this small trial is weak; "
                               "see also (Kahn & Lee, 2011, p. 2).")
    assert [r.text for r in annotation.runs if r.italic] == ["small"]
    assert [r.text for r in annotation.runs if r.bold] == ["weak"]


def test_markdown_keeps_the_annotation_formatting():
    markdown = render_document(document("apa"), "markdown")
    assert "> Compared with (Kahn & Lee, 2011), this *small* trial is **weak**" in markdown


def test_an_unknown_key_is_a_diagnostic_naming_file_line_entry_and_key(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, title={T}, year={2001},\n  annote={Unlike \\cite{nobody}, it works.}}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "--no-cache"])
    assert result.exit_code == 3
    assert f"{path}:1: a: warning: the annotation cites 'nobody'" in result.stderr
    assert "Unlike [@nobody], it works." in result.stdout  # printed as written, not silently dropped


def test_an_entry_left_out_by_a_selection_is_still_cited_in_apa():
    records = read_files([str(default_bibliography())]).records
    chosen = [r for r in records if r.id == "schwenk2018"]
    doc = build_document(chosen, "apa", cite_from=records)
    assert not doc.diagnostics.items
    [item] = json.loads(render_document(doc, "json"))
    assert "news report (Pain Medicine News, 2018)" in item["annotation"]
    assert 'href="#painmedicinenews2018"' not in item["annotation_html"]  # not in this list: no link


def test_a_list_with_citations_is_printed_without_the_engine_the_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    records = read_files([str(default_bibliography())]).records
    first = render_document(build_document(records, "apa", cache=True), "json")
    from annobib import render

    monkeypatch.setattr(render, "engine_for", lambda *a, **k: pytest.fail("engine used on a cached list"))
    assert render_document(build_document(records, "apa", cache=True), "json") == first


CRASHING = r"""
@book{bad2001, author={Beta, Cy}, title={Crash here}, publisher={Press}, year={2001}}
@book{good1999, author={Alpha, Bob}, title={A book}, publisher={Press}, year={1999},
  annote={Builds on [@bad2001].}}
"""


@pytest.mark.parametrize("cache", [False, True])
def test_an_annotation_citation_the_engine_fails_on_names_the_entry(tmp_path, monkeypatch, cache,
                                                                   cites_of_crash_here_fail):
    """The annotation prints citeproc-js's marker, and the diagnostics name the entry it cites,
    also when the citations come from the cache the second time."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for _run in range(2 if cache else 1):
        doc = document("apa", CRASHING, cache=cache)
        assert "CSL STYLE ERROR" in by_id(doc, "json")["good1999"]["annotation"]
        named = [d for d in doc.diagnostics if d.key == "bad2001" and d.severity == "error"]
        assert named and "the CSL engine failed on this entry" in named[0].message

"""Issue 15, what a writer sees in each format: Markdown, HTML, Word, and -o with a suffix annobib
does not write."""
from __future__ import annotations

import io
import re

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from annobib.cli import main
from annobib.document import Document, Entry, Group
from annobib.formats import render_document
from annobib.formats.markdown import html_to_markdown
from annobib.read import read_files, read_text
from annobib.record import Record
from annobib.render import build_document
from annobib.resources import default_bibliography


@pytest.fixture(scope="module")
def bundled():
    return read_files([str(default_bibliography())]).records


# --- Markdown ------------------------------------------------------------------------------

def test_markdown_super_and_subscripts_as_html_tags():
    assert html_to_markdown("H<sub>2</sub>O, 2<sup>nd</sup> <i>ed.</i>") == "H<sub>2</sub>O, 2<sup>nd</sup> *ed.*"


def test_markdown_links_and_bare_urls_are_autolinks_without_escapes():
    doi = '<a href="https://doi.org/10.1016/S0885-3924(01)00253-6">https://doi.org/10.1016/S0885-3924(01)00253-6</a>'
    assert html_to_markdown(f"Pain. {doi}") == "Pain. <https://doi.org/10.1016/S0885-3924(01)00253-6>"
    url = "https://cha.com/wp-content/uploads/2019/09/M3_Oral-Ketamine-Tip-Sheet.pdf"
    assert html_to_markdown(f"Retrieved from {url}") == f"Retrieved from <{url}>"
    assert html_to_markdown("x_y *z*") == r"x\_y \*z\*"  # text outside a URL is still escaped


def test_markdown_annotation_is_a_block_quote_and_headings_do_not_jump(bundled):
    with_title = render_document(build_document(bundled, "apa", group_by="type", title="Ketamine"), "markdown")
    levels = [len(m) for m in re.findall(r"^(#+) ", with_title, re.M)]
    assert levels[0] == 1 and set(levels[1:]) == {2}
    without = render_document(build_document(bundled, "apa", group_by="type"), "markdown")
    assert {len(m) for m in re.findall(r"^(#+) ", without, re.M)} == {1}
    blocks = without.split("\n\n")
    blonk = next(i for i, b in enumerate(blocks) if b.startswith("Blonk"))
    assert blocks[blonk + 1].startswith("> Narrative review of 22 publications")
    assert "<https://doi.org/10.1016/j.ejpain.2009.09.005>" in blocks[blonk]


# --- HTML ----------------------------------------------------------------------------------

def test_html_ids_are_unique_under_group_by_tag(bundled):
    for standalone in (False, True):
        html = render_document(build_document(bundled, "apa", group_by="tag", standalone=standalone), "html")
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), standalone
        assert "blonk2010" in ids


def test_html_data_tags_keep_tags_with_spaces(bundled):
    html = render_document(build_document(bundled, "apa"), "html")
    tags = re.search(r'data-key="mitchell2001" data-tags="([^"]*)"', html).group(1)
    assert tags.split("; ") == ["case report", "subcutaneous", "intravenous", "neuropathic pain", "allodynia",
                                "safety"]


def test_html_footer_names_the_style_by_its_title_and_title_without_annotations(bundled):
    page = render_document(build_document(bundled, "apa", standalone=True), "html")
    assert "in the style APA Style 7th edition, made with annobib" in page
    assert "<title>Annotated bibliography</title>" in page
    bare = render_document(build_document(bundled, "vancouver", standalone=True, annotations=False), "html")
    assert "Annotated" not in bare and "<title>References</title>" in bare
    assert "in the style NLM/Vancouver: Citing Medicine 2nd edition (citation-sequence)" in bare


# --- Word ----------------------------------------------------------------------------------

def _word(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_word_core_properties_carry_no_made_up_author_or_date(bundled):
    properties = _word(render_document(build_document(bundled, "apa"), "docx")).core_properties
    assert properties.author == "" and properties.last_modified_by == ""
    assert properties.created is None and properties.modified is None
    assert properties.comments == "Style: APA Style 7th edition"


def test_word_apa_paper_preset(bundled):
    document = build_document(bundled, "apa")
    document.extra["docx_preset"] = "apa-paper"
    word = _word(render_document(document, "docx"))
    first = word.paragraphs[0]
    assert first.text == "Annotated Bibliography" and first.style.name == "Heading 1"
    heading = word.styles["Heading 1"]
    assert heading.font.bold and heading.paragraph_format.alignment == 1  # centred
    assert word.styles["Normal"].paragraph_format.line_spacing == 2.0
    used = [word.styles.element.find(qn("w:docDefaults"))] + [
        word.styles[name].element for name in ("Normal", "Heading 1", "Heading 2")]
    fonts = [f for element in used for f in element.iter(qn("w:rFonts"))]
    assert {f.get(qn("w:ascii")) for f in fonts} == {"Times New Roman"}  # one font throughout
    assert not any(f.get(qn("w:asciiTheme")) for f in fonts)  # no theme font to override it
    header = word.sections[0].header._element
    assert [f.get(qn("w:instr")) for f in header.iter(qn("w:fldSimple"))] == ["PAGE"]
    document = build_document(bundled, "apa", annotations=False)
    document.extra["docx_preset"] = "apa-paper"
    assert _word(render_document(document, "docx")).paragraphs[0].text == "References"


def test_word_reading_list_keeps_todays_look(bundled):
    word = _word(render_document(build_document(bundled, "apa", title="Reading"), "docx"))
    assert word.paragraphs[0].style.name == "Title"
    assert word.styles["Normal"].paragraph_format.line_spacing == 1.0
    assert not list(word.sections[0].header._element.iter(qn("w:fldSimple")))


def test_word_links_are_hyperlinks():
    record = Record({"id": "a", "type": "webpage", "title": "T"}, tags=[])
    markup = 'T. <a href="https://doi.org/10.1/x_y">https://doi.org/10.1/x_y</a> and https://example.org/p'
    word = _word(render_document(Document([Group(None, [Entry(record, markup, "T.")])]), "docx"))
    paragraph = word.paragraphs[0]
    targets = [h.address for h in paragraph.hyperlinks]
    assert targets == ["https://doi.org/10.1/x_y", "https://example.org/p"]
    assert paragraph.text == "T. https://doi.org/10.1/x_y and https://example.org/p"


def test_cli_docx_preset(tmp_path):
    out = tmp_path / "refs.docx"
    result = CliRunner().invoke(main, ["render", "--docx-preset", "apa-paper", "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert docx.Document(str(out)).paragraphs[0].text == "Annotated Bibliography"
    result = CliRunner().invoke(main, ["render", "--docx-preset", "apa-paper", "--format", "text"])
    assert result.exit_code == 2


# --- output file names ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["list.pdf", "list.odt", "list.rtf", "list.tex"])
def test_an_output_suffix_annobib_does_not_write_is_a_usage_error(tmp_path, name):
    result = CliRunner().invoke(main, ["render", "-o", str(tmp_path / name)])
    assert result.exit_code == 2
    assert not (tmp_path / name).exists()
    message = " ".join(result.stderr.split())
    assert ".docx" in message and ".md" in message and ".html" in message and "PDF" in message


def test_json_has_the_annotation_html():
    records = read_text("@book{a, title={T}, annote={A \\textit{fine} read.}}", "t.bib").records
    import json

    [item] = json.loads(render_document(build_document(records, "apa"), "json"))
    assert item["annotation"] == "A fine read." and item["annotation_html"] == "<p>A <i>fine</i> read.</p>"

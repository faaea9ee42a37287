"""The Word format, read back with python-docx."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Inches

from annobib.cli import main
from annobib.document import Document, Entry, Group
from annobib.formats.docx import RunFormat, html_runs, render
from annobib.read import read_files
from annobib.record import Record
from annobib.render import build_document
from annobib.resources import default_bibliography


def read_back(data: bytes):
    return docx.Document(io.BytesIO(data))


def record(key, annotation=None):
    return Record(csl={"id": key, "type": "book", "title": key}, annotation=annotation, tags=[])


def test_html_runs_follow_nested_formatting():
    runs = html_runs('Smith. <i>A <b>bold</b> title</i>, 2<sup>nd</sup> ed. '
                     '<span style="font-variant:small-caps;">Caps</span> &amp; <i>x<span '
                     'style="font-style:normal">roman</span></i>')
    assert runs == [
        ("Smith. ", RunFormat()),
        ("A ", RunFormat(italic=True)),
        ("bold", RunFormat(italic=True, bold=True)),
        (" title", RunFormat(italic=True)),
        (", 2", RunFormat()),
        ("nd", RunFormat(superscript=True)),
        (" ed. ", RunFormat()),
        ("Caps", RunFormat(small_caps=True)),
        (" & ", RunFormat()),
        ("x", RunFormat(italic=True)),
        ("roman", RunFormat()),
    ]


def test_layout_title_headings_references_and_annotations():
    document = Document(
        groups=[
            Group("Books", [Entry(record("a", "First paragraph.\n\nSecond  paragraph."),
                                  "Author. <i>Title A</i>. Press.", "Author. Title A. Press.")]),
            Group("Web pages", [Entry(record("b"), "Site. Page B.", "Site. Page B.")]),
        ],
        title="Reading list",
    )
    word = read_back(render(document))
    rows = [(p.style.name, p.text) for p in word.paragraphs]
    assert rows == [
        ("Title", "Reading list"),
        ("Heading 1", "Books"),
        ("Normal", "Author. Title A. Press."),
        ("Normal", "First paragraph."),
        ("Normal", "Second paragraph."),
        ("Heading 1", "Web pages"),
        ("Normal", "Site. Page B."),
    ]
    reference, first, second = word.paragraphs[2:5]
    assert reference.paragraph_format.left_indent == Inches(0.5)
    assert reference.paragraph_format.first_line_indent == -Inches(0.5)
    for annotation in (first, second):
        assert annotation.paragraph_format.left_indent == Inches(0.5)
        assert not annotation.paragraph_format.first_line_indent
    assert [(run.text, bool(run.italic)) for run in reference.runs] == [
        ("Author. ", False), ("Title A", True), (". Press.", False)]
    assert word.core_properties.title == "Reading list"


def test_no_annotations_leaves_them_out():
    document = Document(groups=[Group(None, [Entry(record("a", "Note."), "Ref.", "Ref.")])], annotations=False)
    assert [p.text for p in read_back(render(document)).paragraphs] == ["Ref."]


@pytest.fixture(scope="module")
def bundled():
    return read_files([str(default_bibliography())]).records


def test_bundled_apa_italics_are_where_the_style_puts_them(bundled):
    document = build_document(bundled, "apa", group_by="type", title="Ketamine")
    word = read_back(render(document))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Journal articles", "Web pages"]
    references = [p for p in word.paragraphs if p.paragraph_format.first_line_indent == -Inches(0.5)]
    assert len(references) == len(bundled)
    blonk = next(p for p in references if p.text.startswith("Blonk"))
    italic = [run.text for run in blonk.runs if run.italic]
    assert italic == ["European Journal of Pain", "14"]  # journal and volume, as APA sets them
    assert blonk.text == next(e.text for e in document.entries() if e.id == "blonk2010")
    annotations = [p for p in word.paragraphs
                   if p.paragraph_format.left_indent == Inches(0.5) and not p.paragraph_format.first_line_indent]
    assert len(annotations) == sum(1 for r in bundled if r.annotation)


def test_output_is_deterministic(bundled):
    document = build_document(bundled, "vancouver")
    data = render(document)
    assert data == render(document)
    # Nothing in the package records the time of writing.
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(2000, 1, 1, 0, 0, 0)}
    properties = read_back(data).core_properties
    # No date annobib would have to make up (issue 15): neither created nor modified is set.
    assert properties.created is None and properties.modified is None


def test_cli_writes_a_docx_file(tmp_path):
    out = tmp_path / "list.docx"
    result = CliRunner().invoke(main, ["render", "--group-by", "type", "-s", "vancouver", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    word = docx.Document(str(out))
    assert word.paragraphs[0].style.name == "Heading 1"
    numbered = [p.text for p in word.paragraphs if p.text[:1].isdigit()]
    assert len(numbered) == 11 and any(text.startswith("1.") for text in numbered)

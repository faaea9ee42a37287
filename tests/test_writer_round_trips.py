"""Issue 15, done when: files of the kinds writers keep go through render and every export with
nothing lost — a Zotero BibTeX export with several notes per item, a JabRef file with "and" in
publishers, and a file with \\emph in its annotations."""
from __future__ import annotations

import io
import json

import docx
import pytest

from annobib.export import export_records
from annobib.formats import render_document
from annobib.read import read_text
from annobib.render import build_document

# As Zotero's BibTeX export writes it: tabs, lower-case types, one annote per child note.
ZOTERO = """
@article{blonk_use_2010,
\ttitle = {Use of oral ketamine in chronic pain management: a review},
\tvolume = {14},
\tdoi = {10.1016/j.ejpain.2009.09.005},
\tnumber = {5},
\tjournal = {European Journal of Pain},
\tauthor = {Blonk, Maren I. and K{\\"o}der, Brigitte G. and van den Bemt, Patricia M. L. A. and Huygen, Frank J. P. M.},
\tmonth = may,
\tyear = {2010},
\tkeywords = {oral, review},
\tpages = {466--472},
\tannote = {Narrative review of 22 publications on oral ketamine.},
\tannote = {Second note: a starting dose of 0.5 mg/kg racemic ketamine.},
\tannote = {Third note, with 50\\% of the text \\& more.},
}
"""

# As JabRef writes a BibTeX-mode library: capitalised types, its metadata comment.
JABREF = """% Encoding: UTF-8

@Book{Franzen2010,
  author    = {Jonathan Franzen},
  title     = {Freedom},
  year      = {2010},
  publisher = {Farrar, Straus and Giroux},
  address   = {New York},
}

@TechReport{Example2020,
  author      = {{Centers for Disease Control and Prevention}},
  title       = {Example Report on Something},
  institution = {Centers for Disease Control and Prevention},
  year        = {2020},
}

@Book{Example2019,
  author    = {Doe, Jane},
  title     = {An Example},
  publisher = {Simon and Schuster},
  year      = {2019},
}

@Comment{jabref-meta: databaseType:bibtex;}
"""

EMPH = r"""
@article{first, author = {Kahn, Anna}, title = {Oral Dosing of \emph{Ketamine}}, journal = {Pain},
  year = {2011}, volume = {1}, pages = {1--2},
  annote = {An \emph{open} trial with \textbf{twelve} patients and H\textsubscript{2}O.

  A second paragraph that cites \cite{second} and \textit{Homo sapiens}.}}
@article{second, author = {Zeta, Carl}, title = {Later Work}, journal = {Pain}, year = {2020}, volume = {2},
  pages = {3--4}, annote = {Compare [@first, p. 2] with {\em this} one.}}
"""

CASES = {"zotero": ("zotero.bib", ZOTERO), "jabref": ("library.bib", JABREF), "emph": ("annotated.bib", EMPH)}


def records_of(case: str):
    name, text = CASES[case]
    result = read_text(text, name)
    assert not result.diagnostics.has_errors
    return result


def view(record) -> tuple:
    return record.csl, record.annotation, record.tags


def test_zotero_notes_are_all_kept():
    [record] = records_of("zotero").records
    assert record.annotation == ("Narrative review of 22 publications on oral ketamine.\n\n"
                                 "Second note: a starting dose of 0.5 mg/kg racemic ketamine.\n\n"
                                 "Third note, with 50% of the text & more.")
    assert record.csl["author"][2]["non-dropping-particle"] == "van den"


def test_jabref_publishers_are_whole():
    records = {r.id: r for r in records_of("jabref").records}
    assert records["Franzen2010"].csl["publisher"] == "Farrar, Straus and Giroux"
    assert records["Example2020"].csl["publisher"] == "Centers for Disease Control and Prevention"
    assert records["Example2019"].csl["publisher"] == "Simon and Schuster"


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "biblatex"])
def test_export_and_read_back_loses_nothing(case, fmt):
    records = records_of(case).records
    text, diagnostics = export_records(records, fmt)
    assert not diagnostics.items, [d.format() for d in diagnostics]
    if case == "emph":  # the formatting and the citation are in the file, not only read back alike
        assert ("<i>open</i>" in text and "[@second]" in text) if fmt == "csl-json" else \
            (r"\textit{open}" in text and r"\cite{second}" in text)
    back = read_text(text, "back" + (".json" if fmt == "csl-json" else ".bib")).records
    assert [view(r) for r in back] == [view(r) for r in records]


@pytest.mark.parametrize("case", list(CASES))
def test_ris_keeps_the_text_and_says_what_formatting_it_cannot_hold(case):
    records = records_of(case).records
    text, diagnostics = export_records(records, "ris")
    back = read_text(text, "back.ris").records
    assert [r.annotation_text for r in back] == [r.annotation_text for r in records]
    formatted = {r.id for r in records if r.annotation != r.annotation_text}
    assert {d.key for d in diagnostics if d.rule == "export-formatting"} == formatted
    assert [r.csl.get("publisher") for r in back] == [r.csl.get("publisher") for r in records]


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_render_in_every_format_loses_nothing(case, style):
    records = records_of(case).records
    document = build_document(records, style)
    assert not document.diagnostics.items
    items = {item["id"]: item for item in json.loads(render_document(document, "json"))}
    text = render_document(document, "text")
    markdown = render_document(document, "markdown")
    html = render_document(document, "html")
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(render_document(document, "docx"))).paragraphs)
    for record in records:
        item = items[record.id]
        for paragraph in (item["annotation"] or "").split("\n\n") if record.annotation else []:
            assert paragraph in word and " ".join(paragraph.split()) in " ".join(text.split()), paragraph
            assert item["annotation"].count("\n\n") == record.annotation.count("\n\n")
        publisher = record.csl.get("publisher")
        if publisher:
            assert publisher in item["text"] and publisher in text and publisher in word
    if case == "emph":
        assert "An <i>open</i> trial with <b>twelve</b> patients and H<sub>2</sub>O." in html
        assert "An *open* trial with **twelve** patients and H<sub>2</sub>O." in markdown
        assert "<i>Homo sapiens</i>" in items["first"]["annotation_html"]
        cite = "(Zeta, 2020)" if style == "apa" else "(2)"
        assert f"cites {cite} and Homo sapiens." in items["first"]["annotation"]

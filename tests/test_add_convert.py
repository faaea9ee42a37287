"""Registry values to CSL: titles kept as given but protected, markup, pages, journal names, names."""
from __future__ import annotations

import pytest
from lxml import etree

from annobib.export.bibtex import entry
from annobib.record import Record
from annobib.sources.convert import dotted_initials, expand_pages, full_name, journal_name, rich_title

NOCASE = '<span class="nocase">{}</span>'


@pytest.mark.parametrize("given, expected", [
    ("Proton MRI of (13)C distribution.", f"Proton {NOCASE.format('MRI')} of (13)C distribution"),
    ("from the OGLE-III Transit Surveys", f"from the {NOCASE.format('OGLE-III')} Transit Surveys"),
    ("mRNA in PLoS and iPhone users", f"{NOCASE.format('mRNA')} in {NOCASE.format('PLoS')} and "
                                      f"{NOCASE.format('iPhone')} users"),
    ("flavocytochrome C552. A mechanism", f"flavocytochrome {NOCASE.format('C552')}. A mechanism"),
    ("A Title In Title Case", "A Title In Title Case"),  # as the registry gives it: no recasing
    ("Ends with an ellipsis...", "Ends with an ellipsis..."),
    ("Back to the Old Days?", "Back to the Old Days?"),
    ("the <i>TERT</i> gene region.", f"the <i>{NOCASE.format('TERT')}</i> gene region"),
    ("<jats:italic>E. coli</jats:italic> &amp; H<sub>2</sub>O", "<i>E. coli</i> & H<sub>2</sub>O"),
    ('A "<i>Blood Relationship"</i> Between', 'A "<i>Blood Relationship</i>" Between'),
    ("Cells <scp>in vivo</scp>", 'Cells <span style="font-variant:small-caps;">in vivo</span>'),
])
def test_titles(given, expected):
    assert rich_title(given) == expected


def test_titles_from_pubmed_xml_and_unprotected_names():
    element = etree.fromstring("<ArticleTitle>Role of <i>BRCA1</i> in DNA repair.</ArticleTitle>")
    assert rich_title(element) == f"Role of <i>{NOCASE.format('BRCA1')}</i> in {NOCASE.format('DNA')} repair"
    assert rich_title("PLoS ONE", protect=False) == "PLoS ONE"


def test_protected_words_are_braced_and_specials_escaped_in_the_entry():
    record = Record({"id": "k", "type": "article-journal", "title": rich_title("MRI & 50% of <i>E. coli</i>_x"),
                     "author": [{"literal": "World Health Organization"}]})
    text, _ = entry(record)
    assert "title  = {{MRI} \\& 50\\% of \\textit{E. coli}\\_x}" in text
    from annobib.read import read_text

    (back,) = read_text(text + "\n", "k.bib").records
    assert back.csl["author"] == [{"literal": "World Health Organization"}]  # braced: one name, never split
    assert back.csl["title"] == rich_title("MRI & 50% of <i>E. coli</i>_x")


@pytest.mark.parametrize("given, expected", [
    ("244-55", "244-255"), ("117-23", "117-123"), ("1116-1122", "1116-1122"), ("e33693", "e33693"),
    ("99-101", "99-101"), ("1034", "1034"), ("S10-5", "S10-5"), ("1505-17", "1505-1517"),
])
def test_medline_page_ranges_written_out(given, expected):
    assert expand_pages(given) == expected


@pytest.mark.parametrize("given, expected", [
    ("Journal of magnetic resonance (San Diego, Calif. : 1997)", "Journal of Magnetic Resonance"),
    ("Biochimica et biophysica acta", "Biochimica et Biophysica Acta"),
    ("Social justice (San Francisco, Calif.)", "Social Justice"),
    ("BMJ (Clinical research ed.)", "BMJ"),
    ("The Lancet. Oncology", "The Lancet. Oncology"),
    ("Gut", "Gut"),
])
def test_nlm_journal_names_as_printed(given, expected):
    assert journal_name(given) == expected


def test_names():
    assert dotted_initials("J Michael") == "J. Michael"
    assert dotted_initials("Catherine C") == "Catherine C."
    assert dotted_initials("AR") == "A. R."
    assert dotted_initials("Brooks B.") == "Brooks B."
    assert full_name("Peter H. N. de With") == {"given": "Peter H. N.", "non-dropping-particle": "de",
                                                "family": "With"}
    assert full_name("Isaac Asimov") == {"given": "Isaac", "family": "Asimov"}


def test_engine_prints_a_quote_closed_inside_italics_as_citeproc_js_does():
    """rich_title moves PubMed's crossed quote out of the italics (test_titles above). When such a
    title reaches the engine from elsewhere, citeproc-js (Zotero) does not read the tags as markup
    and prints them as text; the engine does the same (output of render_js.js with apa.csl)."""
    from annobib.render import engine_for

    item = {"id": "x", "type": "article-journal", "title": "A <i>Blood\u201d</i> Between",
            "author": [{"family": "X", "given": "Y"}], "issued": {"date-parts": [[2000]]}}
    (entry_html,) = [e.html for e in engine_for("apa").render_bibliography([item])]
    assert entry_html == "X, Y. (2000). <i>A &lt;i&gt;Blood\u201d&lt;/i&gt; Between</i>."

"""Reading RIS from other programs: tags read as Zotero's RIS translator reads them."""
from __future__ import annotations

from annobib.read import read_text

# The first record ends with the spec's "ER  - " (its space written \x20), the second without the space.
ENDNOTE = """TY  - JOUR
AU  - Persson, J.
AU  - van den Bemt, Patricia M. L. A.
AU  - World Health Organization
TI  - Beneficial effects of ketamine
T2  - Pain
J2  - Pain
PY  - 1995
DA  - 1995/02/14/
VL  - 60
IS  - 2
SP  - 217
EP  - 222
SN  - 0304-3959
DO  - https://doi.org/10.1016/0304-3959(94)00139-6
UR  - https://example.org/a
UR  - https://example.org/b
Y2  - 2025-05-04
KW  - case report; allodynia
KW  - ketamine
N1  - First note, written on
two lines.

Second paragraph.
N1  - Another note.
M2  - PMID: 7784107
ZZ  - something unknown
ER  -\x20

TY - BOOK
AU - Kant, Immanuel
TI - Kritik
SP - 350
SN - 978-3-7873-1319-2
ER  -
"""


def _read(text):
    result = read_text(text, "library.ris")
    return result, {r.id: r for r in result.records}


def test_endnote_style_references():
    result, records = _read(ENDNOTE)
    assert result.entries_in_input == 2 and len(records) == 2
    article, book = result.records
    csl = article.csl
    assert csl["type"] == "article-journal" and csl["title"] == "Beneficial effects of ketamine"
    assert csl["author"] == [
        {"family": "Persson", "given": "J."},
        {"family": "Bemt", "given": "Patricia M. L. A.", "non-dropping-particle": "van den"},
        {"literal": "World Health Organization"},
    ]
    assert csl["container-title"] == "Pain" and csl["container-title-short"] == "Pain"
    assert csl["issued"] == {"date-parts": [[1995, 2, 14]]} and csl["accessed"] == {"date-parts": [[2025, 5, 4]]}
    assert (csl["volume"], csl["issue"], csl["page"], csl["ISSN"]) == ("60", "2", "217-222", "0304-3959")
    assert csl["DOI"] == "10.1016/0304-3959(94)00139-6" and csl["URL"] == "https://example.org/a"
    assert csl["PMID"] == "7784107"
    assert article.tags == ["case report", "allodynia", "ketamine"]
    assert article.annotation == "First note, written on two lines.\n\nSecond paragraph.\n\nAnother note."
    assert any("ZZ" in d.message for d in result.diagnostics)  # dropped tags are named
    assert book.csl["type"] == "book" and book.csl["number-of-pages"] == "350"
    assert book.csl["ISBN"] == "978-3-7873-1319-2"
    assert article.id == "persson1995" and book.id == "kant"


def test_missing_er_and_not_ris_are_diagnostics_not_tracebacks():
    result, records = _read("TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Cut off\n")
    assert list(records) == ["item"] and result.entries_in_input == 2
    assert any(d.severity.value == "error" and d.line == 4 for d in result.diagnostics)
    result, _ = _read("this is not RIS at all\n")
    assert result.diagnostics.has_errors and not result.records


def test_unknown_type_and_ids_made_unique():
    result, _ = _read("TY  - WHATEVER\nAU  - Smith, A.\nPY  - 2000\nTI  - A\nER  - \n"
                      "TY  - JOUR\nAU  - Smith, B.\nPY  - 2000\nTI  - B\nER  - \n")
    assert [r.id for r in result.records] == ["smith2000", "smith2000a"]
    assert result.records[0].csl["type"] == "document"
    assert any(d.rule == "unknown-type" for d in result.diagnostics)


def test_crlf_and_corporate_comma_stand_in():
    text = "TY  - RPRT\r\nAU  - University of X\u201a Dept. of Y\r\nTI  - R\r\nSN  - TR-17\r\nER  - \r\n"
    record = read_text(text, "r.ris").records[0]
    assert record.csl["author"] == [{"literal": "University of X, Dept. of Y"}]
    assert record.csl["number"] == "TR-17"

"""The citation-label variable as citeproc-js makes it (engine/citation_label.py); expected values
from the CSL test suite (magic_CitationLabelInCitation, magic_CitationLabelInBibliography)."""
from __future__ import annotations

from tests.inline_style import cite, style


def book(key: str, families: list[str], year: int | None, **fields) -> dict:
    item = {"id": key, "type": "book", "title": "Book A", **fields,
            "author": [{"family": family, "given": "J"} for family in families]}
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    return item


def test_the_trigraph_of_one_two_three_and_four_names_with_year_suffixes():
    csl = style('<text variable="citation-label"/>', layout=' delimiter=", "', cls="in-text",
                citation_options=' disambiguate-add-year-suffix="true"')
    csl = csl.replace(b"<layout", b'<sort><key variable="citation-label"/></sort><layout', 1)
    items = [book("a", ["Roe", "Noakes"], 1978), book("b", ["Doe"], 1965), book("c", ["Roe", "Noakes"], 1978),
             book("d", ["Smith", "Jones", "Brown"], 1999), book("e", ["van Dyke", "Ba", "Ca", "Da", "Ea"], None)]
    assert cite(csl, items) == "DBCD00, Doe65, RoNo78a, RoNo78b, SmJB99"  # citeproc-js, node run


def test_a_label_in_the_data_is_used_as_it_is():
    csl = style('<text variable="citation-label"/>')
    assert cite(csl, [book("a", ["Doe"], 1965, **{"citation-label": "Doe-Own"})]) == "Doe-Own"

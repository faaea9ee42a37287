"""URLs and DOIs as links (engine/links.py), as Zotero prints them: expected values are
citeproc-js's output with ``development_extensions.wrap_url_and_doi`` set."""
from __future__ import annotations

import pytest

from annobib.engine import Engine
from annobib.render import engine_for
from annobib.styles import resolve_style


def article(key: str, **fields) -> dict:
    return {"id": key, "type": "article-journal", "title": "One", "author": [{"family": "Doe", "given": "J"}],
            "issued": {"date-parts": [[2020]]}, "container-title": "J", **fields}


@pytest.mark.parametrize("doi, link", [
    ("10.1000/xyz_1", '<a href="https://doi.org/10.1000/xyz_1">https://doi.org/10.1000/xyz_1</a>'),
    # a DOI typed with the resolver is not doubled; another address is kept
    ("https://doi.org/10.1000/abc", '<a href="https://doi.org/10.1000/abc">https://doi.org/10.1000/abc</a>'),
    ("http://dx.doi.org/10.1000/def", '<a href="http://dx.doi.org/10.1000/def">http://dx.doi.org/10.1000/def</a>'),
])
def test_apa_pulls_the_resolver_prefix_into_the_doi_link(doi, link):
    [entry] = Engine(resolve_style("apa"), links=True).render_bibliography([article("a", DOI=doi)])
    assert entry.html == f"Doe, J. (2020). One. <i>J</i>. {link}"
    assert entry.text.endswith(link.split(">")[1].split("<")[0])


def test_vancouver_keeps_its_doi_label_outside_the_link():
    [entry] = Engine(resolve_style("vancouver"), links=True).render_bibliography([article("a", DOI="10.1000/xyz_1")])
    assert entry.html.endswith('doi:<a href="https://doi.org/10.1000/xyz_1">10.1000/xyz_1</a>')


def test_a_url_is_its_own_address_and_one_without_a_scheme_goes_to_the_resolver():
    items = [{"id": "u1", "type": "webpage", "title": "Four", "author": [{"family": "Roe", "given": "M"}],
              "issued": {"date-parts": [[2021]]}, "URL": "https://example.org/a_b?x=1&y=2"},
             {"id": "u2", "type": "webpage", "title": "Five", "author": [{"family": "Roe", "given": "N"}],
              "issued": {"date-parts": [[2021]]}, "URL": "www.example.org/page"}]
    entries = Engine(resolve_style("apa"), links=True).render_bibliography(items)
    assert [e.html for e in entries] == [
        'Roe, M. (2021). <i>Four</i>. <a href="https://example.org/a_b?x=1&amp;y=2">'
        "https://example.org/a_b?x=1&amp;y=2</a>",
        'Roe, N. (2021). <i>Five</i>. <a href="https://doi.org/www.example.org/page">www.example.org/page</a>']


def test_plain_citeproc_js_mode_prints_no_links_and_annobib_prints_them():
    item = article("a", DOI="10.1000/xyz_1")
    [plain] = Engine(resolve_style("apa")).render_bibliography([item])
    assert plain.html.endswith("<i>J</i>. https://doi.org/10.1000/xyz_1")
    [linked] = engine_for("apa").render_bibliography([item])
    assert "<a href=" in linked.html and linked.text == plain.text

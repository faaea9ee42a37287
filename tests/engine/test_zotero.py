"""Zotero's uppercase_subtitles (engine/zotero.py): expected values are citeproc-js's output with
uppercase_subtitles set, as Zotero sets it for the APA family (checked with scripts/zotero_js.js)."""
from __future__ import annotations

import pytest
from tests.engine.cases import style

from annobib.engine import Engine
from annobib.styles import resolve_style

TITLES = [
    ("Anxiety management: a review", "Anxiety management: A review"),
    ("Why? a study of x", "Why? A study of x"),
    ("U.S. army: a history", "U.S. army: A history"),
    ("one: two: three", "One: Two: Three"),
    ("lower title", "Lower title"),
    ("Foo - bar", "Foo—Bar"),
    ("A study. the second part", "A study. The second part"),
    ("Dr. who: the book", "Dr. Who: The book"),
    ("x — y", "x—Y"),
    ('Foo: <span class="nocase">iPhone</span> use', "Foo: iPhone use"),
]


def apa_title(title: str, zotero: bool = True, **item) -> str:
    data = {"id": "a", "type": "book", "title": title, "author": [{"family": "A", "given": "B"}],
            "issued": {"date-parts": [[2000]]}, **item}
    return Engine(resolve_style("apa"), zotero=zotero).render_bibliography([data])[0].text


@pytest.mark.parametrize("title, expected", TITLES)
def test_apa_capitalises_subtitles_as_zotero_does(title, expected):
    assert apa_title(title) == f"A, B. (2000). {expected}."


def test_plain_citeproc_js_mode_leaves_the_title_alone():
    assert apa_title("Anxiety management: a review", zotero=False) == "A, B. (2000). Anxiety management: a review."


def test_the_short_title_tells_where_the_subtitle_starts():
    assert apa_title("Main part: sub part: more", **{"title-short": "Main part: sub part"}) == \
        "A, B. (2000). Main part: sub part: More."


def test_a_container_title_capitalises_every_part():
    item = {"id": "c", "type": "chapter", "title": "chapter: a part", "container-title": "the book: a subtitle",
            "author": [{"family": "Z", "given": "B"}], "issued": {"date-parts": [[2000]]}}
    assert Engine(resolve_style("apa")).render_bibliography([item])[0].text == \
        "Z, B. (2000). chapter: A part. In The book: A subtitle."


def test_only_the_apa_family_by_style_id():
    title = '<text variable="title"/>'
    items = [{"id": "a", "type": "book", "title": "one: two"}]  # one mark: only the subtitle
    for style_id, capitalised in (("http://www.zotero.org/styles/apa-6th-edition", True),
                                  ("http://www.zotero.org/styles/academy-of-management-review", True),
                                  ("http://www.zotero.org/styles/freshwater-science", True),
                                  ("http://www.zotero.org/styles/apalike", False),
                                  ("http://www.zotero.org/styles/modern-language-association", False)):
        csl = style(title).replace(b"<id/>", f"<id>{style_id}</id>".encode())
        assert Engine(csl).render_citations(items, [["a"]])[0] == ("one: Two" if capitalised else "one: two")


# citeproc-js 2.4.63 with Zotero's settings (scripts/zotero_js.js), APA, text
SUBTITLE_CASES = [
    ('<span class="nocase">foo: bar baz</span>', "foo: Bar baz"),  # a span around the whole title
    ('foo: <span class="nocase">bar</span> baz', "foo: bar baz"),  # a span that begins with the word
    ("foo: bar baz", "foo: Bar baz"),
    ('<span class="nocase">foo</span>: bar', "foo: Bar"),
    ('<span class="nocase">: a ref</span>', ": A ref"),
    ("spp. and other", "spp. And other"),
    ("Extra! Extra! becomes", "Extra! Extra! Becomes"),
    ('<span class="nocase">LuaTeX</span>: merging', "LuaTeX: Merging"),  # markup after the capital: cut
    # no mark cuts after a capital letter (citeproc-js's TITLE_SPLIT; 10,000-entry library)
    ('<span class="nocase">Lucida and TeX: lessons of logic and history</span>',
     "Lucida and TeX: lessons of logic and history"),
    ("Lucida and TeX: lessons", "Lucida and TeX: lessons"),
    ("LIBERTY - Modeling the effects", "LIBERTY - Modeling the effects"),
    ('<span class="nocase">GEIGER: investigating evolutionary radiations</span>',
     "GEIGER: investigating evolutionary radiations"),
    ('<span class="nocase">Liberty - Modeling</span>', "Liberty—Modeling"),
    ('<span class="nocase">Lucida: lessons</span>', "Lucida: Lessons"),
    # a word ends where markup begins: citeproc-js's case engine works between tags
    ('l3build<span class="nocase">A modern Lua test suite</span>', "L3buildA modern Lua test suite"),
    ("ab<i>Cd</i> ef", "AbCd ef"),
    ("foo: ab<b>Cd</b> ef", "foo: AbCd ef"),
    ("abC<i>d</i> ef", "abCd ef"),
    ("Periandra Mart . ex Benth . (Leg)", "Periandra Mart. Ex Benth. (Leg)"),
    ('<span class="nocase">TeX&Co.</span> on the <span class="nocase">ST</span>, part 2',
     "TeX&Co. on the ST, part 2"),  # a mark that leaves a nocase span does not cut
    ("k-Tuple total domination", "K-Tuple total domination"),  # the word ends at the hyphen
    ('r-<span class="nocase">D</span>ominating cliques', "R-Dominating cliques"),
    ('<span class="nocase">Mixed documents:</span> <i>ḍād</i>', "Mixed documents: ḍād"),
    ('compatibles <span class="nocase">PC</span> : les deux', "compatibles PC: Les deux"),
    ("The U.S. army: a history", "The U.S. army: A history"),
]


@pytest.mark.parametrize("title,printed", SUBTITLE_CASES)
def test_subtitles_capitalised_as_zotero_prints_them(title, printed):
    from annobib.render import engine_for

    item = {"id": "t", "type": "article-journal", "title": title, "container-title": "J",
            "author": [{"family": "A", "given": "B"}], "issued": {"date-parts": [[2000]]}}
    (entry,) = engine_for("apa").render_bibliography([item])
    assert entry.text == f"A, B. (2000). {printed}. J."

"""The engine's HTML as pandoc inlines, and how clusters are planned for the engine."""
from __future__ import annotations

import panflute as pf

from annobib.pandoc.citing import NARRATIVE, SUPPRESS_AUTHOR, CitationRenderer, Cite, Cluster, first_cited, plan
from annobib.pandoc.inlines import Placeholders, html_to_inlines, prefix_text, text_inlines
from annobib.pandoc.locator import Locator
from annobib.pandoc.style_facts import style_facts
from annobib.styles import resolve_style


def _shape(inlines) -> list:
    """Element names and texts, nested: easy to compare."""
    out = []
    for inline in inlines:
        if isinstance(inline, pf.Str):
            out.append(inline.text)
        elif isinstance(inline, pf.Space):
            out.append(" ")
        elif isinstance(inline, pf.Link):
            out.append(("Link", inline.url, _shape(inline.content)))
        elif isinstance(inline, pf.Span):
            out.append(("Span", inline.classes, _shape(inline.content)))
        else:
            out.append((type(inline).__name__, _shape(inline.content)))
    return out


def test_formatting_becomes_pandocs_own_elements():
    html = ('A <i>Journal</i>, <b>7</b>(2), x<sup>2</sup> H<sub>2</sub>O '
            '<span style="font-variant:small-caps;">Smith</span> '
            '<a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>')
    assert _shape(html_to_inlines(html)) == [
        "A", " ", ("Emph", ["Journal"]), ",", " ", ("Strong", ["7"]), "(2),", " ", "x", ("Superscript", ["2"]),
        " ", "H", ("Subscript", ["2"]), "O", " ", ("SmallCaps", ["Smith"]), " ",
        ("Link", "https://doi.org/10.1/x", ["https://doi.org/10.1/x"])]


def test_entities_no_break_spaces_and_flip_flops():
    html = 'Smith &amp; Jones, p.\xa03 <i>A <span style="font-style:normal;">B</span></i>'
    assert _shape(html_to_inlines(html)) == [
        "Smith", " ", "&", " ", "Jones,", " ", "p.\xa03", " ",
        ("Emph", ["A", " ", ("Span", ["csl-no-emph"], ["B"])])]


def test_unclosed_and_stray_tags_do_not_lose_text():
    assert pf.stringify(pf.Para(*html_to_inlines("<i>open <b>both</i> end</b> done"))).strip() == "open both end done"


def test_placeholders_bring_back_the_writers_elements():
    placeholders = Placeholders()
    prefix = prefix_text([pf.Emph(pf.Str("see")), pf.Space(), pf.Str("also")], placeholders)
    assert prefix == "\ue0000\ue001 also "
    inlines = html_to_inlines(f"({prefix}Smith, 2000)", placeholders)
    assert _shape(inlines) == ["(", ("Emph", ["see"]), " ", "also", " ", "Smith,", " ", "2000)"]


def test_text_inlines():
    assert _shape(text_inlines("  two  words\n")) == ["two", " ", "words"]


# -- clusters for the engine ---------------------------------------------------------------

def test_narrative_is_author_only_then_the_cluster_with_the_author_suppressed():
    cite = Cite("a", NARRATIVE, prefix="see ", suffix=", more", locator=Locator("page", "3"))
    cluster = plan(Cluster([cite, Cite("b")]), {"a", "b"})
    assert cluster.author_parts == [[{"id": "a", "locator": "3", "label": "page", "prefix": "see ",
                                      "author-only": True}]]
    assert cluster.main_part == [{"id": "a", "locator": "3", "label": "page", "suffix": ", more",
                                  "suppress-author": True}, {"id": "b"}]


def test_unknown_keys_are_kept_apart():
    cluster = plan(Cluster([Cite("a", SUPPRESS_AUTHOR), Cite("zz")]), {"a"})
    assert cluster.main_part == [{"id": "a", "suppress-author": True}] and cluster.unknown == ["zz"]


def test_first_cited_order():
    clusters = [[Cite("c")], [Cite("a"), Cite("zz"), Cite("c")], [Cite("b")]]
    assert first_cited(clusters, {"a", "b", "c"}) == ["c", "a", "b"]


class _Engine:
    """Stands in for the engine where the test is about assembling its output."""

    def __init__(self, outputs):
        self.outputs = outputs
        self.calls = []
        self.citation_problems = {}

    def render_citations(self, items, clusters, fmt="html", *, store=None, jobs=1):
        self.calls.append(clusters)
        return self.outputs[:len(clusters)]


def test_an_author_part_that_prints_nothing_is_dropped_and_unknown_keys_go_inside_the_brackets():
    facts = style_facts(resolve_style("vancouver"))
    engine = _Engine(["[NO_PRINTED_FORM]", "(2)"])
    renderer = CitationRenderer(engine, facts, [{"id": "a"}])
    [html] = renderer.render([Cluster([Cite("a", NARRATIVE), Cite("zz")])])
    assert html == "(2,<b>zz?</b>)"
    assert engine.calls == [[[{"id": "a", "author-only": True}], [{"id": "a", "suppress-author": True}]]]


def test_links_wrap_each_cites_own_text():
    facts = style_facts(resolve_style("apa"))
    engine = _Engine(["(Niesters et al., 2014; Persson et al., 1995, p. 23)", "(Niesters et al., 2014)",
                      "(Persson et al., 1995, p. 23)"])
    renderer = CitationRenderer(engine, facts, [{"id": "n"}, {"id": "p"}])
    [html] = renderer.render([Cluster([Cite("n"), Cite("p", locator=Locator("page", "23"))])], link=True)
    assert html == ('(<a href="#ref-n">Niesters et al., 2014</a>; '
                    '<a href="#ref-p">Persson et al., 1995, p. 23</a>)')


def test_a_note_style_gets_clusters_with_their_note_numbers():
    facts = style_facts(resolve_style("chicago-notes-bibliography"))
    assert facts.is_note_style
    engine = _Engine(["A.", "B."])
    CitationRenderer(engine, facts, [{"id": "a"}, {"id": "b"}]).render(
        [Cluster([Cite("a")], note_index=1), Cluster([Cite("b")], note_index=2)])
    assert engine.calls == [[{"citationItems": [{"id": "a"}], "properties": {"noteIndex": 1}},
                             {"citationItems": [{"id": "b"}], "properties": {"noteIndex": 2}}]]

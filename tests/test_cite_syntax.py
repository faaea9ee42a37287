"""pandoc's citation syntax as ``annobib cite`` reads it."""
from __future__ import annotations

import pytest

from annobib.pandoc.citation_syntax import CitationSyntaxError, CiteText, looks_like_citation, parse_citation, to_cite
from annobib.pandoc.citing import NARRATIVE, NORMAL, SUPPRESS_AUTHOR
from annobib.pandoc.locator import Locator
from annobib.pandoc.style_facts import locator_terms, style_facts
from annobib.styles import resolve_style

TERMS = locator_terms(style_facts(resolve_style("apa")), None)


def test_bracketed_cluster_with_prefix_locator_and_suppressed_author():
    assert parse_citation("[see @a, p. 3; -@b; also @c:d.e]") == [
        CiteText("a", NORMAL, "see", ", p. 3"), CiteText("b", SUPPRESS_AUTHOR, "", ""),
        CiteText("c:d.e", NORMAL, "also", "")]


def test_narrative_with_and_without_suffix():
    assert parse_citation("@niesters2014") == [CiteText("niesters2014", NARRATIVE, "", "")]
    assert parse_citation("@niesters2014 [p. 7]") == [CiteText("niesters2014", NARRATIVE, "", "p. 7")]
    assert parse_citation("-@a") == [CiteText("a", SUPPRESS_AUTHOR, "", "")]


def test_braced_keys_and_trailing_punctuation_of_keys():
    assert parse_citation("[@{my key}, p. 2]")[0].key == "my key"
    assert parse_citation("[@doe99.]")[0] == CiteText("doe99", NORMAL, "", ".")


def test_to_cite_reads_the_locator_and_keeps_the_rest():
    cite = to_cite(CiteText("a", NORMAL, "see", ", pp. 3-5, emphasis added"), TERMS)
    assert (cite.prefix, cite.locator, cite.suffix) == ("see ", Locator("page", "3-5"), ", emphasis added")
    narrative = to_cite(CiteText("a", NARRATIVE, "", " chap. 2"), TERMS)
    assert narrative.locator == Locator("chapter", "2") and narrative.suffix == ""


@pytest.mark.parametrize("text", ["[@a", "[no key here]", "@a and more", "[@a; ]", "a@b"])
def test_not_a_citation(text):
    if not looks_like_citation(text):
        assert text == "a@b"  # a bare key with a locator, not pandoc syntax
        return
    with pytest.raises(CitationSyntaxError):
        parse_citation(text)

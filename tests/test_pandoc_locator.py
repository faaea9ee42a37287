"""Locators read from citation suffixes exactly as pandoc's own citeproc reads them.

tests/golden_citations/pandoc_locators.json holds what pandoc 3.9 made of
each suffix (scripts/make_locator_golden.py): its locator type, locator and
remaining suffix, and the suffix as pandoc's reader hands it to a filter.
"""
from __future__ import annotations

import json

import panflute as pf
import pytest
from tests.pandoc_helpers import GOLDEN

from annobib.pandoc.inlines import Placeholders, affix_text, tokens_of
from annobib.pandoc.locator import parse_locator, tokens_from_text, tokens_text
from annobib.pandoc.style_facts import locator_terms, resolve_locale, style_facts
from annobib.styles import resolve_style

CASES = json.loads((GOLDEN / "pandoc_locators.json").read_text(encoding="utf-8"))["cases"]


def _terms(lang: str) -> dict[str, str]:
    return locator_terms(style_facts(resolve_style("apa")), lang)


def _dashes(text):
    return None if text is None else text.replace("-", "\u2013")  # citeproc prints a locator's range with –


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['suffix']}" for c in CASES])
def test_pandoc_suffix_as_pandoc_reads_it(case):
    """The suffix pandoc's reader made, through the filter's path (inlines -> tokens)."""
    inlines = json.loads(json.dumps(case["inlines"]), object_hook=pf.elements.from_json)
    locator, rest = parse_locator(tokens_of(inlines, Placeholders()), _terms(case["lang"]))
    assert ((locator.label or None) if locator else None) == case["label"]
    assert _dashes(locator.value if locator else None) == case["locator"]
    assert affix_text(rest) == case["rest"]


@pytest.mark.parametrize("case", [c for c in CASES if c["lang"] == "en-US"], ids=lambda c: c["suffix"])
def test_command_line_text_reads_the_same(case):
    """``annobib cite key@...`` and ``--locator``: the same rules over plain text."""
    locator, rest = parse_locator(tokens_from_text(case["suffix"]), _terms("en-US"))
    # pandoc's reader joins "ch. 2" with a no-break space
    expected = case["locator"] and case["locator"].replace("\xa0", " ")
    assert _dashes(locator.value if locator else None) == expected
    assert tokens_text(rest).replace("\xa0", " ") == case["rest"].replace("\xa0", " ")


def test_a_suffix_without_locator_gets_a_comma_unless_it_starts_with_punctuation_or_space():
    terms = _terms("en-US")
    assert tokens_text(parse_locator(tokens_from_text("emphasis added"), terms)[1]) == ", emphasis added"
    assert tokens_text(parse_locator(tokens_from_text("; or not"), terms)[1]) == "; or not"


def test_formatted_suffix_elements_come_back_as_themselves():
    placeholders = Placeholders()
    suffix = [pf.Str(","), pf.Space(), pf.Str("p."), pf.Space(), pf.Str("3,"), pf.Space(),
              pf.Emph(pf.Str("emphasis")), pf.Space(), pf.Str("added")]
    locator, rest = parse_locator(tokens_of(suffix, placeholders), _terms("en-US"))
    assert (locator.label, locator.value) == ("page", "3")
    text = affix_text(rest)
    assert text == ", \ue0000\ue001 added"
    assert isinstance(placeholders.element(0), pf.Emph)


def test_locale_resolution():
    assert resolve_locale("de") == "de-DE"
    assert resolve_locale("en_GB") == "en-GB"
    assert resolve_locale("pt-br") == "pt-BR"
    assert resolve_locale("xx-YY") is None and resolve_locale(None) is None


def test_terms_of_the_style_locale_override_the_file():
    """A style's own <locale> terms are label words too (pandoc merges them over the file's)."""
    facts = style_facts(resolve_style("apa"))
    words = {term for (_lang, name, _form), forms in facts.style_terms.items() for term in forms}
    assert words  # APA defines terms of its own
    terms = _terms("en-US")
    assert terms["p."] == "page" and terms["chap."] == "chapter" and terms["§"] == "section"

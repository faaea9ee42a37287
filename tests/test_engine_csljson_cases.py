"""Fixes found by the hand-written CSL-JSON golden set (tests/golden_csljson/): each expected
value is citeproc-js's output for that set's item (expected.jsonl)."""
from __future__ import annotations

from annobib.engine import Engine
from annobib.styles import resolve_style


def apa(items: list[dict]) -> list[str]:
    return [entry.text for entry in Engine(resolve_style("apa")).render_bibliography(items)]


def article(key: str, **fields) -> dict:
    return {"id": key, "type": "article-journal", "title": "T", "author": [{"family": "Doe", "given": "Ann"}],
            "container-title": "J", "issued": {"date-parts": [[2017]]}, **fields}


def test_a_double_hyphen_page_range_prints_as_typed():
    assert apa([article("a", volume="22", page="123--145")]) == ["Doe, A. (2017). T. J, 22, 123--145."]


def test_a_roman_page_range_takes_the_dash_and_the_plural_label():
    chapter = {"id": "c", "type": "chapter", "title": "Preface", "author": [{"family": "Fairbanks", "given": "Henry"}],
               "container-title": "Clinical Pharmacology", "publisher": "Meridian Press", "page": "iii-xv",
               "issued": {"date-parts": [[2005]]}}
    assert apa([chapter]) == ["Fairbanks, H. (2005). Preface. In Clinical Pharmacology (pp. iii–xv). Meridian Press."]


def test_an_edition_typed_with_its_ordinal_suffix_prints_as_typed():
    book = {"id": "b", "type": "book", "title": "Clinical pharmacology", "author": [{"family": "Fairbanks",
            "given": "Henry"}], "publisher": "Meridian Press", "edition": "2nd", "issued": {"date-parts": [[2005]]}}
    assert apa([book]) == ["Fairbanks, H. (2005). Clinical pharmacology (2nd ed.). Meridian Press."]


def test_a_season_in_words_alone_is_no_date_part_but_a_season_number_is():
    magazine = {"type": "article-magazine", "title": "T", "author": [{"family": "Okafor", "given": "Chidi"}],
                "container-title": "Digest", "issue": "58"}
    items = [{**magazine, "id": "w", "issued": {"date-parts": [[2019]], "season": "Summer"}},
             {**magazine, "id": "n", "author": [{"family": "Okafor", "given": "Dayo"}],
              "issued": {"date-parts": [[2019]], "season": 3}}]
    assert apa(items) == ["Okafor, C. (2019). T. Digest, (58).", "Okafor, D. (2019, Autumn). T. Digest, (58)."]


def test_names_that_differ_only_by_suffix_take_year_suffixes():
    items = [article("ii", author=[{"family": "Whitman", "given": "Robert", "suffix": "II"}], title="Dose finding",
                     issued={"date-parts": [[2011]]}),
             article("iii", author=[{"family": "Whitman", "given": "Robert", "suffix": "III"}],
                     title="Adverse events", issued={"date-parts": [[2011]]})]
    engine = Engine(resolve_style("apa"))
    assert engine.render_citations(items, [["ii"], ["iii"]], fmt="text") == ["(Whitman, 2011a)", "(Whitman, 2011b)"]


def test_zotero_short_form_fields_are_the_csl_short_variables():
    # bugreports_ContainerTitleShort: journalAbbreviation is container-title-short
    from tests.inline_style import bibliography, style

    csl = style(bibliography='<bibliography><layout><group delimiter="/"><text variable="container-title-short"/>'
                             '<text variable="container-title"/></group></layout></bibliography>')
    item = {"id": "a", "type": "article-journal", "container-title": "Anonymous Journal",
            "journalAbbreviation": "Anon J"}
    assert bibliography(csl, [item]) == ["Anon J/Anonymous Journal"]

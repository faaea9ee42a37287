"""Sorting (engine/elements/sorting.py, collation.py) against citeproc-js's order (CSL test
suite; sort keys read from citeproc-js's registry; plain citeproc-js 2.4.63's output).

Every render goes through tests/engine/cases.py, which also checks its text and HTML against
citeproc-js's (tests/engine/golden.json).
"""
from __future__ import annotations

import random
from functools import cmp_to_key

from tests.engine.cases import bibliography, book, citations, cite, engine, person, style

from annobib.engine.context import Cite, RenderContext, Scope
from annobib.engine.process import make_items, sort_order


def by(key: str, *authors: dict, year: int = 2000) -> dict:
    return book(key, list(authors), year)


def test_a_macro_key_leaves_out_et_al_and_the_and_term():
    # sort_AguStyleReverseGroups, sort_WithAndInOneEntry: citeproc-js's key for three authors under
    # names-use-first="1" is "Smith|A|" (no "et al."), for two "Smith|A,|Jones|B|" (no "and")
    csl = style(macros='<macro name="a"><names variable="author"><name and="text" name-as-sort-order="all"/>'
                       '</names></macro>',
                bibliography='<bibliography><sort><key macro="a" names-min="3" names-use-first="1"/>'
                             '<key variable="title"/></sort><layout><text variable="title"/></layout>'
                             '</bibliography>')
    items = [{**by("a", person("Smith", "A"), person("Rasler", "K"), person("Thompson", "W")), "title": "Z"},
             {**by("b", person("Smith", "A"), person("Thompson", "W")), "title": "Y"},
             {**by("c", person("Smith", "A")), "title": "X"}]
    # "Smith A" ties for a and c (title decides); "Smith A Thompson W" sorts after it
    assert bibliography(csl, items) == ["X", "Z", "Y"]


def test_a_name_key_puts_an_undemoted_particle_first():
    # sort_NameParticleInNameSortTrue: demote-non-dropping-particle="never" sorts "van Roe" under v
    csl = style(bibliography='<bibliography><sort><key variable="author"/></sort><layout>'
                             '<names variable="author"><name/></names></layout></bibliography>')
    never = csl.replace(b'version="1.0"', b'version="1.0" demote-non-dropping-particle="never"')
    items = [by("a", person("Roe", "Jane", **{"non-dropping-particle": "van"})),
             by("b", person("Noakes", "John", **{"non-dropping-particle": "di"})),
             by("c", person("Doe", "John", **{"non-dropping-particle": "von"}))]
    assert bibliography(never, items) == ["John di Noakes", "Jane van Roe", "John von Doe"]
    assert bibliography(csl, items) == ["John von Doe", "John di Noakes", "Jane van Roe"]


def test_cites_of_one_author_stay_together_where_the_first_sorts():
    # sort_GroupedByAuthorstring: an in-text style that collapses sorts cites grouped by author
    csl = style('<group delimiter=" "><names variable="author"><name form="short"/></names>'
                '<date variable="issued" form="text" date-parts="year"/></group>', cls="in-text",
                layout=' delimiter="; "', citation_options=' collapse="year-suffix"')
    csl = csl.replace(b"<layout", b'<sort><key variable="issued"/></sort><layout', 1)
    items = [by("ITEM-1", person("Smith", "John"), year=2010), by("ITEM-2", person("Jones", "A"), year=2005),
             by("ITEM-3", person("Smith", "John"), year=2003)]
    assert cite(csl, items) == "Smith 2003, 2010; Jones 2005"


def test_a_cite_group_delimiter_groups_cites_by_author_without_collapsing():
    # sort_CiteGroupDelimiter
    csl = style('<group delimiter=" "><names variable="author"><name form="short"/></names>'
                '<date variable="issued" form="text" date-parts="year"/></group>', layout=' delimiter="; "',
                citation_options=' cite-group-delimiter=", "')
    csl = csl.replace(b"<layout", b'<sort><key variable="issued"/></sort><layout', 1)
    items = [by("ITEM-1", person("Aalto", "A"), year=2000), by("ITEM-2", person("Banda", "B"), year=1999),
             by("ITEM-3", person("Aalto", "A"), year=2001)]
    assert cite(csl, items) == "Banda 1999; Aalto 2000, Aalto 2001"


def test_subsequent_author_substitute_compares_and_replaces_names_without_their_label():
    # sort_SeparateAuthorsAndOthers, sort_DropNameLabelInSort
    csl = style(bibliography='<bibliography subsequent-author-substitute="---"><sort><key variable="title"/></sort>'
                             '<layout><names variable="author editor"><name name-as-sort-order="first"/>'
                             '<label form="short" prefix=" "/></names><text variable="title" prefix=". "/></layout>'
                             '</bibliography>')
    doe = [person("Doe", "John")]
    items = [{"id": "a", "type": "book", "title": "Alpha", "author": doe},
             {"id": "b", "type": "book", "title": "Beta", "editor": doe},
             {"id": "c", "type": "book", "title": "Gamma", "author": doe}]
    assert bibliography(csl, items) == ["Doe, John. Alpha", "--- ed. Beta", "---. Gamma"]  # citeproc-js


# -- citeproc-js's collation and sort keys (was tests/test_fix_sorting.py) ----------------------

ITEMS_SORTING = [{"id": "k1", "type": "book", "title": "B", "author": [{"family": "Bykov", "given": "Andrei"}],
                  "publisher": "P", "issued": {"date-parts": [[2000]]}},
                 {"id": "k2", "type": "book", "title": "A", "author": [{"family": "Büyükbeşe", "given": "Tuba"}],
                  "publisher": "P", "issued": {"date-parts": [[2000]]}}]


def test_collation_sorts_accented_letters_with_their_base_bibliography():
    assert bibliography("apa", ITEMS_SORTING, fmt="text") == [
        "Büyükbeşe, T. (2000). A. P.", "Bykov, A. (2000). B. P."]


def test_collation_sorts_accented_letters_with_their_base_citations():
    assert citations("apa", ITEMS_SORTING, [["k1", "k2"]], fmt="text") == ['(Büyükbeşe, 2000; Bykov, 2000)']


def test_a_word_end_sorts_before_letters_and_digits():
    """citeproc-js's sort keys join words with "|": "TUG membership" before "TUG'97"."""
    base = {"type": "article-journal", "author": [{"literal": "Anonymous"}], "container-title": "TUGboat",
            "issued": {"date-parts": [[1997, 6]]}}
    items = [dict(base, id="a1", title="TUG'97 preliminary program"),
             dict(base, id="a2", title="TUG membership application")]
    assert bibliography("apa", items, fmt="text") == ["Anonymous. (1997a). TUG membership application. TUGboat.",
                                                      "Anonymous. (1997b). TUG’97 preliminary program. TUGboat."]


def test_a_word_of_punctuation_keeps_its_word_end_and_only_a_space_ends_a_word():
    """citeproc-js joins a key's words with "|" at each space character: "&" or "–" is ignored
    but its "|" is not, and a thin space is ignored inside a word (10,000-entry library)."""
    base = {"type": "article-journal", "author": [{"family": "Anonymous"}], "container-title": "TUGboat",
            "issued": {"date-parts": [[1996]]}}
    titles = ["TUG\u20092009 announcement", "TUG institutional members", "TUG 2009 election",
              ", Charles University, Prague", "1996 TUG election", "YUNUS \u2013 Turkish TeX users", "YUNUS (Turkish)",
              "Smith & Jones", "Smith Adams", "Calendar"]
    items = [dict(base, id=f"t{n}", title=title) for n, title in enumerate(titles)]
    order = [text.split(". ", 2)[2].rsplit(". TUGboat", 1)[0] for text in bibliography("apa", items, fmt="text")]
    assert order == [", Charles University, Prague", "1996 TUG election", "Calendar", "Smith & Jones", "Smith Adams",
                     "TUG 2009 election", "TUG institutional members", "TUG\u20092009 announcement",
                     "YUNUS \u2013 Turkish TeX users", "YUNUS (Turkish)"]


def test_an_editor_label_is_no_part_of_the_sort_key():
    editor = [{"family": "Gaonkar", "given": "Dilip Parameshwar"}]
    items = [{"id": "in", "type": "chapter", "title": "On Alternative Modernities",
              "container-title": "Alternative Modernities",
              "author": editor, "editor": editor, "page": "1-23", "publisher": "Duke University Press",
              "issued": {"date-parts": [[2001]]}},
             {"id": "ed", "type": "book", "title": "Alternative Modernities", "editor": editor,
              "publisher": "Duke University Press", "issued": {"date-parts": [[2001]]}}]
    assert bibliography("apa", items, fmt="text") == [
        "Gaonkar, D. P. (Ed.). (2001a). Alternative Modernities. Duke University Press.",
        "Gaonkar, D. P. (2001b). On Alternative Modernities. In D. P. Gaonkar (Ed.), Alternative Modernities "
        "(pp. 1–23). Duke University Press."]


def test_keys_rendered_only_for_ties_give_the_order_of_all_keys():
    """engine/elements/sorting.py computes a sort key only for items that tie on every key
    before it; the order must be exactly that of comparing every key of every item."""


    rng = random.Random(8)
    items = []
    for n in range(120):
        item = {"id": f"k{n}", "type": rng.choice(["book", "article-journal", "chapter"]),
                "title": rng.choice(["Alpha", "beta", "Gamma study", "", "Ätna"]),
                "publisher": "P", "container-title": "J", "volume": rng.choice(["1", "2", "10"])}
        if rng.random() < 0.8:
            item["author"] = [{"family": rng.choice(["Smith", "Smyth", "Öz", "de Boer"]),
                               "given": rng.choice(["Ann", "Bob"])}]
        if rng.random() < 0.85:
            item["issued"] = {"date-parts": [[rng.choice([1999, 2000, 2001]), rng.choice([1, 5])]]}
        items.append(item)
    for name in ("apa", "accident-analysis-and-prevention"):  # the second sorts a key descending
        root = engine(name).root
        made = make_items(items)
        context = RenderContext(style=root, items={item.id: item for item in made})
        ids = [item.id for item in made]
        lazy = sort_order(context, ids, "bibliography")

        keys = root.section("bibliography").sort_element().keys()
        columns = [[key.value(Scope(context, Cite(context.items[i]), "bibliography", sorting=True)) for i in ids]
                   for key in keys]
        descending = [key.descending() for key in keys]

        def compare(a, b, columns=columns, descending=descending):
            for column, desc in zip(columns, descending):
                x, y = column[a], column[b]
                if x == y:
                    continue
                if x is None or y is None:  # empty keys last, whatever the direction
                    return 1 if x is None else -1
                return (-1 if x < y else 1) * (-1 if desc else 1)
            return (a > b) - (a < b)  # registration order breaks ties

        full = [ids[i] for i in sorted(range(len(ids)), key=cmp_to_key(compare))]
        assert lazy == full, name

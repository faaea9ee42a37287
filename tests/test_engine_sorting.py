"""Sorting (elements/sorting.py) against citeproc-js's order (CSL test suite; sort keys read from
citeproc-js's registry)."""
from __future__ import annotations

from tests.inline_style import bibliography, cite, style


def person(family: str, given: str, **parts) -> dict:
    return {"family": family, "given": given, **parts}


def book(key: str, *authors: dict, year: int = 2000) -> dict:
    return {"id": key, "type": "book", "author": list(authors), "issued": {"date-parts": [[year]]}}


def test_a_macro_key_leaves_out_et_al_and_the_and_term():
    # sort_AguStyleReverseGroups, sort_WithAndInOneEntry: citeproc-js's key for three authors under
    # names-use-first="1" is "Smith|A|" (no "et al."), for two "Smith|A,|Jones|B|" (no "and")
    csl = style(macros='<macro name="a"><names variable="author"><name and="text" name-as-sort-order="all"/>'
                       '</names></macro>',
                bibliography='<bibliography><sort><key macro="a" names-min="3" names-use-first="1"/>'
                             '<key variable="title"/></sort><layout><text variable="title"/></layout>'
                             '</bibliography>')
    items = [{**book("a", person("Smith", "A"), person("Rasler", "K"), person("Thompson", "W")), "title": "Z"},
             {**book("b", person("Smith", "A"), person("Thompson", "W")), "title": "Y"},
             {**book("c", person("Smith", "A")), "title": "X"}]
    # "Smith A" ties for a and c (title decides); "Smith A Thompson W" sorts after it
    assert bibliography(csl, items) == ["X", "Z", "Y"]


def test_a_name_key_puts_an_undemoted_particle_first():
    # sort_NameParticleInNameSortTrue: demote-non-dropping-particle="never" sorts "van Roe" under v
    csl = style(bibliography='<bibliography><sort><key variable="author"/></sort><layout>'
                             '<names variable="author"><name/></names></layout></bibliography>')
    never = csl.replace(b'version="1.0"', b'version="1.0" demote-non-dropping-particle="never"')
    items = [book("a", person("Roe", "Jane", **{"non-dropping-particle": "van"})),
             book("b", person("Noakes", "John", **{"non-dropping-particle": "di"})),
             book("c", person("Doe", "John", **{"non-dropping-particle": "von"}))]
    assert bibliography(never, items) == ["John di Noakes", "Jane van Roe", "John von Doe"]
    assert bibliography(csl, items) == ["John von Doe", "John di Noakes", "Jane van Roe"]


def test_cites_of_one_author_stay_together_where_the_first_sorts():
    # sort_GroupedByAuthorstring: an in-text style that collapses sorts cites grouped by author
    csl = style('<group delimiter=" "><names variable="author"><name form="short"/></names>'
                '<date variable="issued" form="text" date-parts="year"/></group>', cls="in-text",
                layout=' delimiter="; "', citation_options=' collapse="year-suffix"')
    csl = csl.replace(b"<layout", b'<sort><key variable="issued"/></sort><layout', 1)
    items = [book("ITEM-1", person("Smith", "John"), year=2010), book("ITEM-2", person("Jones", "A"), year=2005),
             book("ITEM-3", person("Smith", "John"), year=2003)]
    assert cite(csl, items) == "Smith 2003, 2010; Jones 2005"


def test_a_cite_group_delimiter_groups_cites_by_author_without_collapsing():
    # sort_CiteGroupDelimiter
    csl = style('<group delimiter=" "><names variable="author"><name form="short"/></names>'
                '<date variable="issued" form="text" date-parts="year"/></group>', layout=' delimiter="; "',
                citation_options=' cite-group-delimiter=", "')
    csl = csl.replace(b"<layout", b'<sort><key variable="issued"/></sort><layout', 1)
    items = [book("ITEM-1", person("Aalto", "A"), year=2000), book("ITEM-2", person("Banda", "B"), year=1999),
             book("ITEM-3", person("Aalto", "A"), year=2001)]
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

"""Names (engine/elements/names.py, elements/personal_name.py, person.py, initials.py):
cs:names, cs:name, cs:name-part, cs:et-al, cs:substitute, against citeproc-js.

Every render goes through tests/engine/cases.py, which also checks its text and HTML against
citeproc-js's (tests/engine/golden.json). The literal expected values are citeproc-js's too:
the RESULT of the CSL test-suite fixture a test names, or plain citeproc-js 2.4.63's output.
"""
from __future__ import annotations

import pytest
from tests.engine.cases import bibliography, citations, cite, style


def one(name: str = "<name/>", **style_options) -> bytes:
    return style(f'<names variable="author">{name}</names>', **style_options)


def author(**name) -> list[dict]:
    return [{"id": "ITEM-1", "type": "book", "author": [name]}]


def test_a_particle_takes_its_name_parts_formatting():
    # name_FormattingOfParticles: the non-dropping particle is cased as the family name, the
    # dropping particle as the given name
    csl = one('<name><name-part name="family" text-case="uppercase"/></name>')
    assert cite(csl, author(family="Meer", given="Gerard", **{"dropping-particle": "van",
                                                           "non-dropping-particle": "der"})) == \
        "Gerard van DER MEER"


def test_name_part_affixes_go_around_the_group_the_part_heads():
    # name_namepartAffixes
    csl = one('<name><name-part name="family" prefix="(" suffix=")"/>'
              '<name-part name="given" prefix="[" suffix="]"/></name>')
    assert cite(csl, author(family="Fontaine", given="Jean", suffix="III", **{
        "dropping-particle": "de", "non-dropping-particle": "La"})) == "[Jean] (de La Fontaine III)"


def test_particles_parsed_from_the_fields_are_formatted_apart_when_not_demoted():
    # name_ParticlesDemoteNonDroppingNever (two of its names)
    csl = style('<names variable="author"><name name-as-sort-order="all">'
                '<name-part name="family" font-weight="bold"/><name-part name="given" font-style="italic"/>'
                '</name></names>', cls="note").replace(b'version="1.0"',
                                                        b'version="1.0" demote-non-dropping-particle="never"')
    assert cite(csl, author(family="van der Familyname", given="Givenname")) == \
        "<b>van der</b> <b>Familyname</b>, <i>Givenname</i>"
    assert cite(csl, author(family="Familyname", given="Givenname von der")) == \
        "<b>Familyname</b>, <i>Givenname</i> <i>von der</i>"


def test_an_apostrophe_particle_is_parsed_and_printed_typographically():
    # name_ParsedNonDroppingParticleWithApostrophe
    csl = style('<names variable="author"><name name-as-sort-order="all" sort-separator=" ">'
                '<name-part name="given" prefix="(" suffix=")"/>'
                '<name-part name="family" font-variant="small-caps"/></name></names>').replace(
        b'version="1.0"', b'version="1.0" demote-non-dropping-particle="display-and-sort"')
    assert cite(csl, author(family="d'Aubignac", given="François Hédelin")) == (
        '<span style="font-variant:small-caps;">Aubignac</span> (François Hédelin '
        '<span style="font-variant:small-caps;">d’</span>)')


def test_a_comma_in_the_given_name_starts_a_suffix():
    # name_ParsedCommaDelimitedDroppingParticleSortOrderingWithoutAffixes, magic_NameSuffixWithComma
    csl = style('<names variable="author"><name name-as-sort-order="all" sort-separator=", ">'
                '<name-part name="family" text-case="uppercase"/></name></names>').replace(
        b'version="1.0"', b'version="1.0" demote-non-dropping-particle="never"')
    assert cite(csl, author(family="Aubignac", given="François Hédelin, abbé d'")) == \
        "AUBIGNAC, François Hédelin, abbé d’"
    assert cite(one(), author(family="Doe", given="John,! Jr.")) == "John Doe, Jr."


def test_a_quoted_family_name_is_not_parsed():
    # name_ParticleCaps3, bugreports_parseName
    assert cite(one(), author(family='"Van Dyke"', given="Dick")) == "Dick Van Dyke"
    assert cite(one(), author(family="van One", given="Onename")) == "Onename van One"


@pytest.mark.parametrize("terminator, expected", [
    (" ", ["ME", "M E", "M E", "John M E", "ME", "Me", "Ph M E"]),  # name_InitialsInitializeFalse
    ("", ["ME", "ME", "ME", "John ME", "ME", "Me", "PhME"]),  # name_InitialsInitializeFalseEmpty
    (".", ["ME", "M.E.", "M.E.", "John M.E.", "ME.", "Me.", "Ph.M.E."]),  # ...FalsePeriod
    (". ", ["ME", "M. E.", "M. E.", "John M. E.", "ME.", "Me.", "Ph. M. E."]),  # ...FalsePeriodSpace
])
def test_initialize_false_only_normalises_typed_initials(terminator, expected):
    csl = one(f'<name initialize="false" initialize-with="{terminator}" name-as-sort-order="all"/>')
    givens = ["ME", "M.E", "M E.", "John M.E.", "ME.", "Me.", "Ph. M.E."]
    got = [cite(csl, author(family="X", given=given)) for given in givens]
    assert got == ["X, " + initials for initials in expected]


def test_initialize_false_keeps_a_full_given_name():
    # issue 14: MLA and Chicago print "Jane Doe" where the style says initialize="false"
    csl = one('<name initialize="false" initialize-with=". "/>')
    assert cite(csl, author(family="Doe", given="Jane Quiggly")) == "Jane Quiggly Doe"


def test_a_given_name_alone_is_not_initialised():
    # name_OnlyGivenname
    assert cite(one('<name initialize-with="."/>'), author(given="Banksy")) == "Banksy"


def test_markup_in_a_name_survives_initialisation():
    # name_InTextMarkupInitialize
    csl = one('<name name-as-sort-order="all" sort-separator=", " initialize-with=". "/>')
    assert cite(csl, author(family="<b>Doe</b>", given="<b>John</b> Quiggly")) == "<b>Doe</b>, <b>J.</b> Q."
    assert cite(csl, author(family="<b>Doe</b>", given="<b>John</b>-Quiggly")) == "<b>Doe</b>, <b>J.</b>-Q."


def test_same_editor_and_translator_print_once_only_when_the_locale_has_the_common_term():
    # name_EditorTranslatorSameEmptyTerm
    doe = [{"family": "Doe", "given": "John"}]
    items = [{"id": "ITEM-1", "type": "book", "editor": doe, "translator": doe}]
    names = '<names variable="editor translator" delimiter=", "><name/><label prefix=" (" suffix=")"/></names>'
    assert cite(style(names), items) == "John Doe (editor &amp; translator)"
    empty = '<locale><terms><term name="editortranslator"></term></terms></locale>'
    assert cite(style(names, locale=empty), items) == "John Doe (editor), John Doe (translator)"


def test_a_substitute_prints_inside_its_names_affixes():
    # name_SubstituteInheritLabel
    csl = style('<names prefix="[X]" variable="author"><name/>'
                '<label form="short" prefix=" (" suffix=".)" font-style="italic"/>'
                '<substitute><names variable="editor"/></substitute></names>')
    items = [{"id": "ITEM-1", "type": "book", "editor": [{"family": "Roe", "given": "Jane"}]}]
    assert cite(csl, items) == "[X]Jane Roe (<i>ed.</i>)"


def test_an_and_term_in_another_script_is_joined_without_spaces():
    # name_HebrewAnd
    csl = style('<names variable="author"><name and="text"/></names>',
                locale='<locale><terms><term name="and">ו&#8200;</term></terms></locale>')
    items = [{"id": "ITEM-1", "type": "book", "author": [{"family": "תפוח"}, {"family": "תפוז"}]}]
    assert cite(csl, items) == "תפוחו\u2008תפוז"


def test_an_institution_last_takes_delimiter_precedes_last_from_the_style_not_the_name():
    # citeproc-js's default cs:institution: "Christiansen, K. & Election committee" in APA
    csl = style('<names variable="author"><name and="symbol" delimiter-precedes-last="always" '
                'initialize-with=". " name-as-sort-order="all"/></names>')
    items = [{"id": "ITEM-1", "type": "book", "author": [{"family": "Christiansen", "given": "Karl"},
                                                         {"literal": "Election committee"}]}]
    assert cite(csl, items) == "Christiansen, K. &amp; Election committee"


def test_et_al_in_another_script_follows_the_names_without_a_space():
    # name_EtAlWithCombined
    csl = style('<names variable="author"><name et-al-min="2" et-al-use-first="1"/></names>',
                locale='<locale><terms><term name="et-al">等</term></terms></locale>')
    items = [{"id": "ITEM-1", "type": "book", "author": [{"family": "Zither", "given": "Ziggy"},
                                                         {"family": "Doe", "given": "John"}]}]
    assert cite(csl, items) == "Ziggy Zither等"


def test_et_al_use_first_zero_prints_no_names():
    # etal_UseZeroFirst
    csl = style('<group delimiter=" // "><names variable="author"><name et-al-min="2" et-al-use-first="0"/>'
                '</names><names variable="author"><name et-al-min="2" et-al-use-first="1"/></names></group>')
    items = [{"id": "ITEM-1", "type": "book", "author": [{"family": "Doe", "given": "John"},
                                                         {"family": "Roe", "given": "Jane"}]}]
    assert cite(csl, items) == "John Doe et al."


def test_an_empty_term_ends_a_substitute():
    # substitute_SubstituteOnlyOnceTermEmpty
    csl = style('<group delimiter=" "><group><text value="Content:"/></group><names variable="translator">'
                '<substitute><text term="editor"/><text term="author"/></substitute></names></group>',
                locale='<locale><terms><term name="author">Author Term Value</term><term name="editor"></term>'
                       '</terms></locale>')
    assert cite(csl) == "Content:"


def test_a_variable_used_in_a_substitute_is_suppressed_at_once_and_its_label_is_not_capitalised():
    # substitute_SuppressOrdinaryVariable
    csl = style(macros='<macro name="editor"><text macro="short"/><names variable="editor"><name/>'
                       '<label prefix=" "/></names></macro><macro name="short"><names variable="editor"><name/>'
                       '<label prefix=" " form="short"/></names></macro>',
                bibliography='<bibliography><layout suffix="."><group delimiter=". "><names variable="translator">'
                             '<name/><substitute><text macro="editor"/></substitute></names>'
                             '<text variable="title" font-style="italic"/></group></layout></bibliography>')
    items = [{"id": "ITEM-2", "type": "book", "title": "The Title",
              "editor": [{"family": "Doe", "given": "John-boy"}]}]
    assert bibliography(csl, items) == ["John-boy Doe ed. <i>The Title</i>."]


MLA_LIKE = ('<macro name="author"><names variable="composer"><name name-as-sort-order="first"/><label prefix=", "/>'
            '<substitute><names variable="author"/><names variable="guest"><name name-as-sort-order="first"/></names>'
            '<choose><if type="book"><names variable="editor"/></if></choose></substitute></names></macro>')


def test_subsequent_author_substitute_skips_names_a_substitute_prints_after_a_full_names_element():
    # citeproc-js (MLA): its author check is spent on the guest names (a cs:names with children)
    # tried in vain, so editors printed later are never "———", and the next entry compares past them
    csl = style(macros=MLA_LIKE, bibliography='<bibliography subsequent-author-substitute="———"><layout '
                'suffix="."><group delimiter=". "><text macro="author"/><text variable="title"/></group></layout>'
                '</bibliography>')
    zed, kopp = [{"family": "Zed", "given": "Oliver"}], [{"family": "Kopp", "given": "Oliver"}]
    items = [{"id": "a", "type": "book", "title": "A", "author": zed},
             {"id": "b", "type": "book", "title": "B", "editor": zed},
             {"id": "c", "type": "book", "title": "C", "author": zed},
             {"id": "d", "type": "interview", "title": "D", "guest": kopp},
             {"id": "e", "type": "interview", "title": "E", "guest": kopp}]
    assert bibliography(csl, items, fmt="text") == [  # the style has no cs:sort: input order
        "Zed, Oliver. A.", "Zed, Oliver, editor. B.", "———. C.", "Kopp, Oliver. D.", "———. E."]


def test_a_choose_in_a_substitute_offers_its_names_in_turn_with_the_originals_parts():
    # Chicago author-date's author-bib: editors substitute through a cs:choose, with ", eds."
    csl = style(macros=MLA_LIKE.replace('<label prefix=", "/>', '<label form="short" prefix=", "/>'),
                bibliography='<bibliography><layout><text macro="author"/></layout></bibliography>')
    items = [{"id": "a", "type": "book", "editor": [{"family": "Bass", "given": "Len"},
                                                    {"family": "Lago", "given": "Patricia"}]}]
    assert bibliography(csl, items) == ["Bass, Len, Patricia Lago, eds."]


# -- a literal last name after a person; initials (were tests/test_fix_names.py) --------------

ITEMS_NAMES = [{"id": "n1", "type": "report", "title": "Election report",
                "author": [{"family": "Christiansen", "given": "Karl"}, {"literal": "Election committee"}],
                "publisher": "P", "issued": {"date-parts": [[2001]]}}]


def test_a_literal_last_name_after_a_person_bibliography():
    assert bibliography("apa", ITEMS_NAMES, fmt="text") == [
        "Christiansen, K. & Election committee. (2001). Election report. P."]


def test_a_literal_last_name_after_a_person_citations():
    assert citations("apa", ITEMS_NAMES, [["n1"]], fmt="text") == ['(Christiansen & Election committee, 2001)']


ITEMS_INITIALS = [{"id": "n1", "type": "book", "title": "Initials", "issued": {"date-parts": [[2010]]},
                   "author": [{"family": "Lai", "given": "Tsung-te Ted"}, {"family": "Prokhorov", "given": "G. Yu."},
                              {"family": "Souza", "given": "Luciana Moreira Sá de"},
                              {"family": "Reagle", "given": "Joseph M.", "suffix": "Jr."},
                              {"family": "Chu", "given": "Hao-hua"}]}]


def test_initials_as_citeproc_js_makes_them():
    assert bibliography("apa", ITEMS_INITIALS, fmt="text") == [
        "Lai, T. T., Prokhorov, G. Yu., Souza, L. M. S. de, Reagle, J. M., Jr., & Chu, H. (2010). Initials."]
    assert bibliography("vancouver", ITEMS_INITIALS, fmt="text") == [
        "1. Lai T te T, Prokhorov GYu, Souza LMS de, Reagle JM Jr, Chu H hua. Initials. 2010."]


# -- substituted variables are suppressed for the rest of the entry (were test_fix_substitute.py)

def test_publisher_standing_in_for_the_author_is_not_repeated():
    item = {"id": "pmn", "type": "webpage", "title": "First-Ever IV Ketamine Released",
            "publisher": "Pain Medicine News", "issued": {"date-parts": [[2018, 9]]},
            "URL": "https://example.org/a"}
    assert bibliography("apa", [item], fmt="text") == [
        "Pain Medicine News. (2018, September). First-Ever IV Ketamine Released. https://example.org/a"]


def test_editor_standing_in_for_the_author_is_not_repeated_in_the_container():
    item = {"id": "ed1", "type": "chapter", "title": "Chapter", "container-title": "Contemporary literary criticism",
            "editor": [{"family": "Matuz", "given": "Roger"}], "volume": "61", "page": "204-208",
            "issued": {"date-parts": [[1990]]}}
    assert bibliography("apa", [item], fmt="text") == [
        "Matuz, R. (Ed.). (1990). Chapter. In Contemporary literary criticism (Vol. 61, pp. 204–208)."]


def test_title_reached_through_a_macro_is_not_repeated():
    item = {"id": "cms", "type": "book", "title": "The Chicago manual of style", "edition": "15",
            "publisher": "University of Chicago Press", "issued": {"date-parts": [[2003]]}}
    assert bibliography("apa", [item], fmt="text") == [
        "The Chicago manual of style (15th ed.). (2003). University of Chicago Press."]

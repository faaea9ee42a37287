"""Rich text, quotes and apostrophes in what the engine prints, as citeproc-js's flip-flopper reads them
(engine/flipflop.py, richtext.py). Expected values: the CSL test-suite fixture named in each test."""
from __future__ import annotations

from tests.inline_style import PIQ, cite, style

from annobib.engine.flipflop import parse

BOOK = [{"id": "ITEM-1", "type": "book", "title": "The Title"}]


def test_a_value_is_parsed_for_markup_and_flips_inside_the_layout_formatting():
    # flipflop_BoldfaceNodeLevelMarkup: the citation layout's bold encloses its affixes too
    csl = style('<text value="&lt;b&gt;friend&lt;/b&gt;"/>', layout=' prefix="Speak, " suffix=", and enter." '
                'font-weight="bold"')
    assert cite(csl) == '<b>Speak, <span style="font-weight:normal;">friend</span>, and enter.</b>'


def test_straight_quotes_in_a_value_become_the_locales_quotes():
    # flipflop_QuotesInFieldNotOnNode
    csl = style("<text value=\"'friend'\"/>", layout=' prefix="Speak, " suffix=", and enter."')
    assert cite(csl) == "Speak, \u201cfriend,\u201d and enter."


def test_quotes_in_a_value_inside_quotes_take_the_inner_marks():
    # flipflop_QuotesNodeLevelMarkup
    csl = style('<text macro="m" quotes="true"/>',
                macros='<macro name="m"><group prefix="Speak, " suffix=", and enter.">'
                       '<text value="&#34;friend&#34;"/><text value=" of mine"/></group></macro>')
    assert cite(csl) == "\u201cSpeak, \u2018friend\u2019 of mine, and enter.\u201d"


def test_a_cites_prefix_and_suffix_are_rich_text():
    # affix_PrefixWithDecorations, affix_WordProcessorAffixNoSpace, affix_CommaAfterQuote
    csl = style('<text variable="title"/>')
    assert cite(csl, BOOK, [{"id": "ITEM-1", "prefix": "<sc>See</sc> "}]) == \
        '<span style="font-variant:small-caps;">See</span> The Title'
    assert cite(csl, BOOK, [{"id": "ITEM-1", "prefix": "<i>My Prefix</i> ", "suffix": " My Suffix"}]) == \
        "<i>My Prefix</i> The Title My Suffix"
    assert cite(csl, BOOK, [{"id": "ITEM-1", "prefix": "'quote', "}]) == "\u201cquote\u201d, The Title"


def test_a_suffix_keeps_one_leading_space_and_its_period_moves_into_the_quote():
    # affix_SpaceWithQuotes, affix_MovingPunctuation
    plain = style('<text variable="title"/>')
    assert cite(plain, BOOK, [{"id": "ITEM-1", "suffix": ' And "so it goes"'}]) == \
        "The Title And \u201cso it goes\u201d"
    quoted = style('<text variable="title" quotes="true"/>', locale=PIQ)
    assert cite(quoted, BOOK, [{"id": "ITEM-1", "suffix": '. And "so it goes"'}]) == \
        "\u201cThe Title.\u201d And \u201cso it goes\u201d"


def test_the_datas_inner_quotes_print_as_inner_quotes():
    # flipflop_LeadingMarkupWithApostrophe
    csl = style('<text variable="title"/>')
    item = [{"id": "ITEM-1", "type": "book",
             "title": "<i>Insha\u2019Allah</i> means \u2018God willing\u2019. Another"}]
    assert cite(csl, item) == "<i>Insha\u2019Allah</i> means \u2018God willing\u2019. Another"


def test_leading_space_of_a_string_is_kept_once():
    assert parse(" And") == [("text", " And")]
    assert parse(' And "x"')[0] == ("text", " And ")


def test_a_quote_read_with_an_added_space_gives_no_space_back():
    # bugreports_NoCaseEscape: '"…"' and a nocase span around "…" print with no space inside the quotes
    assert parse("'\"PIAAC (PIAAC-L) 2015\"'") == [
        ("open", "quote"), ("open", "inner-quote"), ("text", "PIAAC (PIAAC-L) 2015"), ("close", "inner-quote"),
        ("close", "quote")]
    assert parse('<span class="nocase">"PIAAC"</span>') == [
        ("open", "nocase"), ("open", "quote"), ("text", "PIAAC"), ("close", "quote"), ("close", "nocase")]


def test_quotes_in_a_locator_are_quotes_and_its_period_moves_inside():
    # bugreports_MovePunctuationInsideQuotesForLocator ("sub verbo" is the term sub-verbo)
    csl = style('<group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>',
                layout=' suffix="."', locale=PIQ)
    assert cite(csl, BOOK, [{"id": "ITEM-1", "label": "sub verbo", "locator": '"gargoyle"'}]) == \
        "s.v. \u201cgargoyle.\u201d"


def test_title_case_keeps_an_apostrophe_inside_a_word():
    # flipflop_SingleBeforeColon: "You’re", not "You’Re"
    csl = style('<text variable="title" text-case="title"/>')
    item = [{"id": "ITEM-1", "type": "book", "title": "'Nobody knows you're a dog': as iconic"}]
    assert cite(csl, item) == "\u201cNobody Knows You\u2019re a Dog\u201d: As Iconic"


def test_text_case_leaves_nodecor_text_alone():
    # flipflop_ItalicsWithOkAndTextcase
    csl = style('<text variable="title" text-case="capitalize-all"/>')
    item = [{"id": "ITEM-1", "type": "book", "title": 'lessard <span class="nodecor">v.</span> schmidt'}]
    assert cite(csl, item) == "Lessard v. Schmidt"


def test_a_note_style_capitalises_a_first_term_after_a_sentence_prefix_only():
    # bugreports_CapsAfterOneWordPrefix, magic_TermCapitalizationWithPrefix, magic_CapitalizeFirstOccurringTerm
    csl = style('<text term="ibid"/>')
    assert cite(csl, BOOK) == "Ibid."
    assert cite(csl, BOOK, [{"id": "ITEM-1", "prefix": "Nocapsafter. "}]) == "Nocapsafter. ibid."
    assert cite(csl, BOOK, [{"id": "ITEM-1", "prefix": "Caps after. "}]) == "Caps after. Ibid."
    in_text = style('<text term="ibid"/>', cls="in-text")
    assert cite(in_text, BOOK) == "ibid."

"""The writer's output rules (engine/writer.py) against citeproc-js's output (CSL test suite)."""
from __future__ import annotations

import pytest
from tests.inline_style import PIQ, bibliography, cite, style

OUTSIDE = '<locale><style-options punctuation-in-quote="false"/></locale>'


def pair(left: str, right: str, locale: str = OUTSIDE) -> str:
    return cite(style(f"<group>{left}{right}</group>", locale=locale))


@pytest.mark.parametrize("left, right, expected", [
    # punctuation_FullMontyPlain / FullMontyField: citeproc-js's table of marks that meet
    ('<text value="colon" suffix=":"/>', '<text value="period" prefix=". "/>', "colon: period"),
    ('<text value="semicolon;"/>', '<text value="colon" prefix=": "/>', "semicolon; colon"),
    ('<text value="colon:"/>', '<text value="exclamation" prefix="! "/>', "colon! exclamation"),
    ('<text value="period" suffix="."/>', '<text value="colon" prefix=": "/>', "period.: colon"),
    ('<text value="question?"/>', '<text value="period" prefix=". "/>', "question? period"),
    ('<text value="comma" suffix=","/>', '<text value="semicolon" prefix="; "/>', "comma,; semicolon"),
])
def test_marks_that_meet_merge_as_citeproc_js_merges_them(left, right, expected):
    assert pair(left, right) == expected


@pytest.mark.parametrize("left, right, expected", [
    # punctuation_FullMontyQuotesIn: with punctuation-in-quote, . , ! ? move inside and merge there
    ('<text quotes="true" value="exclamation" suffix="!"/>', '<text value="colon" prefix=": "/>',
     "\u201cexclamation!\u201d colon"),
    ('<text quotes="true" value="colon" suffix=":"/>', '<text value="exclamation" prefix="! "/>',
     "\u201ccolon!\u201d exclamation"),
    ('<text quotes="true" value="comma" suffix=","/>', '<text value="period" prefix=". "/>',
     "\u201ccomma,.\u201d period"),
    ('<text quotes="true" value="period" suffix="."/>', '<text value="semicolon" prefix="; "/>',
     "\u201cperiod.\u201d; semicolon"),
    ('<text quotes="true" value="colon" suffix=":"/>', '<text value="semicolon" prefix="; "/>',
     "\u201ccolon\u201d:; semicolon"),
])
def test_punctuation_in_quote_moves_marks_inside_and_merges_them(left, right, expected):
    assert pair(left, right, PIQ) == expected


def test_punctuation_outside_quotes_merges_after_the_quote():
    # punctuation_FullMontyQuotesOut
    assert pair('<text quotes="true" value="colon" suffix=":"/>', '<text value="x" prefix="! "/>') == \
        "\u201ccolon\u201d! x"


def test_a_period_moves_inside_nested_quotes():
    # quotes_PunctuationWithInnerQuote
    csl = style(bibliography='<bibliography><layout><text variable="title" quotes="true" suffix="."/>'
                             '</layout></bibliography>', locale=PIQ)
    assert bibliography(csl, [{"id": "a", "type": "book", "title": "This is 'The One'"}]) == [
        "\u201cThis is \u2018The One.\u2019\u201d"]


def test_a_label_after_the_names_is_not_capitalised_as_the_entrys_first_word():
    # punctuation_DelimiterWithStripPeriodsAndSubstitute1: "J Doe, J Roe and R Noakes eds."
    csl = style(bibliography='<bibliography><layout><names variable="editor"><name and="text" '
                             'initialize-with=""/><label form="short" prefix=" "/></names></layout></bibliography>')
    item = {"id": "a", "type": "book",
            "editor": [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}]}
    assert bibliography(csl, [item]) == ["J Doe and J Roe eds."]


def test_superscript_characters_are_written_as_sup():
    # magic_SuperscriptChars: citeproc-js's HTML writes "ª" as <sup>a</sup>, "™" as <sup>TM</sup>
    csl = style('<text variable="title"/>')
    assert cite(csl, [{"id": "a", "type": "book", "title": "1ª Vioxx™ m²"}]) == \
        "1<sup>a</sup> Vioxx<sup>TM</sup> m<sup>2</sup>"


def test_a_space_before_french_punctuation_becomes_a_narrow_no_break_space():
    # punctuation_FrenchOrthography
    csl = style('<text variable="title"/>')
    assert cite(csl, [{"id": "a", "type": "book", "title": "His « Anonymous » Life : yes"}]) == \
        "His «\u202fAnonymous\u202f» Life\u202f: yes"


def test_oblique_is_written_as_em():
    csl = style('<text variable="title" font-style="oblique"/>')
    assert cite(csl, [{"id": "a", "type": "book", "title": "T"}]) == "<em>T</em>"


def test_a_cite_prefix_starting_with_a_comma_replaces_the_delimiter():
    # magic_SuppressLayoutDelimiterIfPrefixComma, affix_WithCommas
    csl = style('<text variable="title"/>', layout=' delimiter="; "')
    items = [{"id": "a", "type": "book", "title": "Book A"}, {"id": "b", "type": "book", "title": "Book B"}]
    assert cite(csl, items, [{"id": "a"}, {"id": "b", "prefix": ", cited in "}]) == "Book A, cited in Book B"
    assert cite(csl, items, [{"id": "a", "suffix": " is one source,"}, {"id": "b"}]) == \
        "Book A is one source, Book B"


def test_a_macro_whose_variables_are_all_empty_prints_nothing():
    # punctuation_SuppressPrefixPeriodForDelimiterSemicolon, group_SuppressTermInMacro
    csl = style('<group delimiter=", "><text variable="title"/><text macro="container"/></group>',
                macros='<macro name="container"><text term="in" suffix=" "/><text variable="container-title"/>'
                       "</macro>")
    assert cite(csl, [{"id": "a", "type": "chapter", "title": "His Life"}]) == "His Life"
    assert cite(csl, [{"id": "a", "type": "chapter", "title": "His Life", "container-title": "C"}]) == \
        "His Life, in C"


def test_a_substituted_names_element_keeps_its_own_prefix():
    # magic_SuppressDuplicateVariableRendering: the editor substitutes for the author under the
    # cs:names' prefix, and is not printed again
    csl = style('<text value="X"/><names variable="author" prefix=" C: "><name/><substitute>'
                '<names variable="editor"/></substitute></names><names variable="editor"/>')
    assert cite(csl, [{"id": "a", "type": "book", "editor": [{"literal": "Blob"}]}]) == "X C: Blob"

"""text-case (engine/textcase.py) against citeproc-js: expected values are the RESULT of the CSL
test-suite fixture each test names."""
from __future__ import annotations

from tests.inline_style import cite, style


def titled(case: str, title: str, **item) -> str:
    csl = style(f'<text variable="title" text-case="{case}"/>')
    return cite(csl, [{"id": "ITEM-1", "type": "book", "title": title, **item}])


def test_sentence_case_lowers_every_word_but_the_first_and_keeps_nocase():
    # textcase_SentenceCapitalization
    assert titled("sentence", 'This is a Pen that is a <span class="nocase">Smith</span> Pencil') == \
        "This is a pen that is a Smith pencil"


def test_title_case_capitalises_a_stop_word_before_a_hyphen_only_at_the_start():
    # textcase_StopWordBeforeHyphen, textcase_TitleCaseWithHyphens
    assert titled("title", "Employee pro-environmental behavior") == "Employee Pro-Environmental Behavior"
    assert titled("title", "Out-of-fashion initiatives: a second story") == \
        "Out-of-Fashion Initiatives: A Second Story"


def test_uppercase_follows_the_items_language():
    # textcase_LocaleUnicode
    assert titled("uppercase", "ia and ıb EN", language="en") == "IA AND IB EN"
    assert titled("uppercase", "ic and ıd TR", language="tr") == "İC AND ID TR"


def test_a_term_first_in_a_note_citation_is_capitalised_unless_a_cite_or_short_prefix_precedes():
    # magic_TermCapitalizationWithPrefix, bugreports_CapsAfterOneWordPrefix, integration_SimpleIbid
    from annobib.engine import Engine
    csl = style('<text term="ibid"/>', layout=' delimiter="; "')
    items = [{"id": "ITEM-1", "type": "book"}, {"id": "ITEM-2", "type": "book"}]
    clusters = [[{"id": "ITEM-1"}], [{"id": "ITEM-1", "prefix": "See "}],
                [{"id": "ITEM-1", "prefix": "This has been said. "}], [{"id": "ITEM-1"}, {"id": "ITEM-2"}]]
    assert [Engine(csl).render_citations(items, [c])[0] for c in clusters] == [
        "Ibid.", "See ibid.", "This has been said. Ibid.", "Ibid.; ibid."]
    in_text = style('<text term="and"/>', cls="in-text")
    assert cite(in_text) == "and"


def test_title_case_keeps_an_apostrophe_inside_a_word():
    # flipflop_SingleBeforeColon; "They’re" as citeproc-js prints data typed "They're"
    assert titled("title", "Millions have no idea they're using it") == "Millions Have No Idea They’re Using It"


def test_a_number_is_cased_value_by_value():
    # citeproc-js applies a number's text-case to each of its values: "arXiv:hep-Th/9603067"
    csl = style('<text variable="number" text-case="capitalize-first"/>')
    assert cite(csl, [{"id": "ITEM-1", "type": "book", "number": "arXiv:hep-th/9603067"}]) == "arXiv:hep-Th/9603067"

"""Text, terms, labels and text-case (engine/elements/text.py, textcase.py, elements/locale.py)
against citeproc-js.

Every render goes through tests/engine/cases.py, which also checks its text and HTML against
citeproc-js's (tests/engine/golden.json). The literal expected values are citeproc-js's too:
the RESULT of the CSL test-suite fixture a test names, or plain citeproc-js 2.4.63's output.
"""
from __future__ import annotations

from tests.engine.cases import bibliography, citations, cite, style

# -- text-case (was tests/test_engine_textcase.py) ------------------------------------------------

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
    csl = style('<text term="ibid"/>', layout=' delimiter="; "')
    items = [{"id": "ITEM-1", "type": "book"}, {"id": "ITEM-2", "type": "book"}]
    clusters = [[{"id": "ITEM-1"}], [{"id": "ITEM-1", "prefix": "See "}],
                [{"id": "ITEM-1", "prefix": "This has been said. "}], [{"id": "ITEM-1"}, {"id": "ITEM-2"}]]
    assert [citations(csl, items, [c])[0] for c in clusters] == [
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


# -- text-case on labels and the title-case rules (was tests/test_fix_text_case.py) ----------------

ITEMS_LABELS = [{"id": "e1", "type": "chapter", "title": "A chapter",
                 "author": [{"family": "Kant", "given": "Immanuel"}],
                 "editor": [{"family": "Gierds", "given": "Christian"}, {"family": "Sürmeli", "given": "Jan"}],
                 "container-title": "Workshop proceedings", "publisher": "CEUR", "issued": {"date-parts": [[2010]]}}]


def test_a_label_after_editors_bibliography():
    assert bibliography("apa", ITEMS_LABELS, fmt="text") == [
        "Kant, I. (2010). A chapter. In C. Gierds & J. Sürmeli (Eds.), Workshop proceedings. CEUR."]


def test_a_label_after_editors_citations():
    assert citations("apa", ITEMS_LABELS, [["e1"]], fmt="text") == ['(Kant, 2010)']


ITEMS_TITLE_CASE = [{"id": "h1", "type": "paper-conference", "title": "Question-based authentication",
                     "author": [{"family": "Nosseir", "given": "Ann"}],
                     "container-title": "Proceedings of the 4th Nordic conference on human-computer interaction in "
                                        "Rio de Janeiro",
                     "publisher": "ACM", "issued": {"date-parts": [[2006]]}, "page": "429-432"}]


def test_title_case_bibliography():
    assert bibliography("apa", ITEMS_TITLE_CASE, fmt="text") == [
        "Nosseir, A. (2006). Question-based authentication. Proceedings of the 4th Nordic Conference on "
        "Human-Computer Interaction in Rio de Janeiro, 429–432."]


def test_title_case_citations():
    assert citations("apa", ITEMS_TITLE_CASE, [["h1"]], fmt="text") == ['(Nosseir, 2006)']


# citeproc-js's word breaks and stop words: ordinals, "&", "e-Science", German articles,
# a domain name, <sup> content, a stop word at the end.
ITEMS_JS_TITLE_CASE = [{"id": "c1", "type": "paper-conference", "title": "A study",
                        "author": [{"family": "Harrer", "given": "Simon"}],
                        "container-title": "Proceedings of the 5th IEEE conference on service-oriented computing & "
                                           "applications, e-Science, des Workshops auf der Jahrestagung at "
                                           "bloomberg.com: the <sup>th</sup> way to",
                        "issued": {"date-parts": [[2012]]}, "page": "1-8"}]


def test_title_case_follows_citeproc_js_word_rules():
    assert bibliography("apa", ITEMS_JS_TITLE_CASE, fmt="text") == [
        "Harrer, S. (2012). A study. Proceedings of the 5th IEEE Conference on Service-Oriented Computing & "
        "Applications, e-Science, Des Workshops Auf Der Jahrestagung at Bloomberg.Com: The th Way To, 1–8."]


# -- a term printed first in an entry is capitalised (was tests/test_fix_terms.py) ----------------

UNDATED = {"id": "c2", "type": "book", "publisher": "Macmillan"}
CIRCA = {"id": "c3", "type": "book", "publisher": "Macmillan", "issued": {"date-parts": [[1723]], "circa": True}}


def test_entry_initial_terms_are_capitalised_in_the_bibliography():
    assert bibliography("apa", [UNDATED, CIRCA], fmt="text") == ["(N.d.). Macmillan.", "(Ca. 1723). Macmillan."]


def test_but_not_in_in_text_citations():
    assert citations("apa", [UNDATED, CIRCA], [["c2"], ["c3"]], fmt="text") == [
        "(n.d.)", "(ca. 1723)"]

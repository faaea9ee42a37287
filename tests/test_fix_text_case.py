"""Fix: text-case on labels and the title-case rules (fixes/text_case.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_LABELS = [{"id": "e1", "type": "chapter", "title": "A chapter", "author": [{"family": "Kant", "given": "Immanuel"}], "editor": [{"family": "Gierds", "given": "Christian"}, {"family": "Sürmeli", "given": "Jan"}], "container-title": "Workshop proceedings", "publisher": "CEUR", "issued": {"date-parts": [[2010]]}}]


def test_labels_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_LABELS)]
    assert [_spaced(t) for t in got] == ['Kant, I. (2010). A chapter. In C. Gierds & J. Sürmeli (Eds.), Workshop proceedings. CEUR.']


def test_labels_citations():
    assert citations('apa', ITEMS_LABELS, [["e1"]]) == ['(Kant, 2010)']


ITEMS_TITLE_CASE = [{"id": "h1", "type": "paper-conference", "title": "Question-based authentication", "author": [{"family": "Nosseir", "given": "Ann"}], "container-title": "Proceedings of the 4th Nordic conference on human-computer interaction in Rio de Janeiro", "publisher": "ACM", "issued": {"date-parts": [[2006]]}, "page": "429-432"}]


def test_title_case_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_TITLE_CASE)]
    assert [_spaced(t) for t in got] == ['Nosseir, A. (2006). Question-based authentication. Proceedings of the 4th Nordic Conference on Human-Computer Interaction in Rio de Janeiro, 429–432.']


def test_title_case_citations():
    assert citations('apa', ITEMS_TITLE_CASE, [["h1"]]) == ['(Nosseir, 2006)']


# citeproc-js's word breaks and stop words: ordinals, "&", "e-Science", German articles,
# a domain name, <sup> content, a stop word at the end.
ITEMS_JS_TITLE_CASE = [{"id": "c1", "type": "paper-conference", "title": "A study",
                        "author": [{"family": "Harrer", "given": "Simon"}],
                        "container-title": "Proceedings of the 5th IEEE conference on service-oriented computing & "
                                           "applications, e-Science, des Workshops auf der Jahrestagung at "
                                           "bloomberg.com: the <sup>th</sup> way to",
                        "issued": {"date-parts": [[2012]]}, "page": "1-8"}]


def test_title_case_follows_citeproc_js_word_rules():
    assert bibliography("apa", ITEMS_JS_TITLE_CASE) == [
        "Harrer, S. (2012). A study. Proceedings of the 5th IEEE Conference on Service-Oriented Computing & "
        "Applications, e-Science, Des Workshops Auf Der Jahrestagung at Bloomberg.Com: The th Way To, 1–8."]

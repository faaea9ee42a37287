"""Fix: literal last name in a two-name list (fixes/names.py). Expected values: citeproc-js 2.4.63's text output."""
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_NAMES = [{"id": "n1", "type": "report", "title": "Election report", "author": [{"family": "Christiansen", "given": "Karl"}, {"literal": "Election committee"}], "publisher": "P", "issued": {"date-parts": [[2001]]}}]


def test_names_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_NAMES)]
    assert [_spaced(t) for t in got] == ['Christiansen, K. & Election committee. (2001). Election report. P.']


def test_names_citations():
    assert citations('apa', ITEMS_NAMES, [["n1"]]) == ['(Christiansen & Election committee, 2001)']


ITEMS_INITIALS = [{"id": "n1", "type": "book", "title": "Initials", "issued": {"date-parts": [[2010]]},
                   "author": [{"family": "Lai", "given": "Tsung-te Ted"}, {"family": "Prokhorov", "given": "G. Yu."},
                              {"family": "Souza", "given": "Luciana Moreira Sá de"},
                              {"family": "Reagle", "given": "Joseph M.", "suffix": "Jr."},
                              {"family": "Chu", "given": "Hao-hua"}]}]


def test_initials_as_citeproc_js_makes_them():
    assert bibliography("apa", ITEMS_INITIALS) == [
        "Lai, T. T., Prokhorov, G. Yu., Souza, L. M. S. de, Reagle, J. M., Jr., & Chu, H. (2010). Initials."]
    assert [_spaced(t) for t in bibliography("vancouver", ITEMS_INITIALS)] == [
        "1. Lai T te T, Prokhorov GYu, Souza LMS de, Reagle JM Jr, Chu H hua. Initials. 2010."]

"""Fix: year suffixes, given-name rule and added names (engine/disambiguation.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_YEAR_SUFFIX = [{"id": "Goossens1", "type": "article-journal", "title": "TeX to and back", "author": [{"family": "Goossens", "given": "Michel"}, {"family": "Saarela", "given": "Janne"}], "issued": {"date-parts": [[1995]]}, "container-title": "TUGboat"}, {"id": "Goossens2", "type": "article-journal", "title": "SGML and TeX", "author": [{"family": "Goossens", "given": "Michel"}, {"family": "Saarela", "given": "Janne"}], "issued": {"date-parts": [[1995]]}, "container-title": "TUGboat"}]


def test_year_suffix_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_YEAR_SUFFIX)]
    assert [_spaced(t) for t in got] == ['Goossens, M., & Saarela, J. (1995a). SGML and TeX. TUGboat.', 'Goossens, M., & Saarela, J. (1995b). TeX to and back. TUGboat.']


def test_year_suffix_citations():
    assert citations('apa', ITEMS_YEAR_SUFFIX, [["Goossens1", "Goossens2"], ["Goossens2"]]) == ['(Goossens & Saarela, 1995b, 1995a)', '(Goossens & Saarela, 1995a)']


ITEMS_GIVENNAME = [{"id": "r1", "type": "book", "title": "One", "author": [{"family": "Rashid", "given": "Bushra"}], "issued": {"date-parts": [[2016]]}, "publisher": "P"}, {"id": "r2", "type": "book", "title": "Two", "author": [{"family": "Rashid", "given": "Haroon"}], "issued": {"date-parts": [[2015]]}, "publisher": "P"}]


def test_givenname_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_GIVENNAME)]
    assert [_spaced(t) for t in got] == ['Rashid, B. (2016). One. P.', 'Rashid, H. (2015). Two. P.']


def test_givenname_citations():
    assert citations('apa', ITEMS_GIVENNAME, [["r1"], ["r2", "r1"]]) == ['(B. Rashid, 2016)', '(B. Rashid, 2016; H. Rashid, 2015)']


ITEMS_ADD_NAMES = [{"id": "m1", "type": "book", "title": "One", "author": [{"family": "Morris", "given": "Ann"}, {"family": "Vannucci", "given": "Marina"}, {"family": "Brown", "given": "Phil"}], "issued": {"date-parts": [[2003]]}, "publisher": "P"}, {"id": "m2", "type": "book", "title": "Two", "author": [{"family": "Morris", "given": "Ann"}, {"family": "Lee", "given": "Kim"}, {"family": "Brown", "given": "Phil"}], "issued": {"date-parts": [[2003]]}, "publisher": "P"}]


def test_add_names_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_ADD_NAMES)]
    assert [_spaced(t) for t in got] == ['Morris, A., Lee, K., & Brown, P. (2003). Two. P.', 'Morris, A., Vannucci, M., & Brown, P. (2003). One. P.']


def test_add_names_citations():
    assert citations('apa', ITEMS_ADD_NAMES, [["m1"], ["m2"]]) == ['(Morris, Vannucci, et al., 2003)', '(Morris, Lee, et al., 2003)']


def test_cites_that_differ_only_in_quotes_are_ambiguous():
    """citeproc-js compares cites without decorations: a quoted and an unquoted title still clash."""
    title = "Proc. Fifteenth Annual Symposium on the Theory of Computing"
    items = [{"id": "p1", "type": "book", "title": title, "issued": {"date-parts": [[1983]]}},
             {"id": "p2", "type": "book", "title": title, "container-title": "Proc. ACM", "publisher": "ACM",
              "issued": {"date-parts": [[1983]]}}]
    assert engine_for("apa").render_citations(items, [["p1"], ["p2"]], fmt="text") == [
        f"({title}, 1983a)", f"(“{title},” 1983b)"]

"""Fix: cite collapsing (fixes/collapse.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_COLLAPSE = [{"id": "c0", "type": "book", "title": "T0", "author": [{"family": "Doe", "given": "J0"}], "publisher": "P", "issued": {"date-parts": [[2000]]}}, {"id": "c1", "type": "book", "title": "T1", "author": [{"family": "Doe", "given": "J1"}], "publisher": "P", "issued": {"date-parts": [[2001]]}}, {"id": "c2", "type": "book", "title": "T2", "author": [{"family": "Doe", "given": "J2"}], "publisher": "P", "issued": {"date-parts": [[2002]]}}, {"id": "c3", "type": "book", "title": "T3", "author": [{"family": "Doe", "given": "J3"}], "publisher": "P", "issued": {"date-parts": [[2003]]}}, {"id": "c4", "type": "book", "title": "T4", "author": [{"family": "Doe", "given": "J4"}], "publisher": "P", "issued": {"date-parts": [[2004]]}}]


def test_collapse_bibliography():
    got = [' '.join(t.split()) for t in bibliography('vancouver', ITEMS_COLLAPSE)]
    assert [_spaced(t) for t in got] == ['1. Doe J. T0. P; 2000.', '2. Doe J. T1. P; 2001.', '3. Doe J. T2. P; 2002.', '4. Doe J. T3. P; 2003.', '5. Doe J. T4. P; 2004.']


def test_collapse_citations():
    assert citations('vancouver', ITEMS_COLLAPSE, [["c2", "c1", "c0"]]) == ['(1–3)']


ITEMS_COLLAPSE_APA = [{"id": "s1", "type": "book", "title": "One", "author": [{"family": "Spivak", "given": "Gayatri"}], "publisher": "P", "issued": {"date-parts": [[1981]]}}, {"id": "s2", "type": "book", "title": "Two", "author": [{"family": "Spivak", "given": "Gayatri"}], "publisher": "P", "issued": {"date-parts": [[1986]]}}]


def test_collapse_apa_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_COLLAPSE_APA)]
    assert [_spaced(t) for t in got] == ['Spivak, G. (1981). One. P.', 'Spivak, G. (1986). Two. P.']


def test_collapse_apa_citations():
    assert citations('apa', ITEMS_COLLAPSE_APA, [["s2", "s1"]]) == ['(Spivak, 1981, 1986)']


def test_a_cite_without_names_joins_the_group_before_it():
    items = [{"id": "l1", "type": "book", "title": "One", "author": [{"family": "Leeson", "given": "Peter"}],
              "issued": {"date-parts": [[2007]]}}, {"id": "m1", "type": "document"}]
    assert engine_for("apa").render_citations(items, [["m1", "l1"]], fmt="text") == ["(Leeson, 2007, n.d.)"]

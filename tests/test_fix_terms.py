"""Fix: a term printed first in an entry is capitalised (fixes/terms.py), and a label of an
empty variable prints nothing (fixes/variables.py). Expected values: citeproc-js 2.4.63."""
from annobib.render import engine_for

UNDATED = {"id": "c2", "type": "book", "publisher": "Macmillan"}
CIRCA = {"id": "c3", "type": "book", "publisher": "Macmillan", "issued": {"date-parts": [[1723]], "circa": True}}


def test_entry_initial_terms_are_capitalised_in_the_bibliography():
    entries = engine_for("apa").render_bibliography([UNDATED, CIRCA])
    assert [entry.text for entry in entries] == ["(N.d.). Macmillan.", "(Ca. 1723). Macmillan."]


def test_but_not_in_in_text_citations():
    assert engine_for("apa").render_citations([UNDATED, CIRCA], [["c2"], ["c3"]], fmt="text") == [
        "(n.d.)", "(ca. 1723)"]

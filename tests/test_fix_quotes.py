"""Fix: quotes and apostrophes in field text as citeproc-js parses them (engine/flipflop.py,
fixes/rich_text.py, fixes/source.py) and punctuation-in-quote at seams (fixes/punctuation.py).
Expected values: citeproc-js 2.4.63's output for the same items."""
import pytest

from annobib.engine.flipflop import plain
from tests.fix_helpers import plain_engine as engine_for  # plain citeproc-js, as the expected values

TITLES = {
    "q0": ("EuroTeX '94 proceedings", "EuroTeX ’94 proceedings."),
    "q1": ("Some remarks on 't Hooft's S-matrix", "Some remarks on ’t Hooft’s S-matrix."),
    "q3": ("the 'quoted' word here", "the “quoted” word here."),
    "q5": ("Comments on 'A 70 MHz filter'", "Comments on “A 70 MHz filter.”"),
    "q6": ('Reply to "Comment on "Correct wavefunction"" [J. Phys]',
           "Reply to “Comment on ‘Correct wavefunction’” [J. Phys]."),
    "q8": ('the "KANTARO"', "the “KANTARO.”"),
    "q10": ("Comments on 'A 70 MHz filter'.", "Comments on “A 70 MHz filter”."),
    "q12": ("'Tis the 'season'", "’Tis the “season.”"),
}


@pytest.mark.parametrize("key", sorted(TITLES))
def test_quotes_in_titles(key):
    title, expected = TITLES[key]
    item = {"id": key, "type": "book", "title": title, "author": [{"family": "Aa", "given": "B"}],
            "issued": {"date-parts": [[2000]]}}
    assert engine_for("apa").render_bibliography([item])[0].text == f"Aa, B. (2000). {expected}"


def test_punctuation_moves_inside_the_quote_and_the_italics_in_html():
    item = {"id": "q8", "type": "book", "title": 'the "KANTARO"', "author": [{"family": "Ai", "given": "B"}],
            "issued": {"date-parts": [[2000]]}}
    assert engine_for("apa").render_bibliography([item])[0].html == "Ai, B. (2000). <i>the “KANTARO.”</i>"


def test_apostrophes_in_names():
    item = {"id": "n1", "type": "book", "title": "Names", "issued": {"date-parts": [[2000]]},
            "author": [{"family": "O'Meara", "given": "D'Arcy"}, {"family": "d'Alembert", "given": "J"}]}
    assert engine_for("apa").render_bibliography([item])[0].text == "O’Meara, D., & d’Alembert, J. (2000). Names."


def test_quotes_inside_nocase_spans_that_pair_nothing_stay_straight():
    assert plain('<span class="nocase">Call for papers, EuroTeX\u2009\'94</span>') == "Call for papers, EuroTeX '94"
    assert plain('Some remarks on <span class="nocase">\'t Hooft\'s</span>') == "Some remarks on 't Hooft’s"

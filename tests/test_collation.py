"""Sort keys against citeproc-js's order (engine/collation.py).

The orders are those citeproc-js gave titles of one author and year in the
10,000-entry benchmark library (scripts/benchmark.py): punctuation inside a
word is ignored, so "TeX-NL" collates as "texnl".
"""
from __future__ import annotations

from annobib.engine.collation import collation_key


def test_punctuation_inside_a_word_is_ignored():
    titles = ["TeX-Pubs", "TeX-NL (Dutch)", "TeXMaG", "TeXhax"]
    assert sorted(titles, key=collation_key) == ["TeXhax", "TeXMaG", "TeX-NL (Dutch)", "TeX-Pubs"]
    assert sorted(["e-math.ams.com", "ELLHNIKA (Greek)"], key=collation_key) == ["ELLHNIKA (Greek)", "e-math.ams.com"]


def test_digits_stay_numbers_and_word_ends_come_first():
    assert sorted(["Part 10", "Part 9", "Part 9b"], key=collation_key) == ["Part 9", "Part 9b", "Part 10"]
    assert sorted(["TUG'97 program", "TUG membership"], key=collation_key) == ["TUG membership", "TUG'97 program"]

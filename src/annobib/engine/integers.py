"""Whole numbers read from item text of any length.

Python refuses to convert a run of more than 4,300 digits to an int (a guard
against slow conversion), and a hand-written .bib can hold one. citeproc-js
reads such a run as a float (Infinity); here a longer run counts as a number
larger than any shorter one, which keeps every comparison the engine makes.
"""
from __future__ import annotations

_CONVERTIBLE = 4000


def digits_value(digits: str) -> int:
    """The value of an optionally signed run of ASCII digits ("0042", "-7", 4,301 nines)."""
    sign = -1 if digits.startswith("-") else 1
    significant = digits.lstrip("+-").lstrip("0")
    if len(significant) <= _CONVERTIBLE:
        return sign * int(significant or "0")
    return sign * 10 ** len(significant)  # no string conversion: only its size matters

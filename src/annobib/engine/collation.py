"""Sort keys that order strings as citeproc-js does.

citeproc-js compares sort keys with ``localeCompare`` under the options
``sensitivity: "base"``, ``ignorePunctuation: true``, ``numeric: true``:
case and accents do not count, punctuation is skipped, digit runs compare as
numbers, and the end of each word (citeproc-js writes "|" there) sorts before
any letter or digit. citeproc-py compares lower-cased code points, so
"Büyükbeşe" sorts after "Bykov" and "/VMS" before "Abel". This key
approximates that collation without ICU.
"""
from __future__ import annotations

import html
import re
import unicodedata

from .integers import digits_value

# Letters that Unicode does not decompose but the root collation files under a base letter.
_BASE_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ħ": "h", "ŧ": "t",
                               "æ": "ae", "œ": "oe", "þ": "th", "ß": "ss", "ŋ": "n"})
_TAG = re.compile(r"<[^>]+>")
_RUN = re.compile(r"\d+|[^\W\d_]+")
# citeproc-js joins the words of a sort key with "|", a symbol: not ignored as punctuation is,
# and before digits and letters, so "TUG membership" sorts before "TUG'97 program".
_WORD_END = (-1, 0, "")


# Sort keys repeat (an author's name in every one of their works): each text is collated once.
_KEYS: dict[str, tuple] = {}


def collation_key(value) -> tuple:
    """A tuple that sorts like citeproc-js's comparison of ``value`` (markup ignored)."""
    value = str(value)
    key = _KEYS.get(value)
    if key is None:
        if len(_KEYS) > 100_000:
            _KEYS.clear()
        key = _KEYS[value] = _collation_key(value)
    return key


def remember(keys: dict[str, tuple]) -> None:
    """Collation keys computed by an earlier run (the render cache keeps them)."""
    if len(_KEYS) + len(keys) > 100_000:
        _KEYS.clear()
    _KEYS.update(keys)


def known() -> dict[str, tuple]:
    return _KEYS


def _collation_key(value: str) -> tuple:
    text = html.unescape(_TAG.sub("", value)).casefold()
    key = []
    # citeproc-js cuts the key into words at the space character only (before any
    # normalisation: NFKD makes a thin space a space): a thin or no-break space is ignored
    # inside a word, as punctuation is ("TUG\u20092009" reads "TUG2009")
    for word in filter(None, text.split(" ")):
        word = unicodedata.normalize("NFKD", word)
        word = "".join(ch for ch in word if not unicodedata.combining(ch)).translate(_BASE_LETTERS)
        # a word of punctuation only ("&", "–") is ignored but its "|" is not: "Smith & Jones"
        # sorts before "Smith Adams", and ", Charles" before "1996" (citeproc-js)
        key.extend(_word_key(_RUN.findall(word)))
        key.append(_WORD_END)
    return tuple(key)


def _word_key(runs: list[str]) -> list[tuple]:
    """One word's runs: digits as numbers; letters on either side of punctuation as one run,
    since the punctuation is ignored ("TeX-NL" collates as "texnl", after "TeXMaG")."""
    key: list[tuple] = []
    for run in runs:
        if run.isdigit():
            key.append((0, digits_value(run), ""))
        elif key and key[-1][0] == 1:
            key[-1] = (1, 0, key[-1][2] + run)
        else:
            key.append((1, 0, run))
    return key

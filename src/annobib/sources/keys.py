"""Citation keys for new entries: the bundled bibliography's pattern, made unique.

The pattern is the first author's family name and the year, lower case, ASCII
letters and digits only, accents dropped and a particle left out: ``persson1995``,
``koder2010`` for Köder, ``bemt2010`` for van den Bemt, and ``nd`` in place of
the year for an undated work (``justusnd``).
A corporate author gives the initials of its capitalised words before the
first comma (``University of Illinois Chicago`` -> ``uic``), a one-word name
in full (``who``). With no author, the first editor; with neither, the first
word of the title that is not an article. A key already in the file (compared
without regard to case) gets ``a``, ``b``, … ``z``, ``aa``… appended.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import count

_TITLE_SKIP = {"a", "an", "the", "on", "of", "in", "and", "le", "la", "les", "der", "die", "das", "el"}


def make_key(csl: dict, taken: set[str]) -> str:
    """The key for ``csl``; ``taken`` holds the keys in use, in lower case."""
    base = (_name_part(csl) or "ref") + _year_part(csl)
    if base not in taken:
        return base
    for number in count(1):
        candidate = base + _letters(number)
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (spreadsheet columns)."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _name_part(csl: dict) -> str:
    for role in ("author", "editor"):
        names = csl.get(role) or []
        if names and isinstance(names[0], dict):
            first = names[0]
            if first.get("family"):
                return ascii_word(first["family"])
            if first.get("literal"):
                return _corporate(str(first["literal"]))
    title = re.sub(r"<[^>]+>", "", str(csl.get("title", "")))
    for word in title.split():
        folded = ascii_word(word)
        if folded and folded not in _TITLE_SKIP:
            return folded
    return ""


def _corporate(name: str) -> str:
    words = name.split(",")[0].split()
    if len(words) == 1:
        return ascii_word(words[0])
    initials = "".join(word[0] for word in words if word[:1].isupper())
    return ascii_word(initials) or ascii_word(words[0])


def _year_part(csl: dict) -> str:
    try:
        return str(int(csl["issued"]["date-parts"][0][0]))
    except (KeyError, IndexError, TypeError, ValueError):
        return "nd"


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (accents dropped: Köder -> koder)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).lower())

"""The ``citation-label`` variable: the item's own label, else a "trigraph" made from it.

citeproc-js (``getCitationLabel``) builds the label from the first name
variable the item has, by the pattern "Aaaa00:AaAa00:AaAA00:AAAA00" (one
pattern for one, two, three and more names: each "A" starts a name and takes
one letter of its family name, each "a" one more letter, each "0" one digit
of the year from the end): "Asth00", "AsBr98", "DEFG26". An item without
names takes its title's first letters (short words left out). A cite prints
the label with the year suffix disambiguation gives it ("Asth00a"); a sort
key takes the made-up label, never the item's own.
"""
from __future__ import annotations

import re

from .items import Item
from .textcase import SKIP_WORDS

PATTERN = "Aaaa00:AaAa00:AaAA00:AAAA00"
# citeproc-js's order of name variables (the first one an item has is used)
NAME_ORDER = ("author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
              "curator", "director", "editor", "editor-translator", "editorial-director", "executive-producer",
              "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
              "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
              "translator")
_NOT_LETTER = re.compile("[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
                         "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]")
_ARTICLE = re.compile(r"^(a\s+|the\s+|an\s+)", re.I)


def _patterns() -> list[tuple[list[int], int]]:
    """Per pattern: the letters each name gives, and the digits of the year."""
    found = []
    for pattern in PATTERN.split(":"):
        letters: list[int] = []
        digits = 0
        for char in pattern:
            if char == "A":
                letters.append(1)
            elif char == "a":
                letters[-1] += 1
            elif char == "0":
                digits += 1
        found.append((letters, digits))
    return found


_PATTERNS = _patterns()


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def made_label(item: Item) -> str:
    """The label citeproc-js makes up for an item."""
    letters, digits = _PATTERNS[0]
    label = ""
    for variable in NAME_ORDER:
        people = item.names(variable)
        if not people:
            continue
        letters, digits = _PATTERNS[min(len(people), len(_PATTERNS)) - 1]
        for index, person in enumerate(people[:len(letters)]):
            name = person.family if person.family else person.literal
            name = re.sub(r"^([ '\u2019a-z]+\s+)", "", name) if person.family else name
            name = _NOT_LETTER.sub("", _ARTICLE.sub("", name))
            if not name:
                break
            label += _capitalised(name[:letters[index]])
        break
    if not label:
        title = item.raw("title") or ""
        words = [word for word in title.split() if word not in SKIP_WORDS]
        label = _capitalised("".join(words)[:_PATTERNS[0][0][0]])
    date = item.date("issued")
    year = str(date.parts[0].year) if date is not None and date.parts and date.parts[0].year is not None \
        else "0000"
    return label + year[-digits:] if digits else label


def citation_label(item: Item) -> str:
    """What the variable prints before any year suffix: the item's own label, else a made one."""
    return item.raw("citation-label") or made_label(item)

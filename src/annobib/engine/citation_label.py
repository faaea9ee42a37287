"""The ``citation-label`` variable, made as citeproc-js makes it when the item has none.

citeproc-js builds a "trigraph" from the names of the item's first name
variable that has any, and the year: with its default pattern
"Aaaa00:AaAa00:AaAA00:AAAA00", one name gives its first four letters, two
names two letters each, three names 2+1+1, four or more one letter each of
the first four ("Doe65", "RoNo78", "SmJoB99"); a leading particle in lower
case, "a", "an", "the" and anything not a letter are dropped, each piece is
capitalised. No names: the title's first four letters, its stop words left
out. The year is the last two digits of the issued year ("00" without one).
In print, the year suffix follows the label ("RoNo78a"); a sort key has none.
"""
from __future__ import annotations

import re

from .items import NAME_VARIABLES, Item

# letters per name, for 1, 2, 3 and 4+ names (citeproc-js's default trigraph)
_PATTERNS = ((4,), (2, 2), (2, 1, 1), (1, 1, 1, 1))
_YEAR_DIGITS = 2
# citeproc-js's order of name variables (CSL.NAME_VARIABLES)
_ORDER = ("author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
          "curator", "director", "editor", "editor-translator", "editorial-director", "executive-producer",
          "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer",
          "producer", "recipient", "reviewed-author", "script-writer", "series-creator", "translator")
_PARTICLE = re.compile(r"^([ '\u2019a-z]+\s+)")
_ARTICLE = re.compile(r"^(a\s+|the\s+|an\s+)", re.I)
_NOT_LETTER = re.compile(r"[^a-zA-Z\u00c0-\u017f\u0370-\u03ff\u0400-\u052f]")


def citation_label(item: Item, skip_words: frozenset[str]) -> str:
    """The item's own citation-label, else the trigraph (without a year suffix)."""
    given = item.raw("citation-label")
    if given:
        return given
    label = ""
    for variable in _ORDER:
        if variable not in NAME_VARIABLES:
            continue
        people = item.names(variable)
        if not people:
            continue
        widths = _PATTERNS[min(len(people), len(_PATTERNS)) - 1]
        for person, width in zip(people, widths):
            name = _PARTICLE.sub("", person.family) if person.family else person.literal
            name = _NOT_LETTER.sub("", name[len(m.group(1)):] if (m := _ARTICLE.match(name)) else name)
            if not name:
                break
            label += _capitalised(name[:width])
        break
    title = item.raw("title")
    if not label and title:
        words = [w for w in title.split() if w not in skip_words]
        label = _capitalised("".join(words)[:_PATTERNS[0][0]])
    date = item.date("issued")
    year = date.parts[0].year if date is not None and date.parts and date.parts[0].year is not None else None
    return label + (str(year) if year is not None else "0000")[-_YEAR_DIGITS:]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:].lower()

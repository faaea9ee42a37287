"""The citation-label variable, made as citeproc-js makes it (``getCitationLabel``).

citeproc-js builds a "trigraph" label from the names of the first name
variable the item has and its year, by the pattern "Aaaa00:AaAa00:AaAA00:
AAAA00" (one name: four letters of it; two: two letters each; three: two,
one, one; four or more: one each; then the year's last two digits):
"Doe65", "RoNo78". Particles, a leading "A"/"An"/"The" and characters
outside Latin-like scripts are dropped. Without names, the title (stop words
left out) gives the letters; without a year, "00". A label typed in the
item's ``citation-label`` wins.
"""
from __future__ import annotations

import re

from .items import Item
from .textcase import SKIP_WORDS

# citeproc-js's CSL.NAME_VARIABLES order: the first one an item has gives the label
_NAME_ORDER = ("author chair collection-editor compiler composer container-author contributor curator director "
               "editor editor-translator editorial-director executive-producer guest host illustrator interviewer "
               "narrator organizer original-author performer producer recipient reviewed-author script-writer "
               "series-creator translator commenter").split()
_LETTERS_PER_NAME = ((4,), (2, 2), (2, 1, 1), (1, 1, 1, 1))
_NOT_ROMANESQUE = re.compile("[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
                             "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _name_letters(item: Item) -> str:
    for variable in _NAME_ORDER:
        people = item.names(variable)
        if not people:
            continue
        widths = _LETTERS_PER_NAME[min(len(people), len(_LETTERS_PER_NAME)) - 1]
        label = ""
        for person, width in zip(people, widths):
            if person.family:
                name = re.sub(r"^([ '\u2019a-z]+\s+)", "", person.family)
            else:
                name = person.literal
            article = re.match(r"^(a\s+|the\s+|an\s+)", name.lower())
            if article:
                name = name[len(article.group(1)):]
            name = _NOT_ROMANESQUE.sub("", name)
            if not name:
                break
            label += _capitalised(name[:width])
        return label
    return ""


def citation_label(item: Item) -> str:
    typed = item.raw("citation-label")
    if typed:
        return typed
    label = _name_letters(item)
    if not label:
        title = item.raw("title") or ""
        label = _capitalised("".join(word for word in title.split() if word not in SKIP_WORDS)[:4])
    date = item.date("issued")
    year = str(date.parts[0].year) if date and date.parts and date.parts[0].year is not None else "0000"
    return label + year[-2:]

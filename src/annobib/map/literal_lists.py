"""``publisher``, ``organization`` and ``institution``: one name, or a biblatex list.

In BibTeX these fields hold one name: "Farrar, Straus and Giroux" and
"Centers for Disease Control and Prevention" are each one publisher (so
Zotero's BibTeX import and every BibTeX style read them). biblatex makes
them lists separated by ``and``, but files written for it still hold such
names unbraced. The rule here, for a biblatex entry (see ``is_biblatex``):
an ``and`` outside braces separates names only when every part is a
complete name on its own:

- a part wholly in braces (``{Springer} and {Elsevier}``), or
- a part of two or more words, each capitalised, with no comma
  (``Oxford University Press and Cambridge University Press``).

Anything else is kept as one name and reported as ambiguous (``check``
warns): "Farrar, Straus and Giroux" (a comma), "Centers for Disease Control
and Prevention" (one-word part, lower-case "for"), "Simon and Schuster".
"""
from __future__ import annotations

import re
from pathlib import Path

from ..read.bibtex import RawEntry

# Fields only biblatex's data model has: an entry using one was written for biblatex.
BIBLATEX_FIELDS = frozenset({"journaltitle", "location", "date", "langid", "maintitle", "origdate",
                             "pubstate", "eventdate", "journalsubtitle", "booksubtitle", "titleaddon"})
LIST_FIELDS = ("publisher", "organization", "institution")


def is_biblatex(entry: RawEntry) -> bool:
    """The entry follows biblatex's data model: a biblatex-only field, or a .biblatex file."""
    return Path(entry.file).suffix.lower() == ".biblatex" or not BIBLATEX_FIELDS.isdisjoint(entry.fields)


def literal_list(value: str, biblatex: bool) -> tuple[list[str], bool]:
    """``(names, ambiguous)``: the names in ``value`` (still LaTeX), and whether an
    unbraced ``and`` was kept inside one name because the parts are not complete names."""
    if not biblatex or " and " not in value:
        return [value], False
    parts = _split_outside_braces(value)
    if len(parts) == 1:
        return [value], False
    if all(_complete_name(part) for part in parts):
        return [_unbrace(part) for part in parts], False
    return [value], True


def _split_outside_braces(value: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(value[start:match.start()])
            start = match.end()
    parts.append(value[start:])
    return [part.strip() for part in parts]


def _complete_name(part: str) -> bool:
    if part.startswith("{") and part.endswith("}") and part.count("{") == 1:
        return True
    words = part.split()
    return len(words) >= 2 and "," not in part and all(word[:1].isupper() for word in words)


def _unbrace(part: str) -> str:
    return part[1:-1] if part.startswith("{") and part.endswith("}") and part.count("{") == 1 else part

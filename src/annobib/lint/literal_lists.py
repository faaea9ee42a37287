"""biblatex publisher lists where an ``and`` may or may not separate two names.

annobib keeps such a value as one name (map/literal_lists.py); this rule
says so, so that a writer who meant two publishers can brace each one.
"""
from __future__ import annotations

from ..map.literal_lists import LIST_FIELDS, is_biblatex, literal_list
from .entries import CheckedEntry
from .registry import WARNING, Issue, entry_rule


@entry_rule("ambiguous-and", "required", WARNING,
            "a biblatex publisher, organization or institution with an unbraced 'and' that may join two "
            "names or belong to one ('Farrar, Straus and Giroux'); it is kept as one name",
            "brace a name that contains 'and' ({Centers for Disease Control and Prevention}), or brace each "
            "of several names ({Springer} and {Elsevier})")
def ambiguous_and(entry: CheckedEntry):
    if entry.raw is None or not is_biblatex(entry.raw):
        return
    for name in LIST_FIELDS:
        value = entry.raw_field(name)
        if value and literal_list(value, True)[1]:
            yield Issue(f"{name} '{value}' has an 'and' that may separate two names; it is kept as one name", name)

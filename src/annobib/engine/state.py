"""Per-render state that citeproc-py has no place for.

citeproc-py renders an item by walking the style tree with no record of
what the rest of the list looks like. Disambiguation (year suffixes, added
names and given names) and cite collapsing need exactly that, so the engine
computes it first and the patched style elements read it from here while
they render. One render runs at a time (citeproc-py itself keeps the
formatter on the shared style object), so a module-level slot is enough.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ItemState:
    """What disambiguation decided for one item (keyed by citeproc-py's item key)."""

    names_shown: int | None = None  # et-al-use-first raised to this by add-names
    givenname: bool = False  # the first name gets its initials (add-givenname)
    year_suffix: int | None = None  # 0 -> "a", 1 -> "b", ...
    disambiguate: bool = False  # the `disambiguate="true"` condition holds


@dataclass
class RenderState:
    items: dict[str, ItemState] = field(default_factory=dict)
    in_citation: bool = False  # rendering an in-text citation (not the bibliography)
    suppress_names: bool = False  # collapsing: the author is printed by an earlier cite
    first_names_key: str | None = None  # what the first cs:names printed (collapse key)
    names_seen: bool = False  # a cs:names already rendered in this cite
    sorting: bool = False  # rendering a sort key
    entry_started: bool = False  # something has been printed in this entry already
    punctuation_in_quote: bool = True  # the locale moves "." and "," inside closing quotes (en-US)

    def item(self, key: str) -> ItemState:
        return self.items.get(key) or ItemState()


CURRENT = RenderState()


def year_suffix_letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, as citeproc-js counts."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters

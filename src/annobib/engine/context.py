"""What one render decides, passed to every element that needs it.

``RenderContext`` is made by the engine for one render (a bibliography or a
set of citations): the items, their numbers, what disambiguation decided
for each, and what the caller attached (an entry store, worker processes,
a progress bar). ``Scope`` is one cite or entry being rendered: the item, the
cite's locator and position, and the state CSL rendering keeps while it
walks the style (variables already substituted, the groups that are open,
whether anything has been printed yet). Elements receive the scope as an
argument; nothing is kept in module globals or on the style's nodes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .items import Item


@dataclass
class ItemState:
    """What disambiguation decided for one item."""

    names_shown: int | None = None  # et-al-use-first raised to this (disambiguate-add-names)
    givenname: int = 0  # 1: initials on the first name(s); 2: full given names (add-givenname)
    givenname_all: bool = False  # expand every shown name, not only the first (all-names rules)
    expanded: frozenset = frozenset()  # indices of names that get the given-name treatment
    year_suffix: int | None = None  # 0 -> "a", 1 -> "b", ...
    disambiguate: bool = False  # the disambiguate="true" condition holds


@dataclass
class Cite:
    """One item as cited (or listed in the bibliography)."""

    item: Item
    locator: str | None = None
    label: str | None = None
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_only: bool = False
    position: str = "first"  # first, subsequent, ibid, ibid-with-locator
    near_note: bool = False
    first_note: int | None = None  # first-reference-note-number
    note: int = 0  # the note this cite stands in (0: in the text)


@dataclass
class RenderContext:
    style: Any  # the parsed style's root (engine/elements/locale.py: Style)
    items: dict[str, Item]
    numbers: dict[str, int] = field(default_factory=dict)  # citation-number by item id
    states: dict[str, ItemState] = field(default_factory=dict)
    store: Any = None  # an entry store (annobib.cache.EntryStore) or None
    jobs: int = 1
    progress: Callable[[str, int], Callable[[int | None], None] | None] | None = None
    stats: dict = field(default_factory=lambda: {"rendered": 0, "cached": 0, "sort_cached": 0,
                                                 "cites_rendered": 0, "cites_cached": 0})
    links: bool = False  # URLs and DOIs as links (Zotero's wrap_url_and_doi)
    blocks: bool = False  # second-field-align as citeproc-js's left-margin/right-inline divs
    subtitles: bool = False  # Zotero's uppercase_subtitles for this style (engine/zotero.py)

    def state(self, item_id: str) -> ItemState:
        return self.states.get(item_id) or _NO_STATE


_NO_STATE = ItemState()


@dataclass
class Scope:
    """One cite or bibliography entry being rendered."""

    context: RenderContext
    cite: Cite
    section: str  # "citation" or "bibliography"
    sorting: bool = False
    sort_options: dict | None = None  # names-min etc. of a cs:key
    suppressed: set = field(default_factory=set)  # variables a cs:substitute already printed
    recording: list = field(default_factory=list)  # per running cs:substitute: the variables it tried
    frames: list = field(default_factory=list)  # per open cs:group: [a variable called, one printed]
    started: bool = False  # something of the entry has been printed
    first_names: Any = None  # what the first cs:names of a cite printed (collapsing, author-only)
    names_seen: bool = False
    drop_names: bool = False  # suppress-author / a collapsed cite: the first cs:names prints nothing
    only_names: bool = False  # author-only: only the first cs:names prints
    suffix_printed: bool = False  # the year-suffix was printed (else it follows the first date)
    ambiguity_test: bool = False  # rendering a cite to compare it with others (disambiguation)
    label_forms: dict = field(default_factory=dict)  # number variable -> the form its cs:label printed in
    follows_cite: bool = False  # an earlier cite of the same citation printed something

    @property
    def item(self) -> Item:
        return self.cite.item

    @property
    def item_state(self) -> ItemState:
        return self.context.state(self.cite.item.id)

    def note(self, called: bool, printed: bool) -> None:
        """A variable was called (and printed something or not): the innermost open group records it."""
        if self.frames:
            frame = self.frames[-1]
            frame[0] = frame[0] or called
            frame[1] = frame[1] or printed

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
from typing import Any

from .items import Item
from .reuse import Reuse


@dataclass
class ItemState:
    """What disambiguation decided for one item (citeproc-js's "ambig config").

    ``names`` and ``givens`` are indexed by nameset: the n-th non-empty name list a cite
    prints. ``names[n]`` is how many names that list shows (more than et-al-use-first only
    when disambiguate-add-names asked for it); ``givens[n][i]`` is the given-name level of
    its i-th name: 0 family only, 1 initials, 2 the full given name (the level a name prints
    at is never below what its cs:name asks for)."""

    names: list[int] = field(default_factory=list)
    givens: list[list[int]] = field(default_factory=list)
    disambiguate: int = 0  # how many disambiguate="true" tests hold, in rendering order
    year_suffix: int | None = None  # 0 -> "a", 1 -> "b", ...

    def copy(self) -> ItemState:
        return ItemState(list(self.names), [list(levels) for levels in self.givens], self.disambiguate,
                         self.year_suffix)

    def pad(self) -> None:
        """A given-name level for every shown name (citeproc-js's padBase)."""
        while len(self.givens) < len(self.names):
            self.givens.append([])
        for shown, levels in zip(self.names, self.givens):
            if len(levels) < shown:
                levels.extend([0] * (shown - len(levels)))


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
    given_position: str | None = None  # a position the caller set ("position" in the cite)
    given_near_note: bool | None = None
    missing: bool = False  # the id is not among the items given


@dataclass
class RenderContext:
    style: Any  # the parsed style's root (engine/elements/locale.py: Style)
    items: dict[str, Item]
    numbers: dict[str, int] = field(default_factory=dict)  # citation-number by item id
    states: dict[str, ItemState] = field(default_factory=dict)
    reuse: Reuse = field(default_factory=Reuse)  # stored results, worker processes, progress
    links: bool = False  # URLs and DOIs as links (Zotero's wrap_url_and_doi)
    blocks: bool = False  # second-field-align as citeproc-js's left-margin/right-inline divs
    name_registry: Any = None  # engine/namesets.py: NameRegistry, when the style disambiguates names
    problems: dict | None = None  # item id -> what the engine failed on (citations), when asked for
    memo: dict = field(init=False, repr=False)  # the style's static facts (Style.memo_table)

    def __post_init__(self) -> None:
        self.memo = self.style.memo_table() if self.style is not None else {}
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
    names_core: Any = None  # the last names printed with a label, without it
    first_names_core: Any = None  # the first cs:names' names without their label (subsequent-author-substitute)
    names_seen: bool = False
    drop_names: bool = False  # suppress-author / a collapsed cite: the first cs:names prints nothing
    only_names: bool = False  # author-only: only the first cs:names prints
    suffix_printed: bool = False  # the year-suffix was printed (else it follows the first date)
    ambiguity_test: bool = False  # rendering a cite to compare it with others (disambiguation)
    # disambiguation: the configuration a cite is tried with (instead of the item's decided one),
    # whether it is a request (else the render fills it in), and what the names printed
    trial: ItemState | None = None
    request: bool = True
    name_log: list | None = None  # (nameset, all its people, bumped, variable, how many printed) per list
    namesets: int = 0  # name lists printed so far in this cite
    nameset: int = 0  # the one being printed
    disambiguate_count: int = 0  # disambiguate="true" tests that held so far (citeproc-js counts them)
    disambiguate_tests: int = 0  # disambiguate="true" tests met so far
    # collapse="year-suffix": the years this cite printed, and those of the cite before it
    # when this one shares its names (a year printed again is left out: "2000a, b")
    years_used: list = field(default_factory=list)
    drop_years: list | None = None
    year_dropped: bool = False
    capitalise_terms: bool = False  # a note style's citation starts here: a term is capitalised
    text_variable_called: bool = False  # a cs:text variable other than locator and numbers was reached
    label_forms: dict = field(default_factory=dict)  # number variable -> the form its cs:label printed in
    follows_cite: bool = False  # an earlier cite of the same citation printed something

    @property
    def item(self) -> Item:
        return self.cite.item

    @property
    def item_state(self) -> ItemState:
        return self.trial if self.trial is not None else self.context.state(self.cite.item.id)

    def collapses_year(self, year: int) -> bool:
        """Whether a year a date part is about to print is left out (collapse="year-suffix")."""
        if self.sorting or self.ambiguity_test or self.section != "citation":
            return False
        index = len(self.years_used)
        self.years_used.append(year)
        if self.drop_years is not None and index < len(self.drop_years) and self.drop_years[index] == year:
            self.year_dropped = True
            return True
        return False

    def note(self, called: bool, printed: bool) -> None:
        """A variable was called (and printed something or not): the innermost open group records it."""
        if self.frames:
            frame = self.frames[-1]
            frame[0] = frame[0] or called
            frame[1] = frame[1] or printed

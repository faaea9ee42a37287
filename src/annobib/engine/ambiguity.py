"""The cites disambiguation compares, and one set of ambiguous items worked through.

``ambiguous_cite`` renders an item's cite in the form citeproc-js compares
(getAmbiguousCite): the subsequent position, near-note, no locator, no
decorations, the accessed date left out, under a configuration being tried
(which the render fills in as citeproc-js's does). ``Group`` is
citeproc-js's CSL.Disambiguation for one set of items whose cites read the
same: a forward-only counter (``base``) stepped through the names mode
(given names, then one more name, then the next name list), the year-suffix
mode and the disambiguate-condition mode, the best configuration found so far
(``better``) registered for the items it tells apart. Its quirks are kept,
since the results must match. One addition: a step that cannot change which
cites clash is skipped (``skip_unchanging_steps``), so two entries sharing
3,000 authors take a handful of comparisons instead of thousands.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .context import Cite, ItemState, RenderContext, Scope
from .output import plain

CITE_FAILED = "the CSL engine failed on this entry; its citations show a reference with no printed form"
_QUOTES = str.maketrans("", "", "\u201c\u201d\u2018\u2019")
GIVENS_MAX = 2


@dataclass
class Trial:
    """One ambiguous cite as rendered: its text, the name lists it printed, and the
    disambiguate tests it met (and how many held)."""

    text: str
    lists: dict[int, list] = field(default_factory=dict)
    counts: list[int] = field(default_factory=list)  # each printed list's length (citeproc-js's names_max)
    tests: int = 0
    held: int = 0
    bumped: bool = False  # a shown count was written back one higher (et-al-use-last)
    printed: list[tuple[str, int]] = field(default_factory=list)  # (variable, names printed) per list


def ambiguous_cite(context: RenderContext, item_id: str, trial: ItemState, *, request: bool = True,
                   first_note: int | None = None) -> Trial:
    """The item's cite in the form that is compared with others (citeproc-js's
    getAmbiguousCite): position subsequent, near-note, no locator, no decorations."""
    citation = context.style.section("citation")
    cite = Cite(context.items[item_id], position="subsequent", near_note=True, first_note=first_note)
    log: list = []
    scope = Scope(context, cite, "citation", ambiguity_test=True, trial=trial, request=request, name_log=log)
    try:
        node = citation.layout_element.render_item(scope)
    except Exception:  # an item the engine fails on is never ambiguous (and is named)
        node = None
        if context.problems is not None:
            context.problems.setdefault(item_id, CITE_FAILED)
    text = "\x00" + item_id if node is None else plain(node).translate(_QUOTES)
    found = Trial(text, tests=scope.disambiguate_tests, held=scope.disambiguate_count)
    for pos, people, bumped, variable, printed in log:
        found.lists[pos] = people
        found.counts.append(len(people))
        found.bumped = found.bumped or bumped
        found.printed.append((variable, printed))
    return found


def author_string(context: RenderContext, item_id: str) -> str:
    """What the cite's first cs:names prints under the item's decided configuration, in the
    ambiguous form: the author string citeproc-js groups a citation's cites by."""
    citation = context.style.section("citation")
    cite = Cite(context.items[item_id], position="subsequent", near_note=True)
    scope = Scope(context, cite, "citation", ambiguity_test=True, trial=context.state(item_id).copy())
    try:
        citation.layout_element.render_item(scope)
    except Exception:  # an item the style cannot render has no author string
        return ""
    return plain(scope.first_names) if scope.first_names is not None else ""


def _js_order(counts: list[int]) -> str:
    """citeproc-js sorts a group by its lists of name counts compared as JavaScript strings."""
    return ",".join(str(n) for n in counts)


class Group:
    """One set of items whose ambiguous cites read the same, worked through as
    citeproc-js's CSL.Disambiguation does (its quirks kept: the results must match)."""

    shortcut = True  # skip steps that cannot change a comparison (off: citeproc-js's every step)

    def __init__(self, context: RenderContext, states: dict[str, ItemState], ids: list[str], modes: list[str],
                 position: dict[str, int], first_notes: dict[str, int], *, add_names: bool, givens: bool):
        self.context = context
        self.states = states
        self.modes = modes
        self.position = position
        self.first_notes = first_notes
        self.add_names = add_names
        self.givens_max = GIVENS_MAX if givens else None
        self.use_last = False  # et-al-use-last met: a shown count is written back one higher, no shortcut
        self.mode = 0
        self.lists: list[list] = []  # [configuration, [item ids]]
        self.max_names: dict[str, list[int]] = {}
        self.seen_lists: dict[str, dict[int, list]] = {}
        self.base: ItemState | None = None
        self.better: ItemState | None = None
        self.namesets_max = -1
        self.clashes = [1, 0]
        self.last_trial: Trial | None = None
        self.stalled: object = None  # the list whose last step changed nothing
        # the names each item's trials printed, (item, variable) -> how many: what this set
        # registered in the name registry, so that a stored result can register it again
        self.printed: dict[tuple[str, str], int] = {}
        self._start(ids)

    def _trial(self, key: str, config: ItemState, first_note: int | None = None) -> Trial:
        found = ambiguous_cite(self.context, key, config, first_note=first_note)
        for variable, count in found.printed:
            if count > self.printed.get((key, variable), 0):
                self.printed[(key, variable)] = count
        return found

    # -- set-up (citeproc-js's initVars and getCiteData) ----------------------------------
    def _cite_data(self, key: str, base: ItemState | None) -> None:
        if key in self.max_names:
            return
        tried = self.states[key] if base is None else base
        found = self._trial(key, tried)
        config = tried.copy()
        self.max_names[key] = found.counts
        self.seen_lists[key] = found.lists
        self.states[key].givens = [list(levels) for levels in tried.givens]
        self.namesets_max = len(self.states[key].names) - 1
        if self.base is None:
            self.base, self.better = config, config.copy()
        assert self.better is not None
        if len(config.names) < len(self.base.names):
            self.base = config
        for index, shown in enumerate(config.names):
            if index < len(self.base.names) and shown > self.base.names[index]:
                self.base.givens[index] = list(config.givens[index])
                self.base.names[index] = shown
                self.better.names = list(self.base.names)
                self.base.pad()
                self.better.pad()
        self.better.givens = [list(levels) for levels in self.base.givens]

    def _start(self, ids: list[str]) -> None:
        self._cite_data(ids[0], None)
        first = self.states[ids[0]].copy()
        self.base = first
        bundles = [(self.max_names[ids[0]], ids[0])]
        for key in ids[1:]:
            self._cite_data(key, self.base)
            bundles.append((self.max_names[key], key))
        bundles.sort(key=lambda bundle: (_js_order(bundle[0]), bundle[1]))
        items = [key for _counts, key in bundles]
        self.lists.append([self.base, items])
        counts = self.max_names[items[0]]
        self.names_max = counts[0] if counts else None
        assert self.better is not None
        for config in (self.base, self.better):
            config.pad()
            config.year_suffix = None
            config.disambiguate = 0

    # -- the loop (citeproc-js's runDisambig) ------------------------------------------------
    def run(self) -> None:
        self.init_givens = True
        # a bound on the steps, linear in the names there are to add: the loop ends whatever
        # an odd style makes of it (what is left keeps the configuration it has)
        budget = 100 + 4 * sum(sum(counts) for counts in self.max_names.values()) * max(1, len(self.modes))
        while self.lists:
            self.gnameset = 0
            self.gname = 0
            self.clashes = [1, 0]
            while self.lists[0][1]:
                budget -= 1
                if budget < 0:
                    return
                self.skip_unchanging_steps(self.lists[0])
                maxed = self.increment()
                self.scan(self.lists[0])
                self.evaluate(maxed)
            self.lists.pop(0)

    def register(self, key: str, config: ItemState) -> None:
        self.states[key] = config.copy()

    def increment(self) -> bool:
        """One step forward of the counter; True when the names mode has nothing left to try."""
        base = self.base
        assert base is not None
        if self.init_givens:
            self.init_givens = False
            return False
        mode = self.modes[self.mode]
        if mode == "condition":
            base.disambiguate += 1
            assert self.better is not None
            self.better.disambiguate += 1
            return False
        if mode != "names":
            return False
        next_name = self.givens_max is None
        next_list = self.names_max is None
        if self.givens_max is not None:
            levels = base.givens[self.gnameset] if self.gnameset < len(base.givens) else []
            if base.givens and self.gname < len(levels) and levels[self.gname] < self.givens_max:
                levels[self.gname] += 1
            else:
                next_name = True
        if self.names_max is not None and next_name:
            if self.add_names:
                next_list = False
                if self.gname < self.names_max:
                    base.names[self.gnameset] += 1
                    self.gname += 1
                else:
                    next_list = True
            else:
                next_list = True
        if next_list and self.gnameset < self.namesets_max:
            self.gnameset += 1
            while len(base.names) <= self.gnameset:
                base.names.append(0)
            base.names[self.gnameset] = 1
            self.gname = 0
        current = base.givens[self.gnameset] if self.gnameset < len(base.givens) else None
        return ((self.namesets_max == -1 or self.gnameset == self.namesets_max)
                and (not self.add_names or self.names_max is None or self.gname == self.names_max)
                and (self.givens_max is None or current is None or self.gname >= len(current)
                     or current[self.gname] == self.givens_max))

    def scan(self, entry: list) -> None:
        """Compare every cite of the list with the first one's, under the counter."""
        assert self.base is not None
        items = entry[1]
        first = items[0]
        mine = self._trial(first, self.base, self.first_notes.get(first))
        self.seen_lists[first] = mine.lists
        self.use_last = self.use_last or mine.bumped
        self.partners: list[str] = [first]
        self.others: list[str] = []
        last = mine
        for key in items[1:]:
            other = self._trial(key, self.base, self.first_notes.get(key))
            self.seen_lists[key] = other.lists
            (self.partners if other.text == mine.text else self.others).append(key)
            self.use_last = self.use_last or other.bumped
            last = other
        self.last_trial = last
        self.clashes = [self.clashes[1], len(self.partners) - 1]

    def evaluate(self, maxed: bool) -> None:
        self.stalled = None
        getattr(self, "mode_" + self.modes[self.mode])(maxed)
        if maxed:
            if self.mode < len(self.modes) - 1:
                self.mode += 1
            elif len(self.lists) > 1:
                self.lists[1] = [self.base, []]
            else:
                self.lists.append([self.base, []])

    def capture(self) -> None:
        """Keep the step just made in the best configuration (citeproc-js's captureStepToBase)."""
        base, better = self.base, self.better
        assert base is not None and better is not None
        if self.givens_max is not None and base.givens:
            levels = base.givens[self.gnameset] if self.gnameset < len(base.givens) else []
            if self.gname < len(levels):
                if len(better.givens) < len(base.givens):
                    better.givens = [list(g) for g in base.givens]
                better.pad()
                while len(better.givens[self.gnameset]) <= self.gname:
                    better.givens[self.gnameset].append(0)
                better.givens[self.gnameset][self.gname] = levels[self.gname]
        if self.gnameset < len(base.names):
            while len(better.names) <= self.gnameset:
                better.names.append(0)
            better.names[self.gnameset] = base.names[self.gnameset]

    def mode_names(self, maxed: bool = False) -> None:
        better = self.better
        assert better is not None
        alone = self.clashes[1] == 0
        if alone and len(self.others) == 1:
            self.capture()
            self.register(self.others[0], better)
            self.register(self.partners[0], better)
            self.lists[0] = [better, []]
        elif alone:
            self.capture()
            self.register(self.partners[0], better)
            self.lists[0] = [better, self.others]
            if self.others:
                self.init_givens = True
        elif len(self.others) == 1:
            self.capture()
            self.register(self.others[0], better)
            self.lists[0] = [better, self.partners]
        elif self.clashes[1] < self.clashes[0]:
            self.capture()
            self.lists[0] = [better, self.partners]
            self.lists.append([better, self.others])
        elif maxed:
            self.lists[0] = [better, self.others]
            self.lists.append([better, self.partners])
            if self.mode == len(self.modes) - 1:
                for key in self.partners:
                    self.register(key, better)
                self.lists[0] = [better, []]
        else:
            self.stalled = self.lists[0]

    def mode_condition(self, maxed: bool = False) -> None:
        base, better = self.base, self.better
        assert base is not None and better is not None and self.last_trial is not None
        done = self.clashes[1] == 0 and len(self.others) < 2
        held, tests = self.last_trial.held, self.last_trial.tests
        last = self.mode == len(self.modes) - 1
        if not done and (not base.disambiguate or held != tests):
            self.mode = 0
            base.disambiguate = held
            better.disambiguate = held
            if not base.disambiguate:
                self.init_givens = True
                base.disambiguate = 1
            else:
                self.mode_names()
        elif done or last:
            config = self.lists[0][0]
            for key in self.lists[0][1]:
                self.register(key, config)
            self.lists[0] = [better, []]
        else:
            self.mode = len(self.modes) - 1
            config = self.lists[0][0]
            config.disambiguate = 1
            for key in self.lists[0][1]:
                self.register(key, config)

    def mode_years(self, maxed: bool = False) -> None:
        config = self.lists[0][0]
        if self.clashes[1]:
            tokens = sorted(self.lists[0][1], key=self.position.__getitem__)
            for letter, key in enumerate(tokens):
                config.year_suffix = letter
                self.register(key, config)
        assert self.better is not None
        self.lists[0] = [self.better, []]

    # -- the shortcut ----------------------------------------------------------------------
    def skip_unchanging_steps(self, entry: list) -> None:
        """Jump over steps that add names every cite of the list shares (issue 18).

        While the names shown in the current name list are, in every cite of the list, the
        same people, and every list goes on past them, a step changes no cite's text
        relative to another's: the comparison comes out as it did, and citeproc-js's loop
        only moves its counter on. The counter is moved straight to the last such state."""
        base = self.base
        if (not self.shortcut or self.stalled is not entry or not self.add_names or self.use_last
                or self.names_max is None or self.init_givens or self.modes[self.mode] != "names" or base is None):
            return
        pos = self.gnameset
        found = [self.seen_lists.get(key, {}).get(pos) for key in entry[1]]
        lists = [people for people in found if people is not None]
        if len(lists) < len(found):
            return
        reference = lists[0]
        shortest = min(len(people) for people in lists)
        shared = shortest
        for people in lists[1:]:
            index = 0
            while index < shared and people[index] == reference[index]:
                index += 1
            shared = index
        target = min(shared - 1, shortest - 3)  # a shown count whose cites still all read alike
        jump = min(target - base.names[pos], self.names_max - 1 - self.gname)
        if jump < 2:
            return
        if self.givens_max is not None:
            levels = base.givens[pos]
            for index in range(self.gname, self.gname + jump + 1):
                while len(levels) <= index:
                    levels.append(0)
                levels[index] = max(levels[index], self.givens_max)
        base.names[pos] += jump
        self.gname += jump
        base.pad()

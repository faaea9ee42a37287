"""How many names a cite shows and at which given-name level: disambiguation's side of cs:name.

citeproc-js keeps, for each item, how many names each name list ("nameset")
of a cite shows and the given-name level of each shown name (0 family only,
1 initials, 2 full given name); disambiguation raises them. The cs:name
element (elements/names.py) asks two questions here:

- ``nameset_shown``: how many of a list's names to print. A cite rendered to
  test for ambiguity shows exactly the number tried (and records it, as
  citeproc-js writes the count back into the configuration it tries); a
  printed cite shows more than et-al-use-first only when disambiguation
  raised the count and the list is long enough for et-al at all.
- ``given_name_level``: the level a name prints at. With the
  ``givenname-disambiguation-rule`` ``all-names``/``primary-name`` (and
  their ``-with-initials`` forms), the level comes from a registry of every
  name the cites print (``NameRegistry``): initials where two people share a
  family name, full given names where they also share initials. With
  ``by-cite`` the registry is kept per item and the level is what
  disambiguation asked for.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .context import Scope
from .initials import initialize
from .items import NAME_VARIABLES, Person

_LOWER_TAIL = re.compile(r"[,!]* ([^,]+)$")


def _strip_periods(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(".", " ")).rstrip()


class NameRegistry:
    """Every printed name by family name, initials and given name (citeproc-js's NameReg)."""

    def __init__(self, rule: str, add_names: bool, add_givenname: bool, demote_never: bool):
        self.rule = rule
        self.add_names = add_names
        self.add_givenname = add_givenname
        self.demote_never = demote_never
        # family key -> initials key -> given-name keys
        self.families: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._keys: dict[Person, tuple[str, str, str]] = {}

    def keys(self, item_id: str, person: Person) -> tuple[str, str, str]:
        found = self._keys.get(person)
        if found is None:
            family = _strip_periods(person.family)
            if self.demote_never and person.non_dropping_particle and person.family:
                family = f"{family} {person.non_dropping_particle}"
            given = _strip_periods(person.given)
            tail = _LOWER_TAIL.search(given)
            if tail and tail.group(1) == tail.group(1).lower():  # a lower-case suffix ("et al.") is no part of it
                given = given[:tail.start()]
            found = self._keys[person] = (family, initialize(given, "%s") if given else "", given)
        if self.rule == "by-cite":  # each item's names apart from every other item's
            return item_id + found[0], found[1], found[2]
        return found

    def entry(self, item_id: str, person: Person, index: int) -> tuple[str, str, str] | None:
        """What ``add`` puts in the registry for this name, if anything: (family, initials, given)."""
        if (self.rule.startswith("primary-") and index) or not person.family:
            return None
        return self.keys(item_id, person)

    def entries(self, item_id: str, item, printed: list[tuple[str, int]]) -> list[tuple[str, str, str]]:
        """What a cite that printed ``printed`` ((variable, how many names) per list) registered."""
        found = []
        for variable, count in printed:
            for index, person in enumerate(item.names(variable)[:count]):
                entry = self.entry(item_id, person, index)
                if entry is not None:
                    found.append(entry)
        return found

    def add(self, item_id: str, person: Person, index: int) -> None:
        entry = self.entry(item_id, person, index)
        if entry is not None:
            self.families[entry[0]][entry[1]].add(entry[2])

    def add_entries(self, entries: list) -> None:
        for family, initials, given in entries:
            self.families[family][initials].add(given)

    def family_keys(self, item_id: str, item) -> list[str]:
        """The registry keys of the family names the item's renders can read or register: under
        a primary-name rule only each list's first name (``entry`` and ``level`` pass over the
        others), so a co-author common to a whole library does not chain its ambiguous sets."""
        primary_only = self.rule.startswith("primary-")
        return sorted({self.keys(item_id, person)[0] for variable in NAME_VARIABLES
                       for index, person in enumerate(item.names(variable))
                       if person.family and not (primary_only and index)})

    def facts(self, families: set[str]) -> list:
        """What the registry knows of these family names, in a stable form: all that the
        given-name levels of names with these family names can depend on."""
        return [(family, sorted((initials, sorted(givens)) for initials, givens in self.families[family].items()))
                for family in sorted(families) if family in self.families]

    def level(self, item_id: str, person: Person, index: int, request: int, short: bool,
              initials: bool, registered: bool = True) -> int:
        """The given-name level the registry asks for (citeproc-js's evalname); an item's first
        rendering (not ``registered`` yet) gets the style's own level from the rules."""
        level = 0 if short else (1 if initials else 2)
        family, initials_key, _given = self.keys(item_id, person)
        known = self.families.get(family) if person.family else None
        if known is None or initials_key not in known:
            return level
        if self.rule == "by-cite" and level <= request:
            return request
        if not self.add_givenname:
            return level
        rule = "all-names" if self.rule == "by-cite" else self.rule
        if rule.startswith("primary-name") and index > 0:
            return level
        if rule in ("all-names", "primary-name"):
            if len(known) > 1:
                level = 1
            if len(known[initials_key]) > 1 or (len(known) > 1 and not initials):
                level = 2
        elif rule in ("all-names-with-initials", "primary-name-with-initials"):
            level = 1 if len(known) > 1 else 0
        if not registered:
            return 0 if short else 1 if initials else 2
        return level


def _et_al(scope: Scope, options: dict) -> tuple[int | None, int | None]:
    minimum, first = options["et-al-min"], options["et-al-use-first"]
    if scope.section == "citation" and scope.cite.position != "first":
        minimum = options["et-al-subsequent-min"] or minimum
        first = options["et-al-subsequent-use-first"] or first
    try:
        return (int(minimum) if minimum is not None else None), (int(first) if first is not None else None)
    except ValueError:
        return None, None


def _registry(scope: Scope, counting: bool = False) -> NameRegistry | None:
    """The registry when disambiguation acts on this rendering: cites (and, for the number
    of names, a cite's sort keys), and entries of a style that adds given names (citeproc-js
    renders them with the item's decided configuration)."""
    registry = scope.context.name_registry
    if registry is None or scope.sorting:
        return None
    if scope.section != "citation" and not registry.add_givenname:
        return None
    return registry


def nameset_shown(scope: Scope, people: list[Person], shown: int, options: dict, variable: str = "") -> int:
    """How many of ``people`` (the item's ``variable``) a name list prints; ``shown`` is what
    et-al alone decides."""
    pos = scope.namesets
    scope.namesets += 1
    scope.nameset = pos
    registry = _registry(scope, counting=True)
    if registry is None:
        return shown
    count = len(people)
    state = scope.item_state
    requested = state.names[pos] if pos < len(state.names) else 0
    if scope.section != "citation" and not registry.add_names:
        requested = 0
    if scope.ambiguity_test:
        wanted = min(requested or shown, count)
        for index, person in enumerate(people[:wanted]):  # every name printed is registered
            registry.add(scope.item.id, person, index)
        # the count tried is written back, one more with et-al-use-last (citeproc-js counts
        # the last name it keeps)
        bumped = wanted < count and str(options["et-al-use-last"]).lower() == "true"
        if scope.trial is not None:
            while len(state.names) <= pos:
                state.names.append(0)
            state.names[pos] = wanted + bumped
            state.pad()
        if scope.name_log is not None:
            scope.name_log.append((pos, people, bumped, variable, wanted))
        return wanted
    minimum, first = _et_al(scope, options)
    if first is not None and requested > first:
        if minimum is not None and count < minimum:
            return count
        if minimum is not None and str(options["et-al-use-last"]).lower() == "true":
            requested = min(requested, minimum - 2)  # room for the ellipsis and the last name
        return min(requested, count)
    return shown


def given_name_level(scope: Scope, options: dict, person: Person, index: int) -> int:
    """0: the name as its cs:name prints it; 1: with initials; 2: with the full given name."""
    registry = _registry(scope)
    if registry is None or person.is_literal:
        return 0
    short = options["form"] == "short"
    initials = options["initialize-with"] is not None
    default = 0 if short else (1 if initials else 2)
    item_id = scope.item.id
    state = scope.item_state
    pos = scope.nameset
    levels = state.givens[pos] if pos < len(state.givens) else None
    floor = registry.level(item_id, person, index, 0, short, initials, registered=scope.request)
    if not scope.request:  # the item's first rendering
        level = floor
    else:
        value = levels[index] if levels is not None and index < len(levels) else floor
        if value == 1 and registry.rule == "by-cite" and (not initials or not person.given):
            value = 2  # without initialize-with there is no initials step
        level = value
        if registry.add_givenname and person.given:
            level = registry.level(item_id, person, index, value, short, initials)
        if not scope.ambiguity_test and scope.section == "citation" and scope.cite.position == "first":
            level = max(level, floor)
    if scope.trial is not None and levels is not None and index < len(levels):
        levels[index] = level  # written back into the configuration tried (citeproc-js)
    return level if level > default else 0

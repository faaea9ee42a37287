"""Disambiguation as citeproc-js does it (CSL 1.0.2, "Disambiguation").

citeproc-py has none (its Citation element only declares the options). This
pass runs after every item is registered and the bibliography is sorted.
Each item's cite is first rendered in its "ambiguous" form: the subsequent
position, near-note, no locator, no decorations, names as et-al decides
(that render also registers the printed names for the givenname rule, see
engine/namesets.py). Items whose ambiguous cites read the same form a group,
and each group is worked through as citeproc-js's ``CSL.Disambiguation``
does, with a forward-only counter (``base``) and the best configuration
found so far (``better``):

- names mode (``disambiguate-add-names``, or by-cite given names): step by
  step, raise the given-name level of the current name (by-cite), else show
  one more name, else move to the next name list; after each step the
  group's cites are compared again. A step that splits the group is kept;
  cites told apart are settled with the configuration reached;
- year-suffix mode: what still clashes gets a, b, c… in bibliography order;
- disambiguate mode (the ``disambiguate="true"`` condition): one more such
  condition holds at each step.

Every item is registered at once, in input order (citeproc-js's updateItems
over the whole list); a word processor that registers items as they are
cited may end with other choices in a few cases (the fidelity golden set
lists them).

citeproc-js steps one name at a time, so two entries sharing a list of
3,000 authors took quadratic time. Here a step that cannot change which
cites clash — every cite of the group shows the same names up to the one
being added — is skipped: the counter jumps to just before the first name
in which the group's lists differ (issue 18).
"""
from __future__ import annotations

from .ambiguity import CITE_FAILED, Group, ambiguous_cite
from .context import ItemState, RenderContext, Scope
from .namesets import NameRegistry
from .reuse import digest

# Working an ambiguous set renders a dozen cites or more, so fewer sets than entries make a
# fork worth its cost.
SETS_WORTH_A_FORK = 16


def disambiguate_holds(scope: Scope, wanted: bool) -> bool:
    """The ``disambiguate`` condition. citeproc-js counts: with the item's configuration at
    n, the first n ``disambiguate="true"`` tests a cite meets hold."""
    state = scope.item_state
    if not wanted:
        return not state.disambiguate
    if scope.sorting:
        return False
    if scope.section == "citation":
        scope.disambiguate_tests += 1
    if state.disambiguate and scope.disambiguate_count < state.disambiguate:
        scope.disambiguate_count += 1
        return True
    return False


def disambiguate(context: RenderContext, order: list[str], first_notes: dict[str, int] | None = None
                 ) -> dict[str, ItemState]:
    """What each item needs to be told apart from the others; ``order`` is the bibliography
    order, ``first_notes`` the note each cited item is first cited in (by-cite backreferences)."""
    citation = context.style.section("citation")
    states = {key: ItemState() for key in order}
    if citation is None or citation.layout_element is None:
        return states
    add_names = (citation.get("disambiguate-add-names") or "").lower() == "true"
    add_givenname = (citation.get("disambiguate-add-givenname") or "").lower() == "true"
    add_suffix = (citation.get("disambiguate-add-year-suffix") or "").lower() == "true"
    rule = (citation.get("givenname-disambiguation-rule") or "by-cite").lower()
    uses_condition = context.style.uses_disambiguate_condition()
    modes = []
    if add_names or (add_givenname and rule == "by-cite"):
        modes.append("names")
    if add_suffix:
        modes.append("years")
    if uses_condition:
        modes.append("condition")
    if add_names or add_givenname:
        demote = (context.style.get("demote-non-dropping-particle") or "display-and-sort") == "never"
        context.name_registry = NameRegistry(rule, add_names, add_givenname, demote)
    if not modes and context.name_registry is None:
        return states
    previous = context.states
    context.states = states
    try:
        groups: dict[str, list[str]] = {}
        registration = [key for key in context.items if key in states]  # input order
        families: dict[str, list[str]] = {}
        for key, (text, names, givens, registered, family_keys) in zip(registration,
                                                                        first_cites(context, registration)):
            # each item registered with the configuration its first render fills in
            states[key] = ItemState(list(names), [list(levels) for levels in givens])
            if context.name_registry is not None:
                context.name_registry.add_entries(registered)
            families[key] = family_keys
            if text.startswith("\x00") and context.problems is not None:
                context.problems.setdefault(key, CITE_FAILED)
            groups.setdefault(text, []).append(key)
        position = {key: n for n, key in enumerate(order)}
        # by-cite compares cites with their first-reference-note-number (citeproc-js)
        backreferences = (first_notes or {}) if rule == "by-cite" else {}
        ambiguous = [group for group in groups.values() if len(group) > 1] if modes else []
        for wave in waves(ambiguous, families):
            settle_groups(context, states, wave, lambda ids: Group(
                context, states, ids, modes, position, backreferences, add_names=add_names,
                givens=add_givenname and rule == "by-cite"), position, backreferences, families)
    finally:
        context.states = previous
    return states




def first_cites(context: RenderContext, keys: list[str]) -> list[tuple]:
    """Each item's first ambiguous cite, as citeproc-js renders it when the item is registered:
    (its text, the configuration it filled in, what it put in the name registry, the registry
    keys of all the item's family names). That render depends on the item's data alone (and
    its number, in a numbered style), so it comes from the store when the item is unchanged,
    or from the workers; the caller puts its names in the registry."""
    numbered = context.style.numbered()
    registry = context.name_registry

    def first(key: str) -> tuple:
        state = ItemState()
        found = ambiguous_cite(context, key, state, request=False)
        if registry is None:
            return found.text, state.names, state.givens, [], []
        item = context.items[key]
        return (found.text, state.names, state.givens, registry.entries(key, item, found.printed),
                registry.family_keys(key, item))

    # "2": family keys narrowed to first names under primary-name rules (older stores hold more)
    prints = [digest("first cite 2", context.items[key].fingerprint,
                     repr((context.numbers.get(key) if numbered else None, context.subtitles))) for key in keys]
    return context.reuse.cached_map("cite", prints, keys, first, "disambiguating")


def waves(groups: list[list[str]], families: dict[str, list[str]]) -> list[list[list[str]]]:
    """The ambiguous sets in batches that can be worked through at once.

    Working a set reads what the name registry knows of its items' family names and registers
    names of those families only, so two sets that share no family name do not see each other.
    A set goes one batch after the last earlier set it shares a family name with: each set
    still meets the registry exactly as working them one by one, in order, leaves it."""
    batches: list[list[list[str]]] = []
    last_batch: dict[str, int] = {}
    for group in groups:
        keys = {family for key in group for family in families.get(key, ())}
        batch = 1 + max((last_batch.get(family, -1) for family in keys), default=-1)
        if batch == len(batches):
            batches.append([])
        batches[batch].append(group)
        for family in keys:
            last_batch[family] = batch
    return batches


def settle_groups(context: RenderContext, states: dict[str, ItemState], batch: list[list[str]], make_group,
                  position: dict[str, int], first_notes: dict[str, int], families: dict[str, list[str]]) -> None:
    """Work sets of ambiguous items through (``make_group(ids).run()``), or take each result
    from the store: it depends on the items' ids and data, their order in the bibliography,
    their back-references, and what the name registry knows of their family names
    (``families``: each item's registry keys) when the set comes up, since earlier sets
    register the names their trials print. What a set's trials registered is registered
    again, as running it would have. The sets of one batch share no family name (``waves``),
    so they may be worked in any order, or in the workers."""
    numbered = context.style.numbered()
    registry = context.name_registry

    def facts(group: list[str]) -> str:
        return repr((
            [(key, context.items[key].fingerprint) for key in group],
            sorted(group, key=position.__getitem__),
            [first_notes.get(key) for key in group],
            [context.numbers.get(key) for key in group] if numbered else None,
            context.subtitles,
            registry.facts({family for key in group for family in families.get(key, ())}) if registry else None,
        ))

    def work(group: list[str]) -> tuple:
        worked = make_group(group)
        worked.run()
        settled = [(states[key].names, states[key].givens, states[key].disambiguate, states[key].year_suffix)
                   for key in group]
        registered = []
        if registry is not None:
            printed: dict[str, list[tuple[str, int]]] = {}  # by item, once: a set may hold thousands
            for (who, variable), count in sorted(worked.printed.items()):
                printed.setdefault(who, []).append((variable, count))
            for key in group:
                registered.extend(registry.entries(key, context.items[key], printed.get(key, [])))
        return settled, registered

    prints = [digest("ambiguous set", facts(group)) for group in batch]
    worked = context.reuse.cached_map("group", prints, batch, work, "disambiguating", minimum=SETS_WORTH_A_FORK)
    for group, (settled, registered) in zip(batch, worked):
        for key, (names, givens, held, suffix) in zip(group, settled):
            states[key] = ItemState(list(names), [list(levels) for levels in givens], held, suffix)
        if registry is not None:
            registry.add_entries(registered)

"""Disambiguation as CSL 1.0.2 defines it and citeproc-js does it.

citeproc-py has none (its Citation element only declares the options). This
pass runs after every item is registered and the bibliography is sorted:

1. given-name rule (``givenname-disambiguation-rule``, with
   ``disambiguate-add-givenname``): for the ``primary-name*`` and
   ``all-names*`` rules, a first author whose short form is shared by a
   different person anywhere in the list gets initials (or the full given
   name), in every cite ("Z. Lin"); the ``*-with-initials`` rules stop at
   initials.
2. cites that still render alike are ambiguous. In order: add names hidden
   by et-al (``disambiguate-add-names``), keeping only expansions that split
   the group; given names on the rendered names (by-cite); the
   ``disambiguate`` condition; then year suffixes (a, b, …) in bibliography
   order (``disambiguate-add-year-suffix``).

The decisions are ``ItemState`` values in the render context, read by the
name, condition, text and date elements while they render.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from .context import Cite, ItemState, RenderContext, Scope

_QUOTES = str.maketrans("", "", "\u201c\u201d\u2018\u2019")
CiteTexts = Callable[[list[str]], list[str]]


def cite_text(context: RenderContext, item_id: str) -> str:
    """One cite of the item as the citation layout prints it, without affixes, locator or
    decorations (citeproc-js compares these, getAmbiguousCite)."""
    from .output import plain

    citation = context.style.section("citation")
    layout = citation.layout_element if citation is not None else None
    if layout is None:
        return "\x00" + item_id
    scope = Scope(context, Cite(context.items[item_id]), "citation", ambiguity_test=True)
    try:
        node = layout.render_item(scope)
    except Exception:  # an item the style cannot render is never ambiguous
        node = None
    if node is None:
        return "\x00" + item_id
    return plain(node).translate(_QUOTES)


def _grouped(keys: list[str], texts: list[str]) -> list[list[str]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for key, text in zip(keys, texts):
        seen[text].append(key)
    return list(seen.values())


_PRIMARY_ROLES = ("author", "editor", "translator", "composer", "director", "interviewer", "illustrator")


def first_person(context: RenderContext, item_id: str) -> tuple[str, str] | None:
    """The first primary name's short form (particle and family, lower case) and given name."""
    item = context.items[item_id]
    for role in _PRIMARY_ROLES:
        people = item.names(role)
        if people:
            person = people[0]
            if person.is_literal or not person.family:
                return None
            short = " ".join(p for p in (person.non_dropping_particle, person.family) if p).lower()
            return short, person.given
    return None


def _initials(given: str) -> str:
    return " ".join(part[0] for part in given.replace("-", " ").replace(".", " ").split() if part)


def name_count(context: RenderContext, item_id: str) -> int:
    item = context.items[item_id]
    return max((len(item.names(role)) for role in item.data if isinstance(item.data.get(role), list)), default=0)


def disambiguate(context: RenderContext, order: list[str], cites: CiteTexts | None = None) -> dict[str, ItemState]:
    """What each item needs to be told apart from the others; ``order`` is the bibliography order."""
    states = {key: ItemState() for key in order}
    citation = context.style.section("citation")
    if citation is None or citation.layout_element is None:
        return states
    add_names = (citation.get("disambiguate-add-names") or "").lower() == "true"
    add_givenname = (citation.get("disambiguate-add-givenname") or "").lower() == "true"
    add_suffix = (citation.get("disambiguate-add-year-suffix") or "").lower() == "true"
    rule = (citation.get("givenname-disambiguation-rule") or "by-cite").lower()
    uses_condition = context.style.uses_disambiguate_condition()
    if not (add_names or add_givenname or add_suffix or uses_condition):
        return states
    previous = context.states
    context.states = states
    try:
        if cites is None:
            def cites(keys):
                return [cite_text(context, key) for key in keys]

        if add_givenname and rule.startswith(("primary-name", "all-names")):
            _givenname_rule(context, order, rule, states)
        ambiguous = [g for g in _grouped(order, cites(order)) if len(g) > 1]
        if add_names:
            ambiguous = _add_names(context, ambiguous, states, cites)
        # with the primary-name / all-names rules the given-name step above is the whole of it:
        # citeproc-js tells names apart by family and given name only, so "R. Whitman II" and
        # "R. Whitman III" stay alike and take year suffixes
        if add_givenname and rule == "by-cite":
            ambiguous = _add_givennames(ambiguous, states, cites, rule)
        if uses_condition:
            for group in ambiguous:
                for key in group:
                    states[key].disambiguate = True
            ambiguous = [g for group, texts in _rendered(ambiguous, cites) for g in _grouped(group, texts)
                         if len(g) > 1]
        if add_suffix:
            position = {key: n for n, key in enumerate(order)}
            for group in ambiguous:
                for letter, key in enumerate(sorted(group, key=position.__getitem__)):
                    states[key].year_suffix = letter
    finally:
        context.states = previous
    return states


def _givenname_rule(context: RenderContext, order: list[str], rule: str, states: dict[str, ItemState]) -> None:
    people: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, str]] = {}
    for key in order:
        person = first_person(context, key)
        if person is None:
            continue
        short, given = person
        form = _initials(given) if rule.endswith("with-initials") else given
        people[short].add(form.lower())
        first[key] = (short, form)
    for key, (short, form) in first.items():
        if len(people[short]) > 1 and form:
            states[key].givenname = 1
            states[key].expanded = frozenset({0})


def _rendered(groups: list[list[str]], cites: CiteTexts) -> list[tuple[list[str], list[str]]]:
    texts = iter(cites([key for group in groups for key in group]))
    return [(group, [next(texts) for _ in group]) for group in groups]


def _add_names(context: RenderContext, groups, states, cites) -> list[list[str]]:
    """Show more names until a group splits; an expansion that splits nothing is undone."""
    left = []
    tasks = [(group, None, 2, max(name_count(context, key) for key in group)) for group in groups]
    while tasks:
        trying = []
        for task in tasks:
            group, level, shown, most = task
            if shown > most:
                for key in group:
                    states[key].names_shown = level
                left.append(group)
            else:
                for key in group:
                    states[key].names_shown = shown
                trying.append(task)
        tasks = []
        for (group, level, shown, most), (_, texts) in zip(trying, _rendered([t[0] for t in trying], cites)):
            parts = _grouped(group, texts)
            if len(parts) == 1:
                tasks.append((group, level, shown + 1, most))
                continue
            for part in parts:
                if len(part) > 1:
                    tasks.append((part, shown, shown + 1, max(name_count(context, key) for key in part)))
    return left


def _add_givennames(groups, states, cites, rule: str) -> list[list[str]]:
    """By-cite: initials (then full names) on the shown names, kept only where they split the group."""
    left = []
    before = {key: (states[key].givenname, states[key].givenname_all) for group in groups for key in group}
    for group in groups:
        for key in group:
            states[key].givenname = max(states[key].givenname, 1)
            states[key].givenname_all = True
    for group, texts in _rendered(groups, cites):
        parts = _grouped(group, texts)
        if len(parts) == 1:
            for key in group:
                states[key].givenname, states[key].givenname_all = before[key]
            left.append(group)
        else:
            left.extend(part for part in parts if len(part) > 1)
    return left

"""Disambiguation as CSL 1.0.2 defines it and citeproc-js does it.

citeproc-py has none (its Citation element only declares the options). This
pass runs after every item is registered and the bibliography is sorted:

1. given-name rule (``givenname-disambiguation-rule``, with
   ``disambiguate-add-givenname``): for the ``primary-name*`` rules, a first
   author whose short form is shared by a different person anywhere in the
   list gets initials (or the full given name), in every cite ("Z. Lin");
   the ``*-with-initials`` rules stop at initials.
2. cites that still render alike are ambiguous. In order: add names hidden
   by et-al (``disambiguate-add-names``), keeping only expansions that split
   the group; given names on the rendered names (by-cite); the
   ``disambiguate`` condition; then year suffixes (a, b, …) in bibliography
   order (``disambiguate-add-year-suffix``).

The decisions are stored per item in ``state.ItemState`` and read by the
patched Name, If and Text elements while they render.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .state import CURRENT, ItemState


_DECORATION = re.compile("<[^>]+>|[\u201c\u201d\u2018\u2019]")


def _option(citation, name: str) -> str:
    return (citation.get(name) or "").lower()


def render_cite(layout, bibliography, key: str) -> str:
    """One cite of ``key`` as the citation layout prints it, without affixes or locator."""
    from citeproc import Citation, CitationItem

    item = CitationItem(key)
    citation = Citation([item])
    citation.bibliography = bibliography
    layout.getparent().cites = []
    layout.repressed = {}
    saved = CURRENT.in_citation
    CURRENT.in_citation = True
    CURRENT.names_seen = False
    try:
        text = layout.render_children(item)
    except Exception:  # an item the style cannot render is never ambiguous
        text = None
    finally:
        CURRENT.in_citation = saved
    if text is None:
        return f"\x00{key}"
    # citeproc-js compares cites without their decorations (getAmbiguousCite): no italics, no quotes
    return _DECORATION.sub("", str(text))


def render_cites(layout, bibliography, keys) -> list[str]:
    """Every key's cite, in order: the first pass over the whole list.
    (engine/speedups.py puts its cache and --jobs workers here.)"""
    return [render_cite(layout, bibliography, key) for key in keys]


def _grouped(keys, texts) -> list[list[str]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for key, text in zip(keys, texts):
        seen[text].append(key)
    return list(seen.values())


def _primary_names(bibliography, key: str):
    reference = bibliography.source[key]
    for role in ("author", "editor", "translator", "composer", "director", "interviewer", "illustrator"):
        names = reference.get(role)
        if names:
            return names
    return []


def _initials(given: str) -> str:
    return " ".join(part[0] for part in given.replace("-", " ").replace(".", " ").split() if part)


def first_person(bibliography, key: str) -> tuple[str, str] | None:
    """The first primary name's short form (particle and family, lower case)
    and given name, or None for no name, a literal name or no family name.
    (engine/speedups.py caches it by the item's data.)"""
    names = _primary_names(bibliography, key)
    if not names or "literal" in names[0]:
        return None
    given, family, _dp, ndp, _suffix = names[0].parts()
    if not family:
        return None
    return " ".join(str(n) for n in (ndp, family) if n).lower(), str(given or "")


def givenname_pass(bibliography, rule: str, states: dict[str, ItemState]) -> None:
    """primary-name rules: expand first authors whose family name is shared by another person."""
    people: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, str]] = {}
    for key in bibliography.keys:
        person = first_person(bibliography, key)
        if person is None:
            continue
        short, given = person
        form = _initials(given) if rule.endswith("with-initials") else given
        people[short].add(form.lower())
        first[key] = (short, form)
    for key, (short, form) in first.items():
        if len(people[short]) > 1 and form:
            states[key].givenname = True


def disambiguate(style_root, bibliography) -> dict[str, ItemState]:
    states = {key: ItemState() for key in bibliography.keys}
    citation = style_root.citation
    if citation is None or citation.layout is None:
        return states
    add_names = _option(citation, "disambiguate-add-names") == "true"
    add_givenname = _option(citation, "disambiguate-add-givenname") == "true"
    add_suffix = _option(citation, "disambiguate-add-year-suffix") == "true"
    rule = _option(citation, "givenname-disambiguation-rule") or "by-cite"
    uses_condition = bool(style_root.xpath_search("//cs:if[@disambiguate] | //cs:else-if[@disambiguate]"))
    if not (add_names or add_givenname or add_suffix or uses_condition):
        return states
    layout = citation.layout
    previous = CURRENT.items
    CURRENT.items = states
    try:
        if add_givenname and rule.startswith(("primary-name", "all-names")):
            givenname_pass(bibliography, rule, states)

        def cites(keys):
            return render_cites(layout, bibliography, keys)

        keys = list(bibliography.keys)
        ambiguous = [g for g in _grouped(keys, cites(keys)) if len(g) > 1]
        if add_names:
            ambiguous = _add_names(ambiguous, bibliography, states, cites)
        if add_givenname:
            ambiguous = _add_givennames(ambiguous, states, cites)
        if uses_condition:
            for group in ambiguous:
                for key in group:
                    states[key].disambiguate = True
            ambiguous = [g for group, texts in _rendered_groups(ambiguous, cites)
                         for g in _grouped(group, texts) if len(g) > 1]
        if add_suffix:
            position = {key: n for n, key in enumerate(bibliography.keys)}
            for group in ambiguous:
                for letter, key in enumerate(sorted(group, key=position.__getitem__)):
                    states[key].year_suffix = letter
    finally:
        CURRENT.items = previous
    return states


def name_count(bibliography, key: str) -> int:
    """The length of the item's longest name list. (engine/speedups.py caches it by the item's data.)"""
    reference = bibliography.source[key]
    counts = [len(v) for k, v in reference.items() if isinstance(v, list) and v and hasattr(v[0], "parts")]
    return max(counts, default=0)


def _rendered_groups(groups, cites):
    """Each group with its items' cites, rendered in one batch (a cite depends
    only on its own item and state, so groups never affect one another)."""
    texts = iter(cites([key for group in groups for key in group]))
    return [(group, [next(texts) for _ in group]) for group in groups]


def _add_names(groups, bibliography, states, cites) -> list[list[str]]:
    """Show more names until a group splits; an expansion that splits nothing is undone.
    Every group still trying takes its next step in the same batch of cites."""
    left = []
    # (group, names shown before this step, names to try now, most names in the group)
    tasks = [(group, None, 2, max(name_count(bibliography, key) for key in group)) for group in groups]
    while tasks:
        trying = []
        for task in tasks:
            group, level, shown, most = task
            if shown > most:  # nothing split it: undo
                for key in group:
                    states[key].names_shown = level
                left.append(group)
            else:
                for key in group:
                    states[key].names_shown = shown
                trying.append(task)
        tasks = []
        for (group, level, shown, most), (_, texts) in zip(trying, _rendered_groups([t[0] for t in trying], cites)):
            parts = _grouped(group, texts)
            if len(parts) == 1:
                tasks.append((group, level, shown + 1, most))
                continue
            for part in parts:
                if len(part) > 1:
                    tasks.append((part, shown, shown + 1, max(name_count(bibliography, key) for key in part)))
    return left


def _add_givennames(groups, states, cites) -> list[list[str]]:
    """By-cite: initials on the shown names, kept only where they split the group."""
    left = []
    before = {key: states[key].givenname for group in groups for key in group}
    for group in groups:
        for key in group:
            states[key].givenname = True
    for group, texts in _rendered_groups(groups, cites):
        parts = _grouped(group, texts)
        if len(parts) == 1:
            for key in group:
                states[key].givenname = before[key]
            left.append(group)
        else:
            left.extend(part for part in parts if len(part) > 1)
    return left

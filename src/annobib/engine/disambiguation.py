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


def _groups(keys, render) -> list[list[str]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        seen[render(key)].append(key)
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


def givenname_pass(bibliography, rule: str, states: dict[str, ItemState]) -> None:
    """primary-name rules: expand first authors whose family name is shared by another person."""
    people: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, str]] = {}
    for key in bibliography.keys:
        names = _primary_names(bibliography, key)
        if not names or "literal" in names[0]:
            continue
        given, family, _dp, ndp, _suffix = names[0].parts()
        if not family:
            continue
        short = " ".join(n for n in (ndp, family) if n).lower()
        given = str(given or "")
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

        def render(key):
            return render_cite(layout, bibliography, key)

        ambiguous = [g for g in _groups(bibliography.keys, render) if len(g) > 1]
        if add_names:
            ambiguous = _add_names(ambiguous, bibliography, states, render)
        if add_givenname:
            ambiguous = _add_givennames(ambiguous, states, render)
        if uses_condition:
            for group in ambiguous:
                for key in group:
                    states[key].disambiguate = True
            ambiguous = [g for group in ambiguous for g in _groups(group, render) if len(g) > 1]
        if add_suffix:
            position = {key: n for n, key in enumerate(bibliography.keys)}
            for group in ambiguous:
                for letter, key in enumerate(sorted(group, key=position.__getitem__)):
                    states[key].year_suffix = letter
    finally:
        CURRENT.items = previous
    return states


def _name_count(bibliography, key: str) -> int:
    reference = bibliography.source[key]
    counts = [len(v) for k, v in reference.items() if isinstance(v, list) and v and hasattr(v[0], "parts")]
    return max(counts, default=0)


def _add_names(groups, bibliography, states, render) -> list[list[str]]:
    """Show more names until a group splits; an expansion that splits nothing is undone."""
    left = []

    def expand(group: list[str], level: int | None) -> None:
        most = max(_name_count(bibliography, key) for key in group)
        start = (level or 1) + 1
        for shown in range(start, most + 1):
            for key in group:
                states[key].names_shown = shown
            parts = _groups(group, render)
            if len(parts) > 1:
                for part in parts:
                    if len(part) > 1:
                        expand(part, shown)
                return
        for key in group:
            states[key].names_shown = level
        left.append(group)

    for group in groups:
        expand(group, None)
    return left


def _add_givennames(groups, states, render) -> list[list[str]]:
    """By-cite: initials on the shown names, kept only where they split the group."""
    left = []
    for group in groups:
        before = {key: states[key].givenname for key in group}
        for key in group:
            states[key].givenname = True
        parts = _groups(group, render)
        if len(parts) == 1:
            for key in group:
                states[key].givenname = before[key]
            left.append(group)
        else:
            left.extend(part for part in parts if len(part) > 1)
    return left

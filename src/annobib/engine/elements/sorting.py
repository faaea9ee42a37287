"""cs:sort and cs:key: citeproc-js's collation, empty keys last, keys rendered only where they decide.

citeproc-py's ``Sort.sort`` compares lower-cased code points (and tries
``int()`` on whole keys), so accented and punctuated keys land elsewhere
than in Zotero, and the year-suffix letters, which follow the bibliography
order, come out wrong. Here keys compare by ``collation.collation_key``
(citeproc-js's ``localeCompare`` options), numbers as numbers, dates by
their parts; an empty key sorts last whatever the direction; ties keep the
registration order. A key is only computed for the items that tie on every
key before it (in APA, the titles of one author's works, not of every
entry), which is most of the cost of sorting saved.
"""
from __future__ import annotations

from collections.abc import Callable

from citeproc import model

from ..citation_label import citation_label
from ..collation import collation_key
from ..context import Scope
from ..integers import digits_value
from ..items import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES
from ..output import plain
from .base import CSL


class Key(model.Key):
    def descending(self) -> bool:
        return self.get("sort", "ascending").lower() == "descending"

    def sort_options(self) -> dict:
        options = {"name-as-sort-order": "all"}
        for attribute, option in (("names-min", "et-al-min"), ("names-use-first", "et-al-use-first"),
                                  ("names-use-last", "et-al-use-last")):
            if attribute in self.attrib:
                options[option] = self.get(attribute)
        return options

    def value(self, scope: Scope):
        """This key's sort value for the scope's item (None: empty)."""
        if "macro" in self.attrib:
            macro = scope.context.style.macro(self.get("macro"))
            if macro is None:
                return None
            scope.sorting = True
            scope.sort_options = self.sort_options()
            text = plain(macro.render(scope))
            return _text_key(text)
        variable = self.get("variable")
        if variable is None:
            return None
        item = scope.item
        if variable == "citation-label":
            return _text_key(citation_label(item))
        if variable == "citation-number":
            number = scope.context.numbers.get(item.id)
            return None if number is None else (0, number, ())
        if variable in NAME_VARIABLES:
            people = item.names(variable)
            if not people:
                return None
            demote = scope.context.style.get("demote-non-dropping-particle", "display-and-sort") != "never"
            text = ";".join(_person_key(p, demote) for p in people)
            return _text_key(text)
        if variable in DATE_VARIABLES:
            date = item.date(variable)
            if date is None:
                return None
            key = date.sort_key()
            return (2, key, ()) if key else _text_key(date.literal)  # kind 2: dates compare as their key strings
        value = item.raw(variable)
        if value is None:
            return None
        if variable in NUMBER_VARIABLES:
            digits = "".join(ch for ch in value.split("-")[0] if ch.isdigit())
            if digits:
                return (0, digits_value(digits), collation_key(value))
        return _text_key(plain(item.rich(variable)))


def _person_key(person, demote: bool) -> str:
    """A name as citeproc-js sorts it: family, given, particles, suffix; with
    demote-non-dropping-particle="never": "van Roe", "de", given, suffix."""
    if person.is_literal:
        return person.literal
    if demote:
        parts = (person.family, person.given, person.dropping_particle, person.non_dropping_particle, person.suffix)
    else:
        parts = (person.non_dropping_particle, person.family, person.dropping_particle, person.given, person.suffix)
    return " ".join(p for p in parts if p)


def _text_key(text: str):
    if not text:
        return None
    key = collation_key(text)
    return (1, 0, key) if key else None


class Sort(model.Sort):
    def keys(self) -> list[Key]:
        return [key for key in self.iterchildren(f"{CSL}key") if isinstance(key, Key)]

    def order(self, count: int, value_of: Callable[[int, Key], object] | None = None,
              leading: Callable[[int], object] | None = None, *,
              values_of: Callable[[list[int], Key], list] | None = None) -> list[int]:
        """Indices 0..count-1 in sort order; ``value_of(index, key)`` is one item's key value, or
        ``values_of(indices, key)`` those of many items in one call (a render computes them in
        batches: stored, or in workers); ``leading(index)``, when given, is an ascending key
        before the style's."""
        columns: list[tuple[Callable[[list[int]], list], bool]] = []
        if leading is not None:
            columns.append((lambda indices: [leading(i) for i in indices], False))
        columns += [(_column(value_of, values_of, key), key.descending()) for key in self.keys()]
        return _order(list(range(count)), columns)

    def grouped_order(self, count: int, value_of: Callable[[int, Key], object],
                      author_of: Callable[[int], str | None]) -> list[int]:
        """citeproc-js's grouped sort of a citation's cites (in-text styles that collapse or set
        cite-group-delimiter): cites are sorted by the names they print, then the style's keys;
        each run of cites with the same names then takes the first key of its first cite, so a
        group stays together where its first cite sorts ("Smith 2003, 2010; Jones 2005")."""
        keys = self.keys()
        if not keys:
            return list(range(count))
        first = self.order(count, value_of, leading=lambda index: _author_key(author_of(index)))
        leads = []
        run_key: object = None
        for position, index in enumerate(first):
            if not position or author_of(index) != author_of(first[position - 1]):
                run_key = value_of(index, keys[0])
            leads.append((run_key, position, index))
        present = sorted(((k, p, i) for k, p, i in leads if k is not None), key=lambda lead: lead[:2],
                         reverse=keys[0].descending())
        return [i for _, _, i in present] + [i for k, _, i in leads if k is None]


def groups_cites(style, citation) -> bool:
    """Whether citeproc-js sorts a citation's cites grouped by their names: an in-text style
    that collapses, or one with a cite-group-delimiter that neither numbers its cites nor
    tests their position."""
    found = style.memo(citation, "groups-cites")
    if found is None:
        if citation.get("collapse") and style.get("class") == "in-text":
            found = True
        elif citation.get("cite-group-delimiter"):
            tests_position = any(e.get("position") for e in style.iter(f"{CSL}if", f"{CSL}else-if"))
            numbers = any(e.get("variable") == "citation-number" for e in style.iter(f"{CSL}text"))
            found = not (tests_position or numbers)
        else:
            found = False
        style.remember(citation, "groups-cites", found)
    return found


def _column(value_of, values_of, key: Key) -> Callable[[list[int]], list]:
    if values_of is not None:
        return lambda indices: values_of(indices, key)
    return lambda indices: [value_of(i, key) for i in indices]


def _order(indices: list[int], columns: list[tuple[Callable[[list[int]], list], bool]]) -> list[int]:
    """``indices`` sorted by the columns (value function, descending), ties kept in order.
    A column is only evaluated for items that tie on every column before it."""
    groups = [indices]  # runs of tied items, each in registration order
    for values, descending in columns:
        tied = [index for group in groups if len(group) > 1 for index in group]
        if not tied:
            break
        value = dict(zip(tied, values(tied)))
        split = []
        for group in groups:
            if len(group) == 1:
                split.append(group)
                continue
            ties: dict = {}
            for index in group:
                ties.setdefault(value[index], []).append(index)
            present = sorted((v for v in ties if v is not None), reverse=descending)
            if None in ties:  # an empty key sorts last, whatever the direction (citeproc-js)
                present.append(None)
            split.extend(ties[v] for v in present)
        groups = split
    return [index for group in groups for index in group]


def _author_key(text: str | None):
    """The names a cite prints as citeproc-js compares them: punctuation and spaces ignored."""
    if not text:
        return None
    return _text_key("".join(ch for ch in text if ch.isalnum())) or None

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
from ..items import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES
from ..output import plain
from .base import CSL

KeyOf = Callable[[object, "Key"], object]  # (cite, key element) -> sort value


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
            text = ";".join(_person_key(p) for p in people)
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
                return (0, int(digits), collation_key(value))
        return _text_key(plain(item.rich(variable)))


def _person_key(person) -> str:
    if person.is_literal:
        return person.literal
    return " ".join(p for p in (person.family, person.given, person.dropping_particle,
                                person.non_dropping_particle, person.suffix) if p)


def _text_key(text: str):
    if not text:
        return None
    key = collation_key(text)
    return (1, 0, key) if key else None


class Sort(model.Sort):
    def keys(self) -> list[Key]:
        return [key for key in self.iterchildren(f"{CSL}key") if isinstance(key, Key)]

    def order(self, count: int, value_of: Callable[[int, Key], object]) -> list[int]:
        """Indices 0..count-1 in sort order; ``value_of(index, key)`` is one item's key value."""
        groups = [list(range(count))]  # runs of tied items, each in registration order
        for key in self.keys():
            descending = key.descending()
            if all(len(group) == 1 for group in groups):
                break
            split = []
            for group in groups:
                if len(group) == 1:
                    split.append(group)
                    continue
                ties: dict = {}
                for index in group:
                    ties.setdefault(value_of(index, key), []).append(index)
                present = sorted((v for v in ties if v is not None), reverse=descending)
                if None in ties:  # an empty key sorts last, whatever the direction (citeproc-js)
                    present.append(None)
                split.extend(ties[v] for v in present)
            groups = split
        return [index for group in groups for index in group]


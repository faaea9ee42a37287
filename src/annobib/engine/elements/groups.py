"""cs:group and cs:choose: suppression decided while rendering, and every condition.

- ``Group.process`` in citeproc-py asks each child's static
  ``calls_variable()``, which looks at the branches of a cs:choose that are
  not taken and calls a macro that prints only terms "no variable". CSL
  1.0.2: a group is suppressed when it calls at least one variable and every
  variable it calls is empty; a non-empty nested group (or macro) counts as a
  printed variable. Each variable-rendering element reports to the scope's
  innermost open group (``Scope.note``) whether it was called and printed.
- cs:choose is transparent: the taken branch's children join the enclosing
  element's list, so the group's delimiter falls between them.
- Conditions: citeproc-py ignores ``disambiguate``, tests ``is-numeric`` with
  a pattern that accepts no ranges, and looks ``locator`` up in the item;
  here every test follows CSL 1.0.2 and ``match`` combines all of them.
"""
from __future__ import annotations

from typing import cast

from citeproc import model

from ..context import Scope
from ..disambiguation import disambiguate_holds
from ..output import Node, Span, join
from .base import Rendering
from .numbers import number_field

# citeproc-js's NUMERIC_VARIABLES: is-numeric reads these as number fields
NUMERIC_VARIABLES = frozenset("""call-number chapter-number collection-number division edition page issue locator
locator-extra number number-of-pages number-of-volumes part-number printing-number section supplement-number version
volume supplement citation-number""".split())
_POSITION_RANK = {"first": 0, "subsequent": 1, "ibid": 2, "ibid-with-locator": 3}


def children_of(element, scope: Scope) -> tuple:
    """(child, is a cs:choose) for the children that print something (cs:sort, cs:info and the
    like print nothing), read once: the style does not change while rendering."""
    table = scope.context.memo
    found = table.get((element, "children"))
    if found is None:
        found = table[(element, "children")] = tuple(
            (child, isinstance(child, Choose)) for child in element.iterchildren()
            if isinstance(child, (Choose, Rendering)))
    return found


def render_children(element, scope: Scope) -> list[Span]:
    """What each child printed, a cs:choose contributing its taken branch's pieces."""
    pieces: list[Span] = []
    for child, is_choose in children_of(element, scope):
        if is_choose:
            pieces.extend(child.pieces(scope))
            continue
        piece = child.render(scope)
        if piece is not None:
            pieces.append(piece)
    return pieces


def render_as_group(element, scope: Scope) -> tuple[list[Span], bool, bool]:
    """The children's pieces, and whether they called a variable and printed one: what decides
    whether a cs:group (and a macro, which citeproc-js renders as one) prints at all."""
    scope.frames.append([False, False])
    try:
        pieces = render_children(element, scope)
    finally:
        called, printed = scope.frames.pop()
    return pieces, called, printed


class Group(Rendering, model.Group):
    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        pieces, called, printed = render_as_group(self, scope)
        if pieces and (not called or printed):
            result = self.decorate(join(pieces, self.get("delimiter", "")), scope)
            scope.note(True, result is not None)
            return result
        scope.note(called, False)
        return None


class Choose(model.Choose):
    def taken_branch(self, scope: Scope):
        """The cs:if, cs:else-if or cs:else whose condition holds first, or None."""
        for branch in self.iterchildren():
            if isinstance(branch, Else) or (isinstance(branch, If) and branch.holds(scope)):
                return branch
        return None

    def pieces(self, scope: Scope) -> list[Span]:
        table = scope.context.memo
        branches = table.get((self, "branches"))
        if branches is None:
            branches = table[(self, "branches")] = tuple(
                (branch, isinstance(branch, Else)) for branch in self.iterchildren()
                if isinstance(branch, (If, Else)))
        for branch, otherwise in branches:
            if otherwise or branch.holds(scope):
                return render_children(branch, scope)
        return []

    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        pieces = self.pieces(scope)
        if not pieces:
            return None
        return Span(cast("list[Node]", pieces)) if len(pieces) > 1 else pieces[0]


_CONDITIONS = ("disambiguate", "type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")


class If(model.If):
    def _tests(self, scope: Scope) -> tuple[tuple, str, frozenset | None]:
        """((condition, value), …), the match, and the types when the item's type is all this
        branch tests (with match any or none, or one type), read once from the attributes."""
        table = scope.context.memo
        found = table.get((self, "tests"))
        if found is None:
            attrib = self.attrib
            tests = tuple((name, value) for name in _CONDITIONS if name in attrib
                          for value in (attrib[name].split() if name != "disambiguate" else [attrib[name]]))
            match = attrib.get("match", "all")
            types = None
            if tests and all(name == "type" for name, _ in tests) and (match != "all" or len(tests) == 1):
                types = frozenset(value for _, value in tests)
            found = table[(self, "tests")] = (tests, match, types)
        return found

    def holds(self, scope: Scope) -> bool:
        tests, match, types = self._tests(scope)
        if types is not None:  # speed: the common test of the item's type alone
            found = scope.item.type in types
            return found if match != "none" else not found
        results = (_test(scope, name, value) for name, value in tests)
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results) if tests else False


def _test(scope: Scope, name: str, value: str) -> bool:
    if name == "type":
        return scope.item.type == value
    if name == "variable":
        return has_variable(scope, value)
    if name == "position":
        return position_holds(scope, value)
    if name == "is-numeric":
        return numeric_holds(scope, value)
    if name == "disambiguate":
        return disambiguate_holds(scope, value.lower() == "true")  # citeproc-js counts these (disambiguation.py)
    if name == "locator":
        label = locator_label(scope)
        return label is not None and label == value.replace("sub verbo", "sub-verbo")
    date = scope.item.date(value)  # is-uncertain-date
    return bool(date and date.circa)


class Else_If(If, model.Else_If):
    pass


class Else(model.Else):
    pass


def has_variable(scope: Scope, variable: str) -> bool:
    cite = scope.cite
    if variable == "locator":
        return cite.locator is not None
    if variable == "citation-number":
        return scope.item.id in scope.context.numbers
    if variable == "year-suffix":
        return scope.item_state.year_suffix is not None
    if variable == "first-reference-note-number":
        return bool(cite.first_note)
    return scope.item.has(variable)  # a substituted variable still counts here (citeproc-js)


def numeric_holds(scope: Scope, variable: str) -> bool:
    """is-numeric as citeproc-js tests it: a number variable as its number parser reads it (the
    first value a number, possibly with letters or in roman numerals); a title ending in a digit."""
    if variable in NUMERIC_VARIABLES:
        field = number_field(scope, variable)
        return field is not None and field.numeric
    if variable == "title":
        title = scope.item.raw("title") or ""
        return title[-1:].isdigit()
    return False


def locator_label(scope: Scope) -> str | None:
    """The locator's label: the cite's, or one typed at the start of the locator ("vol. 1")."""
    field = number_field(scope, "locator")
    if field is None:
        return None
    return field.term("locator", scope.context.style) or (scope.cite.label or "page").replace("sub verbo", "sub-verbo")


def position_holds(scope: Scope, wanted: str) -> bool:
    if scope.section != "citation" or scope.sorting:
        return False
    cite = scope.cite
    if wanted == "near-note":
        return cite.near_note
    have = _POSITION_RANK.get(cite.position, 0)
    if wanted == "first":
        return have == 0
    if wanted == "subsequent":
        return have >= 1
    if wanted == "ibid":
        return have >= 2
    if wanted == "ibid-with-locator":
        return have == 3
    return False


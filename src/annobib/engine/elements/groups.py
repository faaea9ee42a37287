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

from citeproc import model

from ..context import Scope
from ..disambiguation import disambiguate_holds
from ..output import Span, join
from .base import Rendering
from .numbers import is_numeric

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


class Group(Rendering, model.Group):
    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        scope.frames.append([False, False])
        try:
            pieces = render_children(self, scope)
        finally:
            called, printed = scope.frames.pop()
        if pieces and (not called or printed):
            result = self.decorate(join(pieces, self.get("delimiter", "")), scope)
            scope.note(True, result is not None)
            return result
        scope.note(called, False)
        return None


class Choose(model.Choose):
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
        return Span(pieces) if len(pieces) > 1 else pieces[0]


class If(model.If):
    def holds(self, scope: Scope) -> bool:
        table = scope.context.memo
        plan = table.get((self, "plan"))
        if plan is None:
            plan = table[(self, "plan")] = (self.get("match", "all"), self._type_only())
        match, types = plan
        if types is not None:  # speed: the common test of the item's type alone
            found = scope.item.type in types
            return found if match != "none" else not found
        results = list(self._results(scope))
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results) if results else False

    def _type_only(self) -> frozenset | None:
        """The types tested, when the item's type is all this branch tests (and match is any/none,
        or there is one type), else None."""
        attrib = self.attrib
        if set(attrib) - {"type", "match"} or "type" not in attrib:
            return None
        types = attrib["type"].split()
        if attrib.get("match", "all") == "all" and len(set(types)) > 1:
            return None
        return frozenset(types)

    def _results(self, scope: Scope):
        attrib = self.attrib
        item, cite = scope.item, scope.cite
        if "disambiguate" in attrib:
            yield disambiguate_holds(scope, attrib["disambiguate"].lower() == "true")
        if "type" in attrib:
            for wanted in attrib["type"].split():
                yield item.type == wanted
        if "variable" in attrib:
            for variable in attrib["variable"].split():
                yield has_variable(scope, variable)
        if "is-numeric" in attrib:
            for variable in attrib["is-numeric"].split():
                value = numeric_value(scope, variable)
                yield value is not None and is_numeric(value)
        if "is-uncertain-date" in attrib:
            for variable in attrib["is-uncertain-date"].split():
                date = item.date(variable)
                yield bool(date and date.circa)
        if "locator" in attrib:
            label = (cite.label or "page") if cite.locator is not None else None
            for wanted in attrib["locator"].split():
                yield label is not None and label == wanted.replace("-", " ") or label == wanted
        if "position" in attrib:
            for wanted in attrib["position"].split():
                yield position_holds(scope, wanted)


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


def numeric_value(scope: Scope, variable: str) -> str | None:
    if variable == "locator":
        return str(scope.cite.locator) if scope.cite.locator is not None else None
    value = scope.item.raw(variable)
    if value is not None and variable == "number":
        import re

        value = re.sub(r"^no\.\s*(?=\d)", "", value)  # "no. 99": a label and a number (citeproc-js)
    return value


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


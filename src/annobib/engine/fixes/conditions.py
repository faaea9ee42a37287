"""cs:if tests: is-numeric, locator variable, and the disambiguate condition.

- ``If._is_numeric`` looks up ``locator`` in the item's data instead of the
  cite, and its regex accepts neither ranges nor lists. CSL 1.0.2: numeric
  means numbers with optional letter affixes, separated by "-", "," or "&"
  ("2-4", "2, 3", "99-02"); citeproc-js also reads "no. 99" in ``number`` as
  a label and a number (fixes/variables.py prints the number alone).
- ``If.render`` never evaluates ``disambiguate="true"`` (the branch is then
  always taken); it now holds only for items disambiguation.py flagged.

Speed (issue 8): each cs:if's attributes are read once into a test function
(``holds``), and ``Choose.render`` calls the tests itself instead of letting
every branch not taken raise ``ConditionFailed``.
"""
from __future__ import annotations

import re

from ..state import CURRENT

NUMERIC = re.compile(r"^\s*[a-z]*\d+[a-z]*(?:\s*(?:[-\u2013,&]|and)\s*[a-z]*\d+[a-z]*)*\s*$", re.I)


def is_numeric(value) -> bool:
    return bool(NUMERIC.match(str(value)))


def apply() -> None:
    from citeproc import model

    model.If._is_numeric = _is_numeric

    def render(self, item, context=None, delimiter="", **kwargs):
        if not holds(self, item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    model.If.render = render

    else_render = model.Else.render

    def choose_render(self, item, context=None, delimiter="", **kwargs):
        # speed: a branch not taken is skipped without raising ConditionFailed
        branches, by_type = _branches(self, model, render, else_render)
        start = 0
        if by_type is not None:  # speed: the leading type-only tests, decided once per item type
            item_type = _item_type(item)
            if isinstance(item_type, str):
                start = by_type.get(item_type)
                if start is None:
                    start = by_type[item_type] = _past_type_tests(branches, item, context)
        for index in range(start, len(branches)):
            child, kind, test = branches[index]
            if kind == _TESTED:
                if not test(child, item, context):
                    continue
            elif kind != _ELSE:
                try:
                    return child.render(item, context=context, delimiter=delimiter, **kwargs)
                except model.ConditionFailed:
                    continue
            return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None

    model.Choose.render = choose_render


_TESTED, _ELSE, _OTHER = 1, 2, 0
_TEST = "_annobib_if_test"
_BRANCHES = "_annobib_branches"
_MISSING = object()


def _branches(choose, model, if_render, else_render):
    """The cs:choose's children as (child, how it is taken, its test), and, when it starts with
    a type-only test, a dict of item type -> the first branch worth testing (cached on the
    node: the style does not change while rendering)."""
    cached = choose.__dict__.get(_BRANCHES)
    if cached is None:
        branches = []
        for child in choose.getchildren():
            if isinstance(child, model.If) and type(child).render is if_render:
                branches.append((child, _TESTED, _test(child)))
            elif type(child) is model.Else and model.Else.render is else_render:
                branches.append((child, _ELSE, None))
            else:
                branches.append((child, _OTHER, None))
        by_type = {} if branches and _type_only(branches[0]) else None
        cached = choose.__dict__[_BRANCHES] = (tuple(branches), by_type)
    return cached


def _type_only(branch) -> bool:
    return branch[1] == _TESTED and getattr(branch[2], "type_only", False)


def _past_type_tests(branches, item, context) -> int:
    """The index of the first branch that is not a type-only test failing for this item."""
    for index, branch in enumerate(branches):
        if not _type_only(branch) or branch[2](branch[0], item, context):
            return index
    return len(branches)


def holds(node, item, context) -> bool:
    """Whether a cs:if / cs:else-if is taken: citeproc-py's tests, plus ``disambiguate``."""
    return _test(node)(node, item, context)


def _test(node):
    """The node's test as a function of (node, item, context), built once from its attributes
    (the node is an argument: a closure over it would keep it alive in a reference cycle)."""
    test = node.__dict__.get(_TEST)
    if test is None:
        test = node.__dict__[_TEST] = _compile(node)
    return test


def _item_type(item):
    reference = item.reference
    value = dict.get(reference, "type", _MISSING)  # speed: reference.type without two Python calls
    return reference.type if value is _MISSING else value


def _reads_type_only(test):
    test.type_only = True  # its result depends on the item's type alone (see choose_render)
    return test


def _compile(node):
    """As citeproc-py's ``If.render``: every test of the element is evaluated, the results form
    one list and ``match`` combines them (any, none, else all). The common single-kind tests
    get a short function of their own (speed)."""
    attrib = node.attrib
    wanted = attrib.get("disambiguate")
    others = [a for a in ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")
              if a in attrib]
    types = tuple(t.lower() for t in attrib["type"].split()) if "type" in attrib else ()
    variables = tuple(v.replace("-", "_") for v in attrib["variable"].split()) if "variable" in attrib else ()
    methods = tuple(name for attribute, name in (("is-numeric", "_is_numeric"),
                                                 ("is-uncertain-date", "_is_uncertain_date"),
                                                 ("locator", "_locator")) if attribute in attrib)
    position = "position" in attrib
    match = attrib.get("match")
    if wanted is None and others == ["type"] and types:
        if match == "any":
            return _reads_type_only(lambda node, item, context: _item_type(item) in types)
        if match == "none":
            return _reads_type_only(lambda node, item, context: _item_type(item) not in types)
        if len(set(types)) == 1:
            return _reads_type_only(lambda node, item, context: _item_type(item) == types[0])
    if wanted is None and others == ["variable"] and len(variables) == 1 and variables[0] != "locator":
        variable = variables[0]
        if match == "none":
            return lambda node, item, context: variable not in item.reference
        return lambda node, item, context: variable in item.reference

    wanted = None if wanted is None else wanted.lower() == "true"
    disambiguate_match = attrib.get("match", "all")

    def test(node, item, context):
        if wanted is not None:
            now = CURRENT.item(item.key).disambiguate == wanted
            if not others:
                return now
            if (disambiguate_match == "all" and not now) or (disambiguate_match == "none" and now):
                return False
            if disambiguate_match == "any" and now:
                return True
        any_true, all_true = False, True  # any() and all() of citeproc-py's result list
        if types:
            item_type = item.reference.type
            for wanted_type in types:
                if wanted_type == item_type:
                    any_true = True
                else:
                    all_true = False
        if variables:
            reference = item.reference
            for variable in variables:
                if ("locator" in item) if variable == "locator" else (variable in reference):
                    any_true = True
                else:
                    all_true = False
        results = []
        for name in methods:
            results += getattr(node, name)(item)
        if position:
            results += node._position(item, context)
        if results:
            any_true = any_true or any(results)
            all_true = all_true and all(results)
        if match == "any":
            return any_true
        if match == "none":
            return not any_true
        return all_true

    return test


def _is_numeric(self, item):
    results = []
    for variable in self.get("is-numeric").split():
        if variable == "locator":
            value = item.locator.identifier if item.has_locator else None
        else:
            value = item.reference.get(variable.replace("-", "_"))
            if variable == "number" and value is not None:  # "no. 99": a label and a number
                value = re.sub(r"^no\.\s*(?=\d)", "", str(value))
        results.append(value is not None and is_numeric(value))
    return results

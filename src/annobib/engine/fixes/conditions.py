"""cs:if tests: is-numeric, locator variable, and the disambiguate condition.

- ``If._is_numeric`` looks up ``locator`` in the item's data instead of the
  cite, and its regex accepts neither ranges nor lists. CSL 1.0.2: numeric
  means numbers with optional letter affixes, separated by "-", "," or "&"
  ("2-4", "2, 3", "99-02"); citeproc-js also reads "no. 99" in ``number`` as
  a label and a number (fixes/variables.py prints the number alone).
- ``If.render`` never evaluates ``disambiguate="true"`` (the branch is then
  always taken); it now holds only for items disambiguation.py flagged.
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
    original = model.If.render

    def render(self, item, context=None, delimiter="", **kwargs):
        wanted = self.get("disambiguate")
        if wanted is not None:
            holds = CURRENT.item(item.key).disambiguate == (wanted.lower() == "true")
            others = [a for a in ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")
                      if a in self.attrib]
            if not others:
                if not holds:
                    raise model.ConditionFailed
            else:
                match = self.get("match", "all")
                if (match == "all" and not holds) or (match == "none" and holds):
                    raise model.ConditionFailed
                if match == "any" and holds:
                    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return original(self, item, context, delimiter, **kwargs)

    model.If.render = render


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

"""cs:text variable=…: year-suffix, hyphenated number variables.

- ``Text._variable`` looks up ``year_suffix``, which citeproc-py never sets,
  so no "2020a" ever prints; the letter now comes from the disambiguation
  state (engine/disambiguation.py).
- ``Number.process`` reads ``item.reference[variable]`` with the CSL name,
  so ``number-of-pages`` etc. raise VariableError and vanish ("448 p.");
  ``Label._is_plural`` reads ``item[variable]`` on the cite and drops the
  label ("Vols. 1–5").
"""
from __future__ import annotations

from ..state import CURRENT, year_suffix_letters


def apply() -> None:
    from citeproc import model

    model.Text._variable = _text_variable(model.Text._variable)
    model.Number.process = _number_process(model.Number.process)
    model.Label._is_plural = label_is_plural


def _text_variable(original):
    from citeproc.string import String

    def _variable(self, item, context):
        if self.get("variable") == "year-suffix":
            state = CURRENT.item(item.key)
            if state.year_suffix is None or CURRENT.sorting:
                return None
            return String(year_suffix_letters(state.year_suffix))
        return original(self, item, context)

    return _variable


def _number_process(original):
    def process(self, item, context=None, **kwargs):
        variable = self.get("variable", "")
        if "-" in variable and variable not in ("page-first",):
            self.set("variable", variable.replace("-", "_"))
            try:
                return original(self, item, context, **kwargs)
            finally:
                self.set("variable", variable)
        return original(self, item, context, **kwargs)

    return process


def label_is_plural(self, item):
    from citeproc.source import VariableError

    variable = self.get("variable")
    if variable == "locator":
        value = item.locator.identifier
    else:
        try:
            value = item.reference[variable.replace("-", "_")]
        except VariableError:
            return False
    if variable.startswith("number-of"):
        try:
            return int(str(value)) > 1
        except ValueError:
            pass
    return self.RE_MULTIPLE_NUMBERS.search(str(value)) is not None

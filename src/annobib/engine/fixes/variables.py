"""cs:text variable=…: year-suffix, hyphenated number variables.

- ``Text._variable`` looks up ``year_suffix``, which citeproc-py never sets,
  so no "2020a" ever prints; the letter now comes from the disambiguation
  state (engine/disambiguation.py).
- ``Number.process`` reads ``item.reference[variable]`` with the CSL name,
  so ``number-of-pages`` etc. raise VariableError and vanish ("448 p.");
  ``Label._is_plural`` reads ``item[variable]`` on the cite and drops the
  label ("Vols. 1–5").
- ``Label.process`` prints its term whether or not the variable has a value;
  CSL 1.0.2 (and citeproc-js) print a label only for a non-empty variable.
  The stray term is usually dropped by group suppression, but it counts as
  printed text (so an entry-initial "n.d." is not capitalised).
"""
from __future__ import annotations

import re

from ..state import CURRENT, year_suffix_letters
from .page_range import NUMBER_VARIABLES, range_text

EMBEDDED_NUMBER_LABEL = re.compile(r"^no\.\s*(?=\d)")


def apply() -> None:
    from citeproc import model

    model.Text._variable = _text_variable(model.Text._variable)
    model.Number.process = _number_process(model.Number.process)
    model.Label._is_plural = label_is_plural
    model.Label.process = _label_process(model.Label.process)


def _text_variable(original):
    from citeproc.string import String

    def _variable(self, item, context):
        variable = self.get("variable")
        if variable == "year-suffix":
            state = CURRENT.item(item.key)
            if state.year_suffix is None or CURRENT.sorting:
                return None
            return String(year_suffix_letters(state.year_suffix))
        text = original(self, item, context)
        if variable in NUMBER_VARIABLES and text is not None:
            value = str(text)
            if variable == "number":  # "no. 99": citeproc-js reads the label, the style prints its own
                value = EMBEDDED_NUMBER_LABEL.sub("", value)
            ranged = range_text(self, value, variable)
            if ranged is not None:
                return ranged
            if value != str(text):
                return String(value)
        return text

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


def _label_process(original):
    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is not None and CURRENT.sorting:
            return None  # a name list's label ("(Ed.)") is no part of its sort key (citeproc-js)
        own = self.get("variable")
        if variable is None and own and own != "locator" \
                and item.reference.get(own.replace("-", "_")) in (None, ""):
            return None
        return original(self, item, variable, plural, context, **kwargs)

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

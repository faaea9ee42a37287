"""cs:text, cs:label and cs:macro: variables, terms, values and labels.

Where citeproc-js (and CSL 1.0.2) differ from citeproc-py's ``Text`` and
``Label``:
- hyphenated variables (``container-title-short``, ``number-of-pages``) are
  read under their CSL names; ``form="short"`` falls back to the long form;
- a variable a cs:substitute already printed is empty for the rest of the
  entry, however it is reached;
- ``year-suffix`` comes from disambiguation; ``citation-number`` from the
  bibliography order; ``locator`` from the cite, page ranges formatted;
- number variables print numeric ranges with an en dash;
- a term printed first in a bibliography entry is capitalised (citeproc-js
  does this; "(N.d.)");
- a label prints only for a non-empty variable, plural when the value holds
  several numbers.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import cast

from citeproc import model

from ..citation_label import citation_label
from ..context import Scope
from ..links import LINKED, link_text
from ..output import Node, Span, Text, first_leaf, is_empty
from ..richtext import parse_rich
from ..zotero import capitalise_subtitles
from .base import Rendering
from .groups import render_as_group
from .numbers import TEXT_NUMBERS, number_field, number_node

SHORT_FORMS = {"title": ("title-short", "shortTitle"), "container-title": ("container-title-short",
                                                                             "journalAbbreviation")}
_NOT_COLLAPSING = frozenset(("locator", "citation-number", "year-suffix", "citation-label"))
_EMBEDDED_NUMBER_LABEL = re.compile(r"^no\.\s*(?=\d)")
# marks, among the variables a cs:substitute has used, that a term or value was printed
BLOCKS_SUBSTITUTE = "#term"


def year_suffix_letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, as citeproc-js counts."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def variable_node(scope: Scope, variable: str, form: str | None = None, element=None) -> Span | None:
    """What a cs:text prints for a variable (before its own decoration), or None."""
    item = scope.item
    special = _cite_variable(scope, variable, element)
    if special is not None or variable in _CITE_VARIABLES:
        return special
    if variable in scope.suppressed:
        return None
    if variable in TEXT_NUMBERS:
        node = number_node(scope, variable, case=element.get("text-case") if element is not None else None)
        _tried(scope, variable)
        return node
    _tried(scope, variable)
    if form == "short":
        if item.has(variable + "-short"):  # the short form, else the long one (CSL 1.0.2)
            variable = variable + "-short"
    node = item.rich(variable)
    if node is not None and scope.context.subtitles and variable in ("title", "container-title") \
            and (element is None or element.get("text-case", "normal") == "normal"):
        node = capitalise_subtitles(node, variable, item.raw("title-short"))
    return node


_CITE_VARIABLES = frozenset(("citation-number", "year-suffix", "locator", "first-reference-note-number",
                             "citation-label"))


def _cite_variable(scope: Scope, variable: str, element=None) -> Span | None:
    """The variables that come from the cite or the list, not from the item."""
    if variable == "citation-number":
        number = scope.context.numbers.get(scope.item.id)
        return Span([Text(str(number))]) if number is not None else None
    if variable == "year-suffix":
        index = scope.item_state.year_suffix
        if index is None or scope.sorting:
            return None
        scope.suffix_printed = True
        return Span([Text(year_suffix_letters(index))])
    if variable == "locator":
        return number_node(scope, "locator", case=element.get("text-case") if element is not None else None)
    if variable == "first-reference-note-number":
        return Span([Text(str(scope.cite.first_note))]) if scope.cite.first_note else None
    if variable == "citation-label":  # with the year-suffix, which the label carries (citeproc-js)
        index = scope.item_state.year_suffix
        suffix = "" if index is None or scope.sorting else year_suffix_letters(index)
        scope.suffix_printed = scope.suffix_printed or bool(suffix)
        return Span([Text(citation_label(scope.item) + suffix)])
    return None


def _tried(scope: Scope, *variables: str) -> None:
    for frame in scope.recording:
        frame.update(variables)


def first_term(scope: Scope) -> bool:
    """citeproc-js capitalises a term printed first in an entry, or in a citation of a note
    style where nothing comes before it (engine/cluster.py decides that: capitalise_terms)."""
    if scope.started or scope.sorting:
        return False
    return scope.section == "bibliography" or scope.capitalise_terms


def capitalise_first(node: Span) -> Span:
    leaf = first_leaf(node)
    if leaf is None or leaf.nocase or not leaf.text[:1].islower():
        return node

    def swap(current):
        if current is leaf:
            return replace(leaf, text=leaf.text[0].upper() + leaf.text[1:])
        if isinstance(current, Text):
            return current
        return replace(current, children=[swap(child) for child in current.children])

    return swap(node)


_TRAILING_QUOTES = re.compile("[\"'\u201d\u2019\u00bb\u202f\u00a0 ]+$")


class Text_(Rendering, model.Text):
    """cs:text (named Text_ so that it does not shadow output.Text here)."""

    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        attrib = self.attrib
        if "variable" in attrib:
            return self._variable(scope, attrib["variable"])
        if "macro" in attrib:
            return self._macro(scope, attrib["macro"])
        if "term" in attrib or "value" in attrib:
            _tried(scope, BLOCKS_SUBSTITUTE)  # a term or value ends a cs:substitute (citeproc-js)
        if "term" in attrib:
            return self._term(scope, attrib["term"])
        if "value" in attrib:
            return self._value(scope, attrib["value"])
        return None

    def _variable(self, scope: Scope, variable: str) -> Span | None:
        if variable not in _NOT_COLLAPSING:
            scope.text_variable_called = True  # the cite is no longer a collapsed one (citeproc-js)
        node = variable_node(scope, variable, self.attrib.get("form"), self)
        counts = variable != "year-suffix"
        if node is not None and scope.context.links and variable in LINKED:
            result = link_text(self, scope, variable)  # Zotero's links (engine/links.py)
        else:
            result = self.decorate(node, scope, cased=variable not in TEXT_NUMBERS)  # numbers: per value
        if counts:
            scope.note(True, result is not None)
        if result is not None:
            scope.started = True
        return result

    def _macro(self, scope: Scope, name: str) -> Span | None:
        macro = scope.context.style.macro(name)
        # citeproc-js calls a macro as a group: it prints nothing when it calls variables and
        # all of them are empty ("in " before an empty container-title)
        scope.frames.append([False, False])
        try:
            node = macro.render(scope) if macro is not None else None
        finally:
            called, printed = scope.frames.pop()
        if called and not printed:
            node = None
        result = self.decorate(node, scope)
        scope.note(called or result is not None, result is not None)  # a non-empty macro counts as printed
        return result

    def _term(self, scope: Scope, term: str) -> Span | None:
        attrib = self.attrib
        form = attrib.get("form", "long")
        plural = attrib.get("plural", "false").lower() == "true"
        value = scope.context.style.term(term, form, plural)
        if not value:
            return None
        node = Span([Text(value)])
        if first_term(scope):
            node = capitalise_first(node)
        result = self.decorate(node, scope, locale_text=True)
        if result is not None:
            scope.started = True
        return result

    def _value(self, scope: Scope, value: str) -> Span | None:
        # citeproc-js parses every string it prints for rich text and quotes, a value too
        rich = scope.context.style.memo(self, "value")
        if rich is None:
            rich = scope.context.style.remember(self, "value", parse_rich(value))
        result = self.decorate(rich, scope)
        if result is not None:
            scope.started = True
        return result


class Label(Rendering, model.Label):
    """cs:label: the term of a number variable, plural as citeproc-js reads the value ("pp. 3–8",
    "pages 213, and 235"); a locator's own label gives way to one typed in it ("vol. 1")."""

    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        variable = self.get("variable")
        if variable is None:
            return None
        field = number_field(scope, variable, suppressible=False)
        if field is None:
            return None
        if variable == "locator":
            term = (scope.cite.label or "page").replace("sub verbo", "sub-verbo")
        else:
            term = variable
        if variable in ("locator", "number", "page") and field.term(variable, scope.context.style):
            term = field.term(variable, scope.context.style) or term
        scope.label_forms.setdefault(variable, self.get("form"))
        return self.term_node(scope, term, field.plural)

    def term_node(self, scope: Scope, term: str, plural: bool) -> Span | None:
        form = self.get("form", "long")
        option = self.get("plural", "contextual")
        plural = option == "always" or (option == "contextual" and plural)
        text = scope.context.style.term(term, form, plural)
        if not text:
            return None
        node = Span([Text(text)])
        if not scope.started and scope.section == "bibliography" and not scope.sorting:
            node = capitalise_first(node)
        result = self.decorate(node, scope, locale_text=True)
        if result is not None and not is_empty(result):
            scope.started = True
        return result


class Macro(Rendering, model.Macro):
    """citeproc-js renders a macro as a group: one that calls variables and prints none of them
    prints nothing, its terms included ("in" without a container title)."""

    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        pieces, called, printed = render_as_group(self, scope)
        if not pieces or (called and not printed):
            scope.note(called, False)
            return None
        return Span(cast("list[Node]", pieces)) if len(pieces) > 1 else pieces[0]

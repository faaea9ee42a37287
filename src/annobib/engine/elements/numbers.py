"""cs:number, and the number variables as cs:text prints them.

A number field is read as citeproc-js reads it (engine/numeric.py) and
printed value by value (citeproc-js's ``outputNumericField``): each value
with what joins it to the next (ranges as the style's page-range-format
writes them, with the locale's range delimiter), an embedded label that
differs from the field's own printed before its value in the form of the
cs:label that printed the field's label (short when none did: "7th, pp.
3–8"); cs:number's form (ordinal, long-ordinal, roman) applies to plain
numbers under the field's own label. A value in straight double quotes
prints in the locale's quotes.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from citeproc import model

from ..context import Scope
from ..numeric import LABELS, NumberField, fix_ranges, page_first, parse_number
from ..output import Span, Text
from ..richtext import parse_rich
from ..textcase import apply_case
from .base import Rendering, english

# the variables cs:text prints as numbers (citeproc-js); others print as typed
TEXT_NUMBERS = frozenset("page page-first chapter-number collection-number edition issue number number-of-pages "
                         "number-of-volumes volume locator".split())
_PLAIN_NUMBER = re.compile(r"^[1-9][0-9]{0,17}$")  # an ordinal or roman numeral of a sane size
_MARKUP = ("<", '"', "'", "\u201c", "\u2018", "\u2019")


def raw_number(scope: Scope, variable: str, suppressible: bool = True) -> str | None:
    """The value of a number variable for this cite, or None (absent, or already printed by a
    substitute when ``suppressible``: a cs:label is not suppressed so, in citeproc-js)."""
    if variable == "locator":
        return None if scope.cite.locator is None else str(scope.cite.locator)
    if suppressible and variable in scope.suppressed:
        return None
    if variable == "page-first":
        page = scope.item.raw("page")
        return None if page is None else page_first(page)
    return scope.item.raw(variable)


def number_field(scope: Scope, variable: str, suppressible: bool = True) -> NumberField | None:
    """The field read (a fresh copy: printing fixes its ranges in place)."""
    raw = raw_number(scope, variable, suppressible)
    if raw is None or not raw.strip():
        return None
    label = scope.cite.label if variable == "locator" else None
    # an item's field reads the same every time in one render: read it once (the item is the render's)
    cache = scope.item.__dict__.setdefault("_numbers", {})
    key = (variable, label, raw)
    field = cache.get(key)
    if field is None:
        field = cache[key] = parse_number(raw, variable, scope.context.style, label)
    return NumberField([replace(value) for value in field.values], field.quoted)


def number_node(scope: Scope, variable: str, formatter: Callable[[int], str] | None = None,
                case: str | None = None) -> Span | None:
    """The field as printed (without the element's own affixes and formatting), or None.
    ``case``: the element's text-case, which citeproc-js applies to each value on its own
    ("arXiv:hep-Th/9603067" in capitalize-first), never to an embedded label."""
    field = number_field(scope, variable)
    if field is None or not field.values:
        return None
    style = scope.context.style
    fix_ranges(field, variable, style)
    master = field.values[0].label
    label_form = scope.label_forms.get(variable)
    if variable == "page" and field.values[0].sleepy:
        label_form = "short"
    pieces: list = []
    for value in field.values:
        if not (value.particle or value.value):
            continue  # an empty value prints nothing, not even what joins it ("&" alone)
        if value.label_visible:
            name = value.label[4:] if value.label.startswith("var:") else LABELS.get(value.label)
            form = (label_form or "long") if value.label == master else (label_form or "short")
            label = (style.term(name, form, value.plural) if name else None) or value.label
            pieces.append(Text(label + value.label_suffix))
        text = value.particle + value.value
        if formatter is not None and value.collapsible and not value.particle and value.label == master \
                and _PLAIN_NUMBER.match(value.value):
            text = formatter(int(value.value))
        # a number is printed as typed; other values are parsed for rich text (citeproc-js)
        rich = not value.collapsible and any(mark in text for mark in _MARKUP)
        piece: Span | Text = parse_rich(text) if rich else Text(text)
        if case:
            piece = apply_case(Span([piece]), case, english(scope), scope.item.language)
        pieces.append(piece)
        joining = value.joining.replace("\\-", "-")
        if joining:
            pieces.append(Text(joining))
    if not pieces or all(isinstance(piece, Text) and not piece.text.strip() for piece in pieces):
        return None  # "&" alone prints nothing: the variable is empty (citeproc-js)
    return Span(pieces, quotes=field.quoted)


def romanize(number: int) -> str:
    numerals = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
    out = []
    for letters, amount in numerals:
        count, number = divmod(number, amount)
        out.append(letters * count)
    return "".join(out)


class Number(Rendering, model.Number):
    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        variable = self.get("variable")
        if variable is None:
            return None
        if variable == "citation-number":
            number = scope.context.numbers.get(scope.item.id)
            node = Span([Text(self._formatter(scope, variable)(number))]) if number is not None else None
        elif variable == "first-reference-note-number":
            note = scope.cite.first_note
            node = Span([Text(str(note))]) if note else None
        else:
            node = number_node(scope, variable, self._formatter(scope, variable), self.get("text-case"))
            for frame in scope.recording:
                frame.add(variable)
        result = self.decorate(node, scope, cased=variable in ("citation-number", "first-reference-note-number"))
        scope.note(True, result is not None)
        if result is not None:
            scope.started = True
        return result

    def _formatter(self, scope: Scope, variable: str) -> Callable[[int], str]:
        form = self.get("form", "numeric")
        style = scope.context.style
        if form == "roman":
            return lambda n: romanize(n) if n > 0 else str(n)
        if form not in ("ordinal", "long-ordinal"):
            return str
        gender = style.term_gender(variable if variable != "locator" else (scope.cite.label or "page"))
        if form == "ordinal":
            return lambda n: style.ordinal(n, gender)
        return lambda n: style.long_ordinal(n, gender)

"""Rich text in field values, quotes and apostrophes (fidelity map 5, 12, 20).

``CiteProcJSON.parse_string`` understands only ``<span class="nocase">``:
other CSL rich-text tags (<i>, <b>, <sup>, <sub>, <sc>, small-caps span)
reach the plain-text output literally, and no field text is HTML-escaped,
so "<377::AID>" becomes a tag. citeproc-js parses the tags and quote marks
as one grammar (reproduced in engine/flipflop.py), escapes the rest, prints
paired quotes as the locale's outer and inner quotes, apostrophes as ’, and
flips italics nested inside italics to roman.

The engine renders HTML (text is derived from it), so parsed tags become
``Markup`` segments: HTML that case changes never touch.
"""
from __future__ import annotations

import html

from citeproc.string import MixedString, NoCase, String

from ..flipflop import CLOSE_INNER, CLOSE_QUOTE, OPEN_INNER, OPEN_QUOTE, parse

TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
        "sc": ('<span style="font-variant:small-caps;">', "</span>")}
NORMAL_ITALIC = '<span style="font-style:normal;">'


class Markup(NoCase):
    """An HTML tag from the data: kept as is by every text-case and escape step."""

    def lower(self):
        return self

    def upper(self):
        return self

    def words(self):
        return iter(())


def apply() -> None:
    from citeproc import model
    from citeproc.source.json import CiteProcJSON

    CiteProcJSON.parse_string = parse_string
    model.Formatted.font_style = _font_style(model.Formatted.font_style)


QUOTE_MARKS = {("open", "quote"): OPEN_QUOTE, ("close", "quote"): CLOSE_QUOTE,
               ("open", "inner-quote"): OPEN_INNER, ("close", "inner-quote"): CLOSE_INNER}


def parse_string(self, string):
    """A field value parsed as citeproc-js does (engine/flipflop.py), as citeproc-py strings.

    The pieces are collected as they are: seam rules (engine/fixes/punctuation.py) apply
    where the style joins output, never inside one field's text."""
    segments = []
    nocase = 0
    for event, value in parse(str(string)):
        if event == "text":
            text = html.escape(value, quote=False)
            segments.append(NoCase(text) if nocase else String(text))
        elif value == "nocase":
            nocase += 1 if event == "open" else -1
        elif value in TAGS:
            segments.append(Markup(TAGS[value][0 if event == "open" else 1]))
        elif (event, value) in QUOTE_MARKS:
            segments.append(String(QUOTE_MARKS[event, value]))
    return MixedString(segments)


def _font_style(original):
    def font_style(self, text):
        if self.get("font-style", "normal") == "italic" and "<i>" in str(text):
            text = String(str(text).replace("<i>", NORMAL_ITALIC).replace("</i>", "</span>"))
        return original(self, text)

    return font_style

"""Rich text in field values, quotes and apostrophes (fidelity map 5, 12, 20).

``CiteProcJSON.parse_string`` understands only ``<span class="nocase">``:
other CSL rich-text tags (<i>, <b>, <sup>, <sub>, <sc>, small-caps span)
reach the plain-text output literally, and no field text is HTML-escaped,
so "<377::AID>" becomes a tag. citeproc-js parses the tags into formatting,
escapes the rest, turns straight quotes into the locale's curly ones and
apostrophes into ’, and flips italics nested inside italics to roman.

The engine renders HTML (text is derived from it), so parsed tags become
``Markup`` segments: HTML that case changes never touch.
"""
from __future__ import annotations

import html
import re

from citeproc.string import MixedString, NoCase, String

TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
        "sc": ('<span style="font-variant:small-caps;">', "</span>")}
TOKEN = re.compile(r'(<span class="nocase">|<span style="font-variant:\s*small-caps;?">|</span>'
                   r"|</?(?:i|b|sup|sub|sc)>)", re.I)
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


def smart_quotes(text: str, previous: str = " ", double_open: bool = False) -> tuple[str, bool]:
    """Straight quotes to typographic ones, as citeproc-js prints field text.

    ``previous`` is the character before ``text`` (pieces of one field are
    converted in turn); returns the text and whether a double quote is open."""
    out = []
    for index, ch in enumerate(text):
        before = text[index - 1] if index else previous
        if ch == '"':
            opening = not double_open and (before.isspace() or before in "([{‘“-/")
            if not double_open and not opening and index + 1 < len(text) and not text[index + 1].isspace():
                opening = True
            out.append("\u201c" if opening else "\u201d")
            double_open = opening
        elif ch == "'":
            after = text[index + 1] if index + 1 < len(text) else " "
            # an opening single quote needs a letter after it and a closing one later on
            opening = (before.isspace() or before in "([{“\"") and after.isalpha() \
                and re.search(r"[^\s]'(?![^\W\d_])", text[index + 1:]) is not None
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out), double_open


def parse_string(self, string):
    string = str(string)
    output = MixedString()
    stack: list[str] = []
    previous, double_open = " ", False
    for piece in TOKEN.split(string):
        if not piece:
            continue
        lower = piece.lower()
        if TOKEN.fullmatch(piece):
            if lower == '<span class="nocase">':
                stack.append("nocase")
            elif lower.startswith("<span style"):
                stack.append("sc")
                output += Markup(TAGS["sc"][0])
            elif lower == "</span>":
                kind = stack.pop() if stack else None
                if kind == "sc":
                    output += Markup(TAGS["sc"][1])
            elif lower.startswith("</"):
                name = lower[2:-1]
                if name in stack:
                    while stack and stack.pop() != name:
                        pass
                    output += Markup(TAGS[name][1])
            else:
                name = lower[1:-1]
                stack.append(name)
                output += Markup(TAGS[name][0])
            continue
        text, double_open = smart_quotes(piece, previous, double_open)
        previous = piece[-1]
        text = html.escape(text, quote=False)
        output += NoCase(text) if "nocase" in stack else String(text)
    return output


def _font_style(original):
    def font_style(self, text):
        if self.get("font-style", "normal") == "italic" and "<i>" in str(text):
            text = String(str(text).replace("<i>", NORMAL_ITALIC).replace("</i>", "</span>"))
        return original(self, text)

    return font_style

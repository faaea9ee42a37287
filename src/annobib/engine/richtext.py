"""CSL rich text in field values as an output tree.

A field may hold ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>`` (or the
small-caps span), ``<span class="nocase">``, ``<span class="nodecor">`` and
quotes. engine/flipflop.py parses them as citeproc-js does; here the events
become spans, so the writer prints them with the style's own formatting
(italics flip inside italics, quotes nest) and text-case leaves nocase text
alone. Everything else is text, escaped when written.
"""
from __future__ import annotations

import re

from .flipflop import parse
from .output import Span, Text

_FORMATS = {
    "i": (("font-style", "italic"),),
    "b": (("font-weight", "bold"),),
    "sup": (("vertical-align", "sup"),),
    "sub": (("vertical-align", "sub"),),
    "sc": (("font-variant", "small-caps"),),
}


# citeproc-js puts a narrow no-break space before ":;?!»" and after "«" where the text has a space
# ("His « Anonymous » Life", French orthography), in every string it prints
_FRENCH_SPACING = re.compile(" (?=[:;?!\u00bb])|(?<=\u00ab) ")


def parse_rich(value: str) -> Span:
    if " " in value:
        value = _FRENCH_SPACING.sub("\u202f", value)
    root = Span(atomic=True)
    stack: list[Span] = [root]
    nocase = 0
    if "<" not in value and "'" not in value and '"' not in value and "\u201c" not in value \
            and "\u2018" not in value and "\u2019" not in value:
        root.children.append(Text(value))  # speed: most fields have no markup at all
        return root
    for event, kind in parse(value):
        if event == "text":
            stack[-1].children.append(Text(kind, nocase=nocase > 0))
        elif event == "open":
            if kind == "nocase":
                nocase += 1
                continue
            span = Span(fmt=_FORMATS.get(kind, ()), quotes=kind in ("quote", "inner-quote"),
                        inner_quotes=kind == "inner-quote", nodecor=kind == "nodecor")
            stack[-1].children.append(span)
            stack.append(span)
        else:
            if kind == "nocase":
                nocase = max(0, nocase - 1)
                continue
            if len(stack) > 1:
                stack.pop()
    return root

"""What the engine hands back for one entry, and its plain-text form.

Kept out of the engine package so that a render answered from the cache of
whole lists (annobib.render.render_items) never imports the CSL engine.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

# What the engine reports for an entry it could not render as given (the render stage makes
# each a diagnostic naming the entry: an error for the first, a warning for the second).
LEFT_OUT = "the CSL engine failed on this entry; it is left out of the list"
SIMPLIFIED = "the CSL engine failed on its date; it is shown simplified"


@dataclass(frozen=True)
class RenderedEntry:
    id: str
    html: str
    text: str


_BLOCK_SEAM = re.compile(r'</div>\s*<div class="csl-right-inline">')
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """The HTML rendering without tags, entities resolved: the plain-text entry.
    A second-field-align margin ("1.") is followed by a space, as citeproc-js prints it."""
    return html_lib.unescape(_TAG.sub("", _BLOCK_SEAM.sub(" ", markup)))

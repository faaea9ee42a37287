"""Control characters in input text: diagnosed and removed before anything reads it.

NUL and the other C0/C1 control characters are not text in any bibliography
format. Left in, a NUL in an entry header hides the entry from the scanner,
an escape sequence reaches the user's terminal, and the Word writer refuses
the document (XML has no place for them). Tab and line breaks stay;
everything else in U+0000-U+001F and U+007F goes, with one warning per file
naming the first place. The C1 range (U+0080-U+009F) is valid in XML and
turns up in real files decoded from old code pages; it stays in the data and
is taken out of what reaches a terminal (diagnostics.py).
"""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def remove_control_characters(text: str, filename: str, diags: Diagnostics) -> str:
    """``text`` without control characters; a warning when there were any."""
    first = CONTROL.search(text)
    if first is None:
        return text
    cleaned, count = CONTROL.subn("", text)
    line = text.count("\n", 0, first.start()) + 1
    diags.warn(filename, line, None,
               f"{count} control character(s) removed (the first, U+{ord(first.group()):04X}, on line {line}); "
               "they are not text: re-save the file from the program that made it", "control-character")
    return cleaned


def clean_string(value: str) -> str:
    """One value without control characters."""
    return CONTROL.sub("", value)

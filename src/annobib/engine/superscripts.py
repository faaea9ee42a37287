"""Superscript characters written as <sup>, as citeproc-js's HTML output writes them.

citeproc-js's HTML ``text_escape`` replaces each of a fixed set of
superscript characters ("ª", "º", "²", "ᵉ", "ʳ", "™" …) by ``<sup>`` and
the plain character ("1ᵉʳ" prints "1<sup>e</sup><sup>r</sup>"). The set is
citeproc-js's; the plain character is Unicode's <super> decomposition,
and for the four of them that have none, the letter they raise.
"""
from __future__ import annotations

import re
import unicodedata

# the code points citeproc-js converts (its SUPERSCRIPTS_REGEXP), as ranges
_RANGES = ((0x00AA, 0x00AA), (0x00B2, 0x00B3), (0x00B9, 0x00BA), (0x02B0, 0x02B8), (0x02C0, 0x02C1),
           (0x02E0, 0x02E4), (0x06E5, 0x06E6), (0x1D2C, 0x1D2E), (0x1D30, 0x1D3A), (0x1D3C, 0x1D4D),
           (0x1D4F, 0x1D61), (0x2070, 0x2071), (0x2074, 0x207F), (0x2120, 0x2120), (0x2122, 0x2122),
           (0x3192, 0x319F))
_NO_DECOMPOSITION = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}


def _plain(char: str) -> str:
    if char in _NO_DECOMPOSITION:
        return _NO_DECOMPOSITION[char]
    return "".join(chr(int(code, 16)) for code in unicodedata.decomposition(char).split()[1:])


SUPERSCRIPTS = {chr(code): _plain(chr(code)) for low, high in _RANGES for code in range(low, high + 1)}
_PATTERN = re.compile("[" + "".join(re.escape(ch) for ch in SUPERSCRIPTS) + "]")


def superscripts_as_html(escaped: str) -> str:
    """Escaped HTML text with each superscript character written as <sup>…</sup>."""
    if not _PATTERN.search(escaped):
        return escaped
    return _PATTERN.sub(lambda m: f"<sup>{SUPERSCRIPTS[m.group(0)]}</sup>", escaped)

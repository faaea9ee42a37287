"""Punctuation where two rendered pieces meet (fidelity map 6).

``string.normalize_seam`` only drops a repeated identical mark, so a title
ending in "?" followed by the style's "." prints "management?.". citeproc-js
merges the two (``CSL.Output.Queue.adjust``): a terminal "?" or "!" absorbs
a following ".". This is an output rule defined on the seam, so it is
applied at concatenation seams, not on the finished string.
"""
from __future__ import annotations

ABSORBS_PERIOD = frozenset("?!")


def apply() -> None:
    from citeproc import string as cstring

    original = cstring.normalize_seam

    def normalize_seam(left, other):
        other = original(left, other)
        left_str, other_str = str(left), str(other)
        if left_str and other_str and other_str[0] == "." and _last_char(left_str) in ABSORBS_PERIOD:
            return cstring._strip_first_char(other)
        return other

    cstring.normalize_seam = normalize_seam
    from citeproc import model

    model.normalize_seam = normalize_seam


def _last_char(text: str) -> str:
    """The last visible character (closing HTML tags skipped)."""
    while text.endswith(">") and "<" in text:
        text = text[: text.rindex("<")]
    return text[-1:] if text else ""

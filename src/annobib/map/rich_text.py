"""Make CSL rich text safe to hand to citeproc-py's HTML output.

CSL-JSON strings may carry a few tags (``<i>``, ``<b>``, ``<sup>``,
``<sub>``, ``<span class="nocase">``, small caps). citeproc-js escapes
everything else; citeproc-py copies strings into its HTML as they are, so a
title holding ``<script>`` or ``a < b`` would become markup. ``escape_item``
escapes ``&``, ``<`` and ``>`` in every string of an item except those tags.
"""
from __future__ import annotations

import re

_ALLOWED_TAG = re.compile(
    r'</?(?:i|b|sup|sub)>|<span class="nocase">|<span style="font-variant:\s*small-caps;?">|</span>'
)
_SPECIAL = re.compile(r"[&<>]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Keys whose values are identifiers or numbers, never shown as rich text.
_LEAVE = frozenset({"id", "type", "date-parts", "season", "circa"})


def escape_rich_text(value: str) -> str:
    """Escape ``&``, ``<``, ``>`` outside the CSL rich-text tags."""
    if not _SPECIAL.search(value):
        return value
    pieces: list[str] = []
    position = 0
    for tag in _ALLOWED_TAG.finditer(value):
        pieces.append(_escape(value[position:tag.start()]))
        pieces.append(tag.group())
        position = tag.end()
    pieces.append(_escape(value[position:]))
    return "".join(pieces)


def escape_item(item):
    """A copy of a CSL-JSON item (or any part of one) with every string escaped."""
    if isinstance(item, str):
        return escape_rich_text(item)
    if isinstance(item, list):
        return [escape_item(value) for value in item]
    if isinstance(item, dict):
        return {key: value if key in _LEAVE else escape_item(value) for key, value in item.items()}
    return item


def _escape(text: str) -> str:
    return _SPECIAL.sub(lambda match: _ESCAPES[match.group()], text)

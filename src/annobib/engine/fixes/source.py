"""CSL-JSON input: empty values count as absent (fidelity map 18).

``CiteProcJSON`` keeps ``""``, empty name lists and dates without
date-parts, so ``cs:if variable=…`` (which tests only that the key exists)
takes the wrong branch: no "(n.d.)", a missing "Vol." group. citeproc-js
treats all of these as absent; they are dropped before citeproc-py reads
the item. Name parts and literal dates are HTML-escaped on the way in, and
apostrophes in names become typographic as citeproc-js prints them.
"""
from __future__ import annotations

import html

from ..flipflop import plain


def apply() -> None:
    from citeproc.source.json import CiteProcJSON

    original = CiteProcJSON.__init__

    def __init__(self, json_data):
        original(self, [_without_empty(item) for item in json_data])
        for reference in self.values():
            for key in [k for k, v in reference.items() if v is None]:
                del reference[key]

    CiteProcJSON.__init__ = __init__


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    if isinstance(value, dict):
        return not any(value.get(k) for k in ("date-parts", "literal", "raw")) and "family" not in value \
            and "given" not in value
    return False


def _without_empty(item: dict) -> dict:
    return {k: _escaped(v) for k, v in item.items() if k in ("id", "type") or not _empty(v)}


def _name_part(text: str) -> str:
    """A name part as citeproc-js prints it: apostrophes typographic ("O’Meara"), escaped."""
    if "'" in text or '"' in text:
        text = plain(text)
    return html.escape(text, quote=False)


def _escaped(value):
    """Names and literal dates bypass ``parse_string``: escape them for the HTML output here
    (fidelity map 20; string fields are escaped by fixes/rich_text.py)."""
    if isinstance(value, list):
        return [{k: _name_part(v) if isinstance(v, str) else v for k, v in name.items()}
                if isinstance(name, dict) else name for name in value]
    if isinstance(value, dict) and isinstance(value.get("literal"), str):
        return dict(value, literal=html.escape(value["literal"], quote=False))
    return value

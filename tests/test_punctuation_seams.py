"""Punctuation where two marks meet, against citeproc-js (engine/writer.py's seam rules).

A delimiter before a field drops only a repeated mark (a comma excepted), a
prefix keeps both marks, a suffix merges them as citeproc-js's table says
("2:" then "?x" is "2?x"). The cases are tests/punctuation_seams.py; the
expected text is citeproc-js's (tests/golden_seams/expected.json).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.punctuation_seams import cases

from annobib.engine import Engine

EXPECTED = json.loads((Path(__file__).parent / "golden_seams" / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(cases()))
def test_seams_as_citeproc_js(name):
    style, items = cases()[name]
    got = [entry.text.strip() for entry in Engine(style, zotero=False).render_bibliography(items, sort=False)]
    assert got == EXPECTED[name]

"""Reading and exporting a large file holds little more than the records themselves (issue 18).

Memory is counted with tracemalloc (every Python allocation, the same on every run), not
sampled from the process; the process figures for 100,000 items are in docs/robustness.md,
measured by scripts/bench_hostile.py.
"""
from __future__ import annotations

import gc
import json
import tracemalloc

import pytest
from tests import hostile_cases

from annobib.export import csl_json
from annobib.read import read_text
from annobib.read.collector import collector_paused
from annobib.record import Origin, Record

pytestmark = pytest.mark.slow  # large generated files

def test_csl_json_export_is_what_json_dumps_writes():
    items = [{"id": "a", "title": "Line\nbreak \u2028 \u00e9 \"quoted\" [x] {y}", "author": [{"family": "A"}],
              "issued": {"date-parts": [[2001, 2]]}, "custom": {"deep": [[], {}, [1, [2]]]}, "n": None},
             {"id": "b", "type": "book"}, {}]
    for some in (items, items[:1], []):
        assert csl_json._json_list(iter(some)) == json.dumps(some, ensure_ascii=False, indent=2)
    records = [Record({"id": "a", "type": "book", "title": "T"}, "Note", ["x"], Origin("f.bib", 1))]
    text, _ = csl_json.export(records)
    assert json.loads(text) == [{"id": "a", "type": "book", "title": "T", "note": "Note", "keyword": "x"}]


def test_csl_json_export_peak_is_a_small_multiple_of_its_output():
    records = read_text(hostile_cases.csl_items(5000), "big.json").records
    tracemalloc.start()
    try:
        text, _ = csl_json.export(records)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # json.dumps of the whole list at once peaked at about nine times the text it wrote.
    assert peak < 4 * len(text.encode("utf-8")), f"{peak:,} bytes at most for {len(text):,} characters written"


def test_the_collector_is_paused_while_reading_and_restored_after():
    states = []
    with collector_paused():
        states.append(gc.isenabled())
        with collector_paused():
            states.append(gc.isenabled())
        states.append(gc.isenabled())
    assert states == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()

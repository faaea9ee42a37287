"""MLA and Chicago author-date bibliographies against citeproc-js (issue 14), without node.

tests/golden_styles/ holds plain citeproc-js's bibliographies of corpus files read by
annobib's reader (tests/style_goldens.py, scripts/make_style_goldens.py). Every entry that
differs must be listed with its reason in tests/golden_styles/known_differences.json, and
every listed one must still differ; the shares may only go up, to the 97% issue 14 asks.
"""
from __future__ import annotations

import json

import pytest
from tests.style_goldens import KNOWN, STYLES, load_sets, render_with_engine

from annobib.engine.fidelity import compare_sets

pytestmark = pytest.mark.slow
TARGET = 0.97  # issue 14: the share of identical entries to reach
RUNS = [f"{alias}.{fmt}" for alias in STYLES for fmt in ("text", "html")]


@pytest.fixture(scope="module")
def comparison():
    sets = load_sets()
    if not sets:
        pytest.skip("tests/golden_styles is empty: run scripts/make_style_goldens.py")
    return compare_sets(sets, render_with_engine)


@pytest.fixture(scope="module")
def known():
    return json.loads(KNOWN.read_text(encoding="utf-8"))


def test_a_few_hundred_entries_per_style(comparison):
    for run in RUNS:
        assert comparison.outcomes[run].compared >= 300


@pytest.mark.parametrize("run", RUNS)
def test_every_difference_is_known_and_every_known_one_still_differs(comparison, known, run):
    differing = set(comparison.outcomes[run].differing)
    listed = set(known.get(run, {}))
    new, gone = sorted(differing - listed), sorted(listed - differing)
    assert not new, f"{run}: new differences from citeproc-js: {new[:10]}"
    assert not gone, f"{run}: these now match; remove them (scripts/make_style_goldens.py --known): {gone[:10]}"
    assert all(entry["reason"] for entry in known.get(run, {}).values())


@pytest.mark.parametrize("run", RUNS)
def test_share_identical_never_drops(comparison, known, run):
    outcome = comparison.outcomes[run]
    assert outcome.share >= min(known["_floor"][run], TARGET) - 1e-9, f"{run}: {outcome.share:.1%}"

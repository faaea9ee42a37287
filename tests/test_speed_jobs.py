"""--jobs N prints exactly what --jobs 1 prints."""
from __future__ import annotations

import os

import pytest
from tests.test_speed_cache import library, texts

from annobib.engine import reuse
from annobib.parallel import fork_map
from annobib.render import build_document

# forks worker processes
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="--jobs uses fork")]


@pytest.fixture(autouse=True)
def small_lists_split(monkeypatch, tmp_path):
    monkeypatch.setattr(reuse, "PARALLEL_MINIMUM", 4)  # so a short test list is split too
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_jobs_output_identical(style):
    records = library(40)
    one = texts(build_document(records, style, jobs=1))
    two = texts(build_document(records, style, jobs=2))
    three = texts(build_document(records, style, jobs=3, cache=True))
    assert one == two == three
    assert len(one) == 40


def test_a_failing_worker_is_not_trusted():
    parent = os.getpid()

    def square(n):
        if os.getpid() != parent and n == 7:
            raise RuntimeError("a worker dies")
        return n * n

    assert fork_map(square, list(range(20)), 3) == [n * n for n in range(20)]


def test_fork_map_keeps_order():
    assert fork_map(str, list(range(101)), 2) == [str(n) for n in range(101)]


def test_disambiguation_split_across_workers_decides_as_one_process():
    """The first disambiguation pass renders every cite in the workers; year
    suffixes, added names and initials must come out as with one process."""
    from tests.test_speed_cache import record

    records = library(20)
    records += [record(f"Twin{n}", "Twin", 2001, f"Study {n}") for n in range(5)]
    records += [record("Bea", "Twin", 2001, "Another study")]
    records[-1].csl["author"] = [{"family": "Twin", "given": "Bea"}]
    records += [record("Many", "Lee", 2003, "Team work")]
    records[-1].csl["author"] = [{"family": "Lee", "given": "Ann"}, {"family": "Kim", "given": "Bo"},
                                 {"family": "Park", "given": "Cy"}]
    records += [record("Many2", "Lee", 2003, "Team play")]
    records[-1].csl["author"] = [{"family": "Lee", "given": "Ann"}, {"family": "Kim", "given": "Bo"},
                                 {"family": "Cho", "given": "Di"}]
    for style in ("apa", "vancouver"):
        one = texts(build_document(records, style, jobs=1))
        assert texts(build_document(records, style, jobs=2)) == one
        assert texts(build_document(records, style, jobs=2, cache=True)) == one
        assert texts(build_document(records, style, jobs=2, cache=True)) == one  # warm
    assert any("2001a" in t for t in texts(build_document(records, "apa", jobs=1)))

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


def test_ambiguous_sets_worked_in_workers_decide_as_one_process(monkeypatch):
    """Ambiguous sets that share no family name are worked through in the workers, batch by
    batch; sets chained by a shared first name (here an editor's: APA's primary-name rule
    reads and registers first names only) wait for the one before."""
    from tests.test_speed_cache import record

    from annobib import parallel
    from annobib.engine import disambiguation

    monkeypatch.setattr(disambiguation, "SETS_WORTH_A_FORK", 2)
    batches = []
    real_fork_map = parallel.fork_map

    def spy(function, things, jobs, progress=None):
        if things and isinstance(things[0], list) and jobs > 1:  # sets of item ids
            batches.append(len(things))
        return real_fork_map(function, things, jobs, progress)

    monkeypatch.setattr(parallel, "fork_map", spy)
    records = library(10)
    for n in range(24):
        for twin in range(2):  # same first author, year and co-author: a year suffix each
            records.append(record(f"Set{n}-{twin}", f"Fam{n}", 2001, f"Paper {twin} of set {n}"))
            records[-1].csl["editor"] = [{"family": f"Shared{n // 3}", "given": "Co"}]
        records.append(record(f"Given{n}", f"Fam{n}", 2001, "Paper by another Fam"))  # initials tell apart
        records[-1].csl["author"] = [{"family": f"Fam{n}", "given": "Zed"}]
        records[-1].csl["editor"] = [{"family": f"Shared{n // 3}", "given": "Co"}]
    one = texts(build_document(records, "apa", jobs=1))
    batches.clear()
    assert texts(build_document(records, "apa", jobs=2)) == one
    assert batches == [8, 8, 8], "the sets were not worked in the workers, batch by batch"
    assert any("2001a" in t for t in one) and any("2001b" in t for t in one)


def test_batches_of_ambiguous_sets_keep_the_order_of_shared_families():
    from annobib.engine.disambiguation import waves

    families = {"a1": ["smith"], "a2": ["smith"], "b1": ["jones"], "b2": ["jones"],
                "c1": ["smith", "lee"], "c2": ["lee"], "d1": ["kim"], "d2": ["kim"], "e1": ["lee"], "e2": ["lee"]}
    groups = [["a1", "a2"], ["b1", "b2"], ["c1", "c2"], ["d1", "d2"], ["e1", "e2"]]
    batches = waves(groups, families)
    assert batches == [[["a1", "a2"], ["b1", "b2"], ["d1", "d2"]], [["c1", "c2"]], [["e1", "e2"]]]
    # every set comes after each earlier set it shares a family name with, and a batch shares none
    where = {tuple(group): n for n, batch in enumerate(batches) for group in batch}
    for i, first in enumerate(groups):
        for second in groups[i + 1:]:
            if {f for k in first for f in families[k]} & {f for k in second for f in families[k]}:
                assert where[tuple(first)] < where[tuple(second)]


def test_a_co_author_of_every_set_does_not_chain_them_under_a_primary_name_rule(monkeypatch):
    """APA disambiguates given names of first names only (primary-name-with-initials): a second
    author common to every ambiguous set (a lab head, a consortium) reads and registers nothing,
    so the sets are worked in one batch, and decide as in one process."""
    from tests.test_speed_cache import record

    from annobib import parallel
    from annobib.engine import disambiguation

    monkeypatch.setattr(disambiguation, "SETS_WORTH_A_FORK", 2)
    batches = []
    real_fork_map = parallel.fork_map

    def spy(function, things, jobs, progress=None):
        if things and isinstance(things[0], list) and jobs > 1:
            batches.append(len(things))
        return real_fork_map(function, things, jobs, progress)

    monkeypatch.setattr(parallel, "fork_map", spy)
    records = []
    for n in range(12):
        for twin in range(2):
            records.append(record(f"Set{n}-{twin}", f"Fam{n}", 2001, f"Paper {twin} of set {n}"))
            records[-1].csl["author"].append({"family": "Head", "given": "Lab"})
        records.append(record(f"Given{n}", f"Fam{n}", 2001, "Paper by another Fam"))
        records[-1].csl["author"] = [{"family": f"Fam{n}", "given": "Zed"}, {"family": "Head", "given": "Lab"}]
    records.append(record("Other-head", "Head", 2001, "The head's own paper"))
    records[-1].csl["author"] = [{"family": "Head", "given": "Other"}]  # initials differ from Lab Head's
    one = texts(build_document(records, "apa", jobs=1))
    batches.clear()
    assert texts(build_document(records, "apa", jobs=2)) == one
    assert batches == [12], "sets sharing only a second author were chained"
    assert any("2001a" in t for t in one)


def test_family_keys_follow_the_rule():
    from annobib.engine.items import Item
    from annobib.engine.namesets import NameRegistry

    item = Item({"id": "x", "type": "book", "author": [{"family": "First", "given": "A"},
                                                          {"family": "Second", "given": "B"}],
                 "editor": [{"family": "Editor", "given": "C"}, {"family": "Later", "given": "D"}]})
    primary = NameRegistry("primary-name-with-initials", True, True, False)
    assert primary.family_keys("x", item) == ["Editor", "First"]
    every = NameRegistry("all-names", True, True, False)
    assert every.family_keys("x", item) == ["Editor", "First", "Later", "Second"]

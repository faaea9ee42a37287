"""``annobib cite`` works the whole list's sort keys and disambiguation once: they come from the
render cache (``annobib render``'s own, for the same style and locale) and from worker processes,
and it prints exactly what a fresh single-process run prints."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from annobib.cli import main
from annobib.engine import ambiguity, reuse

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="--jobs uses fork")


def _library(tmp_path):
    """Ambiguous sets (same first author and year), so disambiguation has work to keep."""
    items = []
    for n in range(30):
        for twin in range(2):
            items.append({"id": f"k{n}-{twin}", "type": "article-journal", "title": f"Paper {twin} of {n}",
                          "author": [{"family": f"Fam{n % 10}", "given": "Ann"}],
                          "issued": {"date-parts": [[2000 + n // 10]]}, "container-title": "J"})
    path = tmp_path / "lib.json"
    path.write_text(json.dumps(items))
    return path


@pytest.fixture
def trials(monkeypatch, tmp_path):
    """Count the cites disambiguation renders; a private cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    count = [0]
    real = ambiguity.ambiguous_cite

    def counting(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(ambiguity, "ambiguous_cite", counting)
    from annobib.engine import disambiguation
    monkeypatch.setattr(disambiguation, "ambiguous_cite", counting)
    return count


def _cite(path, *args):
    result = CliRunner().invoke(main, ["cite", "k3-0", "k13-1", "--bib", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_second_cite_takes_the_lists_work_from_the_cache(tmp_path, trials):
    path = _library(tmp_path)
    fresh = _cite(path, "--no-cache", "--jobs", "1")
    assert "2000a" in fresh or "2001a" in fresh
    worked = trials[0]
    assert worked >= 60  # every item's first cite, and the trials of the sets
    trials[0] = 0
    assert _cite(path, "--jobs", "1") == fresh  # fills the cache
    trials[0] = 0
    assert _cite(path, "--jobs", "1") == fresh
    assert trials[0] == 0, "the second cite worked the list again"
    # another citation of the same list reuses it too
    other = CliRunner().invoke(main, ["cite", "k7-1", "--bib", str(path), "--jobs", "1"])
    assert other.exit_code == 0 and trials[0] == 0
    # --no-cache neither reads nor writes it
    assert _cite(path, "--no-cache", "--jobs", "1") == fresh
    assert trials[0] == worked


def test_cite_after_render_reuses_the_renders_work(tmp_path, trials):
    path = _library(tmp_path)
    fresh = _cite(path, "--no-cache", "--jobs", "1")
    rendered = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "list.txt")])
    assert rendered.exit_code == 0, rendered.output
    trials[0] = 0
    assert _cite(path) == fresh
    assert trials[0] == 0, "cite did not take the sort keys and disambiguation render kept"


def test_cite_in_workers_prints_what_one_process_prints(tmp_path, trials, monkeypatch):
    monkeypatch.setattr(reuse, "PARALLEL_MINIMUM", 4)
    calls = []
    from annobib import parallel

    real = parallel.fork_map

    def spy(function, things, jobs, progress=None):
        calls.append(len(things))
        return real(function, things, jobs, progress)

    monkeypatch.setattr(parallel, "fork_map", spy)
    path = _library(tmp_path)
    one = _cite(path, "--no-cache", "--jobs", "1")
    assert not calls
    assert _cite(path, "--no-cache", "--jobs", "2") == one
    assert calls, "cite --jobs 2 used no worker"


def test_a_full_store_keeps_the_tables_a_run_did_not_use(tmp_path, monkeypatch):
    """Over its size limit the store keeps what the latest run used; a cite uses no entries,
    so the entries ``annobib render`` stored must survive it."""
    from annobib import cache

    monkeypatch.setattr(cache, "MAX_ENTRIES", 10)
    path = tmp_path / "store.bin"
    store = cache.EntryStore(path, "space")
    for n in range(8):
        store.put("entry", f"e{n}", (f"<p>{n}</p>",))
        store.put("sort", f"s{n}", ((2, 0, ()),))
    store.save()
    later = cache.EntryStore(path, "space").load()
    assert later.status == "loaded"
    assert later.get("sort", "s1") is not None  # the run uses one sort key, and adds one
    later.put("sort", "new", ((2, 0, ()),))
    later.save()
    again = cache.EntryStore(path, "space").load()
    assert len(again.tables["entry"]) == 8
    assert set(again.tables["sort"]) == {"s1", "new"}

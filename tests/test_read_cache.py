"""A large input read once: the same bytes, read the same way, come from the cache folder."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from annobib import read as read_package
from annobib.cli import main
from annobib.read import read_cache, read_files

BIB = """@string{j = {Journal of Tests}}
@article{alpha2001, author = {Alpha, Ann and Beta, Bo}, title = {A {DNA} Study of Pain}, journal = j, year = 2001,
  annote = {Read \\emph{this} first.}, keywords = {one, two}}
@article{alpha2001, author = {Alpha, Ann}, title = {The same key}, journal = j, year = 2002}
@article{broken, title = {Never closed, year = 2003
@book{gamma2003, author = {Gamma, Cy}, title = {Book}, publisher = {Press}, year = {2003-13}}
"""


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(read_cache, "MINIMUM_BYTES", 10)  # the small test file counts as large
    return tmp_path / "xdg" / "annobib"


def _reads(monkeypatch) -> list:
    """Count the files the readers parse."""
    calls = []
    real = read_package.reader_for

    def counting(name, text):
        calls.append(name)
        return real(name, text)

    monkeypatch.setattr(read_package, "reader_for", counting)
    return calls


def _same(one, other) -> bool:
    return ([(r.csl, r.annotation, r.tags, r.origin) for r in one.records]
            == [(r.csl, r.annotation, r.tags, r.origin) for r in other.records]
            and list(one.diagnostics) == list(other.diagnostics)
            and one.entries_in_input == other.entries_in_input and one.unread == other.unread)


def test_the_second_read_comes_from_the_cache_and_is_the_same(tmp_path, cache_folder, monkeypatch):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    fresh = read_files([path])
    assert len(list(fresh.diagnostics)) >= 3 and fresh.records[0].annotation  # the diagnostics are kept too
    calls = _reads(monkeypatch)
    first = read_files([path], cache=True)
    assert calls == [str(path)] and _same(first, fresh)
    second = read_files([path], cache=True)
    assert calls == [str(path)], "the second read parsed the file again"
    assert _same(second, fresh)
    assert list(cache_folder.glob("read-*.bin"))


def test_other_bytes_or_options_read_afresh(tmp_path, cache_folder, monkeypatch):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    read_files([path], cache=True)
    calls = _reads(monkeypatch)
    as_written = read_files([path], sentence_case=False, cache=True)
    assert len(calls) == 1 and as_written.records[0].csl["title"] != read_files([path]).records[0].csl["title"]
    path.write_text(BIB.replace("A {DNA} Study of Pain", "Another study"), encoding="utf-8")
    changed = read_files([path], cache=True)
    assert len(calls) == 3 and changed.records[0].csl["title"] == "Another study"
    assert read_files([path], cache=False) and len(calls) == 4  # without the cache, always read


def test_small_files_are_not_kept(tmp_path, cache_folder, monkeypatch):
    monkeypatch.setattr(read_cache, "MINIMUM_BYTES", 10_000_000)
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    read_files([path], cache=True)
    assert not list(cache_folder.glob("read-*.bin"))


def test_a_damaged_cache_file_is_read_afresh(tmp_path, cache_folder, monkeypatch):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    fresh = read_files([path], cache=True)
    [kept] = cache_folder.glob("read-*.bin")
    kept.write_bytes(kept.read_bytes()[:-5])
    calls = _reads(monkeypatch)
    assert _same(read_files([path], cache=True), fresh) and len(calls) == 1


def test_an_input_from_the_cache_is_still_never_overwritten(tmp_path, cache_folder):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    before = path.read_bytes()
    for _run in range(2):  # the second run reads from the cache
        result = CliRunner().invoke(main, ["render", str(path), "-o", str(path)])
        assert result.exit_code == 1 and "refusing" in result.output
    assert path.read_bytes() == before


def test_render_and_cite_use_it_and_no_cache_does_not(tmp_path, cache_folder, monkeypatch):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    out = tmp_path / "list.txt"
    first = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    calls = _reads(monkeypatch)
    again = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    assert again.output == first.output and calls == []
    cited = CliRunner().invoke(main, ["cite", "gamma2003", "--bib", str(path)])
    assert "Gamma" in cited.stdout and calls == []
    CliRunner().invoke(main, ["render", str(path), "--no-cache", "-o", str(out)])
    assert calls == [str(path)]

"""A manuscript's citations kept between runs of the filter (citation_cache)."""
from __future__ import annotations

from annobib.pandoc.citation_cache import cached_citations
from annobib.styles import resolve_style


def test_the_same_inputs_are_rendered_once_and_any_change_renders_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def render(result):
        def run():
            calls.append(result)
            return result, {"a": "failed"} if result == ["(A, 2000)"] else {}
        return run

    style, items, batch = resolve_style("apa"), [{"id": "a"}], [[{"id": "a"}]]
    assert cached_citations(style, None, items, batch, render(["(A, 2000)"])) == (["(A, 2000)"], {"a": "failed"})
    # what the engine failed on is kept with the text: the filter names the entry every run
    assert cached_citations(style, None, items, batch, render(["never"])) == (["(A, 2000)"], {"a": "failed"})
    assert len(calls) == 1
    assert cached_citations(style, None, items, [[{"id": "a", "locator": "3"}]], render(["(A, 2000, p. 3)"]))[0] \
        == ["(A, 2000, p. 3)"]
    assert cached_citations(style, "de-DE", items, batch, render(["(A, 2000) de"]))[0] == ["(A, 2000) de"]
    assert cached_citations(resolve_style("vancouver"), None, items, batch, render(["(1)"]))[0] == ["(1)"]
    assert len(calls) == 4


def test_a_damaged_file_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    style, items, batch = resolve_style("apa"), [{"id": "a"}], [[{"id": "a"}], [{"id": "a"}]]
    cached_citations(style, None, items, batch, lambda: (["x", "y"], {}))
    [kept] = list((tmp_path / "annobib").glob("manuscript-*.bin"))
    header = kept.read_bytes().split(b"\n", 1)[0]
    for damage in (b"not a cache file", header + b"\n" + b"\x00\x01", kept.read_bytes()[:-3]):
        kept.write_bytes(damage)
        assert cached_citations(style, None, items, batch, lambda: (["fresh", "again"], {})) == (["fresh", "again"], {})

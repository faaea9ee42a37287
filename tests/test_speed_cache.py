"""The render cache: hits, misses, one changed entry, corrupt and stale files.

Two layers: whole lists (a repeated render is answered without the engine)
and, behind them, entries, sort keys and disambiguation cites. Most tests
here look at the second layer, so ``render_with_stats`` turns the first off
unless asked."""
from __future__ import annotations

import json
import marshal

import pytest

from annobib import cache
from annobib.engine import speedups
from annobib.record import Origin, Record
from annobib.render import build_document, engine_for

pytestmark = pytest.mark.slow


def record(key: str, family: str, year: int, title: str) -> Record:
    csl = {"id": key, "type": "article-journal", "title": title, "container-title": "Journal of Tests",
           "author": [{"family": family, "given": "Ann"}], "issued": {"date-parts": [[year]]},
           "volume": "3", "page": "10-20"}
    return Record(csl, None, [], Origin("test.json", 1))


def library(n: int = 30) -> list[Record]:
    return [record(f"Key{n_}", f"Family{(n_ * 7) % n}", 1990 + n_ % 15, f"Title number {n_}") for n_ in range(n)]


def texts(document) -> list[str]:
    return [entry.html for group in document.groups for entry in group.entries]


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ANNOBIB_NO_SPEEDUPS", raising=False)
    engine_for("apa")  # applies the speed-ups
    return tmp_path / "xdg" / "annobib"


def render_with_stats(records, style="apa", whole_lists=False):
    seen = {}
    original = cache.render_hooks
    original_load = cache.ListStore.load
    if not whole_lists:
        cache.ListStore.load = lambda self, count: None

    def spy(*args, **kwargs):
        context = original(*args, **kwargs)

        class Wrapped:
            def __enter__(self):
                hooks = context.__enter__()
                seen["hooks"] = hooks
                return hooks

            def __exit__(self, *exc):
                return context.__exit__(*exc)
        return Wrapped()

    cache.render_hooks = spy
    try:
        document = build_document(records, style, cache=True)
    finally:
        cache.render_hooks = original
        cache.ListStore.load = original_load
    return document, (seen["hooks"].stats if "hooks" in seen else None)


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_miss_then_hit_gives_the_same_output(style, private_cache):
    records = library()
    plain = texts(build_document(records, style))
    first, stats = render_with_stats(records, style)
    assert stats["rendered"] == 30 and stats["cached"] == 0
    assert len(list(private_cache.glob("render-*.bin"))) == 1
    second, stats = render_with_stats(records, style)
    assert stats["rendered"] == 0 and stats["cached"] == 30
    assert texts(first) == texts(second) == plain


def test_one_changed_entry_is_the_only_one_rendered():
    records = library()
    render_with_stats(records)
    records[5] = record("Key5", "Family35", 2001, "A changed title")
    document, stats = render_with_stats(records)
    assert stats["rendered"] == 1 and stats["cached"] == 29
    assert texts(document) == texts(build_document(records, "apa"))


def test_numbered_style_reordered_is_not_served_stale_numbers():
    records = library(12)
    render_with_stats(records, "vancouver")
    reordered = records[6:] + records[:6]
    document, _ = render_with_stats(reordered, "vancouver")
    assert texts(document) == texts(build_document(reordered, "vancouver"))
    assert texts(document)[0].startswith("1.")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "tampered", "other-engine", "other-python",
                                    "bad-collation"])
def test_a_damaged_or_stale_file_is_ignored_and_replaced(damage, private_cache):
    records = library()
    render_with_stats(records)
    (path,) = private_cache.glob("render-*.bin")
    raw = path.read_bytes()
    header, payload = raw.split(b"\n", 1)
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot a cache at all")
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "tampered":  # an entry changed without the checksum: must not be shown
        data = marshal.loads(payload)
        first = next(iter(data["entries"]))
        data["entries"][first] = "FORGED ENTRY"
        path.write_bytes(header + b"\n" + marshal.dumps(data))
    elif damage == "other-python":  # marshal data of another Python
        meta = json.loads(header)
        meta["payload"] = "marshal 4 cpython-99"
        path.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    elif damage == "bad-collation":  # a valid checksum over a shape the sort cannot compare
        data = marshal.loads(payload)
        assert data["collations"]
        data["collations"][next(iter(data["collations"]))] = ("not", "runs")
        body = marshal.dumps(data)
        meta = json.loads(header)
        meta["blake2b"] = cache.checksum(body)
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    else:  # written by another engine version under the same name
        meta = json.loads(header)
        meta["namespace"] = meta["namespace"].replace("annobib", "annobib-older")
        path.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    document, stats = render_with_stats(records)
    assert stats["cached"] == 0 and stats["rendered"] == 30
    assert "FORGED" not in "".join(texts(document))
    assert texts(document) == texts(build_document(records, "apa"))
    _, stats = render_with_stats(records)  # the file was rewritten whole and is usable again
    assert stats["cached"] == 30


def test_engine_change_makes_a_new_namespace(monkeypatch):
    engine = engine_for("apa")
    before = cache.namespace(engine.style_path, None, "html")
    monkeypatch.setattr(cache, "engine_version", lambda: "annobib 9; citeproc-py 9; engine changed")
    assert cache.namespace(engine.style_path, None, "html") != before
    assert cache.namespace(engine.style_path, "de-DE", "html") != cache.namespace(engine.style_path, None, "html")


def test_no_cache_reads_and_writes_nothing(private_cache):
    build_document(library(), "apa", cache=False)
    assert not private_cache.exists() or not list(private_cache.iterdir())


def test_fingerprint_sees_state_added_after_the_source_was_built():
    """A disambiguation pass that stores a year-suffix on the reference changes the key."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    engine = engine_for("apa")
    items = [{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2000]]}}]
    bib = CitationStylesBibliography(engine.style, CiteProcJSON(items), formatter.html)
    item = CitationItem("a")
    bib.register(Citation([item]))
    before = speedups.fingerprint(item, numbered=False)
    bib.source["a"]["year_suffix"] = "a"
    after = speedups.fingerprint(item, numbered=False)
    bib.source["a"]["year_suffix"] = "b"
    assert len({before, after, speedups.fingerprint(item, numbered=False)}) == 3
    item["locator"] = "12"  # state on the item counts too
    assert speedups.fingerprint(item, numbered=False) not in (before, after)


def test_disambiguated_entries_are_not_served_from_another_context():
    """Year suffixes depend on the rest of the list: a cached entry must follow them."""
    twins = [record("A1", "Same", 2001, "First"), record("A2", "Same", 2001, "Second")]
    others = library(6)
    render_with_stats(others + twins[:1])  # "Same (2001)" alone: no suffix
    document, _ = render_with_stats(others + twins)  # now ambiguous: suffixes a and b
    assert texts(document) == texts(build_document(others + twins, "apa"))
    render_with_stats(others + twins)
    document, _ = render_with_stats(others + twins[1:])  # alone again
    assert texts(document) == texts(build_document(others + twins[1:], "apa"))


# -- whole lists ---------------------------------------------------------------

def test_a_repeated_list_needs_no_engine(monkeypatch, private_cache):
    import annobib.render as render_module

    records = library()
    plain = texts(build_document(records, "apa"))
    first, stats = render_with_stats(records, whole_lists=True)
    assert stats["rendered"] == 30
    assert len(list(private_cache.glob("list-*.bin"))) == 1

    def no_engine(*args, **kwargs):
        raise AssertionError("the engine was asked for a list the cache holds")

    monkeypatch.setattr(render_module, "engine_for", no_engine)
    second, stats = render_with_stats(records, whole_lists=True)
    assert stats is None  # answered before any engine hook was set up
    assert texts(second) == texts(first) == plain
    assert [e.record.id for g in second.groups for e in g.entries] == \
        [e.record.id for g in first.groups for e in g.entries]


@pytest.mark.parametrize("change", ["data", "order", "id", "sort", "style"])
def test_a_different_list_is_not_answered_from_another(change, monkeypatch):
    records = library(12)
    build_document(records, "apa", cache=True)
    style, sort = "apa", None
    if change == "data":
        records[3] = record("Key3", "Family21", 1994, "Another title")
    elif change == "order":
        records = records[::-1]
        style = "vancouver"  # numbered in input order: the order shows
        build_document(library(12), style, cache=True)
    elif change == "id":
        records[3] = Record(dict(records[3].csl, id="Renamed"), None, [], records[3].origin)
    elif change == "sort":
        sort = "title"
    else:
        style = "vancouver"
    cached = build_document(records, style, cache=True, sort=sort)
    cold = build_document(records, style, cache=False, sort=sort)
    assert texts(cached) == texts(cold)
    assert [e.record.id for g in cached.groups for e in g.entries] == \
        [e.record.id for g in cold.groups for e in g.entries]


@pytest.mark.parametrize("damage", ["garbage", "tampered", "bad-index"])
def test_a_damaged_list_file_is_ignored(damage, private_cache):
    records = library(8)
    build_document(records, "apa", cache=True)
    (path,) = private_cache.glob("list-*.bin")
    header, payload = path.read_bytes().split(b"\n", 1)
    data = marshal.loads(payload)
    if damage == "garbage":
        path.write_bytes(b"{not json")
    elif damage == "tampered":  # checksum no longer matches
        data["html"][0] = "FORGED ENTRY"
        path.write_bytes(header + b"\n" + marshal.dumps(data))
    else:  # checksum recomputed, but an index out of range
        data["order"][0] = 99
        body = marshal.dumps(data)
        meta = json.loads(header)
        meta["blake2b"] = cache.checksum(body)
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    document, stats = render_with_stats(records, whole_lists=True)
    assert stats is not None  # rendered (from entries), not from the damaged list
    assert "FORGED" not in "".join(texts(document))
    assert texts(document) == texts(build_document(records, "apa"))


def test_list_files_are_pruned(monkeypatch, private_cache):
    monkeypatch.setattr(cache, "LISTS_KEPT", 3)
    for n in range(5):
        build_document(library(4 + n), "apa", cache=True)
    assert len(list(private_cache.glob("list-*.bin"))) == 3


# -- disambiguation cites ----------------------------------------------------------

def test_one_change_that_shifts_year_suffixes_matches_a_cold_render():
    """Changing one entry makes it collide with another (suffixes a/b appear),
    then changing it back removes them: every cached render equals a cold one."""
    records = library(30)
    records.append(record("Twin", "Unique", 2005, "Zeta study"))
    records.append(record("Other", "Different", 2005, "Alpha study"))
    render_with_stats(records)
    changed = list(records)
    changed[-1] = record("Other", "Unique", 2005, "Alpha study")  # now "Unique (2005a, 2005b)"
    document, stats = render_with_stats(changed)
    cold = texts(build_document(changed, "apa"))
    assert texts(document) == cold
    assert any("2005a" in t for t in cold) and any("2005b" in t for t in cold)
    assert stats["cites_rendered"] < 10 and stats["cites_cached"] >= 30
    document, stats = render_with_stats(records)  # back: no suffixes again
    assert texts(document) == texts(build_document(records, "apa"))
    assert not any("2005a" in t for t in texts(document))


def test_cites_are_cached_by_state_not_by_key():
    """The same items in another order get other internal keys; cached cites still apply."""
    records = library(20)
    render_with_stats(records)
    shuffled = records[7:] + records[:7]
    document, stats = render_with_stats(shuffled)
    assert stats["cites_rendered"] == 0 and stats["cites_cached"] >= 20
    assert texts(document) == texts(build_document(shuffled, "apa"))


# -- references built only when read (speedups.lazy_source) ---------------------

def built_references(monkeypatch) -> list[str]:
    """The internal keys whose citeproc reference gets built, in order."""
    from citeproc.source.json import CiteProcJSON

    built = []
    original = CiteProcJSON.__missing__

    def counting(self, key):
        built.append(key)
        return original(self, key)

    monkeypatch.setattr(CiteProcJSON, "__missing__", counting)
    return built


def test_a_warm_render_builds_only_the_changed_reference(monkeypatch):
    records = library(30)
    render_with_stats(records)
    records[5] = record("Key5", "Family35", 2001, "A changed title")
    built = built_references(monkeypatch)
    document, stats = render_with_stats(records)
    assert built == ["i5"]  # sort keys, given names, cites and entries of the others come from the cache
    assert texts(document) == texts(build_document(records, "apa", cache=False))


def test_name_facts_are_cached_by_item_data(monkeypatch):
    """Disambiguation reads every item's names (the given-name rule, names to add):
    a warm render of an ambiguous list reads them from the cache."""
    records = library(10) + [record(f"Twin{n}", "Twin", 2001, f"Study {n}") for n in range(4)]
    records += [record("Initial", "Twin", 2001, "Another study")]
    records[-1].csl["author"] = [{"family": "Twin", "given": "Bea"}]
    cold = texts(build_document(records, "apa", cache=False))
    assert any("2001a" in t for t in cold) and any("B. Twin" in t or "Twin, B." in t for t in cold)
    render_with_stats(records)
    records[0] = record("Key0", "Family0", 1990, "Changed")
    built = built_references(monkeypatch)
    document, stats = render_with_stats(records)
    assert built == ["i0"]
    assert texts(document) == texts(build_document(records, "apa", cache=False))

"""The render cache: hits, misses, one changed entry, corrupt and stale files.

Two layers: whole lists (a repeated render is answered without the engine)
and, behind them, the engine's reusable results (engine/reuse.py): entries,
sort keys and disambiguation cites. Most tests here look at the second
layer, so ``render_with_stats`` turns the first off unless asked."""
from __future__ import annotations

import json
import marshal

import pytest

from annobib import cache
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
    return tmp_path / "xdg" / "annobib"


def render_with_stats(records, style="apa", whole_lists=False):
    """The document, and what the engine computed and reused per table (None: no engine ran)."""
    engine = engine_for(style, None)  # as build_document asks for it
    engine.stats = None
    original_load = cache.ListStore.load
    if not whole_lists:
        cache.ListStore.load = lambda self, count: None
    try:
        document = build_document(records, style, cache=True)
    finally:
        cache.ListStore.load = original_load
    stats = engine.stats
    if stats is None:
        return document, None
    return document, {table: (counts["computed"], counts["reused"]) for table, counts in stats.items()}


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_miss_then_hit_gives_the_same_output(style, private_cache):
    records = library()
    plain = texts(build_document(records, style))
    first, stats = render_with_stats(records, style)
    assert stats["entry"] == (30, 0)
    assert len(list(private_cache.glob("render-*.bin"))) == 1
    second, stats = render_with_stats(records, style)
    assert stats["entry"] == (0, 30)
    assert texts(first) == texts(second) == plain


def test_one_changed_entry_is_the_only_one_rendered():
    records = library()
    render_with_stats(records)
    records[5] = record("Key5", "Family35", 2001, "A changed title")
    document, stats = render_with_stats(records)
    assert stats["entry"] == (1, 29)
    assert stats["cite"][0] <= 2  # the changed item's cite (maybe under two states)
    assert texts(document) == texts(build_document(records, "apa"))


def test_numbered_style_reordered_is_not_served_stale_numbers():
    records = library(12)
    render_with_stats(records, "vancouver")
    reordered = records[6:] + records[:6]
    document, _ = render_with_stats(reordered, "vancouver")
    assert texts(document) == texts(build_document(reordered, "vancouver"))
    assert texts(document)[0].startswith("1.")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "tampered", "other-engine", "other-python",
                                    "bad-sort-key"])
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
        first = next(iter(data["entry"]))
        data["entry"][first] = "FORGED ENTRY"
        path.write_bytes(header + b"\n" + marshal.dumps(data))
    elif damage == "other-python":  # marshal data of another Python
        meta = json.loads(header)
        meta["payload"] = "marshal 4 cpython-99"
        path.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    elif damage == "bad-sort-key":  # a valid checksum over a shape the sort cannot compare
        data = marshal.loads(payload)
        assert data["sort"]
        data["sort"][next(iter(data["sort"]))] = ("not", "a", "key")
        body = marshal.dumps(data)
        meta = json.loads(header)
        meta["blake2b"] = cache.checksum(body)
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    else:  # written by another engine version under the same name
        meta = json.loads(header)
        meta["namespace"] = meta["namespace"].replace("annobib", "annobib-older")
        path.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    document, stats = render_with_stats(records)
    assert stats["entry"] == (30, 0)
    assert "FORGED" not in "".join(texts(document))
    assert texts(document) == texts(build_document(records, "apa"))
    _, stats = render_with_stats(records)  # the file was rewritten whole and is usable again
    assert stats["entry"] == (0, 30)


def test_engine_change_makes_a_new_namespace(monkeypatch):
    engine = engine_for("apa")
    before = cache.namespace(engine.style_path, None, "html")
    monkeypatch.setattr(cache, "engine_version", lambda: "annobib 9; citeproc-py 9; engine changed")
    assert cache.namespace(engine.style_path, None, "html") != before
    assert cache.namespace(engine.style_path, "de-DE", "html") != cache.namespace(engine.style_path, None, "html")


def test_no_cache_reads_and_writes_nothing(private_cache):
    build_document(library(), "apa", cache=False)
    assert not private_cache.exists() or not list(private_cache.iterdir())


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
    assert stats["entry"] == (30, 0)
    assert len(list(private_cache.glob("list-*.bin"))) == 1

    def no_engine(*args, **kwargs):
        raise AssertionError("the engine was asked for a list the cache holds")

    monkeypatch.setattr(render_module, "engine_for", no_engine)
    second = build_document(records, "apa", cache=True)
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


# -- sort keys and disambiguation cites ---------------------------------------------

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
    computed, reused = stats["cite"]
    assert computed < 10 and reused >= 30
    document, stats = render_with_stats(records)  # back: no suffixes again
    assert texts(document) == texts(build_document(records, "apa"))
    assert not any("2005a" in t for t in texts(document))


def test_cites_and_sort_keys_are_kept_by_item_not_by_place():
    """The same items in another order: every cite and sort key comes from the store."""
    records = library(20)
    render_with_stats(records)
    shuffled = records[7:] + records[:7]
    document, stats = render_with_stats(shuffled)
    assert stats["cite"][0] == 0 and stats["cite"][1] >= 20
    assert stats["sort"][0] == 0
    assert texts(document) == texts(build_document(shuffled, "apa"))


def test_a_warm_render_reads_only_the_changed_item(monkeypatch):
    """Sort keys, cites and entries of unchanged items come from the store: only the changed
    item's fields are parsed (an item's rich text is parsed when first printed)."""
    from annobib.engine import richtext

    records = library(30)
    render_with_stats(records)
    records[5] = record("Key5", "Family35", 2001, "A changed title")
    parsed = []
    original = richtext.parse_rich
    monkeypatch.setattr(richtext, "parse_rich", lambda value: parsed.append(value) or original(value))
    monkeypatch.setattr("annobib.engine.items.parse_rich", richtext.parse_rich)
    document, stats = render_with_stats(records)
    assert parsed and all(value in ("A changed title", "Journal of Tests", "3") for value in parsed)
    assert texts(document) == texts(build_document(records, "apa", cache=False))

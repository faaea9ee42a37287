"""The on-disk render cache: re-rendering a library reuses earlier work.

One file per (style file content, locale, output formatter, annobib version,
citeproc-py version, the engine layer's own source) in
``$XDG_CACHE_HOME/annobib`` (by default ``~/.cache/annobib``). It maps the
fingerprint of each entry (everything its rendering depends on: the item's
data and any per-item disambiguation state, and its number in a numbered
style; see engine.speedups.fingerprint) to the rendered entry, and likewise
the style's macro sort keys. The global work of a render (order, numbering,
disambiguation) is still done every time; only per-entry work is reused.

A file that cannot be read, fails its checksum, or was written for another
engine is ignored and replaced: the cache is never trusted over the engine.
The checksum is keyed with a per-user secret kept in the cache folder (mode
0600), so a file written by anyone else is not trusted; what a file holds is
validated as well, and a damaged one with a valid checksum is ignored too.
Only regular files are read from the folder (a FIFO there cannot hang a
render). Files are written whole and atomically (temporary file, then rename).

In front of it sits a cache of whole lists (``render_list``): the same items
in the same order, under the same engine, give the same rendered list, so a
repeated render is answered from one small file without importing or
running the CSL engine at all (the short list a writer re-renders all day
costs only reading its input). Its key is the complete input of
``Engine.render_bibliography``: every item as given (ids, key order and
all), the order, whether the style sorts, and the namespace above.
"""
from __future__ import annotations

import json
import marshal
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

try:
    from _blake2 import blake2b  # hashlib's own blake2b, without loading OpenSSL (~3 ms of start-up)
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

FORMAT = 3


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()  # what a store returns for "not stored" (None is a value: an entry that printed nothing)
# The payload encoding of every cache file (see _pack): marshal's format is Python's own.
PAYLOAD = f"marshal {marshal.version} {sys.implementation.cache_tag}"
# Entries kept per file beyond those used by the latest render.
MAX_ENTRIES = 100_000


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "annobib"


SECRET_NAME = "secret"
_secrets: dict[str, bytes | None] = {}


def _secret() -> bytes | None:
    """The user's key for cache checksums: 32 random bytes in the cache folder, mode 0600,
    made on first use. A cache file is trusted only when its checksum was made with this
    key, so a file someone else put in the folder is ignored. None when there is no
    usable key (a folder that cannot be written, a key file that is not the user's own):
    then nothing is read from the cache, and nothing is lost but time."""
    folder = cache_dir()
    found = _secrets.get(str(folder), b"")
    if found != b"":
        return found
    key = None
    path = folder / SECRET_NAME
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            key = _read_regular(path, private=True)
        else:
            with os.fdopen(handle, "wb") as stream:
                key = os.urandom(32)
                stream.write(key)
    except OSError:
        key = None
    if key is not None and len(key) != 32:
        key = None
    _secrets[str(folder)] = key
    return key


def _read_regular(path: Path, private: bool = False) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (never a FIFO, device or link, which could
    hang or mislead a read); with ``private``, only a file of this user that others cannot read."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return None
        if private and (info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
            return None
        chunks = []
        while True:
            chunk = os.read(handle, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)


def checksum(payload: bytes) -> str | None:
    """The keyed checksum of a cache file's payload (None: no key, so no cache)."""
    key = _secret()
    return None if key is None else blake2b(payload, key=key).hexdigest()


def _digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_engine_version: str | None = None


def engine_version() -> str:
    """annobib's and citeproc-py's versions plus the engine layer's source, so a
    fix to the engine (even between releases) makes older entries stale.
    Computed once per process, without importing citeproc (start-up time)."""
    global _engine_version
    if _engine_version is None:
        from . import __version__

        engine_folder = Path(__file__).parent / "engine"
        hasher = blake2b(digest_size=16)
        for path in sorted(engine_folder.rglob("*.py")):
            hasher.update(str(path.relative_to(engine_folder)).encode())
            hasher.update(path.read_bytes())
        _engine_version = f"annobib {__version__}; citeproc-py {_citeproc_version()}; engine {hasher.hexdigest()}"
    return _engine_version


def _citeproc_version() -> str:
    """citeproc-py's and lxml's versions as their own files state them, read
    rather than imported (importing citeproc costs lxml and ~25 ms). The
    files' digests too: a locally patched copy with the same number is
    another engine."""
    import re

    found = []
    for package, file_name, pattern in (("citeproc", "_version.py", r'"version":\s*"([^"]+)"'),
                                        ("lxml", "__init__.py", r'__version__\s*=\s*"([^"]+)"')):
        text = _package_file(package, file_name)
        match = re.search(pattern, text) if text else None
        found.append(f"{match.group(1) if match else '?'} {_digest(text)[:12]}")
    return "; lxml ".join(found)


def _package_file(package: str, file_name: str) -> str:
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
        if spec is None or not spec.origin:
            return ""
        return (Path(spec.origin).parent / file_name).read_text(encoding="utf-8")
    except (OSError, ImportError, ValueError):
        return ""


def namespace(style_path: Path, locale: str | None, formatter: str) -> str:
    style_digest = blake2b(Path(style_path).read_bytes(), digest_size=16).hexdigest()
    return f"format {FORMAT}; style {style_digest}; locale {locale}; {formatter}; {engine_version()}"


class EntryStore:
    """Rendered entries and sort keys by fingerprint (a digest, see
    engine.speedups.fingerprint), loaded from and saved to one file."""

    def __init__(self, path: Path, space: str):
        self.path = path
        self.space = space
        self.entries: dict[str, object] = {}
        self.sort_keys: dict[str, dict[str, object]] = {}
        self.cites: dict[str, str] = {}  # disambiguation cites (engine.speedups.cite_fingerprint)
        # What disambiguation reads from every item's names, by the item's data
        # (engine.speedups.data_digest): "person" the given-name rule's first
        # name ([short form, given] or None), "names" the longest name list.
        self.facts: dict[str, dict] = {"person": {}, "names": {}}
        # Collation keys of sort-key texts (engine/collation.py), by text: a
        # warm sort compares thousands of keys it need not collate again.
        self.collations: dict[str, tuple] = {}
        self.used: set[str] = set()
        self.changed = False
        self.status = "new"  # new | loaded | ignored (corrupt or stale)

    # -- the interface engine.speedups uses --
    def get_entry(self, fingerprint: str):
        self.used.add(fingerprint)
        return self.entries.get(fingerprint, MISSING)

    def put_entry(self, fingerprint: str, text) -> None:
        self.used.add(fingerprint)
        self.entries[fingerprint] = text
        self.changed = True

    def sort_table(self, key_path: str) -> dict:
        """The stored keys of one cs:key by fingerprint (to read; put_sort_key adds to it)."""
        return self.sort_keys.get(key_path, {})

    def put_sort_key(self, key_path: str, fingerprint: str, value) -> None:
        if isinstance(value, str):
            value = str(value)  # fixes/sorting.py collates the text; nothing else reads a key
        self.sort_keys.setdefault(key_path, {})[fingerprint] = value
        self.changed = True

    def get_cite(self, fingerprint: str):
        return self.cites.get(fingerprint, MISSING)

    def put_cite(self, fingerprint: str, text: str) -> None:
        self.cites[fingerprint] = text
        self.changed = True

    def get_fact(self, kind: str, digest: str):
        return self.facts[kind].get(digest, MISSING)

    def put_fact(self, kind: str, digest: str, value) -> None:
        self.facts[kind][digest] = list(value) if isinstance(value, tuple) else value
        self.changed = True

    # -- disk --
    def load(self) -> "EntryStore":
        raw = _read_regular(self.path)
        if raw is None:
            return self
        try:
            data = _unpack(raw, {"format": FORMAT, "namespace": self.space})
            entries, sort_keys, cites, facts = data["entries"], data["sort"], data["cites"], data["facts"]
            collations = data["collations"]
            if not isinstance(collations, dict) or not all(
                    type(key) is tuple and all(type(run) is tuple and len(run) == 3 for run in key)
                    for key in collations.values()):
                raise ValueError("unexpected collation")  # would make the sort compare other types
            if not all(isinstance(part, dict) for part in (entries, sort_keys, cites, facts)):
                raise ValueError("unexpected shape")
            if set(facts) != set(self.facts) or not all(_valid_fact(kind, value) for kind, values in facts.items()
                                                        for value in values.values()):
                raise ValueError("unexpected fact")
            if not all(isinstance(value, str) for value in cites.values()):
                raise ValueError("unexpected cite")
            for value in entries.values():
                if value is not None and not isinstance(value, str):
                    raise ValueError("unexpected entry")
        except Exception:  # any damage at all: start afresh, never trust it
            self.status = "ignored"
            self.changed = True
            return self
        self.entries, self.sort_keys, self.cites, self.facts = entries, sort_keys, cites, facts
        self.collations = collations
        self.status = "loaded"
        return self

    def keep_collations(self, known: dict[str, tuple]) -> None:
        if len(known) != len(self.collations):
            self.collations = dict(known)
            self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        if len(self.entries) > MAX_ENTRIES:
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
            self.sort_keys, self.cites = {}, {}
            self.facts = {kind: {} for kind in self.facts}
            self.collations = {}
        if len(self.cites) > 2 * MAX_ENTRIES:  # cites of states tried and left behind
            self.cites = {}
        _write_whole(self.path, _pack({"format": FORMAT, "namespace": self.space},
                                      {"entries": self.entries, "sort": self.sort_keys, "cites": self.cites,
                                       "facts": self.facts, "collations": self.collations}))
        self.changed = False


def _valid_fact(kind: str, value) -> bool:
    if kind == "names":
        return isinstance(value, int) and not isinstance(value, bool)
    return value is None or (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value))


def open_store(style_path: Path, locale: str | None, formatter: str = "html") -> EntryStore:
    space = namespace(style_path, locale, formatter)
    path = cache_dir() / f"render-{_digest(space)}.bin"
    return EntryStore(path, space).load()


@contextmanager
def render_hooks(engine, *, use_cache: bool = False, jobs: int = 1, progress: bool = False,
                 locale: str | None = None):
    """Around ``engine.render_bibliography``: the entry cache, workers and progress bar.

    Without speedups (ANNOBIB_NO_SPEEDUPS=1) or with nothing asked for, the
    engine runs as it is.
    """
    from .engine import speedups

    if not speedups.enabled() or not (use_cache or jobs > 1 or progress):
        yield None
        return
    from .engine import collation

    store = open_store(engine.style_path, locale) if use_cache else None
    if store is not None:
        collation.remember(store.collations)
    hooks = speedups.RenderHooks(entry_store=store, jobs=jobs, progress=progress)
    with speedups.hooks_for(engine.style, hooks):
        yield hooks
    if store is not None:
        store.keep_collations(collation.known())
        store.save()


# -- whole lists -----------------------------------------------------------------

LIST_FORMAT = 3
# The payload encoding of every cache file (see _pack): marshal's format is Python's own.
PAYLOAD = f"marshal {marshal.version} {sys.implementation.cache_tag}"
# Whole-list files kept (the most recently used); older ones are removed.
LISTS_KEPT = 32


def speedups_enabled() -> bool:
    """engine.speedups.enabled(), without importing the engine (start-up time)."""
    return not os.environ.get("ANNOBIB_NO_SPEEDUPS")


def list_key(items: list[dict], sort: bool) -> str:
    """The complete input of one render_bibliography call, as a digest. Items
    are taken exactly as given (key order too: a different order is only a miss)."""
    text = json.dumps([sort, items], ensure_ascii=False, separators=(",", ":"), default=repr)
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


class ListStore:
    """One rendered list: the order (indices into the items) and each entry's
    HTML, with the style's numbering and what the crash fallback changed."""

    def __init__(self, path: Path, space: str, key: str):
        self.path, self.space, self.key = path, space, key

    def load(self, count: int):
        """(order, html, numbered, problems) or None when absent, damaged or for another list."""
        raw = _read_regular(self.path)
        if raw is None:
            return None
        try:
            data = _unpack(raw, {"format": LIST_FORMAT, "namespace": self.space, "list": self.key})
            order, markup, numbered, problems = data["order"], data["html"], data["numbered"], data["problems"]
            if not (isinstance(order, list) and isinstance(markup, list) and len(order) == len(markup)
                    and all(type(i) is int and 0 <= i < count for i in order)
                    and all(isinstance(m, str) for m in markup) and isinstance(numbered, bool)
                    and isinstance(problems, dict)):
                return None
            problems = {int(k): str(v) for k, v in problems.items()}
            if not all(0 <= index < count for index in problems):
                return None
        except Exception:  # any damage, even under a valid checksum: render afresh (and overwrite it)
            return None
        try:
            os.utime(self.path)  # recently used: kept by prune()
        except OSError:
            pass
        return order, markup, numbered, problems

    def save(self, order: list[int], markup: list[str], numbered: bool, problems: dict[int, str]) -> None:
        _write_whole(self.path, _pack({"format": LIST_FORMAT, "namespace": self.space, "list": self.key},
                                      {"order": order, "html": markup, "numbered": numbered,
                                       "problems": {str(k): v for k, v in problems.items()}}))
        _prune(self.path.parent, "list-*.bin", LISTS_KEPT)


def _pack(meta: dict, data) -> bytes:
    """A cache file: one JSON header line (what it is for, a checksum), then the payload.

    The payload is ``marshal`` data, as in Python's own .pyc files: five times
    faster to write than JSON and keeping tuples (collation keys) as they are,
    which matters on a 10,000-entry library. It is only read back after the
    checksum matches and by the same Python (``PAYLOAD`` is in the header).
    """
    payload = marshal.dumps(data)
    header = json.dumps({**meta, "payload": PAYLOAD, "blake2b": checksum(payload)}).encode()
    return header + b"\n" + payload


def _unpack(raw: bytes, expected: dict):
    """The payload of a cache file, or ValueError when it is damaged or written for something else."""
    header, payload = raw.split(b"\n", 1)
    meta = json.loads(header)
    if any(meta.get(name) != value for name, value in {**expected, "payload": PAYLOAD}.items()):
        raise ValueError("written for another engine, style, list or Python")
    expected_sum = checksum(payload)
    if expected_sum is None or expected_sum != meta.get("blake2b"):
        raise ValueError("checksum mismatch (or no key to check it with)")
    return marshal.loads(payload)


def _write_whole(path: Path, data: bytes) -> None:
    import tempfile

    if checksum(b"") is None:
        return  # no key: a file that could not be checked would never be read
    temporary = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".render-", dir=path.parent)  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
        temporary = None
    except OSError:
        pass  # a cache that cannot be written only costs time next run
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _prune(folder: Path, pattern: str, kept: int) -> None:
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.lstat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[kept:]:
        try:
            old.unlink()
        except OSError:
            pass


def render_list(make_engine, style_path: Path, locale: str | None, items: list[dict], *, sort: bool = True,
                use_cache: bool = False, jobs: int = 1, progress: bool = False):
    """``make_engine().render_bibliography(items, sort)`` through the caches.

    Returns ``(entries, numbered, problems)``: the RenderedEntry list in
    bibliography order, whether the style numbers its entries, and the
    engine's ``fallback_problems`` (item id -> what was simplified). A list
    rendered before under the same namespace comes from its file and the
    engine is not even created; otherwise the engine renders it (reusing
    cached entries, see render_hooks) and the list is stored.
    """
    from .engine import RenderedEntry, html_to_text  # the engine package's __init__ only: no citeproc

    lists = None
    if use_cache and speedups_enabled() and items:
        space = namespace(style_path, locale, "html")
        key = list_key(items, sort)
        lists = ListStore(cache_dir() / f"list-{_digest(space + key)}.bin", space, key)
        found = lists.load(len(items))
        if found is not None:
            order, markup, numbered, problems = found
            entries = [RenderedEntry(items[i]["id"], html, html_to_text(html)) for i, html in zip(order, markup)]
            return entries, numbered, {items[i]["id"]: text for i, text in problems.items()}
    engine = make_engine()
    with render_hooks(engine, use_cache=use_cache, jobs=jobs, progress=progress, locale=locale):
        entries = engine.render_bibliography(items, sort=sort)
    problems = dict(getattr(engine, "fallback_problems", {}) or {})
    numbered = engine.is_numeric
    if lists is not None:
        position = {}
        for index, item in enumerate(items):
            position.setdefault(item["id"], []).append(index)
        if all(len(p) == 1 for p in position.values()):  # ids say which item each entry is
            lists.save([position[e.id][0] for e in entries], [e.html for e in entries], numbered,
                       {position[k][0]: v for k, v in problems.items() if k in position})
    return entries, numbered, problems

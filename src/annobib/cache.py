"""The on-disk render cache: re-rendering a library reuses earlier work.

One file per (style file content, locale, output formatter, annobib version,
citeproc-py version, the engine layer's own source) in
``$XDG_CACHE_HOME/annobib`` (by default ``~/.cache/annobib``). It holds the
engine's reusable results (engine/reuse.py) — entries, sort keys and
disambiguation cites — each under a digest of everything it depends on. The
global work of a render (order, numbering, disambiguation) is still done
every time; only per-item work is reused. This module only keeps files: the
engine never imports it, and is given a store by the render stage.

A file that cannot be read, fails its checksum, or was written for another
engine is ignored and replaced: the cache is never trusted over the engine.
The checksum is keyed with a per-user secret kept in the cache folder (mode
0600), so a file written by anyone else is not trusted; what a file holds is
validated as well, and a damaged one with a valid checksum is ignored too.
Only regular files are read from the folder (a FIFO there cannot hang a
render). Files are written whole and atomically (temporary file, then rename).

In front of it sits a cache of whole lists (``ListStore``): the same items
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
from pathlib import Path

try:
    from _blake2 import blake2b  # hashlib's own blake2b, without loading OpenSSL (~3 ms of start-up)
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

FORMAT = 7  # 5: the cite table keeps whole first cites; 6: a table of ambiguous sets worked through


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
        chunks: list[bytes] = []
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


def digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_engine_version: str | None = None


def engine_version() -> str:
    """annobib's and citeproc-py's versions plus the engine layer's source, so a
    fix to the engine (even between releases) makes older entries stale.
    Computed once per process, without importing citeproc (start-up time)."""
    global _engine_version
    if _engine_version is None:
        from .version import __version__

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
        found.append(f"{match.group(1) if match else '?'} {digest(text)[:12]}")
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
    """Results of earlier renders by table and key (the engine's ``Store``, engine/reuse.py):
    entries, sort keys and disambiguation cites, each under a digest of everything it
    depends on. Loaded from and saved to one file."""

    TABLES = ("entry", "sort", "cite", "group")

    def __init__(self, path: Path, space: str):
        self.path = path
        self.space = space
        self.tables: dict[str, dict[str, object]] = {name: {} for name in self.TABLES}
        self.used: set[str] = set()
        self.changed = False
        self.status = "new"  # new | loaded | ignored (corrupt or stale)

    def get(self, table: str, key: str):
        """(value,) when stored, else None."""
        found = self.tables[table].get(key, MISSING)
        if found is MISSING:
            return None
        self.used.add(key)
        return (found,)

    def put(self, table: str, key: str, value) -> None:
        self.used.add(key)
        self.tables[table][key] = value[0]
        self.changed = True

    # -- disk --
    def load(self) -> "EntryStore":
        raw = _read_regular(self.path)
        if raw is None:
            return self
        try:
            data = _unpack(raw, {"format": FORMAT, "namespace": self.space})
            if not isinstance(data, dict) or set(data) != set(self.TABLES) \
                    or not all(isinstance(data[name], dict) for name in self.TABLES):
                raise ValueError("unexpected shape")
            if not all(value is None or isinstance(value, str) for value in data["entry"].values()):
                raise ValueError("unexpected entry")
            if not all(_first_cite_value(value) for value in data["cite"].values()):
                raise ValueError("unexpected cite")
            if not all(_group_value(value) for value in data["group"].values()):
                raise ValueError("unexpected disambiguation result")
            if not all(value is None or _sort_value(value) for value in data["sort"].values()):
                raise ValueError("unexpected sort key")  # would make the sort compare other types
        except Exception:  # any damage at all: start afresh, never trust it
            self.status = "ignored"
            self.changed = True
            return self
        self.tables = data
        self.status = "loaded"
        return self

    def save(self) -> None:
        if not self.changed:
            return
        if sum(len(t) for t in self.tables.values()) > MAX_ENTRIES:  # keep what the latest render used
            # a table the run did not touch is kept whole (``annobib cite`` uses no entries)
            self.tables = {name: {k: v for k, v in table.items() if k in self.used}
                           if not self.used.isdisjoint(table) else table
                           for name, table in self.tables.items()}
        _write_whole(self.path, _pack({"format": FORMAT, "namespace": self.space}, self.tables))
        self.changed = False


def _first_cite_value(value) -> bool:
    """A first cite as engine/disambiguation.py keeps it: (text, names shown per list, given-name
    levels per list, name-registry entries, the item's family-name keys)."""
    if not (type(value) is tuple and len(value) == 5 and isinstance(value[0], str)):
        return False
    _, names, givens, registered, families = value
    return (_ints(names) and isinstance(givens, list) and all(_ints(levels) for levels in givens)
            and _registry_entries(registered) and isinstance(families, list)
            and all(isinstance(f, str) for f in families))


def _registry_entries(value) -> bool:
    return isinstance(value, list) and all(
        type(e) is tuple and len(e) == 3 and all(isinstance(part, str) for part in e) for e in value)


def _ints(value) -> bool:
    return isinstance(value, list) and all(type(n) is int for n in value)


def _group_value(value) -> bool:
    """A set of ambiguous items worked through, as engine/disambiguation.py keeps it: for each
    item (names shown, given-name levels, disambiguate count, year suffix or None), and the
    name-registry entries the work made."""
    if not (type(value) is tuple and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], list)):
        return False
    settled, printed = value
    return (all(type(s) is tuple and len(s) == 4 and _ints(s[0]) and isinstance(s[1], list)
                and all(_ints(levels) for levels in s[1]) and type(s[2]) is int and (s[3] is None or type(s[3]) is int)
                for s in settled)
            and _registry_entries(printed))


def _sort_value(value) -> bool:
    """A sort key as engine/elements/sorting.py makes it: (kind, number or date key, collation key)."""
    return (type(value) is tuple and len(value) == 3 and value[0] in (0, 1, 2)
            and isinstance(value[1], (int, str)) and type(value[2]) is tuple)


def open_store(style_path: Path, locale: str | None, formatter: str = "html") -> EntryStore:
    space = namespace(style_path, locale, formatter)
    path = cache_dir() / f"render-{digest(space)}.bin"
    return EntryStore(path, space).load()


class SharedStore:
    """The entry store of one style and locale for every step of one run (the list, then the
    citations in its annotations): loaded on first use, when a step needs the engine (a list
    answered whole from its cache does not), and written once, by ``save``."""

    def __init__(self, style_path: Path, locale: str | None):
        self.style_path = style_path
        self.locale = locale
        self._store: EntryStore | None = None

    def open(self) -> EntryStore:
        if self._store is None:
            self._store = open_store(self.style_path, self.locale)
        return self._store

    def save(self) -> None:
        if self._store is not None:
            self._store.save()


# -- whole lists -----------------------------------------------------------------

LIST_FORMAT = 4
# The payload encoding of every cache file (see _pack): marshal's format is Python's own.
PAYLOAD = f"marshal {marshal.version} {sys.implementation.cache_tag}"
# Whole-list files kept (the most recently used); older ones are removed.
LISTS_KEPT = 32


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


class KeptFile:
    """One result kept under a namespace (what computed it) and a key (what it was computed
    from), in one file named after both: written whole, read back only when its keyed checksum
    holds and ``valid`` accepts what it holds, pruned to the ``kept`` most recent of its kind."""

    FORMAT = 1

    def __init__(self, kind: str, space: str, key: str, kept: int = 32) -> None:
        self.kind = kind
        self.space = space
        self.key = key
        self.kept = kept
        self.path = cache_dir() / f"{kind}-{digest(space + key)}.bin"

    def load(self, valid):
        raw = _read_regular(self.path)
        if raw is None:
            return None
        try:
            data = _unpack(raw, {"format": self.FORMAT, "namespace": self.space, "list": self.key})
        except Exception:  # absent, damaged or another's: compute afresh
            return None
        if not valid(data):
            return None
        try:
            os.utime(self.path)  # recently used: kept by the pruning
        except OSError:
            pass
        return data

    def save(self, data) -> None:
        """Keep ``data`` (marshal's types only; anything else is not kept)."""
        try:
            packed = _pack({"format": self.FORMAT, "namespace": self.space, "list": self.key}, data)
        except ValueError:
            return
        _write_whole(self.path, packed)
        _prune(self.path.parent, f"{self.kind}-*.bin", self.kept)


class ResultFile(KeptFile):
    """Results computed for one request with one style (the citations of a manuscript, of an
    annotation)."""

    KEPT = 32

    def __init__(self, kind: str, style_path: Path, locale: str | None, request) -> None:
        text = json.dumps(request, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr)
        key = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
        super().__init__(kind, namespace(style_path, locale, kind), key, self.KEPT)


def citations_kept(count: int):
    """The check of a kept citation result: ``{"html": [count strings], "problems": {id: message}}``
    (the pandoc filter's and the annotations' citations)."""
    def valid(data) -> bool:
        return (isinstance(data, dict) and set(data) == {"html", "problems"}
                and isinstance(data["html"], list) and len(data["html"]) == count
                and all(isinstance(text, str) for text in data["html"])
                and isinstance(data["problems"], dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in data["problems"].items()))
    return valid


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

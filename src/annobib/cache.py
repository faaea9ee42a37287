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
It is written whole and atomically (temporary file, then rename).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

FORMAT = 1
# Entries kept per file beyond those used by the latest render.
MAX_ENTRIES = 100_000


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "annobib"


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def engine_version() -> str:
    """annobib's and citeproc-py's versions plus the engine layer's source, so a
    fix to the engine (even between releases) makes older entries stale."""
    import citeproc

    from . import __version__

    engine_folder = Path(__file__).parent / "engine"
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(engine_folder.rglob("*.py")):
        hasher.update(str(path.relative_to(engine_folder)).encode())
        hasher.update(path.read_bytes())
    version = getattr(citeproc, "__version__", "?")
    return f"annobib {__version__}; citeproc-py {version}; engine {hasher.hexdigest()}"


def namespace(style_path: Path, locale: str | None, formatter: str) -> str:
    style_digest = hashlib.blake2b(Path(style_path).read_bytes(), digest_size=16).hexdigest()
    return f"format {FORMAT}; style {style_digest}; locale {locale}; {formatter}; {engine_version()}"


class EntryStore:
    """Rendered entries and sort keys by fingerprint (a digest, see
    engine.speedups.fingerprint), loaded from and saved to one file."""

    def __init__(self, path: Path, space: str):
        self.path = path
        self.space = space
        self.entries: dict[str, object] = {}
        self.sort_keys: dict[str, dict[str, object]] = {}
        self.used: set[str] = set()
        self.changed = False
        self.status = "new"  # new | loaded | ignored (corrupt or stale)

    # -- the interface engine.speedups uses --
    def get_entry(self, fingerprint: str):
        from .engine.speedups import MISSING

        self.used.add(fingerprint)
        return self.entries.get(fingerprint, MISSING)

    def put_entry(self, fingerprint: str, text) -> None:
        self.used.add(fingerprint)
        self.entries[fingerprint] = text
        self.changed = True

    def get_sort_key(self, key_path: str, fingerprint: str):
        from .engine.speedups import MISSING, SortKey

        value = self.sort_keys.get(key_path, {}).get(fingerprint, MISSING)
        if isinstance(value, list):
            return SortKey(value[0], value[1])
        return value

    def put_sort_key(self, key_path: str, fingerprint: str, value) -> None:
        if isinstance(value, str):
            value = [str(value), str(value.lower())]
        self.sort_keys.setdefault(key_path, {})[fingerprint] = value
        self.changed = True

    # -- disk --
    def load(self) -> "EntryStore":
        try:
            raw = self.path.read_bytes()
        except OSError:
            return self
        try:
            header, payload = raw.split(b"\n", 1)
            meta = json.loads(header)
            if meta.get("namespace") != self.space:
                raise ValueError("written for another engine or style")
            if hashlib.sha256(payload).hexdigest() != meta.get("sha256"):
                raise ValueError("checksum mismatch")
            data = json.loads(payload)
            entries, sort_keys = data["entries"], data["sort"]
            if not isinstance(entries, dict) or not isinstance(sort_keys, dict):
                raise ValueError("unexpected shape")
            for value in entries.values():
                if value is not None and not isinstance(value, str):
                    raise ValueError("unexpected entry")
        except Exception:  # any damage at all: start afresh, never trust it
            self.status = "ignored"
            self.changed = True
            return self
        self.entries, self.sort_keys = entries, sort_keys
        self.status = "loaded"
        return self

    def save(self) -> None:
        if not self.changed:
            return
        if len(self.entries) > MAX_ENTRIES:
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
            self.sort_keys = {}
        payload = json.dumps({"entries": self.entries, "sort": self.sort_keys},
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        header = json.dumps({"format": FORMAT, "namespace": self.space,
                             "sha256": hashlib.sha256(payload).hexdigest()}).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".render-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(header + b"\n" + payload)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs time next run
        self.changed = False


def open_store(style_path: Path, locale: str | None, formatter: str = "html") -> EntryStore:
    space = namespace(style_path, locale, formatter)
    path = cache_dir() / f"render-{_digest(space)}.json"
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
    store = open_store(engine.style_path, locale) if use_cache else None
    hooks = speedups.RenderHooks(entry_store=store, jobs=jobs, progress=progress)
    with speedups.hooks_for(engine.style, hooks):
        yield hooks
    if store is not None:
        store.save()

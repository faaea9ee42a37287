"""Work a render can keep between runs or share between processes.

Most of a render is per-item work whose result depends only on the item's
data and on what the render decided for it: an entry (its data, its
disambiguation state, its number in a numbered style), a sort key (its
data), a disambiguation cite (its data and state). ``Reuse`` looks such
results up in a store the caller gives (annobib.cache.EntryStore keeps it on
disk), computes the rest — in worker processes when there are many — and
puts them back. Without a store and with one job it is a plain loop.

The store is anything with ``get(table, key)`` (None when absent) and
``put(table, key, value)``; values are wrapped in a one-element tuple so
that "rendered nothing" (None) is a value too.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, Protocol

try:
    from _blake2 import blake2b  # hashlib's own blake2b without loading OpenSSL (start-up time)
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

# Below this many things a fork costs more than it saves.
PARALLEL_MINIMUM = 200

Progress = Callable[[str, int, int], None]  # (what, done, total)


class Store(Protocol):
    def get(self, table: str, key: str) -> Any: ...

    def put(self, table: str, key: str, value: Any) -> None: ...


def digest(*parts: str) -> str:
    return blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def data_print(data: dict) -> str:
    """A digest of one CSL-JSON item exactly as given."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr)
    return digest(text)


class Reuse:
    def __init__(self, store: Store | None = None, jobs: int = 1, progress: Progress | None = None):
        self.store = store
        self.jobs = max(1, jobs)
        self.progress = progress
        self.stats: dict[str, dict[str, int]] = {}  # table -> {"computed": n, "reused": n}

    def map(self, function: Callable, things: Sequence, label: str = "rendering",
            minimum: int | None = None) -> list:
        """``[function(t) for t in things]``, in worker processes when there are ``minimum`` or more
        (PARALLEL_MINIMUM unless given, read when called)."""
        things = list(things)
        minimum = PARALLEL_MINIMUM if minimum is None else minimum
        if self.jobs > 1 and len(things) >= minimum:
            from ..parallel import fork_map

            report = self._reporter(label, len(things) // self.jobs + 1)
            return fork_map(function, things, self.jobs, progress=report)
        report = self._reporter(label, len(things))
        out = []
        for done, thing in enumerate(things, 1):
            out.append(function(thing))
            if report is not None:
                report(done)
        if report is not None:
            report(None)
        return out

    def cached_map(self, table: str, keys: Sequence[str], things: Sequence, function: Callable,
                   label: str = "rendering", minimum: int | None = None) -> list:
        """As ``map``, but each thing's result is looked up under its key first and stored after."""
        if self.store is None:
            counts = self.stats.setdefault(table, {"computed": 0, "reused": 0})
            counts["computed"] += len(things)
            return self.map(function, things, label, minimum)
        results: list = [None] * len(things)
        todo = []
        for index, key in enumerate(keys):
            found = self.store.get(table, key)
            if found is None:
                todo.append(index)
            else:
                results[index] = found[0]
        counts = self.stats.setdefault(table, {"computed": 0, "reused": 0})
        counts["reused"] += len(things) - len(todo)
        counts["computed"] += len(todo)
        computed = self.map(lambda index: function(things[index]), todo, label, minimum)
        for index, value in zip(todo, computed):
            results[index] = value
            if not (isinstance(value, str) and value.startswith("\x00")):  # a failure is never kept
                self.store.put(table, keys[index], (value,))
        return results

    def _reporter(self, label: str, total: int):
        if self.progress is None or total == 0:
            return None
        progress = self.progress

        def report(done: int | None) -> None:
            progress(label, total if done is None else done, total)

        return report

"""Run one function over a list in forked worker processes (``--jobs N``).

The workers are forked after the library is read, registered and sorted, so
each inherits the whole engine state (style, items, numbering, anything a
disambiguation pass computed) and only computes its share of independent,
per-entry results. Shares are interleaved (i::n) so slow and fast entries
spread evenly. A worker that fails in any way is not trusted: its share is
computed again in this process, so the answer is always complete.
"""
from __future__ import annotations

import os
import sys
from typing import Callable


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def fork_map(function: Callable, items: list, jobs: int, progress=None) -> list:
    """``[function(x) for x in items]``, computed by up to ``jobs`` processes."""
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    import pickle
    sys.stdout.flush()
    sys.stderr.flush()
    workers = []
    for share in range(1, jobs):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: compute, send, leave without running any cleanup
            os.close(read_end)
            status = 1
            try:
                payload = pickle.dumps([function(item) for item in items[share::jobs]],
                                       protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        workers.append((share, pid, read_end))

    results: list = [None] * len(items)
    mine = items[0::jobs]
    for done, item in enumerate(mine, 1):
        results[done - 1] = function(item)  # placed below, after the workers' shares
        if progress is not None:
            progress(done)
    if progress is not None:
        progress(None)
    own = results[: len(mine)]
    results = [None] * len(items)
    results[0::jobs] = own

    for share, pid, read_end in workers:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        part = None
        if status == 0:
            try:
                part = pickle.loads(data)
            except Exception:
                part = None
        expected = len(items[share::jobs])
        if not isinstance(part, list) or len(part) != expected:
            part = [function(item) for item in items[share::jobs]]
        results[share::jobs] = part
    return results

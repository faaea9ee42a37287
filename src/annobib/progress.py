"""A progress bar on stderr for long renders (only on a terminal, only after a second)."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable


def terminal_bar(stream=None) -> Callable[[str, int, int], None] | None:
    """A ``progress(what, done, total)`` callback drawing one line on ``stream`` (stderr), or
    None when it is not a terminal. Nothing is drawn for work that ends within a second, and
    the line is cleared when a piece of work is done."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    label: str | None = None  # the work the bar is drawn for
    start = drawn = 0.0  # when that work began, when the bar was last drawn (0: not yet)

    def progress(what: str, done: int, total: int) -> None:
        nonlocal label, start, drawn
        now = time.monotonic()
        if label != what:
            label, start, drawn = what, now, 0.0
        if done >= total:
            if drawn:
                stream.write("\r\x1b[K")
                stream.flush()
            label = None
            return
        if now - start < 1.0 or now - drawn < 0.1:
            return
        drawn = now
        width = 30
        filled = int(width * done / total)
        stream.write(f"\r{what} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}")
        stream.flush()

    return progress

"""Fixes to citeproc-py, applied once when the engine is first used.

Each module in this package fixes one documented difference between
citeproc-py (pinned) and citeproc-js, the engine inside Zotero, at the part
of citeproc-py that handles that CSL element. Each has its own test with
citeproc-js's rendering as the expected value.
"""
from __future__ import annotations

import importlib
import pkgutil

_applied = False


def apply_all() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        fix = importlib.import_module(f"{__name__}.{module}")
        fix.apply()
    from .. import fast_paths

    fast_paths.apply()  # issue 8: hot-path versions of citeproc-py methods, after the fixes


apply_all()

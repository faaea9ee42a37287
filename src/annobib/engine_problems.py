"""What the CSL engine could not render, as diagnostics naming the entry (render, cite,
annotation citations and the pandoc filter report them alike)."""
from __future__ import annotations

from .diagnostics import Diagnostics


def engine_diagnostics(problems: dict[str, str], by_id: dict, *, all_errors: bool = False) -> Diagnostics:
    """What the engine could not render, as diagnostics naming the entry: an entry left out is an
    error, one shown simplified a warning; with ``all_errors`` (a citation printed as
    citeproc-js's marker of a reference it cannot print) every problem is an error."""
    from .rendered import LEFT_OUT

    diagnostics = Diagnostics()
    for key, message in problems.items():
        record = by_id.get(key)
        origin = record.origin if record is not None else None
        report = diagnostics.error if all_errors or message == LEFT_OUT else diagnostics.warn
        report(origin.file if origin else "-", origin.line if origin else None, key, message, "engine")
    return diagnostics

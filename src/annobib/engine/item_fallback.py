"""A last line of defence when citeproc-py crashes on an item.

citeproc-py (0.11) raises on some valid CSL-JSON, e.g. a date with a
``season`` in APA or a full-date range inside a macro. One such item must not
stop a whole reference list: the items that crash on their own are found,
their dates are simplified (first date only, no season or circa; a literal
date if that still fails) and the list is rendered again with every item in
it. Fixes in ``engine/fixes`` make this path rarer; it is never the normal one.
"""
from __future__ import annotations

_DATE_VARIABLES = ("issued", "accessed", "event-date", "original-date", "submitted")

# What render_with_fallback reports for an item (the render stage turns them into diagnostics).
SIMPLIFIED = "the CSL engine failed on its date; it is shown simplified"
LEFT_OUT = "the CSL engine failed on this entry; it is left out of the list"


def simplified_dates(item: dict, literal: bool = False) -> dict:
    """A copy of ``item`` whose dates citeproc-py can render."""
    simpler = dict(item)
    for name in _DATE_VARIABLES:
        date = simpler.get(name)
        if not isinstance(date, dict):
            continue
        parts = date.get("date-parts") or []
        first = parts[0] if parts and isinstance(parts[0], list) else []
        if literal or not first:
            text = date.get("literal") or "-".join(str(p) for p in first)
            simpler[name] = {"literal": text} if text else None
        else:
            simpler[name] = {"date-parts": [first]}
        if simpler[name] is None:
            del simpler[name]
    return simpler


def render_with_fallback(render, items: list[dict]):
    """``render(items)``, retried with the crashing items' dates simplified.

    Returns ``(result, problems)``: ``problems`` maps each changed item's id to
    what was done, for the caller to report.
    """
    try:
        return render(items), {}
    except Exception:  # citeproc-py's internal assertions and TypeErrors
        pass
    problems: dict[str, str] = {}
    repaired = list(items)
    for index, item in enumerate(items):
        if _renders(render, item):
            continue
        for candidate in (simplified_dates(item), simplified_dates(item, literal=True),
                          {key: value for key, value in item.items() if key not in _DATE_VARIABLES}):
            if _renders(render, candidate):
                repaired[index] = candidate
                problems[str(item.get("id"))] = SIMPLIFIED
                break
        else:  # not its date: one entry the engine cannot render must not stop the list
            repaired[index] = None
            problems[str(item.get("id"))] = LEFT_OUT
    return render([item for item in repaired if item is not None]), problems


def _renders(render, item: dict) -> bool:
    try:
        render([item])
    except Exception:
        return False
    return True

"""annobib's engine against citeproc-js on hand-written CSL-JSON (tests/golden_csljson/).

The existing golden set (engine/fidelity.py) holds CSL-JSON made by annobib's
own reader, which normalises dates, pages and names before the engine sees
them. This set is CSL-JSON written by hand, so an engine difference cannot
hide behind the reader. ``expected.jsonl`` (scripts/make_golden_csljson.py)
holds one line per bibliography entry or in-text citation, per style, as
citeproc-js prints it; ``compare`` renders the same with ``Engine`` (plain
citeproc-js mode: no links) and returns what differs, normalised as the
fidelity comparison normalises.
"""
from __future__ import annotations

import json
from pathlib import Path

from .fidelity import FORMATS, STYLES, normalise


def load(folder: Path) -> tuple[list[dict], list[dict]]:
    items = json.loads((folder / "items.json").read_text(encoding="utf-8"))
    with open(folder / "expected.jsonl", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    return items, lines


def key(line: dict) -> str:
    """A line's name: "apa:<id>" for an entry, "apa#<n>" for the n-th citation."""
    return f"{line['style']}:{line['id']}" if "id" in line else f"{line['style']}#{line['cite']}"


def compare(folder: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """{"apa.text": {key: (citeproc-js, annobib)} ...} for every line that differs, and
    "<style>.<format>" -> {} for runs that match entirely; "_compared" counts lines per run."""
    from ..styles import resolve_style
    from . import Engine

    items, lines = load(folder)
    runs: dict = {f"{style}.{fmt}": {} for style in STYLES for fmt in FORMATS}
    compared = dict.fromkeys(runs, 0)
    for alias, style in STYLES.items():
        engine = Engine(resolve_style(style), zotero=False)  # the goldens are plain citeproc-js
        entries = {entry.id: entry for entry in engine.render_bibliography(items)}
        style_lines = [line for line in lines if line["style"] == alias]
        order = [line["id"] for line in style_lines if "id" in line]
        clusters = [line["cluster"] for line in style_lines if "cite" in line]
        cites = {fmt: engine.render_citations(items, clusters, fmt=fmt) for fmt in FORMATS}
        if order != list(entries):
            runs[f"{alias}.text"][f"{alias}:order"] = (" ".join(order), " ".join(entries))
        for line in style_lines:
            for fmt in FORMATS:
                run = f"{alias}.{fmt}"
                compared[run] += 1
                if "id" in line:
                    entry = entries.get(line["id"])
                    have = None if entry is None else (entry.text if fmt == "text" else entry.html)
                else:
                    have = cites[fmt][line["cite"]]
                want = line[fmt]
                if have is None or normalise(have) != normalise(want or ""):
                    runs[run][key(line)] = (normalise(want or ""), "<missing>" if have is None else normalise(have))
    runs["_compared"] = compared
    return runs

"""Warm renders of the 10,000-entry library by two checkouts, interleaved (before, after,
before, ...) so that both meet the same load on a shared machine. Not a test: the figures go
in docs/speed.md.

    python scripts/bench_warm.py --before /path/to/old/checkout [--after .] [--runs 5]

For each style the cache of each side is filled once; then each run renders the library as
it is ("nothing changed": the whole-list cache answers) and with one title changed (a new
change each run, so that the whole-list cache cannot answer it). Each side has its own cache
folder and bytecode folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from benchmark import build_library  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, type=Path, help="the other checkout (its src/ is used)")
    parser.add_argument("--after", type=Path, default=REPO, help="this checkout by default")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    sides = {"before": options.before.resolve() / "src", "after": options.after.resolve() / "src"}
    with tempfile.TemporaryDirectory(prefix="annobib-warm-") as name:
        folder = Path(name)
        library = build_library(10_000, folder)
        items = json.loads(library.read_text(encoding="utf-8"))

        def render(side: str, path: Path, style: str) -> float:
            env = dict(os.environ, PYTHONPATH=str(sides[side]), XDG_CACHE_HOME=str(folder / f"cache-{side}"),
                       PYTHONPYCACHEPREFIX=str(folder / f"pycache-{side}"))
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed package runs: compiled once
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "annobib", "render", str(path), "--style", style, "-f", "json",
                            "-o", str(folder / f"out-{side}.json")], env=env, check=True,
                           stderr=subprocess.DEVNULL)
            return time.perf_counter() - started

        results: dict[tuple, list[float]] = {}
        for style in ("apa", "vancouver"):
            for side in sides:
                shutil.rmtree(folder / f"cache-{side}", ignore_errors=True)
                render(side, library, style)  # fills the cache
            for run in range(options.runs):
                changed = folder / f"changed-{style}-{run}.json"
                copy = [dict(item) for item in items]
                copy[17]["title"] = f"Changed title {run} {style}"
                changed.write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
                for what, path in (("nothing changed", library), ("one entry changed", changed)):
                    for side in sides:
                        results.setdefault((style, what, side), []).append(render(side, path, style))
    for (style, what, side), seconds in sorted(results.items()):
        print(f"{style:10} {what:18} {side:7} median {statistics.median(seconds):.2f} s  "
              f"{[round(s, 2) for s in seconds]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

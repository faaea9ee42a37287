"""Benchmark: annobib-pandoc against pandoc's own --citeproc on a 300-citation manuscript.

usage: python scripts/bench_pandoc.py [--entries 2000] [--citations 300] [--runs 3] [--style apa] [--keep DIR]

The bibliography is the first N entries of ../shared/corpus/plk__biber/etc__tugboat.bib
read by annobib's own reader and written as CSL-JSON (so both tools read the
same file, in the format pandoc reads fastest). The manuscript has C citations
drawn with a fixed seed in every form (single, clusters of two or three,
locators, prefixes and suffixes, narrative, author suppressed), spread over
paragraphs of text. Both commands write HTML; each is run R times and the
median wall time is reported. The filter is timed with an empty render cache
(first run of a manuscript) and with the cache its previous run left
(re-running while writing). Wall time and CPU time (user + system of pandoc
and the filter) are both shown: on a shared machine the CPU time is the
steadier measure. The figures go in docs and reports, not in timed tests.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpus" / "plk__biber" / "etc__tugboat.bib"
SEED = 17
WORDS = ("ketamine dose pain infusion patients trial effect review case oral relief week months study "
         "typesetting macro fonts package output journal issue page style").split()


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return "pandoc"


def bibliography(count: int, out: Path) -> list[str]:
    """The first ``count`` entries of the corpus file as CSL-JSON; their keys."""
    from annobib.read import read_files

    records = read_files([CORPUS]).records[:count]
    out.write_text(json.dumps([r.csl for r in records], ensure_ascii=False), encoding="utf-8")
    return [r.id for r in records]


def _citation(rng: random.Random, keys: list[str]) -> str:
    form = rng.random()
    key = rng.choice(keys)
    if form < 0.45:
        return f"[@{key}]"
    if form < 0.60:
        return f"[@{key}, p. {rng.randint(1, 400)}]"
    if form < 0.72:
        others = rng.sample(keys, 2)
        return f"[@{key}; @{others[0]}; @{others[1]}, chap. {rng.randint(1, 12)}]"
    if form < 0.80:
        return f"[see @{key}, pp. {rng.randint(1, 50)}-{rng.randint(51, 90)}; @{rng.choice(keys)}]"
    if form < 0.90:
        return f"@{key} [p. {rng.randint(1, 300)}]" if rng.random() < 0.5 else f"@{key}"
    if form < 0.95:
        return f"[-@{key}]"
    return f"[@{key}, emphasis added]"


def manuscript(keys: list[str], citations: int, bib_name: str, style: str, out: Path) -> None:
    """A manuscript of ``citations`` citations over about 250 distinct entries."""
    rng = random.Random(SEED)
    pool = rng.sample(keys, min(250, len(keys)))
    paragraphs = []
    written = 0
    while written < citations:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if written >= citations:
                break
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
            sentences.append(f"{words.capitalize()} {_citation(rng, pool)}.")
            written += 1
        paragraphs.append(" ".join(sentences))
    meta = f"---\ntitle: Benchmark manuscript\nbibliography: {bib_name}\nannobib-style: {style}\n---\n\n"
    out.write_text(meta + "\n\n".join(paragraphs) + "\n\n# References\n", encoding="utf-8")


def _time(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, pandoc and the filter together) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def bench(folder: Path, style: str, runs: int) -> dict:
    from annobib.styles import resolve_style

    pandoc = pandoc_path()
    filter_script = str(Path(sys.executable).parent / "annobib-pandoc")
    env = dict(os.environ)
    citeproc = [pandoc, "paper.md", "--citeproc", "--csl", str(resolve_style(style)), "-o", "citeproc.html"]
    annobib = [pandoc, "paper.md", "--filter", filter_script, "-o", "annobib.html"]
    times: dict[str, list[tuple[float, float]]] = {"pandoc --citeproc": [], "annobib-pandoc, empty cache": [],
                                     "annobib-pandoc, cache of the previous run": []}
    for _ in range(runs):
        times["pandoc --citeproc"].append(_time(citeproc, folder, env))
        with tempfile.TemporaryDirectory() as cache:
            cold = dict(env, XDG_CACHE_HOME=cache)
            times["annobib-pandoc, empty cache"].append(_time(annobib, folder, cold))
            times["annobib-pandoc, cache of the previous run"].append(_time(annobib, folder, cold))
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
            for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--citations", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--keep", metavar="DIR", help="write the manuscript and bibliography here and keep them")
    args = parser.parse_args()
    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} is missing: the benchmark needs ../shared/corpus")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        keys = bibliography(args.entries, folder / "bib.json")
        manuscript(keys, args.citations, "bib.json", args.style, folder / "paper.md")
        medians = bench(folder, args.style, args.runs)
    wall_base, cpu_base = medians["pandoc --citeproc"]
    print(f"{args.citations} citations over {len(keys)} entries, style {args.style}, median of {args.runs} runs")
    print(f"  {'':45s} {'wall':>8s} {'':6s} {'CPU':>8s}")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:45s} {wall:6.2f} s {wall / wall_base:4.2f}x {cpu:6.2f} s {cpu / cpu_base:4.2f}x")


if __name__ == "__main__":
    main()

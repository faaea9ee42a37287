#!/usr/bin/env python3
"""Side-by-side speed of annobib, citeproc-js (Zotero's engine) and pandoc.

    python scripts/benchmark.py                 # the full table (several minutes)
    python scripts/benchmark.py --quick         # 1,000 entries, 2 runs: a smoke run

Measures, each several times (median reported):
  (a) the bundled bibliography, whole cold process: `annobib render` (with
      and without its cache) against pandoc --citeproc and node + citeproc-js
      on the same items, next to the bare interpreter's start-up;
  (b) a 10,000-entry library made from ../shared/corpus files (read by
      annobib's own reader, written once as CSL-JSON so every tool gets the
      same items), APA and Vancouver: cold (--no-cache) with --jobs 1 and 2,
      warm with nothing changed, and warm with one entry changed (a new
      change each run, checked byte for byte against a --no-cache render).
Prints wall time, peak memory (the largest resident set of the run, taken
by GNU time so the benchmark's own size does not leak into it), the ratio
annobib/peer, pandoc's printed entry count (a run that prints nothing is
not a measurement), and the share of annobib's entries that match
citeproc-js's for (b) (shared/tools/citeproc-js/compare.py's normalisation).
annobib runs with compiled bytecode as an installed package does (cached
in the work folder). pandoc is slow on large lists (quadratic: 1 s CPU for 500
entries, 4 s for 1,000); --pandoc-timeout ends it.

Needs: the shared corpus at ../shared/corpus (beside the repository) for
(b) — without it the script says so and stops, or measures (a) alone with
--bundled-only; node with citeproc-js set up as in
shared/tools/citeproc-js/README.md (~/.cache/citeproc-js), and pandoc (pip
install pypandoc-binary). A peer that is missing is reported as such, not
guessed.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
CITEPROC_JS = Path(os.environ.get("CITEPROC_JS_DIR", Path.home() / ".cache" / "citeproc-js"))
# Largest real files first; the rest of 10,000 is made of renamed copies.
LIBRARY_FILES = [
    ("plk__biber/etc__tugboat.bib",),
    ("plk__biber/etc__papers.bib", "plk__biber/etc__definitions.bib"),
    ("meireles__paper_template/references__bibtexlib__library.bib",),
    ("odomanov__biblatex-gost/doc__latex__biblatex-gost__biblatex-gost-examples.bib",),
    ("ropensci__RefManageR/inst__Bib__RJC.bib",),
    ("lsst__lsst-texmf/texmf__bibtex__bib__refs_ads.bib",),
]
STYLES = {"apa": "apa", "vancouver": "nlm-citation-sequence"}
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


# -- running and measuring -----------------------------------------------------

class TimedOut(Exception):
    pass


def run(command: list[str], env: dict | None = None, stdout_path: Path | None = None,
        timeout: float | None = None):
    """Wall seconds and peak RSS (MB, the largest process in the tree) of one run.
    ``env`` values of None remove the variable."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    # Linux starts a child's peak RSS at its parent's size at the fork, so the
    # child is started by GNU time (a small process), which reports its peak.
    peak_file = None
    if GNU_TIME:
        handle, peak_file = tempfile.mkstemp(prefix="annobib-bench-peak-")
        os.close(handle)
        command = [GNU_TIME, "-f", "%M", "-o", peak_file, *command]
    environment = {**os.environ, **(env or {})}
    environment = {k: v for k, v in environment.items() if v is not None}
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, env=environment,
                                   start_new_session=True)  # its own group: a timeout ends all of it
        error_bytes = []  # read while it runs, so a chatty process never blocks on a full pipe
        reader = threading.Thread(target=lambda: error_bytes.append(process.stderr.read()), daemon=True)
        reader.start()
        while True:  # wait4 (not Popen.wait) to keep the child's resource usage
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if timeout else 0)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                if peak_file:
                    os.unlink(peak_file)
                raise TimedOut(f"{timeout:.0f} s")
            time.sleep(0.005)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        wall = time.perf_counter() - start
        reader.join()
        error = b"".join(error_bytes).decode(errors="replace")
        process.stderr.close()
    finally:
        if stdout_path:
            out.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        raise RuntimeError(f"{' '.join(command[:8])}… exited {code}: {error[-500:]}")
    peak = usage.ru_maxrss / 1024
    if peak_file:
        try:
            peak = int(Path(peak_file).read_text().split()[-1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
        finally:
            os.unlink(peak_file)
    return wall, peak


def measure(command, runs, env=None, stdout_path=None, timeout=None):
    results = [run(command, env, stdout_path, timeout) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(m for _, m in results)


# -- inputs --------------------------------------------------------------------

def library_sources() -> list[list[Path]]:
    """The groups of corpus files the large library is read from, those that are there."""
    groups = [[CORPUS / name for name in group] for group in LIBRARY_FILES]
    return [files for files in groups if all(path.exists() for path in files)]


def build_library(size: int, folder: Path) -> Path:
    """``size`` CSL-JSON items read from the corpus with annobib's reader."""
    path = folder / f"library-{size}.json"
    if path.exists():
        return path
    sys.path.insert(0, str(REPO / "src"))
    from annobib.read import read_files

    items, seen = [], set()
    for files in library_sources():
        for record in read_files([str(f) for f in files]).records:
            if record.id.lower() not in seen:
                seen.add(record.id.lower())
                items.append(record.csl)
    originals = list(items)
    copy = 0
    while len(items) < size:
        source = originals[copy % len(originals)]
        items.append(dict(source, id=f"{source['id']}-copy{copy // len(originals) + 1}"))
        copy += 1
    path.write_text(json.dumps(items[:size], ensure_ascii=False), encoding="utf-8")
    return path


def bundled_items(folder: Path) -> Path:
    sys.path.insert(0, str(REPO / "src"))
    from annobib.read import read_files
    from annobib.resources import default_bibliography

    path = folder / "bundled.json"
    records = read_files([str(default_bibliography())]).records
    path.write_text(json.dumps([r.csl for r in records], ensure_ascii=False), encoding="utf-8")
    return path


def style_path(name: str) -> str:
    sys.path.insert(0, str(REPO / "src"))
    from annobib.styles import resolve_style

    return str(resolve_style(name))


def locales_dir() -> str:
    import citeproc

    return os.path.join(os.path.dirname(citeproc.__file__), "data", "locales")


def find_pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except Exception:
        return shutil.which("pandoc")


# -- commands ------------------------------------------------------------------

def annobib_cmd(items: Path | None, style: str, *extra: str) -> list[str]:
    files = [str(items)] if items else []
    return [sys.executable, "-m", "annobib", "render", *files, "--style", style, *extra]


def js_cmd(items: Path, style: str, fmt: str = "text") -> list[str]:
    """citeproc-js as Zotero runs it (scripts/zotero_js.js: its settings, links for URLs and DOIs),
    so that the share of matching entries compares like with like."""
    return ["node", str(REPO / "scripts" / "zotero_js.js"), str(items), style_path(style), locales_dir(), fmt]


JS_ENV = {"CITEPROC_JS": str(CITEPROC_JS / "node_modules" / "citeproc")}


def pandoc_cmd(pandoc: str, items: Path, style: str, folder: Path) -> list[str]:
    # nocite must be Markdown in the document's metadata: `-M nocite=@*` is a
    # plain string to pandoc, cites nothing and prints an empty list (in 0.4 s).
    document = folder / "nocite.md"
    document.write_text("---\nnocite: |\n  @*\n---\n", encoding="utf-8")
    return [pandoc, str(document), "--citeproc", "--bibliography", str(items), "--csl", style_path(style),
            "-t", "plain", "--wrap=none"]


def pandoc_entries(output: Path) -> int:
    """Entries in pandoc's plain-text reference list (one paragraph each)."""
    text = output.read_text(encoding="utf-8", errors="replace").strip()
    return len([p for p in re.split(r"\n\s*\n", text) if p.strip()]) if text else 0


# -- fidelity of (b) against citeproc-js ----------------------------------------

def canon(s: str) -> str:
    """shared/tools/citeproc-js/compare.py's normalisation."""
    s = re.sub(r"</?(i|em)>", "_", s)
    s = re.sub(r"</?(b|strong)>", "**", s)
    s = re.sub(r"<[^>]+>", " ", s)
    s = html.unescape(s).replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(\[?\d+\]?\.?)\s*", r"\1 ", s)
    return s.replace("__", "")


def match_share(annobib_json: Path, js_json: Path) -> float:
    ours = {e["id"]: e["html"] for e in json.loads(annobib_json.read_text(encoding="utf-8"))}
    ref = json.loads(js_json.read_text(encoding="utf-8"))["entries"]
    same = sum(1 for key, value in ref.items() if key in ours and canon(ours[key]) == canon(value))
    return same / max(len(ref), 1)


def change_one_entry(items: Path, folder: Path, run: int) -> Path:
    """The library with the middle entry's title changed (differently for each
    run, so no run finds the previous run's whole list in the cache)."""
    data = json.loads(items.read_text(encoding="utf-8"))
    middle = len(data) // 2
    data[middle] = dict(data[middle], title=f"A title changed for the benchmark, run {run}")
    path = folder / f"{items.stem}-changed-{run}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# -- the table -----------------------------------------------------------------

def fmt_row(label, ours, peer, peer_name):
    wall, mem = ours
    line = f"{label:<44} {wall:8.3f} s {mem:7.0f} MB"
    if isinstance(peer, str):
        line += f"   {peer_name:<12} {peer}"
    elif peer is not None:
        line += f"   {peer_name:<12} {peer[0]:8.3f} s {peer[1]:7.0f} MB   ratio {wall / peer[0]:5.2f}"
    return line


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="entries in the large library")
    parser.add_argument("--runs", type=int, default=3, help="runs of each large measurement")
    parser.add_argument("--small-runs", type=int, default=10, help="runs of each whole-process small run")
    parser.add_argument("--quick", action="store_true", help="1,000 entries, 2 runs")
    parser.add_argument("--styles", default="apa,vancouver")
    parser.add_argument("--pandoc-timeout", type=float, default=300,
                        help="seconds before a pandoc run on the large library is given up (default 300)")
    parser.add_argument("--no-peers", action="store_true", help="annobib only (no citeproc-js, no pandoc)")
    parser.add_argument("--work", help="folder for inputs and outputs (default: a temporary one)")
    parser.add_argument("--bundled-only", action="store_true",
                        help="measure (a), the bundled bibliography, only (no corpus needed)")
    args = parser.parse_args()
    if args.quick:
        args.size, args.runs, args.small_runs = 1000, 2, 5
    return args


def main() -> int:
    args = parse_args()
    if not args.bundled_only and not library_sources():
        print(f"benchmark.py: the large library (b) is made from the shared corpus, which is not at {CORPUS} "
              f"(none of its {sum(len(g) for g in LIBRARY_FILES)} files is there). Put the shared folder beside "
              "the repository (../shared/corpus), or run with --bundled-only to measure the bundled "
              "bibliography alone.", file=sys.stderr)
        return 2
    folder = Path(args.work or tempfile.mkdtemp(prefix="annobib-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    cache_home = folder / "xdg-cache"  # never the user's own cache
    # annobib runs as an installed package would: with compiled bytecode (kept
    # in the work folder), even where PYTHONDONTWRITEBYTECODE is set.
    env = {"XDG_CACHE_HOME": str(cache_home), "PYTHONDONTWRITEBYTECODE": None,
           "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    node_ok = not args.no_peers and shutil.which("node") and (CITEPROC_JS / "node_modules" / "citeproc").exists()
    pandoc = None if args.no_peers else find_pandoc()
    print(f"# annobib benchmark; {os.cpu_count()} CPUs; medians of runs; peak = largest RSS")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}; load average at start {load_average()}")
    if not node_ok and not args.no_peers:
        print(f"# citeproc-js not set up in {CITEPROC_JS}: see shared/tools/citeproc-js/README.md")
    if not pandoc and not args.no_peers:
        print("# pandoc not found: pip install pypandoc-binary")

    # (a) the bundled bibliography, whole process
    bundled = bundled_items(folder)
    print("\n## (a) bundled bibliography (11 entries), whole cold process")
    run(annobib_cmd(None, "apa", "--no-cache"), env)  # compiles the bytecode once
    bare = measure([sys.executable, "-c", "pass"], args.small_runs, env)
    print(fmt_row("python -c pass (the interpreter alone)", bare, None, ""))
    ours = measure(annobib_cmd(None, "apa", "--no-cache"), args.small_runs, env)
    print(fmt_row("annobib render (apa, --no-cache)", ours, None, ""))
    warm = measure(annobib_cmd(None, "apa"), args.small_runs, env)
    print(fmt_row("annobib render (apa, cache warm)", warm, None, ""))
    if pandoc:
        out = folder / "pandoc-bundled.txt"
        peer = measure(pandoc_cmd(pandoc, bundled, "apa", folder), args.small_runs, stdout_path=out)
        print(fmt_row("  cache warm vs pandoc --citeproc", warm, peer, "pandoc")
              + f"   ({pandoc_entries(out)} entries printed)")
    if node_ok:
        peer = measure(js_cmd(bundled, "apa"), args.small_runs, JS_ENV)
        print(fmt_row("  cache warm vs node + citeproc-js", warm, peer, "citeproc-js"))

    if args.bundled_only:
        return 0
    # (b) the large library
    library = build_library(args.size, folder)
    print(f"\n## (b) {args.size:,}-entry library from shared/corpus, {args.runs} runs each")
    for style in args.styles.split(","):
        out = folder / f"annobib-{style}.json"
        cold = measure(annobib_cmd(library, style, "--no-cache", "--jobs", "1", "-f", "json"),
                       args.runs, env, out)
        two = measure(annobib_cmd(library, style, "--no-cache", "--jobs", "2", "-f", "json"),
                      args.runs, env, folder / f"annobib-{style}-j2.json")
        js = pandoc_peer = None
        js_out = folder / f"citeproc-js-{style}.json"
        if node_ok:
            js = measure(js_cmd(library, style, "html"), args.runs, JS_ENV, js_out)
        if pandoc:
            pandoc_out = folder / f"pandoc-{style}.txt"
            try:
                pandoc_peer = measure(pandoc_cmd(pandoc, library, style, folder), 1, None, pandoc_out,
                                      timeout=args.pandoc_timeout)
                printed = pandoc_entries(pandoc_out)
            except TimedOut as exc:
                pandoc_peer, printed = f"did not finish in {exc}", None
        print(f"\n### {style}")
        print(fmt_row("annobib cold, --jobs 1", cold, js, "citeproc-js"))
        if pandoc:
            suffix = f"   ({printed:,} entries printed)" if printed is not None else ""
            print(fmt_row("annobib cold, --jobs 1 vs pandoc (1 run)", cold, pandoc_peer, "pandoc") + suffix)
        # warm: fill the cache with the library, then render it again with one entry changed
        # (a new change each run: the whole-list cache must not answer it)
        shutil.rmtree(cache_home, ignore_errors=True)
        run(annobib_cmd(library, style, "-f", "json"), env)
        same = measure(annobib_cmd(library, style, "-f", "json"), args.runs, env)
        warm_rows = []
        for number in range(args.runs):
            changed = change_one_entry(library, folder, number)
            warm_rows.append(run(annobib_cmd(changed, style, "-f", "json"), env,
                                 folder / f"annobib-{style}-changed.json"))
        warm = (statistics.median(w for w, _ in warm_rows), max(m for _, m in warm_rows))
        run(annobib_cmd(changed, style, "--no-cache", "-f", "json"), env,
            folder / f"annobib-{style}-changed-cold.json")
        same_warm = ((folder / f"annobib-{style}-changed.json").read_bytes()
                     == (folder / f"annobib-{style}-changed-cold.json").read_bytes())
        same_j2 = (out.read_bytes() == (folder / f"annobib-{style}-j2.json").read_bytes())
        print(fmt_row("annobib cold, --jobs 2", two, js, "citeproc-js"))
        print(fmt_row("annobib, cache warm, nothing changed", same, js, "citeproc-js"))
        print(fmt_row("annobib, cache warm, one entry changed", warm, js, "citeproc-js"))
        print(f"{'--jobs 2 output identical to --jobs 1':<44} {same_j2}")
        print(f"{'one changed, warm identical to --no-cache':<44} {same_warm}")
        if node_ok:
            print(f"{'entries matching citeproc-js':<44} {match_share(out, js_out):.1%}")
    print(f"\n# load average at the end {load_average()}; inputs and outputs kept in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

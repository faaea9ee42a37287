"""Run every hostile case (tests/hostile_cases.py) and the large generated files with every
command, each in its own process, and report time and peak memory against the limits of
issue 18 (10 s and 500 MB a run). Not a test: the figures go in the closing note.

    python scripts/bench_hostile.py                 # everything
    python scripts/bench_hostile.py --only big      # just the large generated files
    python scripts/bench_hostile.py --limit 10 --memory 500

Memory is the process group's peak PSS (a page forked workers share with the parent
counted once); the RSS sum, which counts it in each process, is printed beside it.
A run fails when it takes longer than the limit, uses more memory, ends with a
traceback, or exits with a code other than 0, 1 or 3. For each case the
accounting (every entry shown or named) is checked in-process by the test
suite (tests/test_hostile_commands.py); here only the limits are.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import hostile_cases as cases  # noqa: E402

COMMANDS = ("render", "export", "check", "cite")
# "cite-warm": cite again with the render cache the cold cite left (not in the default list)


def big_cases() -> dict[str, tuple[str, str, list[str]]]:
    """Name -> (suffix, text, extra render options) for the large files of the issue."""
    return {
        "20,000 BibTeX entries, clean": (".bib", cases.clean_bibtex(20_000), []),
        "20,000 BibTeX entries, every 10th broken": (".bib", cases.broken_bibtex(20_000), []),
        "100,000 CSL-JSON items, clean": (".json", cases.csl_items(100_000), []),
        "100,000 CSL-JSON items, every 100th wrong-typed": (".json", cases.csl_items(100_000, 100), []),
        "4,000 entries each missing a brace": (".bib", cases.missing_braces(4000), []),
        "2,000 tags, --standalone --group-by tag": (".bib", cases.many_tags(2000),
                                                    ["--standalone", "--group-by", "tag", "--format", "html"]),
        "8,000 RIS records without IDs": (".ris", cases.ris_without_ids(8000), []),
        "billion laughs, 9 levels": (".bib", cases.laughs(9), []),
        "a crossref chain of 5,000": (".bib", cases.crossref_chain(5000), []),
        "10,000 editorials on other pages": (".bib", cases.recurring_title(10_000), []),
        "20,000 entries on one line": (".bib", cases.one_line(20_000), []),
        "one entry with 20,000 keywords": (".bib", cases.many_tags(20_000), []),
        "an RIS record with 20,000 authors and keywords": (".ris", cases.long_ris_record(20_000), []),
    }


def ids_of(path: Path) -> list[str]:
    from annobib.read import read_files

    return [record.id for record in read_files([str(path)]).records]


def arguments(command: str, path: Path, extra: list[str]) -> list[str]:
    if command == "render":
        return ["render", str(path), "--no-cache", *(extra or ["--format", "json"]), "-o", str(path) + ".out"]
    if command == "export":
        return ["export", str(path), "--to", "csl-json", "-o", str(path) + ".out.json"]
    if command == "check":
        return ["check", str(path), "--format", "json"]
    keys = ids_of(path)[:20] or ["nothing"]
    return ["cite", *keys, "--bib", str(path)]  # cite and cite-warm


def run(args: list[str], kill_after: float, cache: str | None = None
        ) -> tuple[float, float, float, float, int | None, str]:
    """(seconds, CPU seconds, peak MB of the whole process group (PSS, then RSS), exit code or
    None when killed, stderr tail).

    The command runs in a session of its own: render's worker processes are counted in
    its memory (their proportional and resident sizes summed, sampled every 50 ms) and killed with it. CPU
    seconds (user + system, workers included) tell a slow command from a busy machine.
    ``cache``: the render cache folder (XDG_CACHE_HOME) of the run, private to the bench."""
    used_before = _children_cpu()
    env = dict(os.environ, **({"XDG_CACHE_HOME": cache} if cache else {}))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "from annobib.cli import main; main()", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env)
    peak = [0, 0]  # PSS, RSS
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, rss = _group_memory(process.pid)
            peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
            if time.perf_counter() - started > kill_after:
                _kill_group(process.pid)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    code = process.wait()
    done.set()
    sampler.join()
    _kill_group(process.pid)  # workers left behind, if any
    seconds = time.perf_counter() - started
    text = stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in text:
        text = "Traceback: " + text[-400:]  # what the caller looks for, with the end of it
    return (seconds, _children_cpu() - used_before, peak[0] / 1024 / 1024, peak[1] / 1024 / 1024,
            (None if code < 0 else code), text[-400:])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _group_memory(group: int) -> tuple[int, int]:
    """(PSS, RSS) in bytes, summed over every process of the process group ``group`` (Linux
    /proc). PSS counts a page shared by n processes as 1/n in each: what forked workers really
    add, since they share the parent's pages until they write them. RSS counts it n times."""
    pss = rss = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != group:  # pgrp
                continue
            rss += int(fields[21]) * page  # rss in pages
            for line in Path(f"/proc/{entry}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
                    break
        except (OSError, IndexError, ValueError):
            continue
    return pss, rss


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, 9)
    except OSError:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["cases", "big"], help="run only the issue's cases or the large files")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds a run may take (default 10)")
    parser.add_argument("--memory", type=float, default=500.0, help="MB a run may use (default 500)")
    parser.add_argument("--kill", type=float, default=120.0, help="seconds after which a run is killed (120)")
    parser.add_argument("--commands", default=",".join(COMMANDS), help="commands to run (default: all four; "
                        "cite-warm: cite again with the cache the cite before left)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE")
    parser.add_argument("--match", metavar="TEXT", help="run only the cases whose name contains TEXT")
    options = parser.parse_args()

    todo: dict[str, tuple[str, str, list[str]]] = {}
    if options.only != "big":
        todo.update({name: (suffix, text, []) for name, (suffix, text) in cases.all_cases().items()})
    if options.only != "cases":
        todo.update(big_cases())
    if options.match:
        todo = {name: case for name, case in todo.items() if options.match.lower() in name.lower()}
    rows, failures = [], 0
    with tempfile.TemporaryDirectory(prefix="annobib-bench-") as folder:
        for index, (name, (suffix, text, extra)) in enumerate(todo.items()):
            path = Path(folder) / f"case{index}{suffix}"
            path.write_text(text, encoding="utf-8")
            for command in options.commands.split(","):
                # each case its own cache folder: a cite is cold, then "cite-warm" finds what it left
                cache = str(Path(folder) / f"cache{index}")
                seconds, cpu, megabytes, rss, code, stderr = run(
                    arguments(command.replace("-warm", ""), path, extra), options.kill, cache)
                problems = []
                if code is None:
                    problems.append("killed")
                elif code not in (0, 1, 3):
                    problems.append(f"exit {code}")
                if stderr.startswith("Traceback"):
                    problems.append("traceback")
                if seconds > options.limit:
                    problems.append("slow")
                if megabytes > options.memory:
                    problems.append("memory")
                failures += bool(problems)
                rows.append({"case": name, "command": command, "seconds": round(seconds, 2), "cpu": round(cpu, 2),
                             "mb": round(megabytes), "rss_mb": round(rss), "exit": code, "problems": problems})
                print(f"{name[:48]:48} {command:7} {seconds:6.2f} s {cpu:6.2f} s CPU {megabytes:6.0f} MB "
                      f"({rss:.0f} MB RSS) exit {code}"
                      f"{'  ' + ', '.join(problems) if problems else ''}", flush=True)
    worst_time = max(rows, key=lambda row: row["seconds"])
    worst_memory = max(rows, key=lambda row: row["mb"])
    print(f"\n{len(todo)} cases, {len(rows)} runs; {failures} over a limit or failed")
    print(f"worst time: {worst_time['seconds']} s ({worst_time['case']}, {worst_time['command']})")
    print(f"worst memory: {worst_memory['mb']} MB ({worst_memory['case']}, {worst_memory['command']})")
    if options.json:
        Path(options.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

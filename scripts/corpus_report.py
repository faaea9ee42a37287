"""Render every file of the shared corpus and account for every entry.

For each file and style, runs ``annobib render FILE --style S --format json``
in-process and checks that the entries rendered plus the entries named in
diagnostics equal the entries in the file (counted by annobib.read.bibsplit,
independently of bibtexparser). Prints one line per file and the totals.

    python scripts/corpus_report.py [CORPUS_DIR] [--style apa --style vancouver]

tests/test_corpus.py calls ``run_file`` from here.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SUFFIXES = (".bib", ".bibtex", ".biblatex")


@dataclass
class FileResult:
    file: str
    style: str
    exit_code: int
    account: object  # annobib.read.accounting.Account
    traceback: str | None  # set when render raised anything but SystemExit
    stderr: str
    seconds: float


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def run_file(path: Path, style: str) -> FileResult:
    """Render one file through the CLI and account for its entries."""
    import traceback

    from click.testing import CliRunner

    from annobib.cli import main
    from annobib.read import read_files
    from annobib.read.accounting import account_for_file
    from annobib.read.decode import decode_bytes

    started = time.perf_counter()
    result = CliRunner().invoke(main, ["render", str(path), "--style", style, "--format", "json"])
    seconds = time.perf_counter() - started
    problem = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problem = "".join(traceback.format_exception(result.exception))
    # The records and diagnostics behind the output: which input line each id came from.
    read = read_files([str(path)])
    by_id = {record.id: record for record in read.records}
    rendered_ids = [entry["id"] for entry in json.loads(result.stdout or "[]")] if problem is None else []
    rendered = [by_id[key] for key in rendered_ids if key in by_id]
    text = decode_bytes(path.read_bytes())[0]
    account = account_for_file(str(path), text, rendered, list(read.diagnostics))
    if len(rendered) != len(rendered_ids):  # an id in the output that no input entry has
        account.unexpected.append(-1)
    return FileResult(str(path), style, result.exit_code, account, problem, result.stderr, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--style", action="append", dest="styles")
    args = parser.parse_args(argv)
    styles = args.styles or ["apa", "vancouver"]
    files = corpus_files(args.corpus)
    if not files:
        print(f"no .bib files under {args.corpus}", file=sys.stderr)
        return 1
    failures = 0
    for style in styles:
        totals = [0, 0, 0, 0]
        started = time.perf_counter()
        for path in files:
            found = run_file(path, style)
            account = found.account
            ok = found.traceback is None and account.balanced
            failures += not ok
            totals = [totals[0] + 1, totals[1] + account.entries, totals[2] + account.rendered,
                      totals[3] + account.diagnosed]
            print(f"{style}\t{path.relative_to(args.corpus)}\tentries={account.entries}\trendered={account.rendered}"
                  f"\tdiagnosed={account.diagnosed}\texit={found.exit_code}\t{found.seconds:.1f}s"
                  + ("" if ok else
                     f"\tFAIL {account.unaccounted[:5]} {account.unexpected[:5]} {found.traceback or ''}"))
        print(f"TOTAL {style}: files={totals[0]} entries={totals[1]} rendered={totals[2]} diagnosed={totals[3]}"
              f" ({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

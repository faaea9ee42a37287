#!/usr/bin/env python3
"""Run `annobib check` over every bibliography of the shared corpus and summarise.

Each file is checked on its own, as its owner would check it. Prints the
entries checked, the findings by rule (with severity) and the time taken,
as a Markdown table for docs/check.md. Also runs --fix on every .bib file in
memory and verifies that the normalised copy keeps every entry and line.

    python scripts/check_corpus.py [CORPUS_DIR] [--require annotation]
"""
from __future__ import annotations

import argparse
import collections
import logging
import sys
import time
from pathlib import Path

from annobib.diagnostics import AnnobibError
from annobib.lint import RULES, check_paths
from annobib.lint.fix import fix_text
from annobib.read.bibtex import parse_bibtex
from annobib.read.decode import decode_bytes

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SUFFIXES = {".bib", ".bibtex", ".biblatex", ".json", ".ris"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--require", action="append", default=[])
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # bibtexparser logs every broken block; the findings say it already

    files = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix.lower() in SUFFIXES)
    by_rule: collections.Counter = collections.Counter()
    severity: dict[str, str] = {}
    entries = unreadable = 0
    slowest: list[tuple[float, str, int]] = []
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        try:
            result = check_paths([str(path)], tuple(args.require))
        except AnnobibError as exc:
            unreadable += 1
            print(f"unreadable: {exc}", file=sys.stderr)
            continue
        slowest.append((time.perf_counter() - t0, path.name, result.entries_checked))
        entries += result.entries_checked
        for finding in result.findings:
            by_rule[finding.rule] += 1
            severity[finding.rule] = finding.severity.value
    check_seconds = time.perf_counter() - started

    fix_started = time.perf_counter()
    fixed_values, broken = 0, []
    for path in files:
        if path.suffix.lower() not in {".bib", ".bibtex", ".biblatex"}:
            continue
        text = decode_bytes(path.read_bytes())[0]
        fixed, changes = fix_text(text, str(path))
        fixed_values += len(changes)
        before = [(e.key, e.type) for e in parse_bibtex(text, str(path), {}).entries]
        after = [(e.key, e.type) for e in parse_bibtex(fixed, str(path), {}).entries]
        if before != after or text.count("\n") != fixed.count("\n"):
            broken.append(path.name)
    fix_seconds = time.perf_counter() - fix_started

    total = sum(by_rule.values())
    print(f"files: {len(files)} ({unreadable} unreadable); entries checked: {entries}; findings: {total}")
    print(f"check time: {check_seconds:.1f} s ({1000 * check_seconds / max(entries, 1):.2f} ms/entry)")
    print(f"--fix (in memory): {fixed_values} values normalised in {fix_seconds:.1f} s; "
          f"copies that lost an entry or a line: {len(broken)} {broken or ''}")
    print("slowest files: " + ", ".join(f"{name} {seconds:.2f} s ({n} entries)"
                                        for seconds, name, n in sorted(slowest, reverse=True)[:3]))
    print()
    print("| rule | family | severity | findings |")
    print("| --- | --- | --- | --: |")
    for rule, count in by_rule.most_common():
        family = RULES[rule].family if rule in RULES else "reading"
        print(f"| `{rule}` | {family} | {severity[rule]} | {count} |")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the official CSL test suite through annobib's engine and print the table by category.

    python scripts/csl_suite.py                    # the table
    python scripts/csl_suite.py --show name_       # also each failing fixture whose name starts so
    python scripts/csl_suite.py --diff date_Range  # expected and printed text of matching fixtures
    python scripts/csl_suite.py --write-known      # rewrite tests/csl_suite_known_failures.json

The suite is read from ../shared/csl-test-suite/fixtures (see tests/cslsuite.py
for the harness, which follows citeproc-js's own test protocol).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import cslsuite  # noqa: E402  (after the path is set)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", metavar="PREFIX", help="list failing fixtures whose name starts with PREFIX")
    parser.add_argument("--diff", metavar="PREFIX", help="print expected and got for failing fixtures so named")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write-known", action="store_true",
                        help="write the failures, with the reasons already recorded, to the known-failures file")
    args = parser.parse_args()
    files = cslsuite.fixture_files()
    if not files:
        print(f"no fixtures at {cslsuite.SUITE}: the CSL test suite is in ../shared/csl-test-suite", file=sys.stderr)
        return 1
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(cslsuite.check, files, chunksize=8))
    elapsed = time.perf_counter() - started
    total, passed = Counter(), Counter()
    for outcome in outcomes:
        category = outcome.name.split("_", 1)[0]
        total[category] += 1
        passed[category] += outcome.passed
    print(f"{'category':<14}{'fixtures':>9}{'pass':>7}{'share':>8}")
    for category in sorted(total, key=lambda c: (-total[c], c)):
        print(f"{category:<14}{total[category]:>9}{passed[category]:>7}{passed[category] / total[category]:>8.0%}")
    all_passed = sum(passed.values())
    crashes = [o for o in outcomes if o.error]
    print(f"{'all':<14}{len(outcomes):>9}{all_passed:>7}{all_passed / len(outcomes):>8.1%}"
          f"   crashes: {len(crashes)}   {elapsed:.1f} s")
    for outcome in outcomes:
        if outcome.passed:
            continue
        if args.show and outcome.name.startswith(args.show):
            print(f"FAIL {outcome.name}" + (f"  [{outcome.error}]" if outcome.error else ""))
        if args.diff and outcome.name.startswith(args.diff):
            fixture = cslsuite.load(cslsuite.SUITE / f"{outcome.name}.txt")
            print(f"=== {outcome.name}\n--- expected\n{fixture.expected}\n--- got\n{outcome.error or outcome.got}\n")
    if args.write_known:
        recorded = cslsuite.known_failures()
        failing = {o.name: recorded.get(o.name, o.error or "not yet analysed") for o in outcomes if not o.passed}
        cslsuite.KNOWN_FAILURES.write_text(json.dumps(failing, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
        print(f"wrote {len(failing)} known failures to {cslsuite.KNOWN_FAILURES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Regenerate the golden files of the bundled bibliography (tests/snapshots/).

Two kinds of golden file:
  bundled.<style>.<format>      annobib's own output in every style x format,
                                checked by tests/test_snapshots.py; review the
                                diff before committing a regenerated one.
  bundled.<style>.citeproc-js.json
                                the reference: citeproc-js (the engine inside
                                Zotero) with the settings Zotero gives it
                                (scripts/zotero_js.js) rendering the CSL-JSON
                                that annobib itself produces, text and HTML.
                                Needs node.

Usage:
  python scripts/update_snapshots.py               # annobib's outputs only
  python scripts/update_snapshots.py --citeproc-js DIR
        DIR holds ../shared/tools/citeproc-js after `npm install`, e.g.
        cp -r ../shared/tools/citeproc-js ~/.cache/citeproc-js &&
        (cd ~/.cache/citeproc-js && npm install)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
STYLES = ("apa", "vancouver")
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def annobib_outputs() -> None:
    from click.testing import CliRunner

    from annobib.cli import main

    runner = CliRunner()
    for style in STYLES:
        for fmt, suffix in FORMATS.items():
            result = runner.invoke(main, ["render", str(ROOT / "references.bib"), "--style", style, "--format", fmt])
            if result.exit_code != 0:
                sys.exit(f"render --style {style} --format {fmt} failed:\n{result.output}")
            (SNAPSHOTS / f"bundled.{style}.{suffix}").write_text(result.stdout, encoding="utf-8")


def citeproc_js_outputs(tool_dir: Path) -> None:
    import citeproc

    from annobib.read import read_files
    from annobib.styles import resolve_style

    records = read_files([ROOT / "references.bib"]).records
    locales = os.path.join(os.path.dirname(citeproc.__file__), "data", "locales")
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "items.json"
        items.write_text(json.dumps([r.csl for r in records], ensure_ascii=False), encoding="utf-8")
        for style in STYLES:
            golden = {}
            for fmt in ("text", "html"):
                run = subprocess.run(  # what Zotero prints: citeproc-js with Zotero's settings
                    ["node", str(ROOT / "scripts" / "zotero_js.js"), str(items), str(resolve_style(style)), locales,
                     fmt], capture_output=True, text=True, check=True,
                    env=dict(os.environ, CITEPROC_JS=str(tool_dir / "node_modules" / "citeproc")),
                )
                golden[fmt] = json.loads(run.stdout)
            (SNAPSHOTS / f"bundled.{style}.citeproc-js.json").write_text(
                json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--citeproc-js", type=Path, metavar="DIR", help="also regenerate the citeproc-js references")
    args = parser.parse_args()
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    annobib_outputs()
    if args.citeproc_js:
        citeproc_js_outputs(args.citeproc_js)
    print(f"snapshots written to {SNAPSHOTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

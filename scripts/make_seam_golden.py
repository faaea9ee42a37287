#!/usr/bin/env python3
"""Write tests/golden_seams/expected.json: citeproc-js's text for every case of
tests/punctuation_seams.py (needs node and citeproc-js, set up as in
../shared/tools/citeproc-js/README.md; the test does not).

    python scripts/make_seam_golden.py [--citeproc-js ~/.cache/citeproc-js]
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
sys.path.insert(0, str(ROOT))

from tests.punctuation_seams import cases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citeproc-js", default=os.path.expanduser("~/.cache/citeproc-js"))
    args = parser.parse_args()
    import citeproc

    locales = Path(citeproc.__file__).parent / "data" / "locales"
    expected = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, (style, items) in cases().items():
            style_path, items_path = Path(folder) / "style.csl", Path(folder) / "items.json"
            style_path.write_bytes(style)
            items_path.write_text(json.dumps(items), encoding="utf-8")
            run = subprocess.run(["node", str(Path(args.citeproc_js) / "render_js.js"), str(items_path),
                                  str(style_path), str(locales), "text"], capture_output=True, text=True, check=True)
            out = json.loads(run.stdout)
            expected[name] = [out["entries"][key].strip() for key in out["order"]]
    path = ROOT / "tests" / "golden_seams" / "expected.json"
    path.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

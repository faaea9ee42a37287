"""scripts/benchmark.py without the shared corpus says what it needs (issue 15: it raised
ZeroDivisionError)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_without_the_corpus_says_what_it_needs(tmp_path):
    copy = tmp_path / "repo" / "scripts"
    copy.mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "benchmark.py", copy)  # beside it: no ../shared
    result = subprocess.run([sys.executable, str(copy / "benchmark.py"), "--no-peers", "--quick"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "../shared/corpus" in result.stderr and "--bundled-only" in result.stderr

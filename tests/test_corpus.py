"""Every file of the shared corpus renders in APA and Vancouver with every entry accounted for.

Each file is rendered once per style through ``annobib render --format json``
(scripts/corpus_report.py does the work and prints the totals). The entries
of a file are counted by annobib.read.bibsplit, a brace-aware scan that does
not use bibtexparser; the count is checked against the corpus MANIFEST first.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

_spec = importlib.util.spec_from_file_location("corpus_report", ROOT / "scripts" / "corpus_report.py")
corpus_report = importlib.util.module_from_spec(_spec)
sys.modules["corpus_report"] = corpus_report  # its dataclasses look their module up there
_spec.loader.exec_module(corpus_report)

FILES = corpus_report.corpus_files(CORPUS) if CORPUS.is_dir() else []
pytestmark = [pytest.mark.corpus, pytest.mark.slow,
              pytest.mark.skipif(not FILES, reason=f"shared corpus not present at {CORPUS} (../shared/corpus)")]


def _manifest_counts() -> dict[str, int]:
    """Entries per file by the MANIFEST: its brace-aware count where it gives one, else its entry count."""
    counts = {}
    rows = (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        columns = row.split("\t")
        brace_aware = re.search(r"brace-aware scan counts (\d+)", columns[6])
        counts[columns[0]] = int(brace_aware.group(1)) if brace_aware else int(columns[5])
    return counts


def test_entry_count_agrees_with_the_manifest():
    from annobib.read.bibsplit import count_entries
    from annobib.read.decode import decode_bytes

    expected = _manifest_counts()
    assert len(expected) == len(FILES)
    for path in FILES:
        text = decode_bytes(path.read_bytes())[0].replace("\r\n", "\n").replace("\r", "\n")
        assert count_entries(text) == expected[str(path.relative_to(CORPUS))], path


@pytest.mark.parametrize("style", ["apa", "vancouver"])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_entry_is_rendered_or_diagnosed(path, style):
    found = corpus_report.run_file(path, style)
    assert found.traceback is None, found.traceback
    assert "Traceback" not in found.stderr
    assert found.exit_code in (0, 1, 3)
    account = found.account
    assert not account.unaccounted, f"entries neither rendered nor named: {account.unaccounted[:10]}"
    assert not account.unexpected, f"rendered records that match no entry: {account.unexpected[:10]}"
    assert account.rendered + account.diagnosed == account.entries

"""``annobib export``: formats, -o, exit codes, and .ris input for render."""
from __future__ import annotations

import json

from click.testing import CliRunner

from annobib.cli import main


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_csl_json_of_bundled_bibliography_to_file(tmp_path):
    out = tmp_path / "zotero.json"
    result = _run("export", "--to", "csl-json", "-o", str(out))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 11 and all(item.get("note") for item in items)


def test_format_from_suffix_and_usage_error_without_one(tmp_path):
    out = tmp_path / "lib.ris"
    result = _run("export", "-o", str(out))
    assert result.exit_code == 3  # one warning: a corporate name with commas
    assert out.read_text(encoding="utf-8").startswith("TY  - ELEC")
    assert _run("export").exit_code == 2
    assert _run("export", "--to", "nonsense").exit_code == 2


def test_strict_writes_nothing(tmp_path):
    out = tmp_path / "lib.ris"
    result = _run("export", "--to", "ris", "--strict", "-o", str(out))
    assert result.exit_code == 1 and not out.exists()


def test_render_reads_exported_ris_and_bibtex(tmp_path):
    for fmt, name in (("ris", "a.ris"), ("bibtex", "a.bib"), ("csl-json", "a.json")):
        path = tmp_path / name
        _run("export", "--to", fmt, "-o", str(path))
        result = _run("render", str(path), "--style", "apa", "--format", "json")
        assert result.exit_code == 0, (fmt, result.output)
        entries = json.loads(result.stdout)
        assert len(entries) == 11 and all(e["annotation"] for e in entries)


def test_export_help_has_examples():
    result = _run("export", "--help")
    assert "Examples:" in result.output and "--to csl-json" in result.output

"""`annobib check` on the command line: output forms, exit codes, the bundled file."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from annobib.cli import main

BUNDLED = Path(__file__).parents[1] / "references.bib"
CLEAN = """@article{clean,
  author = {Niesters, M.}, title = {Ketamine for chronic pain}, journal = {Br J Clin Pharmacol},
  year = {2014}, volume = {77}, pages = {357--367}, doi = {10.1111/bcp.12094}, annote = {Read.}
}
"""
WARNED = CLEAN.replace("volume = {77}, ", "")
ERRED = CLEAN.replace("year = {2014}", "year = {2014}, month = {13}")


def run(*args):
    return CliRunner().invoke(main, ["check", *args])


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bundled_references_bib_checks_clean():
    for args in ([str(BUNDLED)], [str(BUNDLED), "--require", "annotation"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "no problems found" in result.stderr and result.stdout == ""


def test_exit_codes_clean_warnings_errors(tmp_path):
    assert run(write(tmp_path, "c.bib", CLEAN)).exit_code == 0
    assert run(write(tmp_path, "w.bib", WARNED)).exit_code == 3
    assert run(write(tmp_path, "e.bib", ERRED)).exit_code == 1
    assert run(write(tmp_path, "w2.bib", WARNED), "--strict").exit_code == 1


def test_text_lines_have_place_key_severity_rule_and_hint(tmp_path):
    path = write(tmp_path, "e.bib", ERRED)
    result = run(path)
    line = [text for text in result.stdout.splitlines() if "(month-range)" in text][0]
    assert re.match(rf"{re.escape(path)}:3: clean: error: month '13' is outside 1-12 \(month-range\) \u2014 \S", line)
    assert "1 error(s), 0 warning(s)" in result.stderr


def test_json_findings(tmp_path):
    result = run(write(tmp_path, "e.bib", ERRED), "--format", "json")
    findings = json.loads(result.stdout)
    assert [f["rule"] for f in findings] == ["month-range"]
    assert set(findings[0]) == {"file", "line", "key", "rule", "severity", "message", "hint"}
    assert findings[0]["line"] == 3 and findings[0]["severity"] == "error"
    assert json.loads(run(write(tmp_path, "c.bib", CLEAN), "-f", "json").stdout) == []


def test_require_and_ignore_options(tmp_path):
    no_note = write(tmp_path, "n.bib", CLEAN.replace(", annote = {Read.}", ""))
    assert run(no_note).exit_code == 0
    result = run(no_note, "--require", "annotation")
    assert result.exit_code == 1 and "(missing-annotation)" in result.stdout
    assert run(write(tmp_path, "w.bib", WARNED), "--ignore", "article-volume").exit_code == 0


def test_list_rules_names_every_rule():
    from annobib.lint import RULES

    result = run("--list-rules")
    assert result.exit_code == 0
    for rule_id in RULES:
        assert f"\n{rule_id} (" in "\n" + result.stdout


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    result = run(str(tmp_path / "missing.bib"))
    assert result.exit_code == 1 and "no such file" in result.stderr
    garbage = write(tmp_path, "g.bib", "@article{x, title = {unclosed\n@book{y,,, = }\n\x00\x01")
    result = run(garbage)
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)


def test_fix_usage_errors(tmp_path):
    path = write(tmp_path, "w.bib", WARNED)
    assert run(path, "--fix").exit_code == 2
    assert run(path, "-o", str(tmp_path / "x.bib")).exit_code == 2
    assert run(path, path, "--fix", "-o", str(tmp_path / "x.bib")).exit_code == 2
    json_input = write(tmp_path, "w.json", "[]")
    assert run(json_input, "--fix", "--in-place").exit_code == 2

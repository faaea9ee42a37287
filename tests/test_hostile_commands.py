"""Every hostile case through every command (issue 18): no traceback, every entry shown or named.

The accounting is tests/hostile_cases.run_command: each entry of the input is
in the command's output or named by a diagnostic. The quick subset runs a few
cases; the whole grid (every case x render, export, check, cite) is slow.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.hostile_cases import all_cases, run_command

from annobib.cli import main

COMMANDS = ["render", "export", "check", "cite"]
QUICK = ["header @ar ticle{k5,", "NUL in a header", "RIS record without TY", "author a number", "1,000-deep nesting"]


def _write(tmp_path: Path, name: str) -> Path:
    suffix, text = all_cases()[name]
    path = tmp_path / f"case{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", QUICK)
def test_quick_cases_through_every_command(tmp_path, name, command):
    outcome = run_command(command, _write(tmp_path, name))
    assert outcome.ok, outcome


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", sorted(set(all_cases()) - set(QUICK)))
def test_every_case_through_every_command(tmp_path, name, command):
    outcome = run_command(command, _write(tmp_path, name))
    assert outcome.ok, outcome


HOSTILE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Hostile</title><id>hostile</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter="&lt;img src=x onerror=alert(2)&gt;">
    <names variable="author" prefix="&lt;script&gt;alert(1)&lt;/script&gt;"><name initialize-with="&lt;i&gt;"/></names>
    <text variable="title" suffix="&lt;b&gt;"/></group></layout></bibliography>
</style>
"""


def test_markup_in_a_style_affix_delimiter_or_initial_is_escaped(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, title={A title}, author={Smith, Jane and Doe, John}, year=2001}\n")
    style = tmp_path / "hostile.csl"
    style.write_text(HOSTILE_STYLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bib), "--style", str(style), "--format", "html",
                                       "--no-cache"])
    assert "A title" in result.stdout
    for markup in ("<script>", "<img", "<i> ", "<b></div>"):
        assert markup not in result.stdout


def test_render_with_a_4301_digit_title_names_the_entry(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("@book{digits, title={" + "9" * 4301 + "}, year=2001}\n@book{b, title={B}, year=2002}\n")
    outcome = run_command("render", bib)
    assert outcome.ok, outcome


def test_cite_survives_an_unrenderable_item_elsewhere_in_the_bibliography(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("@book{digits, title={" + "9" * 4301 + "}, year=2001}\n@book{b, title={B}, year=2002}\n")
    result = CliRunner().invoke(main, ["cite", "b", "--bib", str(bib)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 3) and result.stdout.strip()


def test_a_style_with_a_missing_macro_is_one_error(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, title={A}, author={Smith, J.}, year=2001}\n@book{b, title={B}, year=2002}\n")
    style = tmp_path / "broken.csl"
    style.write_text(HOSTILE_STYLE.replace('<text variable="title" suffix="&lt;b&gt;"/>',
                                           '<text macro="no-such-macro"/>'), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bib), "--style", str(style), "--no-cache"])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: style")


# How long these take is measured by scripts/bench_hostile.py (--only big), not here.

@pytest.mark.slow
def test_two_entries_sharing_1000_authors_are_told_apart_by_year_suffix(tmp_path):
    authors = " and ".join(f"Author{i}, A." for i in range(1000))
    bib = tmp_path / "big.bib"
    bib.write_text(f"@article{{x1, title={{One}}, author={{{authors}}}, year=2020}}\n"
                   f"@article{{x2, title={{Two}}, author={{{authors}}}, year=2020}}\n")
    result = CliRunner().invoke(main, ["render", str(bib), "--no-cache", "-j1"])
    assert result.exit_code == 0, result.output
    entries = [line for line in result.stdout.splitlines() if line.strip()]
    # APA: 19 authors, an ellipsis, the last one; the same names and year, so 2020a and 2020b
    assert len(entries) == 2 and all("… Author999, A. (2020" in entry for entry in entries)
    assert entries[0].endswith("(2020a). One.") and entries[1].endswith("(2020b). Two.")


@pytest.mark.slow
def test_a_4301_digit_title_among_2000_entries_is_printed_with_the_rest(tmp_path):
    from tests.hostile_cases import clean_bibtex

    bib = tmp_path / "big.bib"
    bib.write_text(clean_bibtex(2000) + "@book{digits, title={" + "9" * 4301 + "}, year=2001}\n")
    result = CliRunner().invoke(main, ["render", str(bib), "--no-cache", "-f", "json"])
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    rendered = json.loads(result.stdout)
    assert len(rendered) == 2001
    assert next(item for item in rendered if item["id"] == "digits")["text"] == "9" * 4301 + ". (2001)."


@pytest.mark.parametrize("style", ["apa", "vancouver", "chicago-author-date", "mla"])
def test_numbers_of_5000_digits_render_and_cite_as_written(tmp_path, style):
    nines, ones = "9" * 5000, "1" * 5000
    item = {"id": "h", "type": "book", "title": "T", "edition": nines, "volume": f"{nines}-{nines}9",
            "page": f"{ones}-{ones}2", "issued": {"date-parts": [[2000]]}}
    path = tmp_path / "huge.json"
    path.write_text(json.dumps([item, {"id": "g", "type": "book", "title": "G", "edition": "2"}]))
    rendered = CliRunner().invoke(main, ["render", str(path), "-s", style, "--no-cache", "-f", "json"])
    assert rendered.exit_code == 0, rendered.output
    (entry,) = [e for e in json.loads(rendered.stdout) if e["id"] == "h"]
    assert nines in entry["text"]
    cited = CliRunner().invoke(main, ["cite", "h", "g", "-s", style, "--bib", str(path)])
    assert cited.exit_code == 0 and cited.stdout.strip(), cited.output

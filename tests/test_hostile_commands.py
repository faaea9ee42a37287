"""Every hostile case through every command (issue 18): no traceback, every entry shown or named.

The accounting is tests/hostile_cases.run_command: each entry of the input is
in the command's output or named by a diagnostic. The quick subset runs a few
cases; the whole grid (every case x render, export, check, cite) is slow.
The last tests are what the CSL engine still owes (xfail, for the lead).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.hostile_cases import all_cases, run_command

from annobib.cli import main

COMMANDS = ["render", "export", "check", "cite"]
# Cases whose failure is the engine's (see the xfail tests below), not the reader's.
ENGINE_CASES = {"4,301 digits in a title"}
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
@pytest.mark.parametrize("name", sorted(set(all_cases()) - ENGINE_CASES - set(QUICK)))
def test_every_case_through_every_command(tmp_path, name, command):
    outcome = run_command(command, _write(tmp_path, name))
    assert outcome.ok, outcome


# -- what the engine owes (the lead's part of issue 18) ------------------------------------




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


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="engine: disambiguation is quadratic in long shared author lists "
                                       "(two entries with 1,000 shared authors must render in seconds)")
def test_two_entries_sharing_1000_authors_render_in_seconds(tmp_path):
    authors = " and ".join(f"Author{i}, A." for i in range(1000))
    bib = tmp_path / "big.bib"
    bib.write_text(f"@article{{x1, title={{One}}, author={{{authors}}}, year=2020}}\n"
                   f"@article{{x2, title={{Two}}, author={{{authors}}}, year=2020}}\n")
    try:
        done = subprocess.run([sys.executable, "-c", "from annobib.cli import main; main()", "render", str(bib),
                               "--no-cache"], capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("over 10 s")
    assert done.returncode in (0, 3)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="engine: the slow fallback with one bad item among 2,000 (must stay "
                                       "near a clean render's time, and not raise)")
def test_one_bad_item_among_2000_is_named_quickly(tmp_path):
    from tests.hostile_cases import clean_bibtex

    bib = tmp_path / "big.bib"
    bib.write_text(clean_bibtex(2000) + "@book{digits, title={" + "9" * 4301 + "}, year=2001}\n")
    try:
        done = subprocess.run([sys.executable, "-c", "from annobib.cli import main; main()", "render", str(bib),
                               "--no-cache"], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("over 20 s")
    assert done.returncode in (0, 1, 3) and "Traceback" not in done.stderr and "digits" in done.stderr

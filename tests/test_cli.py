"""The `render` and `styles` commands, through click's CliRunner."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from annobib.cli import main

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_KEYS = {
    "justusnd", "persson1995", "blonk2010", "mitchell2001", "uic2022", "bredlau2013",
    "niesters2014", "painmedicinenews2018", "cohen2018", "schwenk2018", "cha2019",
}
SMALL_BIB = r"""
@article{Zeta2001,
  author = {Zeta, Anna},
  title = {A title with \textit{italics}},
  journal = {Journal},
  year = {2001},
  annote = {Zeta's annotation.},
  keywords = {oral; review}
}
@book{alpha1999,
  author = {Alpha, Bob},
  title = {A book},
  publisher = {Press},
  year = {1999}
}
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def small_bib(tmp_path):
    path = tmp_path / "small.bib"
    path.write_text(SMALL_BIB, encoding="utf-8")
    return path


def test_render_without_arguments_uses_the_bundled_bibliography(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):  # no references.bib here: the bundled copy is used
        result = runner.invoke(main, ["render", "--format", "json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert {item["id"] for item in items} == BUNDLED_KEYS
    assert all(item["annotation"] for item in items)
    assert result.stderr == ""


def test_render_prefers_references_bib_in_the_current_folder(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        Path("references.bib").write_text(SMALL_BIB, encoding="utf-8")
        result = runner.invoke(main, ["render", "--format", "json"])
    assert [item["id"] for item in json.loads(result.stdout)] == ["alpha1999", "Zeta2001"]


def test_default_text_output_is_apa_with_indented_annotations(runner, small_bib):
    result = runner.invoke(main, ["render", str(small_bib)])
    assert result.exit_code == 0
    assert result.stdout == (
        "Alpha, B. (1999). A book. Press.\n\n"
        "Zeta, A. (2001). A title with italics. Journal.\n"
        "    Zeta's annotation.\n"
    )


def test_json_contract(runner, small_bib):
    items = json.loads(runner.invoke(main, ["render", str(small_bib), "--format", "json"]).stdout)
    zeta = items[1]
    assert set(zeta) >= {"id", "text", "html", "annotation", "tags"}
    assert zeta["id"] == "Zeta2001"  # case kept
    assert zeta["annotation"] == "Zeta's annotation."
    assert zeta["tags"] == ["oral", "review"]
    assert "<i>Journal</i>" in zeta["html"] and "annotation" not in zeta["html"]
    assert items[0]["annotation"] is None and items[0]["tags"] == []


def test_vancouver_numbers_in_input_order(runner, small_bib):
    items = json.loads(
        runner.invoke(main, ["render", str(small_bib), "--style", "vancouver", "--format", "json"]).stdout)
    assert [item["id"] for item in items] == ["Zeta2001", "alpha1999"]
    assert items[0]["text"].startswith("1.") and items[1]["text"].startswith("2.")


def test_markdown_keeps_italics_and_puts_the_annotation_after(runner, small_bib):
    out = runner.invoke(main, ["render", str(small_bib), "--format", "markdown"]).stdout
    assert "A title with *italics*. *Journal*." in out
    assert "*Journal*.\n\n> Zeta's annotation.\n" in out  # a block quote (issue 15)


def test_html_fragment_and_standalone(runner, small_bib):
    fragment = runner.invoke(main, ["render", str(small_bib), "--format", "html"]).stdout
    assert fragment.startswith('<div class="csl-bib-body">')
    assert '<div class="annotation"><p>Zeta&#x27;s annotation.</p></div>' in fragment or \
        '<div class="annotation"><p>Zeta\'s annotation.</p></div>' in fragment
    page = runner.invoke(main, ["render", str(small_bib), "--format", "html", "--standalone"]).stdout
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page


def test_no_annotations(runner, small_bib):
    out = runner.invoke(main, ["render", str(small_bib), "--no-annotations"]).stdout
    assert "annotation" not in out.lower() and "Zeta, A. (2001)" in out
    items = json.loads(runner.invoke(main, ["render", str(small_bib), "--no-annotations", "--format", "json"]).stdout)
    assert all(item["annotation"] is None for item in items)


def test_output_file_format_from_suffix(runner, small_bib, tmp_path):
    target = tmp_path / "list.md"
    result = runner.invoke(main, ["render", str(small_bib), "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "*Journal*" in target.read_text(encoding="utf-8")


def test_several_files_and_csl_json(runner, small_bib, tmp_path):
    extra = tmp_path / "zotero.json"
    extra.write_text(json.dumps([{"id": "Web1", "type": "webpage", "title": "Page", "URL": "https://e.org",
                                  "note": "From Zotero."}]), encoding="utf-8")
    items = json.loads(runner.invoke(main, ["render", str(small_bib), str(extra), "--format", "json"]).stdout)
    assert {i["id"] for i in items} == {"Zeta2001", "alpha1999", "Web1"}
    assert next(i for i in items if i["id"] == "Web1")["annotation"] == "From Zotero."


def test_style_by_path_and_unknown_style(runner, small_bib):
    from annobib.styles import resolve_style

    path = str(resolve_style("apa"))
    assert runner.invoke(main, ["render", str(small_bib), "--style", path]).exit_code == 0
    result = runner.invoke(main, ["render", str(small_bib), "--style", "no-such-style"])
    assert result.exit_code == 1
    assert "Error: unknown style 'no-such-style'" in result.stderr


def test_missing_file_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["render", str(tmp_path / "nope.bib")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.bib'}: no such file"


def test_warnings_go_to_stderr_and_set_exit_code_3(runner, tmp_path):
    path = tmp_path / "odd.bib"
    path.write_text("@thing{odd1, title = {T}}\n", encoding="utf-8")
    result = runner.invoke(main, ["render", str(path), "--format", "json"])
    assert result.exit_code == 3
    assert json.loads(result.stdout)[0]["id"] == "odd1"
    assert f"{path}:1: odd1: warning: unknown entry type @thing" in result.stderr


def test_strict_turns_warnings_into_errors_and_writes_nothing(runner, tmp_path):
    path = tmp_path / "odd.bib"
    path.write_text("@thing{odd1, title = {T}}\n", encoding="utf-8")
    target = tmp_path / "out.txt"
    result = runner.invoke(main, ["render", str(path), "--strict", "-o", str(target)])
    assert result.exit_code == 1 and not target.exists()
    assert ": odd1: error: unknown entry type" in result.stderr


def test_styles_lists_aliases_and_filters(runner):
    result = runner.invoke(main, ["styles", "vancouver"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("vancouver -> nlm-citation-sequence\t")
    assert all("vancouver" in line.lower() for line in lines)
    assert runner.invoke(main, ["styles", "zzzz-no-style"]).exit_code == 1


def _command_names() -> list[str]:
    names = main.list_commands(click.Context(main))
    assert "render" in names and "check" in names
    return names


def test_every_command_has_help_with_an_example(runner):
    for name in _command_names():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"{name} --help has no example"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _command_names():
        assert f"annobib {name}" in readme, name


def test_python_dash_m_runs_the_cli():
    run = subprocess.run([sys.executable, "-m", "annobib", "render", "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT / "tests", env={**os.environ})
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)) == len(BUNDLED_KEYS)


def test_the_json_layout_is_json_dumps_with_an_indent():
    """formats/json_list.py writes the layout itself (speed); it must be json.dumps's to the byte."""
    import random

    from annobib.formats.json_list import dumps_indented

    rng = random.Random(3)
    words = ["", "a", "Ünïcode “quoted”", 'back\\slash "q"', "line\nbreak", "tab\t", "\u2028", "<i>x</i>"]
    for _ in range(300):
        items = []
        for _ in range(rng.randrange(4)):
            item = {"id": rng.choice(words), "text": rng.choice(words), "annotation": rng.choice([None, *words]),
                    "tags": [rng.choice(words) for _ in range(rng.randrange(3))]}
            if rng.random() < 0.3:
                item["groups"] = [rng.choice(words) for _ in range(rng.randrange(3))]
            items.append(item)
        assert dumps_indented(items) == json.dumps(items, ensure_ascii=False, indent=2)

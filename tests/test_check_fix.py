"""`annobib check --fix`: a normalised copy that keeps everything else of the user's file."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annobib.cli import main
from annobib.lint.dates import to_iso
from annobib.lint.fix import fix_text

MESSY = """% My reading list -- keep this comment
@string{ejp = {European Journal of Pain}}

@preamble{"\\newcommand{\\noop}[1]{}"}

@Article{blonk2010,
  AUTHOR     = {Blonk, Maren I.},
  Title      = {Use of oral ketamine},
  journal    = ejp # { (Online)},
  year       = 2010,
  doi        = {https://doi.org/10.1016/j.ejpain.2009.09.005},
  keywords   = {review, oral,
                dosing},
  urldate    = "May 4, 2025",
  ANNOTATION = {A review, with commas.},
  x-custom   = {kept as is},
}

@online{page, title = {T}, url = {https://x.org}, date = {2025/5/4}, urldate = {2025-05-04}, annote = {ok}}
"""

EXPECTED = MESSY.replace("https://doi.org/10.1016", "10.1016").replace(
    "{review, oral,\n", "{review; oral;\n").replace('"May 4, 2025"', '"2025-05-04"').replace(
    "ANNOTATION = ", "ANNOTE = ").replace("date = {2025/5/4}", "date = {2025-05-04}")


def test_fix_changes_only_the_normalised_values():
    fixed, changes = fix_text(MESSY)
    assert fixed == EXPECTED
    assert {c.field for c in changes} == {"doi", "keywords", "urldate", "annotation", "date"}
    assert fix_text(fixed) == (fixed, [])  # a second pass has nothing left to do


def test_fix_leaves_annotation_alone_when_annote_exists_and_macros_alone():
    text = "@article{a, annote = {one}, annotation = {two}, keywords = kw, doi = {10.1/x}}\n"
    assert fix_text(text) == (text, [])


def test_fix_keeps_crlf_line_endings():
    text = MESSY.replace("\n", "\r\n")
    fixed, _ = fix_text(text)
    assert fixed == EXPECTED.replace("\n", "\r\n")


def test_to_iso():
    assert to_iso("May 4, 2025") == "2025-05-04"
    assert to_iso("4 May 2025") == "2025-05-04"
    assert to_iso("2025/5/4") == "2025-05-04"
    assert to_iso("04.05.2025") == "2025-05-04"
    assert to_iso("25/12/2020") == "2020-12-25"
    assert to_iso("Sept. 2019") == "2019-09"
    assert to_iso("04/05/2025") is None  # April or May: not guessed
    assert to_iso("2021-02-30") is None
    assert to_iso("yesterday") is None


def test_fix_to_a_copy_leaves_the_input_untouched(tmp_path):
    source = tmp_path / "messy.bib"
    source.write_bytes(MESSY.encode("utf-8"))
    target = tmp_path / "clean.bib"
    result = CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(target)])
    assert source.read_bytes() == MESSY.encode("utf-8")
    assert target.read_text(encoding="utf-8") == EXPECTED
    assert "fixed: doi" in result.stderr
    assert "(zotero-annotation)" not in result.stdout and "(doi-form)" not in result.stdout
    assert not list(tmp_path.glob("*.bak*"))


def test_fix_refuses_to_write_over_its_input_with_o(tmp_path):
    source = tmp_path / "messy.bib"
    source.write_text(MESSY, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(source)])
    assert result.exit_code == 1 and "refusing" in result.stderr
    assert source.read_text(encoding="utf-8") == MESSY


def test_fix_in_place_keeps_a_backup_and_never_overwrites_one(tmp_path):
    source = tmp_path / "messy.bib"
    source.write_bytes(MESSY.encode("utf-8"))
    CliRunner().invoke(main, ["check", str(source), "--fix", "--in-place"])
    assert source.read_text(encoding="utf-8") == EXPECTED
    assert (tmp_path / "messy.bib.bak").read_bytes() == MESSY.encode("utf-8")

    source.write_text(MESSY, encoding="utf-8")  # messy again: a second backup goes beside the first
    CliRunner().invoke(main, ["check", str(source), "--fix", "--in-place"])
    assert (tmp_path / "messy.bib.bak.1").read_text(encoding="utf-8") == MESSY
    assert (tmp_path / "messy.bib.bak").read_bytes() == MESSY.encode("utf-8")


def test_fix_in_place_with_nothing_to_fix_writes_nothing(tmp_path):
    source = tmp_path / "clean.bib"
    source.write_text(EXPECTED, encoding="utf-8")
    before = source.stat().st_mtime_ns
    result = CliRunner().invoke(main, ["check", str(source), "--fix", "--in-place"])
    assert "nothing to fix" in result.stderr
    assert source.stat().st_mtime_ns == before and not list(tmp_path.glob("*.bak*"))


def test_fix_keeps_the_file_encoding(tmp_path):
    source = tmp_path / "latin.bib"
    text = "@book{k, author = {K\u00f6der, B.}, title = {T}, year = {2001}, publisher = {P}, keywords = {a, b}}\n"
    source.write_bytes(text.encode("latin-1"))
    target = tmp_path / "out.bib"
    CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(target)])
    assert target.read_bytes() == text.replace("{a, b}", "{a; b}").encode("latin-1")


def test_bundled_bibliography_needs_no_fix():
    text = (Path(__file__).parents[1] / "references.bib").read_text(encoding="utf-8")
    assert fix_text(text) == (text, [])

"""Safety: user text stays text, styles are parsed safely, output is atomic and never over an input."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from annobib.cli import main
from annobib.diagnostics import OutputError, StyleError
from annobib.engine.style import ParsedStyle
from annobib.output import write_output

EVIL = ("@article{evil, author={Eve <img src=x onerror=alert(1)>}, title={Hello <script>alert(2)</script> & a < b},"
        " journal={J}, year=2020, annote={<script>alert(3)</script> & more}, keywords={<tag>, \"q\"}}\n")


def render(tmp_path, fmt, *extra):
    path = tmp_path / "evil.bib"
    path.write_text(EVIL)
    result = CliRunner().invoke(main, ["render", str(path), "-f", fmt, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout


@pytest.mark.parametrize("extra", [(), ("--standalone",)])
def test_html_never_contains_user_markup(tmp_path, extra):
    out = render(tmp_path, "html", *extra)
    assert "<script>alert" not in out and "<img" not in out
    assert "&lt;script&gt;alert(2)&lt;/script&gt; &amp; a &lt; b" in out
    assert "&lt;script&gt;alert(3)&lt;/script&gt; &amp; more" in out


def test_text_and_markdown_keep_the_characters(tmp_path):
    text = render(tmp_path, "text")
    assert "Hello <script>alert(2)</script> & a < b" in text
    markdown = render(tmp_path, "markdown")
    assert "<script>" not in markdown and "\\<script\\>" in markdown


def test_escape_keeps_csl_rich_text_tags():
    from annobib.engine import Engine
    from annobib.styles import resolve_style

    title = 'A <i>b</i> & <span class="nocase">DNA</span> <sup>2</sup> <em>x</em>'
    [entry] = Engine(resolve_style("apa")).render_bibliography(
        [{"id": "a&b", "type": "book", "title": title, "issued": {"date-parts": [[2000]]}}]
    )
    # CSL's own tags stay markup (the nested italics flip to roman, as in citeproc-js);
    # everything else is text.
    assert '<span style="font-style:normal;">b</span> &amp; DNA <sup>2</sup> &lt;em&gt;x&lt;/em&gt;' in entry.html
    assert entry.id == "a&b"


STYLE_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


@pytest.mark.parametrize("body, message", [
    ('<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]><style xmlns="http://purl.org/net/xbiblio/csl">'
     '&x;</style>', "DOCTYPE or entities"),
    ('<style xmlns="http://purl.org/net/xbiblio/csl"><info>', "not well-formed XML"),
    ('<html/>', "not a CSL style"),
    ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
     '<citation><layout><text variable="title"/></layout></citation></style>', "no bibliography"),
])
def test_bad_styles_are_clear_errors(tmp_path, body, message):
    path = tmp_path / "bad.csl"
    path.write_text(STYLE_HEAD + body)
    if message == "no bibliography":
        from annobib.engine import Engine

        with pytest.raises(StyleError, match=message):
            Engine(path).render_bibliography([{"id": "a", "type": "book", "title": "T"}])
    else:
        with pytest.raises(StyleError, match=message):
            ParsedStyle(path)


def test_bad_style_through_the_cli_is_one_error_line(tmp_path):
    path = tmp_path / "bad.csl"
    path.write_text("<style")
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, title={A}}\n")
    result = CliRunner().invoke(main, ["render", str(bib), "--style", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr


def test_output_is_written_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    write_output("first\n", str(target), [])
    write_output("second\n", str(target), [])
    assert target.read_text() == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_output("new\n", str(target), [])
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_refuses_to_write_over_an_input(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a, title={A}}\n")
    before = bib.read_bytes()
    result = CliRunner().invoke(main, ["render", str(bib), "-o", str(bib)])
    assert result.exit_code == 1 and "refusing to write" in result.stderr
    link = tmp_path / "link.txt"
    link.symlink_to(bib)
    result = CliRunner().invoke(main, ["render", str(bib), "-o", str(link)])
    assert result.exit_code == 1
    assert bib.read_bytes() == before


def test_inputs_are_never_written(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a, title={A}, year={bad}}\n@book{a, title={dup}}\n")
    stamp = bib.stat()
    for args in (["render", str(bib)], ["render", str(bib), "-o", str(tmp_path / "o.html")],
                 ["render", str(bib), "--strict"]):
        CliRunner().invoke(main, args)
    assert bib.stat().st_mtime_ns == stamp.st_mtime_ns and bib.read_text().startswith("@book{a, title={A}")


@pytest.mark.parametrize("content, args, code", [
    ("@book{a, title={A}, year=2000}\n", [], 0),
    ("@book{a, title={A}, year={someday}}\n", [], 3),
    ("@book{a, title={A}, year={someday}}\n", ["--strict"], 1),
    ("@book{a, title={A}\n@book{b, title={B}}\n", [], 1),
])
def test_exit_codes(tmp_path, content, args, code):
    bib = tmp_path / "x.bib"
    bib.write_text(content)
    result = CliRunner().invoke(main, ["render", str(bib), *args])
    assert result.exit_code == code, result.stderr
    if code:
        assert f"{bib}:1:" in result.stderr


def test_usage_error_is_exit_2():
    assert CliRunner().invoke(main, ["render", "--no-such-option"]).exit_code == 2


def test_diagnostic_line_format(tmp_path):
    bib = tmp_path / "x.bib"
    bib.write_text("@book{a,\n title={A},\n year={someday}}\n")
    result = CliRunner().invoke(main, ["render", str(bib)])
    assert result.stderr.splitlines()[0].startswith(f"{bib}:3: a: warning: year 'someday'")

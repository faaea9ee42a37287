"""An entry the CSL engine cannot render: reported by file, line and key, never a traceback,
and the rest of the list is still written (engine/process.py, bibliography_html)."""
from __future__ import annotations

from click.testing import CliRunner

from annobib.cli import main
from annobib.engine.elements.layout import Bibliography

BIB = r"""
@book{good1999,
  author = {Alpha, Bob},
  title = {A book},
  publisher = {Press},
  year = {1999}
}

@book{bad2001,
  author = {Beta, Cy},
  title = {Crash here},
  publisher = {Press},
  year = {2001}
}
"""


def crash_on_title(monkeypatch, title, *, only_with_dates=False):
    """Make the engine fail on one entry (on any entry with that title, or only while it has a date)."""
    original = Bibliography.entry

    def entry(self, scope):
        item = scope.item
        if item.raw("title") == title and (not only_with_dates or item.has("issued")):
            raise RuntimeError("the engine fails on this item")
        return original(self, scope)

    monkeypatch.setattr(Bibliography, "entry", entry)


def test_an_entry_the_engine_fails_on_is_left_out_and_named(tmp_path, monkeypatch):
    crash_on_title(monkeypatch, "Crash here")
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "--no-cache", "-j", "1"])
    assert result.exit_code == 1
    assert "Alpha, B. (1999). A book. Press." in result.stdout
    assert "Crash here" not in result.stdout
    assert f"{path}:9: bad2001: error: the CSL engine failed on this entry; it is left out" in result.stderr
    assert "Traceback" not in result.output


def test_an_entry_that_fails_on_its_date_is_shown_simplified_with_a_warning(tmp_path, monkeypatch):
    crash_on_title(monkeypatch, "Crash here", only_with_dates=True)
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "--no-cache", "-j", "1"])
    assert result.exit_code == 3
    assert "Beta, C. (n.d.). Crash here. Press." in result.stdout
    assert "bad2001: warning: the CSL engine failed on its date; it is shown simplified" in result.stderr
    strict = CliRunner().invoke(main, ["render", str(path), "--no-cache", "-j", "1", "--strict"])
    assert strict.exit_code == 1 and strict.stdout == ""

"""Issue 15: --author and --search find people by their names; styles and locales by theirs."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from annobib.cli import main
from annobib.diagnostics import StyleError
from annobib.read import read_files
from annobib.resources import default_bibliography
from annobib.select import Selection, fold, select
from annobib.styles import list_styles, resolve_locale, resolve_style


@pytest.fixture(scope="module")
def bundled():
    return read_files([str(default_bibliography())]).records


def keys(records, **criteria) -> list[str]:
    return [r.id for r in select(records, Selection(**criteria))]


@pytest.mark.parametrize("name", ["Brigitte Köder", "Maren Blonk", "Patricia van den Bemt", "B. G. Köder",
                                  "Köder, Brigitte", "Koder BG", "van den Bemt", "koder", "Maren I. Blonk"])
def test_author_by_given_and_family_name(bundled, name):
    assert keys(bundled, authors=(name,)) == ["blonk2010"]


@pytest.mark.parametrize("name", ["Brigitte Blonk", "Sam Cohen", "Maria Köder"])
def test_author_given_names_must_belong_to_that_person(bundled, name):
    with pytest.raises(Exception, match="no entry matches"):
        keys(bundled, authors=(name,))


def test_author_of_an_organisation_by_any_run_of_its_words(bundled):
    assert keys(bundled, authors=("Illinois Chicago",)) == ["uic2022"]


def test_readme_example_finds_brigitte_koder():
    result = CliRunner().invoke(main, ["render", "--author", "Brigitte Köder", "--format", "json"])
    assert result.exit_code == 0 and '"id": "blonk2010"' in result.stdout


def test_search_looks_at_authors_and_editors_too(bundled):
    assert keys(bundled, search="Brigitte") == ["blonk2010"]
    assert keys(bundled, search="Hooten infusions") == ["cohen2018", "schwenk2018"]


@pytest.mark.parametrize("plain, fancy", [("ostergaard", "Østergaard"), ("baek", "Bæk"), ("lukasz", "Łukasz"),
                                          ("strasse", "Straße"), ("author's", "author’s"), ("it's", "it‘s")])
def test_fold(plain, fancy):
    assert fold(fancy) == fold(plain)


# --- styles --------------------------------------------------------------------------------

def test_style_titles_are_unescaped():
    titles = {s.name: s.title for s in list_styles("taylor-and-francis-chicago-author-date")}
    assert titles["taylor-and-francis-chicago-author-date"].startswith("Taylor & Francis")


@pytest.mark.parametrize("alias, target", [
    ("mla", "modern-language-association"), ("chicago", "chicago-notes-bibliography"),
    ("apa-annotated", "apa-annotated-bibliography"), ("mla-annotated",
                                                      "modern-language-association-annotated-bibliography"),
    ("chicago-annotated", "chicago-notes-bibliography-annotated"),
])
def test_aliases(alias, target):
    assert resolve_style(alias).stem == target


@pytest.mark.parametrize("typo, suggestion", [("apa7", "apa"), ("vancuver", "vancouver"), ("APA7", "apa")])
def test_did_you_mean(typo, suggestion):
    with pytest.raises(StyleError, match=f"Did you mean: {suggestion}"):
        resolve_style(typo)


def test_a_style_name_never_loads_a_file_outside_the_style_folders(tmp_path, monkeypatch):
    outside = tmp_path / "x"
    shutil.copy(resolve_style("apa"), outside)  # a style file without .csl
    shutil.copy(resolve_style("apa"), tmp_path / "mine.csl")
    monkeypatch.chdir(tmp_path / "..")
    for name in (f"{tmp_path.name}/x", "../../x", str(outside), "..", "a/b"):
        with pytest.raises(StyleError, match="is not a style name"):
            resolve_style(name)
    assert resolve_style(str(tmp_path / "mine.csl")) == tmp_path / "mine.csl"  # an explicit .csl path works
    result = CliRunner().invoke(main, ["render", "--style", "../../x"])
    assert result.exit_code == 1 and "not a style name" in result.stderr


# --- locales -------------------------------------------------------------------------------

@pytest.mark.parametrize("given, code", [("de", "de-DE"), ("de_de", "de-DE"), ("EN-gb", "en-GB"), ("fr-FR", "fr-FR")])
def test_locales_resolve(given, code):
    assert resolve_locale(given) == code


def test_an_unknown_locale_is_a_usage_error_saying_how_to_find_one():
    result = CliRunner().invoke(main, ["render", "--locale", "xx-YY"])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "unknown locale 'xx-YY'" in message and "annobib styles --locales" in message
    listed = CliRunner().invoke(main, ["styles", "--locales"]).stdout.split()
    assert "de-DE" in listed and "en-US" in listed and len(listed) > 50
    assert CliRunner().invoke(main, ["cite", "cohen2018", "--locale", "klingon"]).exit_code == 2


@pytest.fixture
def second_edition(tmp_path):
    path = tmp_path / "ed.bib"
    path.write_text("@book{b, author={Muster, Max}, title={Ein Buch}, edition={2}, publisher={Verlag}, year={2001},"
                    " langid={ngerman}}\n", encoding="utf-8")
    return str(path)


def test_locale_changes_terms(second_edition):
    result = CliRunner().invoke(main, ["render", second_edition, "--locale", "de", "--no-cache"])
    assert "Aufl." in result.stdout


def test_ordinals_are_localised(second_edition):
    result = CliRunner().invoke(main, ["render", second_edition, "--locale", "de-DE", "--no-cache"])
    assert "(2. Aufl.)" in result.stdout

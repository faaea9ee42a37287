"""``annobib cite``: locators, prefix and suffix, narrative and suppress-author, several citations.

Each form is written the command-line way and checked against citeproc-js's
text for the same citation in the test manuscript (golden files), in APA and
Vancouver (strict xfail only where the engine is known to differ).
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.pandoc_helpers import BUNDLED_BIB, golden, golden_params

from annobib.cli import main
from annobib.cli.cite import _clusters
from annobib.read import read_files

KNOWN = {record.id for record in read_files([BUNDLED_BIB]).records}
# Each command-line form and the manuscript citation (golden) it writes.
FORMS = {
    "[@niesters2014, p. 23]": [["niesters2014@23"], ["niesters2014", "--locator", "p. 23"],
                               ["niesters2014@p. 23"], ["[@niesters2014, p. 23]"]],
    "[see @niesters2014, p. 23]": [["niesters2014@23", "--prefix", "see"],
                                   ["niesters2014", "--locator", "p. 23", "--prefix", "see"]],
    "[-@niesters2014]": [["niesters2014", "--suppress-author"], ["niesters2014", "-A"], ["-@niesters2014"]],
    "[@niesters2014, p. 23, emphasis added]": [["niesters2014", "--locator", "p. 23", "--suffix", "emphasis added"],
                                               ["niesters2014@p. 23, emphasis added"]],
    "@cohen2018 [chap. 2]": [["cohen2018", "--narrative", "--locator", "chap. 2"], ["cohen2018@chap. 2", "-n"]],
    "@niesters2014": [["niesters2014", "--narrative"]],
    "[@justusnd; @uic2022; @painmedicinenews2018, para. 4]": [["justusnd", "uic2022", "painmedicinenews2018@para. 4"]],
}


def run(*args: str):
    return CliRunner().invoke(main, ["cite", "--bib", str(BUNDLED_BIB), *args])


def _cites(args: list[str]):
    options = {"locator": None, "prefix": None, "suffix": None, "narrative": False, "suppress_author": False}
    positional = []
    flags = {"--locator": "locator", "--prefix": "prefix", "--suffix": "suffix"}
    iterator = iter(args)
    for arg in iterator:
        if arg in flags:
            options[flags[arg]] = next(iterator)
        elif arg in ("--narrative", "-n"):
            options["narrative"] = True
        elif arg in ("--suppress-author", "-A"):
            options["suppress_author"] = True
        else:
            positional.append(arg)
    [cluster] = _clusters(positional, KNOWN, "apa", None, options)
    return cluster.cites


@pytest.mark.parametrize("source,forms", FORMS.items(), ids=list(FORMS))
def test_command_line_forms_build_the_manuscripts_cites(source, forms):
    """Every way of writing a citation on the command line gives the cites pandoc's syntax gives."""
    expected = _cites([source])
    for form in forms:
        assert _cites(form) == expected, form


def _golden_forms(style: str) -> list:
    """For each golden citation, its first command-line form without options (options apply to a
    call of one citation, and the manuscript's context needs the others); the pandoc syntax when
    every form has options (test_command_line_forms_build_the_manuscripts_cites shows they agree)."""
    params = []
    for param in golden_params(style):
        _index, case = param.values
        if case["source"] in FORMS:
            plain = [f for f in FORMS[case["source"]] if not any(a.startswith("-") and a[1:2] != "@" for a in f)]
            form = plain[0] if plain else [case["source"]]
            params.append(pytest.param(style, case, form, marks=param.marks, id=f"{style}-{case['source']}"))
    return params


@pytest.mark.parametrize("style,case,form", _golden_forms("apa") + _golden_forms("vancouver"))
def test_form_matches_citeproc_js(style, case, form):
    """In the manuscript's context: the citations before it, the cited entries numbered in order
    of first citation."""
    sources = [c["source"] for c in golden(style)["cases"]]
    before = sources[:sources.index(case["source"])]
    result = run("--cited-only", "-s", style, *before, *form)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == case["text"]


def test_locator_forms_print_the_same():
    outputs = {run(*form).stdout for form in FORMS["[@niesters2014, p. 23]"]}
    assert outputs == {"(Niesters et al., 2014, p. 23)\n"}


def test_several_citations_one_line_each_numbered_as_the_bibliography_or_as_cited():
    result = run("-s", "vancouver", "[@persson1995]", "[@blonk2010]", "persson1995")
    assert result.stdout.splitlines() == ["(2)", "(3)", "(2)"]  # the bundled file's order
    result = run("-s", "vancouver", "--cited-only", "[@persson1995]", "[@blonk2010]", "persson1995")
    assert result.stdout.splitlines() == ["(1)", "(2)", "(1)"]  # order of first citation


def test_bare_keys_side_by_side_are_one_citation_a_syntax_argument_its_own():
    result = run("niesters2014", "persson1995", "[@blonk2010]", "cohen2018")
    assert result.stdout.splitlines() == ["(Niesters et al., 2014; Persson et al., 1995)", "(Blonk et al., 2010)",
                                          "(Cohen et al., 2018)"]


def test_a_repeated_key_is_cited_once():
    assert run("niesters2014", "persson1995", "niesters2014").stdout == run("niesters2014", "persson1995").stdout
    assert run("[@blonk2010; @blonk2010]").stdout == "(Blonk et al., 2010)\n"


def test_options_for_one_citation_with_several_is_a_usage_error():
    result = run("[@blonk2010]", "[@cohen2018]", "--locator", "3")
    assert result.exit_code == 2
    assert "apply to one citation" in result.stderr


def test_bad_syntax_is_a_usage_error_and_unknown_keys_are_named():
    result = run("[@blonk2010")
    assert result.exit_code == 2 and "not a citation" in result.stderr
    result = run("[see @blonk2010; @nobody, p. 3]")
    assert result.exit_code == 1 and "unknown key: nobody" in result.stderr


def test_a_locator_that_is_not_one_becomes_the_suffix_as_in_pandoc():
    [cite] = _cites(["niesters2014", "--locator", "ch. 2"])  # "ch." is no term of the locale
    assert cite.locator is None and cite.suffix == ", ch. 2"


def test_help_shows_every_form():
    help_text = CliRunner().invoke(main, ["cite", "--help"]).stdout
    for form in ("--locator", "niesters2014@23", "--prefix", "--narrative", "--suppress-author", "[see @",
                 "-s vancouver"):
        assert form in help_text, form


def test_a_cite_the_engine_fails_on_is_named_with_file_line_and_key(tmp_path, cites_of_crash_here_fail):
    """The citation still prints (citeproc-js's marker for a reference it cannot print, the
    other cite as usual), and the entry is an error on stderr: exit 1, and nothing under --strict."""
    path = tmp_path / "refs.bib"
    path.write_text("@book{good1999, author = {Alpha, Bob}, title = {A book}, publisher = {Press}, year = {1999}}\n\n"
                    "@book{bad2001, author = {Beta, Cy}, title = {Crash here}, publisher = {Press}, year = {2001}}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["cite", "good1999", "bad2001", "--bib", str(path)])
    assert result.exit_code == 1, result.output
    assert "Alpha, 1999" in result.stdout and "CSL STYLE ERROR" in result.stdout
    assert f"{path}:3: bad2001: error: the CSL engine failed on this entry" in result.stderr
    assert "Traceback" not in result.output
    strict = CliRunner().invoke(main, ["cite", "good1999", "bad2001", "--bib", str(path), "--strict"])
    assert strict.exit_code == 1 and strict.stdout == ""

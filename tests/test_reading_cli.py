"""Reading lists from the command line: selection options of `render`, and `cite`."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from annobib.cli import main
from annobib.resources import default_bibliography

BIB = r"""
@article{blonk2010,
  author = {Blonk, Maren I. and K{\"o}der, Brigitte G.},
  title = {Use of oral ketamine in chronic pain management: a review},
  journal = {European Journal of Pain}, year = {2010}, volume = {14}, pages = {466--472},
  keywords = {review; oral; dosing},
  annote = {Narrative review of oral dosing.}
}
@article{persson1995,
  author = {Persson, J. and Axelsson, G.},
  title = {Beneficial effects of ketamine in a chronic pain state with allodynia},
  journal = {Pain}, year = {1995}, volume = {60}, pages = {217--222},
  keywords = {case report; allodynia},
  abstract = {A single patient treated with sub-dissociative boluses.}
}
@online{tips,
  author = {{Colorado Hospital Association}},
  title = {Oral Ketamine Tip Sheet},
  url = {https://example.org/tips.pdf},
  keywords = {clinical tip sheet; oral; dosing},
  annote = {Start at 25--50 mg three times daily.}
}
@article{niesters2014,
  author = {Niesters, Marieke and Martini, Christian and Dahan, Albert},
  title = {Ketamine for chronic pain: risks and benefits},
  journal = {British Journal of Clinical Pharmacology}, year = {2014}, volume = {77}, pages = {357--367},
  keywords = {review; neuropathic pain; safety}
}
"""


@pytest.fixture
def bib(tmp_path):
    path = tmp_path / "list.bib"
    path.write_text(BIB, encoding="utf-8")
    return str(path)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def ids(result):
    return [item["id"] for item in json.loads(result.stdout)]


def groups(result):
    return {item["id"]: item.get("groups") for item in json.loads(result.stdout)}


# --- selection -----------------------------------------------------------------

@pytest.mark.parametrize("options, expected", [
    ([], ["blonk2010", "tips", "niesters2014", "persson1995"]),  # APA order
    (["--tag", "oral"], ["blonk2010", "tips"]),
    (["--tag", "oral", "--tag", "review"], ["blonk2010"]),
    (["--tag", "allodynia", "--tag", "safety", "--any-tag"], ["niesters2014", "persson1995"]),
    (["--type", "online"], ["tips"]),
    (["--type", "article-journal", "--year", "2000-"], ["blonk2010", "niesters2014"]),
    (["--year", "-2010"], ["blonk2010", "persson1995"]),
    (["--year", "2014"], ["niesters2014"]),
    (["--author", "koder"], ["blonk2010"]),
    (["--author", "Colorado Hospital Association"], ["tips"]),
    (["--search", "ORAL"], ["blonk2010", "tips"]),
    (["--search", "boluses"], ["persson1995"]),  # the abstract
    (["--key", "persson1995", "--key", "tips"], ["tips", "persson1995"]),
    (["--tag", "dosing", "--search", "tip"], ["tips"]),
])
def test_selection_options(bib, options, expected):
    result = run("render", bib, "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    assert ids(result) == expected


def test_empty_selection_is_an_error_on_stderr(bib):
    result = run("render", bib, "--tag", "oral", "--year", "1990-1999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Error: no entry matches the selection (tag 'oral', year 1990-1999) among 4 entries" in result.stderr


def test_unknown_tag_lists_the_tags_in_use(bib):
    result = run("render", bib, "--tag", "nasal")
    assert result.exit_code == 1
    assert "no entry has the tag 'nasal' (tags in use: allodynia, case report," in result.stderr


def test_unknown_key_is_named(bib):
    result = run("render", bib, "--key", "persson1996", "--key", "blonk2010")
    assert result.exit_code == 1
    assert "Error: unknown key: persson1996 (did you mean persson1995?)" in result.stderr


@pytest.mark.parametrize("options, message", [
    (["--year", "2020-2010"], "Invalid value for '--year': '2020-2010': the first year is after the last"),
    (["--year", "recent"], "Invalid value for '--year': 'recent' is not a year or a range of years"),
    (["--type", "journal"], "Invalid value for '--type': unknown type 'journal'"),
    (["--sort", "colour"], "Invalid value for '--sort'"),
    (["--group-by", "author"], "Invalid value for '--group-by'"),
    (["--tag", "  "], "Invalid value for '--tag': must not be empty"),
    (["--any-tag"], "--any-tag needs at least one --tag"),
])
def test_ill_formed_values_are_usage_errors(bib, options, message):
    result = run("render", bib, *options)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# --- order, groups, title -----------------------------------------------------------

def test_sort_orders(bib):
    assert ids(run("render", bib, "-f", "json", "--sort", "year")) == [
        "persson1995", "blonk2010", "niesters2014", "tips"]
    assert ids(run("render", bib, "-f", "json", "--sort", "input")) == [
        "blonk2010", "persson1995", "tips", "niesters2014"]
    assert ids(run("render", bib, "-f", "json", "--sort", "title")) == [
        "persson1995", "niesters2014", "tips", "blonk2010"]


def test_group_by_tag_in_json_lists_each_entrys_groups(bib):
    result = run("render", bib, "-f", "json", "--group-by", "tag", "--tag", "oral")
    assert groups(result) == {"blonk2010": ["dosing", "oral", "review"],
                              "tips": ["clinical tip sheet", "dosing", "oral"]}


@pytest.mark.parametrize("fmt, heading", [
    ("text", "Journal articles\n----------------"),
    ("markdown", "\n## Journal articles"),  # one level below the title: no jump (issue 15)
    ("html", '<h2 class="group-heading">Journal articles</h2>'),
])
def test_group_headings_and_title_in_every_text_format(bib, fmt, heading):
    result = run("render", bib, "-f", fmt, "--group-by", "type", "--title", "Ketamine & pain")
    assert result.exit_code == 0
    assert heading in result.stdout
    assert ("Web pages" in result.stdout) and ("Ketamine &amp; pain" if fmt == "html" else "Ketamine & pain") \
        in result.stdout
    assert result.stdout.index("Journal articles") < result.stdout.index("Web pages")


def test_vancouver_numbers_under_groups_are_those_of_the_whole_list(bib):
    whole = run("render", bib, "-s", "vancouver", "--no-annotations").stdout
    number = {m.group(2)[:12]: m.group(1) for m in re.finditer(r"^(\d+)\.\s*(.+)$", whole, re.M)}
    assert sorted(number.values(), key=int) == ["1", "2", "3", "4"]
    grouped = run("render", bib, "-s", "vancouver", "--no-annotations", "--group-by", "tag").stdout
    seen = re.findall(r"^(\d+)\.\s*(.+)$", grouped, re.M)
    assert len(seen) > 4  # entries repeat under each of their tags
    for got, start in seen:
        assert number[start[:12]] == got


def test_standalone_page_from_the_done_when_command(tmp_path):
    out = tmp_path / "oral.html"
    result = run("render", "--tag", "oral", "--group-by", "type", "--format", "html", "--standalone", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    oral = ids(run("render", default_bibliography(), "-f", "json", "--tag", "oral"))
    assert f"Showing {len(oral)} of {len(oral)} entries" in page
    assert all(f'data-key="{key}"' in page for key in oral)
    assert "<script>" in page and "http://" not in page.split("<main>")[0]


# --- cite -----------------------------------------------------------------------------

def test_cite_apa_one_citation_for_all_keys(bib):
    result = run("cite", "niesters2014", "persson1995", "--bib", bib)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(Niesters et al., 2014; Persson & Axelsson, 1995)\n"


def test_cite_vancouver_numbers_match_the_rendered_list(bib):
    result = run("cite", "tips", "persson1995", "--bib", bib, "--style", "vancouver")
    assert result.exit_code == 0
    listing = run("render", bib, "-s", "vancouver", "--no-annotations").stdout
    persson = re.search(r"^(\d+)\.\s*Persson", listing, re.M).group(1)
    tips = re.search(r"^(\d+)\.\s*Colorado", listing, re.M).group(1)
    assert (persson, tips) == ("2", "3")
    assert result.stdout.strip() == "(2,3)"


def test_cite_html_keeps_markup_and_text_strips_it(tmp_path):
    anonymous = tmp_path / "anon.bib"
    anonymous.write_text("@book{anon, title = {A Book of Dosing}, year = {2001}, publisher = {Press}}\n")
    html = run("cite", "anon", "--bib", anonymous, "--format", "html").stdout
    text = run("cite", "anon", "--bib", anonymous).stdout
    assert html == "(<i>A Book of Dosing</i>, 2001)\n"  # APA: a title in the author's place, italic
    assert text == "(A Book of Dosing, 2001)\n"


def test_cite_unknown_keys_are_named(bib):
    result = run("cite", "niesters2014", "nobody", "presson1995", "--bib", bib)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Error: unknown keys: nobody, presson1995 (did you mean persson1995?)" in result.stderr


def test_cite_needs_a_key():
    result = run("cite")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_cite_uses_the_bundled_bibliography_by_default():
    result = run("cite", "blonk2010")
    assert result.exit_code == 0
    assert result.stdout == "(Blonk et al., 2010)\n"

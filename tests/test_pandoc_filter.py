"""annobib-pandoc through the real pandoc: citations, bibliography, metadata, output formats.

The test manuscript (tests/golden_citations/manuscript.md) cites the bundled
entries in every form pandoc has; its citations are checked against
citeproc-js (goldens made by scripts/make_citation_golden.py), against
``annobib cite``, and its bibliography against ``annobib render``.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import panflute as pf
import pytest
from click.testing import CliRunner
from tests.pandoc_helpers import (
    BUNDLED_BIB,
    MANUSCRIPT,
    PANDOC_FOUND,
    cite_texts,
    elements_of,
    filter_command,
    filtered_json,
    golden,
    golden_params,
    load_doc,
    manuscript_folder,
    pandoc,
    requires_pandoc,
)

from annobib.cli import main
from annobib.read import read_files

pytestmark = [pytest.mark.slow, requires_pandoc]  # runs the real pandoc several times
STYLES = ["apa", "vancouver"]


@pytest.fixture(scope="module")
def filtered(tmp_path_factory):
    """The manuscript through pandoc and the filter, once per style: (JSON, stderr)."""
    results = {}
    for style in STYLES:
        folder = tmp_path_factory.mktemp(style)
        source = manuscript_folder(folder)
        results[style] = filtered_json(source, "-M", f"annobib-style={style}", cwd=folder)
    return results


def _doc(filtered, style):
    return load_doc(filtered[style][0])


def test_pandoc_is_found_and_named():
    assert "pandoc" in PANDOC_FOUND  # the suite says which pandoc it runs (skip reason otherwise)


@pytest.mark.parametrize("index,case", golden_params("apa") + golden_params("vancouver"))
def test_citation_matches_citeproc_js(filtered, index, case, request):
    style = request.node.callspec.id.split("-")[0]
    assert cite_texts(filtered[style][0])[index] == case["text"]


@pytest.mark.parametrize("style", STYLES)
def test_every_citation_is_rendered_once_in_document_order(filtered, style):
    texts = cite_texts(filtered[style][0])
    assert len(texts) == len(golden(style)["cases"])
    assert all(text.strip() and "@" not in text for text in texts)


@pytest.mark.parametrize("style", STYLES)
def test_citations_equal_annobib_cite(filtered, style):
    """Every citation of the manuscript, given to ``annobib cite`` in one call, reads the same."""
    sources = [case["source"] for case in golden(style)["cases"]]
    result = CliRunner().invoke(main, ["cite", "--cited-only", "-s", style, "--bib", str(BUNDLED_BIB), *sources])
    assert result.exit_code == 0, result.output
    # pandoc's smart typography turns the space after "ch." into a no-break space; the command line keeps it
    assert result.stdout.splitlines() == [text.replace("\xa0", " ") for text in cite_texts(filtered[style][0])]


def test_numbered_style_numbers_in_order_of_first_citation(filtered):
    texts = cite_texts(filtered["vancouver"][0])
    assert texts[0] == "(1)"  # persson1995, cited first, is 5th in references.bib
    entries = _entries(_doc(filtered, "vancouver"))
    assert [key for key, _ in entries] == golden("vancouver")["items"]
    assert [text.split(" ", 1)[0] for _, text in entries] == [f"{n}." for n in range(1, len(entries) + 1)]


def _refs(doc) -> pf.Div:
    found = [div for div in elements_of(doc, pf.Div) if div.identifier == "refs"]
    assert len(found) == 1
    return found[0]


def _entries(doc) -> list[tuple[str, str]]:
    return [(div.identifier.removeprefix("ref-"), pf.stringify(div).strip()) for div in _refs(doc).content
            if "csl-entry" in div.classes]


def _annotations(doc) -> list[str]:
    return ["\n\n".join(pf.stringify(p).strip() for p in div.content) for div in _refs(doc).content
            if "annotation" in div.classes]


def test_bibliography_div_is_pandocs(filtered):
    doc = _doc(filtered, "apa")
    refs = _refs(doc)
    assert {"references", "csl-bib-body", "hanging-indent"} <= set(refs.classes)
    assert refs.attributes["line-spacing"] == "2"  # APA's bibliography line-spacing, as pandoc's citeproc sets it
    assert all(div.identifier.startswith("ref-") for div in refs.content)
    # The #refs div of the manuscript holds the list, so no heading is added.
    assert not [b for b in doc.content if isinstance(b, pf.Header) and b.identifier == "bibliography"]
    vancouver = _refs(_doc(filtered, "vancouver"))
    first = vancouver.content[0].content[0].content
    assert [type(i).__name__ for i in first] == ["Span", "Span"]
    assert first[0].classes == ["csl-left-margin"] and first[1].classes == ["csl-right-inline"]


def _bib_in_order(tmp_path, keys: list[str]):
    """references.bib with its entries in ``keys`` order (a numbered style numbers in input order)."""
    text = BUNDLED_BIB.read_text(encoding="utf-8")
    chunks = re.split(r"(?m)^(?=@)", text)
    by_key = {re.match(r"@\w+\{([^,]+),", c).group(1): c for c in chunks if c.startswith("@")}
    ordered = tmp_path / "ordered.bib"
    ordered.write_text("".join(by_key[k] for k in keys), encoding="utf-8")
    return ordered


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("annotations", [False, True])
def test_bibliography_equals_annobib_render(tmp_path, style, annotations):
    source = manuscript_folder(tmp_path)
    flags = ["-M", f"annobib-style={style}", "-M", f"annobib-annotations={str(annotations).lower()}"]
    document, _ = filtered_json(source, *flags, cwd=tmp_path)
    doc = load_doc(document)
    ordered = _bib_in_order(tmp_path, golden(style)["items"])
    args = ["render", str(ordered), "-s", style, "-f", "json"] + ([] if annotations else ["--no-annotations"])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rendered = json.loads(result.stdout)
    assert _entries(doc) == [(item["id"], item["text"]) for item in rendered]
    expected_notes = [item["annotation"] for item in rendered if item["annotation"]]
    assert _annotations(doc) == expected_notes
    assert bool(expected_notes) == annotations


def test_bibliography_at_the_end_under_reference_section_title(tmp_path):
    text = MANUSCRIPT.read_text(encoding="utf-8").replace("::: {#refs}\n:::\n", "")
    source = manuscript_folder(tmp_path, text)
    doc = load_doc(filtered_json(source, cwd=tmp_path)[0])
    heading, refs = doc.content[-2:]
    assert isinstance(heading, pf.Header) and pf.stringify(heading) == "References"
    assert heading.identifier == "bibliography" and "unnumbered" in heading.classes
    assert isinstance(refs, pf.Div) and refs.identifier == "refs"


def test_without_a_title_a_last_heading_becomes_unnumbered(tmp_path):
    text = ("---\nbibliography: references.bib\n---\n\nText [@blonk2010].\n\n# Works cited\n")
    source = manuscript_folder(tmp_path, text)
    doc = load_doc(filtered_json(source, cwd=tmp_path)[0])
    heading, refs = doc.content[-2:]
    assert pf.stringify(heading) == "Works cited" and "unnumbered" in heading.classes
    assert refs.identifier == "refs" and len(refs.content) == 1


@pytest.mark.slow
def test_nocite_adds_entries_and_star_adds_all(tmp_path):
    text = "---\nbibliography: references.bib\nnocite: '@cha2019'\n---\n\nText [@blonk2010].\n"
    source = manuscript_folder(tmp_path, text)
    assert [k for k, _ in _entries(load_doc(filtered_json(source, cwd=tmp_path)[0]))] == ["blonk2010", "cha2019"]
    source = manuscript_folder(tmp_path, text.replace("@cha2019", "@*"))
    keys = [k for k, _ in _entries(load_doc(filtered_json(source, cwd=tmp_path)[0]))]
    assert sorted(keys) == sorted(r.id for r in read_files([BUNDLED_BIB]).records)


def test_nocite_entries_are_numbered_after_the_cited_ones(tmp_path):
    text = ("---\nbibliography: references.bib\nannobib-style: vancouver\nnocite: '@justusnd'\n---\n\n"
            "Text [@cha2019].\n")
    source = manuscript_folder(tmp_path, text)
    document, _ = filtered_json(source, cwd=tmp_path)
    assert cite_texts(document) == ["(1)"]
    assert [k for k, _ in _entries(load_doc(document))] == ["cha2019", "justusnd"]


def test_unknown_key_is_a_warning_and_shows_in_bold(tmp_path):
    text = "---\nbibliography: references.bib\n---\n\nText [@blonk2010; @nosuchkey] and [@nosuchkey].\n"
    source = manuscript_folder(tmp_path, text)
    document, stderr = filtered_json(source, cwd=tmp_path)
    assert "annobib-pandoc: warning: citation 'nosuchkey' not found in references.bib" in stderr
    assert stderr.count("nosuchkey") == 1  # named once, however often it is cited
    doc = load_doc(document)
    assert [pf.stringify(e) for e in elements_of(doc, pf.Strong)] == ["nosuchkey?", "nosuchkey?"]
    assert cite_texts(document) == ["(Blonk et al., 2010; nosuchkey?)", "(nosuchkey?)"]
    assert [k for k, _ in _entries(doc)] == ["blonk2010"]


def test_link_citations_links_each_cite_to_its_entry(tmp_path):
    text = ("---\nbibliography: references.bib\nlink-citations: true\n---\n\n"
            "Text [@niesters2014; @persson1995, p. 23] and [@blonk2010].\n")
    source = manuscript_folder(tmp_path, text)
    doc = load_doc(filtered_json(source, cwd=tmp_path)[0])
    links = [(link.url, pf.stringify(link)) for link in elements_of(doc, pf.Link)]
    assert ("#ref-niesters2014", "Niesters et al., 2014") in links
    assert ("#ref-persson1995", "Persson et al., 1995, p. 23") in links
    assert ("#ref-blonk2010", "Blonk et al., 2010") in links


def test_without_link_citations_there_are_no_citation_links(tmp_path):
    source = manuscript_folder(tmp_path, "---\nbibliography: references.bib\n---\n\nText [@blonk2010].\n")
    doc = load_doc(filtered_json(source, cwd=tmp_path)[0])
    assert [link.url for link in elements_of(doc, pf.Link) if link.url.startswith("#")] == []


def test_lang_sets_the_locale_for_terms_and_locator_labels(tmp_path):
    text = "---\nbibliography: references.bib\nlang: de-DE\n---\n\nText [@niesters2014, S. 23; @cha2019].\n"
    source = manuscript_folder(tmp_path, text)
    [citation] = cite_texts(filtered_json(source, cwd=tmp_path)[0])
    # "S." read as a page label (the German locale's), "o. J." the German locale's "no date"
    assert citation.startswith("(Colorado Hospital Association, o.\xa0J.; Niesters")
    assert citation.endswith(", 2014, S. 23)")


@pytest.mark.slow
def test_csl_file_next_to_the_document_and_annobib_style_alias(tmp_path):
    from annobib.styles import resolve_style

    shutil.copy(resolve_style("vancouver"), tmp_path / "numbers.csl")
    source = manuscript_folder(tmp_path, "---\nbibliography: references.bib\ncsl: numbers.csl\n---\n\n[@blonk2010]\n")
    assert cite_texts(filtered_json(source, cwd=tmp_path)[0]) == ["(1)"]
    document, _ = filtered_json(source, "-M", "annobib-style=apa", cwd=tmp_path)  # annobib-style wins
    assert cite_texts(document) == ["(Blonk et al., 2010)"]


@pytest.mark.slow
def test_bibliographies_are_found_next_to_the_document(tmp_path):
    """Two files, named relative to the document, with pandoc run from another folder."""
    paper = tmp_path / "paper"
    paper.mkdir()
    chunks = re.split(r"(?m)^(?=@)", BUNDLED_BIB.read_text(encoding="utf-8"))
    entries = [c for c in chunks if c.startswith("@")]
    (paper / "one.bib").write_text("".join(entries[:5]), encoding="utf-8")
    (paper / "two.bib").write_text("".join(entries[5:]), encoding="utf-8")
    (paper / "paper.md").write_text("---\nbibliography: [one.bib, two.bib]\n---\n\n[@justusnd; @cha2019]\n",
                                    encoding="utf-8")
    document, stderr = filtered_json(paper / "paper.md", cwd=tmp_path)
    assert "warning" not in stderr
    assert cite_texts(document) == ["(Colorado Hospital Association, n.d.; Justus, n.d.)"]


def test_a_missing_bibliography_stops_pandoc_with_a_clear_message(tmp_path):
    source = manuscript_folder(tmp_path, "---\nbibliography: nothere.bib\n---\n\n[@blonk2010]\n")
    done = pandoc(str(source), "--filter", filter_command(), "-t", "plain", cwd=tmp_path, check=False)
    assert done.returncode != 0
    assert "annobib-pandoc: error: bibliography file nothere.bib not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_document_without_bibliography_passes_through(tmp_path):
    source = manuscript_folder(tmp_path, "Text [@blonk2010].\n")
    document, stderr = filtered_json(source, cwd=tmp_path)
    assert "names no bibliography" in stderr
    assert cite_texts(document) == ["[@blonk2010]"]  # pandoc's own text of the citation, untouched


def test_suppress_bibliography(tmp_path):
    text = "---\nbibliography: references.bib\nsuppress-bibliography: true\n---\n\n[@blonk2010]\n"
    source = manuscript_folder(tmp_path, text)
    document, _ = filtered_json(source, cwd=tmp_path)
    assert cite_texts(document) == ["(Blonk et al., 2010)"]
    assert '"refs"' not in json.dumps(document)


# -- output formats ---------------------------------------------------------------------

@pytest.mark.slow
def test_plain_text_output(tmp_path):
    source = manuscript_folder(tmp_path)
    done = pandoc(str(source), "--filter", filter_command(), "-t", "plain", "--wrap=none", cwd=tmp_path)
    assert "first case reports (Persson et al., 1995)." in done.stdout
    assert "Niesters, M., Martini, C., & Dahan, A. (2014). Ketamine for chronic pain" in done.stdout


@pytest.mark.slow
def test_html_output_keeps_italics_and_entry_ids(tmp_path):
    source = manuscript_folder(tmp_path)
    html = pandoc(str(source), "--filter", filter_command(), "-t", "html", "--wrap=none", cwd=tmp_path).stdout
    assert 'class="references csl-bib-body hanging-indent"' in html
    assert re.search(r'<div id="ref-niesters2014" class="csl-entry"[^>]*>', html)
    assert "<em>British Journal of Clinical Pharmacology</em>" in html


@pytest.mark.slow
def test_latex_output_keeps_italics(tmp_path):
    source = manuscript_folder(tmp_path)
    latex = pandoc(str(source), "--filter", filter_command(), "-t", "latex", "--wrap=none", cwd=tmp_path).stdout
    assert r"\emph{British Journal of Clinical Pharmacology}" in latex
    assert "CSLReferences" in latex  # pandoc's LaTeX environment for a csl-bib-body (hanging indent)


@pytest.mark.slow
def test_docx_output_italics_bibliography_style_and_annotations(tmp_path):
    import docx

    source = manuscript_folder(tmp_path)
    out = tmp_path / "paper.docx"
    pandoc(str(source), "--filter", filter_command(), "-M", "annobib-annotations=true", "-o", str(out), cwd=tmp_path)
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    entry = next(p for p in paragraphs if p.text.startswith("Niesters, M., Martini, C."))
    assert entry.style.name == "Bibliography"
    italic = "".join(run.text for run in entry.runs if run.italic)
    assert "British Journal of Clinical Pharmacology" in italic
    annotation = paragraphs[paragraphs.index(entry) + 1]
    assert annotation.style.name == "Annotation"
    niesters = next(r for r in read_files([BUNDLED_BIB]).records if r.id == "niesters2014")
    assert annotation.text == niesters.annotation.split("\n\n")[0]
    assert any("(Persson et al., 1995)" in p.text for p in paragraphs)


def test_filter_help():
    done = subprocess.run([filter_command(), "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "pandoc paper.md --filter annobib-pandoc" in done.stdout


@pytest.mark.slow
def test_the_readme_example_paper_converts_to_docx_and_html(tmp_path):
    """The "Writing a paper" section's paper.md, as a reader would copy it."""
    import docx

    readme = (BUNDLED_BIB.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a paper"):]
    paper = re.search(r"```markdown\n(.*?)```", section, re.S).group(1)
    source = manuscript_folder(tmp_path, paper)
    pandoc(str(source), "--filter", filter_command(), "-o", "paper.docx", cwd=tmp_path)
    pandoc(str(source), "--filter", filter_command(), "-s", "-o", "paper.html", cwd=tmp_path)
    paragraphs = [p for p in docx.Document(str(tmp_path / "paper.docx")).paragraphs]
    entries = [p.text for p in paragraphs if p.style.name == "Bibliography"]
    assert len(entries) == 7 and entries[3].startswith("Colorado Hospital Association")  # 6 cited, nocite: @cha2019
    assert any("(Persson et al., 1995)" in p.text for p in paragraphs)
    html = (tmp_path / "paper.html").read_text(encoding="utf-8")
    assert 'href="#ref-persson1995"' in html  # link-citations: true


def test_a_note_style_puts_citations_in_footnotes(tmp_path):
    text = ("---\nbibliography: references.bib\nannobib-style: chicago-notes-bibliography\n---\n\n"
            "Text [@blonk2010, p. 3].^[A note of mine [@niesters2014].]\n")
    source = manuscript_folder(tmp_path, text)
    doc = load_doc(filtered_json(source, cwd=tmp_path)[0])
    notes = elements_of(doc, pf.Note)
    assert len(notes) == 2  # the citation's own note, and the writer's (its citation stays inside it)
    assert "Blonk" in pf.stringify(notes[0]) and "466" not in pf.stringify(notes[0])
    assert "A note of mine" in pf.stringify(notes[1]) and "Niesters" in pf.stringify(notes[1])


def test_an_internal_failure_is_one_line_not_a_traceback(monkeypatch, capsys):
    """Whatever goes wrong inside, pandoc's log gets one line from the filter, and exit 1."""
    import io

    from annobib.pandoc import filter as annobib_filter

    def broken(self):
        raise KeyError("citationItems")

    monkeypatch.setattr(annobib_filter.Filter, "run", broken)
    monkeypatch.delenv("ANNOBIB_DEBUG", raising=False)
    document = json.dumps({"pandoc-api-version": [1, 23, 1, 1], "meta": {}, "blocks": []})
    assert annobib_filter.run(io.StringIO(document), io.StringIO()) == 1
    err = capsys.readouterr().err
    assert err == ("annobib-pandoc: error: internal error (KeyError: 'citationItems'); set ANNOBIB_DEBUG=1 "
                   "to see where, and please report it\n")


def test_reading_problems_are_shown_for_the_cited_entries_and_counted_for_the_others(tmp_path):
    (tmp_path / "w.bib").write_text(
        "@article{a, title={A}, author={Doe, J.}, year={20xx}, journal={J}}\n"
        "@article{b, title={B}, author={Roe, R.}, year={19xx}, journal={J}}\n"
        "@article{c, title={C}, author={Poe, P.}, year={2001}, journal={J}}\n", encoding="utf-8")
    source = tmp_path / "paper.md"
    source.write_text("---\nbibliography: w.bib\n---\n\n[@a; @c]\n", encoding="utf-8")
    _document, stderr = filtered_json(source, cwd=tmp_path)
    assert "w.bib:1: a: warning: year '20xx' is not a number" in stderr
    assert " b: " not in stderr
    assert "annobib-pandoc: warning: 1 more warnings about entries the document does not cite" in stderr


@pytest.mark.parametrize("runs", [1, 2])
def test_a_citation_the_engine_fails_on_is_named_on_stderr(tmp_path, monkeypatch, capsys, runs,
                                                           cites_of_crash_here_fail):
    """The citation prints citeproc-js's marker and pandoc's log names the entry (file, line,
    key), also when the citations come from the filter's cache, and from its forked process."""
    import io

    from annobib.pandoc import filter as annobib_filter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(
        "@book{good1999, author = {Alpha, Bob}, title = {A book}, publisher = {Press}, year = {1999}}\n\n"
        "@book{bad2001, author = {Beta, Cy}, title = {Crash here}, publisher = {Press}, year = {2001}}\n",
        encoding="utf-8")
    citations = [{"citationId": key, "citationPrefix": [], "citationSuffix": [],
                  "citationMode": {"t": "NormalCitation"}, "citationNoteNum": 1, "citationHash": 0}
                 for key in ("good1999", "bad2001")]
    document = json.dumps({"pandoc-api-version": [1, 23, 1, 1],
                           "meta": {"bibliography": {"t": "MetaInlines", "c": [{"t": "Str", "c": "refs.bib"}]}},
                           "blocks": [{"t": "Para", "c": [{"t": "Cite", "c": [citations, [{"t": "Str", "c": "x"}]]}]}]})
    for _run in range(runs):
        out = io.StringIO()
        assert annobib_filter.run(io.StringIO(document), out) == 0
        err = capsys.readouterr().err
        assert "refs.bib:3: bad2001: error: the CSL engine failed on this entry" in err, err
        cite = json.loads(out.getvalue())["blocks"][0]["c"][0]["c"][1]
        assert "STYLE" in json.dumps(cite) and "Alpha" in json.dumps(cite), cite

"""Round trips: reading what an exporter wrote gives the same items (metadata, annotation, tags).

Over the bundled bibliography (exactly, every format) and a fixed sample of
the corpus (several hundred entries of varied types). What a format cannot
hold is removed from the expectation by the functions below, each with its
reason; everything else must come back unchanged.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from annobib.export import export_records
from annobib.export.bibtex import BIBLATEX_TYPES, BIBTEX_TYPES
from annobib.export.csl_json import zotero_name
from annobib.export.ris import _WRITTEN as RIS_WRITTEN
from annobib.export.ris_tables import CSL_TO_RIS
from annobib.map.latex import rich_to_plain
from annobib.map.names import split_particles
from annobib.read import read_files, read_text
from annobib.record import Record
from annobib.resources import default_bibliography

CORPUS = Path("/work/shared/corpus")
SAMPLE_FILES = [
    "plk__biblatex/bibtex__bib__biblatex__biblatex-examples.bib",   # nearly every biblatex type, markup
    "zepinglee__gbt7714-bibtex-style/tests__support__gbt7714-2015-examples.bib",  # Chinese, standards, theses
    "JabRef__jabref/jablib__src__test__resources__testbib__testjabref.bib",
    "live-clones__pybtex/examples__xampl.bib",                        # classic BibTeX types
    "plk__biber/t__tdata__names.bib",                                 # particles, suffixes, corporate names
    "plk__biber/t__tdata__dateformats.bib",                           # EDTF dates, BCE years, ranges
    "jgm__pandoc-citeproc/tests__biblio2yaml__edtf-date.biblatex",
    "JabRef__jabref/jablib__src__test__resources__testbib__biblatex-software.bib",
]
EXTENSION = {"csl-json": ".json", "ris": ".ris", "bibtex": ".bib", "biblatex": ".bib"}


def _sample() -> list[Record]:
    records = read_files([str(CORPUS / f) for f in SAMPLE_FILES]).records
    # Keep every type present; articles and books (the bulk) every other one, so ~400 entries stay.
    kept, seen = [], {}
    for record in records:
        seen[record.type] = seen.get(record.type, 0) + 1
        if record.type not in ("article-journal", "book") or seen[record.type] % 2:
            kept.append(record)
    return kept


@pytest.fixture(scope="module")
def corpus_sample():
    if not CORPUS.is_dir():
        pytest.fail(f"the corpus {CORPUS} is needed for the round-trip sample")
    return _sample()


def _view(record: Record) -> dict:
    return {"csl": copy.deepcopy(record.csl), "annotation": record.annotation, "tags": list(record.tags)}


# --- what each format legitimately cannot hold --------------------------------

def expect_csl_json(view: dict) -> dict:
    # CSL-JSON has one free-text variable, note, and Zotero (and annobib's reader) take it as the
    # annotation: a record's own note (BibTeX note/addendum) comes back as (part of) the annotation.
    note = view["csl"].pop("note", None)
    if note:
        view["annotation"] = f"{view['annotation']}\n\n{note}" if view["annotation"] else note
    # Zotero's import ignores particle fields, so particles are written inside the names (issue 15)
    # and read back as citeproc-js reads them: leading lower-case words of a family name.
    for role in ("author", "editor", "translator", "container-author"):
        if role in view["csl"]:
            view["csl"][role] = [split_particles(zotero_name(name)) for name in view["csl"][role]]
    return view


def expect_bibtex(view: dict, biblatex: bool = False) -> dict:
    csl = view["csl"]
    table = BIBLATEX_TYPES if biblatex else BIBTEX_TYPES
    if csl["type"] not in table:
        # No (Zotero-importable) entry type: written as @misc, read back as a document, whose
        # "number" is BibTeX's number (an issue only on articles).
        csl["type"] = "webpage" if csl["type"] in ("post", "post-weblog") else "document"
        if "issue" in csl:
            csl["number"] = csl.pop("issue")
    if csl["type"] == "document" and csl.get("URL"):
        csl["type"] = "webpage"  # annobib (like pandoc) reads @misc with a url as a web page
    for variable in ("event-date", "original-date", "accessed"):
        # annobib's reader applies LaTeX decoding to these date fields, so EDTF "~" (circa) turns
        # into a no-break space and is lost (reported to the map/ owner)
        if isinstance(csl.get(variable), dict):
            csl[variable].pop("circa", None)
    from annobib.export.bibtex import _HANDLED
    for variable in [v for v in csl if v not in _HANDLED]:
        del csl[variable]  # no BibTeX field (reported by the exporter)
    return view


def expect_ris(view: dict) -> dict:
    csl = view["csl"]
    # RIS is plain text: CSL rich text (<i>, nocase spans) loses its markup, the annotation's too.
    for key, value in list(csl.items()):
        if isinstance(value, str):
            csl[key] = rich_to_plain(value)
    if view["annotation"]:
        view["annotation"] = rich_to_plain(view["annotation"])
    if csl["type"] not in CSL_TO_RIS:
        csl["type"] = "document"  # written as GEN
    for variable in [v for v in csl if v not in RIS_WRITTEN]:
        del csl[variable]  # no RIS tag (reported by the exporter)
    if csl["type"] in ("article-journal", "article-magazine", "article-newspaper", "periodical"):
        csl.pop("number", None)  # IS is the issue
        csl.pop("ISBN", None) if csl.get("ISSN") else None  # one SN
    elif csl["type"] == "report" and csl.get("number"):
        csl.pop("ISBN", None)  # SN is the report number
    else:
        csl.pop("ISSN", None) if csl.get("ISBN") else None
    if csl.get("number-of-pages") and (csl["type"] not in ("book", "thesis", "manuscript") or csl.get("page")):
        del csl["number-of-pages"]  # RIS has a page count only for books, theses and manuscripts
    _ris_dates(csl)
    for role in ("author", "editor", "translator"):
        for name in csl.get(role, []):
            _ris_particle(name)
    return view


def _ris_dates(csl: dict) -> None:
    for variable in ("issued", "accessed"):
        date = csl.get(variable)
        if isinstance(date, dict) and date.get("date-parts"):
            first = date["date-parts"][0]
            if first and isinstance(first[0], int) and first[0] <= 0:
                csl[variable] = {"literal": _ris_literal(first)} if variable == "issued" else None
            else:
                csl[variable] = {"date-parts": [first]}  # no ranges, circa or seasons in RIS
            if csl[variable] is None:
                del csl[variable]
        elif isinstance(date, dict) and variable == "accessed":
            del csl[variable]  # a literal access date is not YYYY/MM/DD


def _ris_particle(name: dict) -> None:
    """RIS keeps "particle family" as one string: the split is BibTeX's von rule, read back as such."""
    if "family" in name:
        joined = " ".join(filter(None, [name.pop("non-dropping-particle", None), name["family"]])).split(" ")
        cut = max((i + 1 for i, w in enumerate(joined[:-1]) if w[:1].islower()), default=0)
        name["family"] = " ".join(joined[cut:])
        if cut:
            name["non-dropping-particle"] = " ".join(joined[:cut])


def _ris_literal(parts: list[int]) -> str:
    return f"{parts[0]:04d}/{parts[1]:02d}//" if len(parts) > 1 else f"{parts[0]:04d}"


EXPECT = {"csl-json": expect_csl_json, "bibtex": expect_bibtex,
          "biblatex": lambda v: expect_bibtex(v, biblatex=True), "ris": expect_ris}


def _round_trip(records: list[Record], fmt: str) -> tuple[dict, dict]:
    text, _ = export_records(records, fmt)
    back = read_text(text, "exported" + EXTENSION[fmt])
    assert not back.diagnostics.has_errors, [d.format() for d in back.diagnostics if d.severity.value == "error"]
    got = {r.id: _view(r) for r in back.records}
    want = {r.id: EXPECT[fmt](_view(r)) for r in records}
    return want, got


def _differences(want: dict, got: dict) -> list[str]:
    problems = []
    assert list(got) == list(want), "ids or order changed"
    for key in want:
        for part in ("annotation", "tags"):
            if want[key][part] != got[key][part]:
                problems.append(f"{key} {part}: {want[key][part]!r} -> {got[key][part]!r}")
        a, b = want[key]["csl"], got[key]["csl"]
        for variable in sorted(set(a) | set(b)):
            if a.get(variable) != b.get(variable):
                problems.append(f"{key} {variable}: {a.get(variable)!r} -> {b.get(variable)!r}")
    return problems


@pytest.mark.parametrize("fmt", ["csl-json", "ris", "bibtex", "biblatex"])
def test_bundled_round_trip_is_exact(fmt):
    records = read_files([str(default_bibliography())]).records
    text, _ = export_records(records, fmt)
    back = read_text(text, "exported" + EXTENSION[fmt])
    assert not back.diagnostics.items
    want = {r.id: _view(r) for r in records}
    got = {r.id: _view(r) for r in back.records}
    if fmt == "ris":  # RIS is plain text: the one nocase span in the bundled titles is markup
        want = {k: expect_ris(v) for k, v in want.items()}
    assert _differences(want, got) == []


@pytest.mark.parametrize("fmt", ["csl-json", "ris", "bibtex", "biblatex"])
def test_corpus_sample_round_trip(corpus_sample, fmt):
    assert len(corpus_sample) >= 300 and len({r.type for r in corpus_sample}) >= 12
    want, got = _round_trip(corpus_sample, fmt)
    assert _differences(want, got) == []


def test_annotation_paragraphs_tags_and_specials_survive_every_format():
    record = Record(
        csl={"id": "x1", "type": "book",
             "title": 'Costs & 50% of <i>H. sapiens</i> {braces} $5 #1 a_b ~ -- `` \'\' \\ end',
             "author": [{"literal": "World Health Organization"},
                        {"family": "Bemt", "given": "P.", "non-dropping-particle": "van den"}],
             "issued": {"date-parts": [[2020, 3, 4]]}, "publisher": "Barnes and Noble"},
        annotation="First paragraph: 50% & more -- see {this}.\n\nSecond paragraph ~ with \\backslash.",
        tags=["one tag", "two"],
    )
    for fmt in ("csl-json", "bibtex", "biblatex", "ris"):
        want, got = _round_trip([record], fmt)
        assert _differences(want, got) == [], fmt


def test_caret_survives_bibtex():
    record = Record(csl={"id": "c", "type": "book", "title": "x^2"})
    want, got = _round_trip([record], "bibtex")
    assert _differences(want, got) == []

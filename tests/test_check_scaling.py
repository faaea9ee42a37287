"""``annobib check`` does work in proportion to its input (issue 18), and the duplicates rules
find what a comparison of every pair of entries finds.

Work is counted, not timed: Python function calls made by a whole check (cProfile's count),
and the title comparisons and place tests of the duplicate-work rule. Speed itself is
measured by scripts/bench_hostile.py, not here.
"""
from __future__ import annotations

import cProfile
import difflib
import pstats
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import hostile_cases

from annobib.diagnostics import Diagnostics
from annobib.lint import check_loaded, duplicates
from annobib.lint.entries import CheckedEntry, Loaded, load_text
from annobib.record import Origin, Record

# -- the rule as first written: every pair within one first author and year --------------------


def _pairwise_duplicate_work(entries: list[CheckedEntry]) -> list[tuple[str, str]]:
    """(key, message) of each duplicate-work finding, comparing every entry with every earlier one."""
    groups: dict[tuple, list[tuple[CheckedEntry, str]]] = {}
    for entry in entries:
        author, year, title = duplicates._first_author(entry), entry.record.year(), duplicates._title(entry)
        if author and year is not None and title:
            groups.setdefault((author, year), []).append((entry, title))
    found = []
    for members in groups.values():
        for i, (entry, title) in enumerate(members):
            for earlier, earlier_title in members[:i]:
                if duplicates._doi(entry) and duplicates._doi(earlier):
                    continue
                if _different_places(entry, earlier):
                    continue
                if _near_identical(title, earlier_title):
                    found.append((entry.key, f"looks like the same work as {duplicates._where(earlier)} "
                                             "(same first author, year and title)"))
                    break
    return found


def _different_places(a: CheckedEntry, b: CheckedEntry) -> bool:
    for variable in ("volume", "issue", "page"):
        first, second = a.record.csl.get(variable), b.record.csl.get(variable)
        if variable == "page" and first and second:
            first, second = re.split(r"[-\u2013,]", str(first))[0], re.split(r"[-\u2013,]", str(second))[0]
        if first and second and str(first).strip() != str(second).strip():
            return True
    return False


def _near_identical(a: str, b: str) -> bool:
    def numbers(title: str) -> set[str]:
        return {t for t in title.split() if t.isdigit() or re.fullmatch(r"[ivx]+", t)}

    if a == b:
        return True
    if numbers(a) != numbers(b):
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= duplicates.TITLE_SIMILARITY


# -- entries built to meet every branch: few authors, years, titles, DOIs and places -----------

TITLES = ["Ketamine for chronic pain", "Ketamine for chronic pains", "Ketamine in chronic pain", "Editorial",
          "Editorial.", "Part 1 of the trial", "Part 2 of the trial", "Part ii of the trial", "Pain", "Pains"]
PLACE_VALUES = [None, "", "1", " 1", "2", 3, 0]
PAGES = [None, "1-10", "1\u201312", "2-3", "-5", " -4", "1,5", "12", 12]


@st.composite
def work_items(draw) -> dict:
    item = {"type": "article-journal", "title": draw(st.sampled_from(TITLES)),
            "author": [{"family": draw(st.sampled_from(["Smith", "Smíth", "Doe"])), "given": "J."}],
            "issued": {"date-parts": [[draw(st.sampled_from([2000, 2001]))]]}}
    doi = draw(st.sampled_from([None, None, "10.1000/1", "10.1000/2", "https://doi.org/10.1000/1", "not a doi"]))
    if doi:
        item["DOI"] = doi
    for variable in ("volume", "issue"):
        value = draw(st.sampled_from(PLACE_VALUES))
        if value is not None:
            item[variable] = value
    page = draw(st.sampled_from(PAGES))
    if page is not None:
        item["page"] = page
    return item


def _entries(items: list[dict]) -> list[CheckedEntry]:
    return [CheckedEntry(Record({**item, "id": f"k{i}"}, origin=Origin("t.json", i + 1)))
            for i, item in enumerate(items)]


@pytest.mark.slow
@pytest.mark.parametrize("scan_limit", [duplicates._EarlierWorks.SCAN_LIMIT, 0])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(work_items(), max_size=60))
def test_duplicate_work_finds_what_comparing_every_pair_finds(monkeypatch, scan_limit, items):
    # scan_limit 0 sends every group through the index of places; the default scans small ones.
    monkeypatch.setattr(duplicates._EarlierWorks, "SCAN_LIMIT", scan_limit)
    entries = _entries(items)
    found = [(entry.key, issue.message) for entry, issue in duplicates.duplicate_work(entries)]
    assert found == _pairwise_duplicate_work(entries)


def test_duplicate_work_still_tells_parts_places_and_dois_apart():
    base = {"type": "article-journal", "author": [{"family": "Smith"}], "issued": {"date-parts": [[2001]]}}
    items = [{**base, "title": "Trial part 1", "page": "1-5"}, {**base, "title": "Trial part 2", "page": "1-5"},
             {**base, "title": "Editorial", "page": "1"}, {**base, "title": "Editorial", "page": "9"},
             {**base, "title": "Editorial", "page": "9-10"},
             {**base, "title": "Review", "DOI": "10.1000/a"}, {**base, "title": "Review", "DOI": "10.1000/b"}]
    found = [(entry.key, issue.message) for entry, issue in duplicates.duplicate_work(_entries(items))]
    assert found == [("k4", "looks like the same work as k3 (t.json:4) (same first author, year and title)")]


# -- work counted ----------------------------------------------------------------------------------

def _one_author_one_year(count: int, title, **extra) -> list[dict]:
    return [{"type": "article-journal", "title": title(i), "author": [{"family": "Same", "given": "A."}],
             "issued": {"date-parts": [[2001]]}, **{key: value(i) for key, value in extra.items()}}
            for i in range(count)]


SHAPES = {
    # issue 18's RIS records without IDs: one author, one year, titles that differ by a number
    "numbered titles": lambda n: _one_author_one_year(n, lambda i: f"Title {i}"),
    # a recurring title in other issues: every pair is in different places
    "recurring title, other pages": lambda n: _one_author_one_year(n, lambda i: "Editorial", page=lambda i: str(i)),
    "recurring title, other volumes and no pages": lambda n: _one_author_one_year(
        n, lambda i: "Editorial", volume=lambda i: str(i), issue=lambda i: "1"),
    # one work entered many times: each is a duplicate of the first
    "one work many times": lambda n: _one_author_one_year(n, lambda i: "Ketamine for chronic pain"),
    # every entry with its own DOI
    "recurring title, each with a DOI": lambda n: _one_author_one_year(
        n, lambda i: "Editorial", DOI=lambda i: f"10.1000/{i}"),
}


def _rule_work(items: list[dict], monkeypatch) -> int:
    """Title comparisons and DOI-and-place tests that duplicate-work makes on ``items``."""
    calls = [0]

    def counted(function):
        def wrapper(*args):
            calls[0] += 1
            return function(*args)
        return wrapper

    with monkeypatch.context() as patch:
        patch.setattr(duplicates, "near_identical", counted(duplicates.near_identical))
        patch.setattr(duplicates, "_may_be_one_work", counted(duplicates._may_be_one_work))
        list(duplicates.duplicate_work(_entries(items)))
    return calls[0]


@pytest.mark.parametrize("shape", SHAPES)
def test_duplicate_work_compares_each_entry_with_a_bounded_number_of_others(shape, monkeypatch):
    small, large = (_rule_work(SHAPES[shape](n), monkeypatch) for n in (1000, 4000))
    # Comparing every pair would be about 500,000 and 8,000,000 comparisons.
    assert large <= 4 * small + 100
    assert large <= 20 * 4000


def _calls_of_check(text: str, filename: str) -> int:
    """Python function calls made by loading ``text`` and running every rule on it."""
    profile = cProfile.Profile()
    profile.enable()
    loaded = Loaded([], Diagnostics())
    load_text(text, filename, loaded, {})
    check_loaded(loaded)
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


FILES = {
    "RIS records without IDs": ("x.ris", hostile_cases.ris_without_ids),
    "BibTeX, every 10th entry broken": ("x.bib", hostile_cases.broken_bibtex),
    "BibTeX entries each missing a brace": ("x.bib", hostile_cases.missing_braces),
    "CSL-JSON, every 10th item wrong-typed": ("x.json", lambda n: hostile_cases.csl_items(n, 10)),
    "a crossref chain through every entry": ("x.bib", hostile_cases.crossref_chain),
    "entries that differ only in their pages": ("x.bib", hostile_cases.recurring_title),
    "every entry on one line": ("x.bib", hostile_cases.one_line),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", FILES)
def test_check_makes_twice_the_calls_on_twice_the_entries(case):
    filename, make = FILES[case]
    _calls_of_check(make(200), filename)  # first use: imports, compiled patterns, caches
    small, large = (_calls_of_check(make(n), filename) for n in (400, 800))
    assert large <= 2.15 * small, f"{case}: {small:,} calls for 400 entries, {large:,} for 800"


def test_a_crossref_loop_is_named_with_the_whole_path():
    from annobib.read import read_text

    text = ("@inbook{a, title={A}, crossref={b}}\n@inbook{b, title={B}, crossref={C}}\n"
            "@inbook{c, title={C}, crossref={b}}\n@book{s, title={S}, crossref={S}}\n")
    loops = [(d.key, d.message) for d in read_text(text, "x.bib").diagnostics if d.rule == "crossref-loop"]
    assert loops == [("c", "crossref loop (a -> b -> c -> b); nothing is inherited along it"),
                     ("s", "crossref loop (s -> S); nothing is inherited along it")]

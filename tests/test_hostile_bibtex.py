"""Hostile BibTeX (issue 18): every entry read or named, no traceback, bounded work.

Each case of the issue is a test here, and hypothesis generates more: entry
headers, brace structures and @string graphs.
"""
from __future__ import annotations

import string
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.hostile_cases import GOOD, GOOD2, MALFORMED_HEADERS, bib_cases, laughs, missing_braces
from tests.test_robust_syntax import ids, read  # read() checks that every entry is accounted for

from annobib.read import read_files
from annobib.read.bibtex import FIELD_BUDGET, parse_bibtex


def named(result, rule: str) -> list[tuple[int | None, str | None]]:
    return [(d.line, d.key) for d in result.diagnostics if d.rule == rule]


@pytest.mark.parametrize("header", MALFORMED_HEADERS)
def test_a_malformed_header_is_a_broken_entry_named_by_its_line(header):
    result = read(f"{GOOD}{header}\n  title={{T}}, year=2001}}\n{GOOD2}")
    assert ids(result) == ["good1", "good2"]
    (diagnostic,) = [d for d in result.diagnostics if d.rule == "syntax"]
    assert diagnostic.line == 2 and diagnostic.severity.value == "error"
    assert header.split("\n")[0] in diagnostic.message


def test_at_comment_without_a_brace_stays_a_comment():
    result = read(f"@Comment this is an unbracketed comment\n{GOOD}")
    assert ids(result) == ["good1"] and not result.diagnostics.items


def test_a_value_ending_in_a_latex_line_break_is_read_as_bibtex_reads_it():
    result = read("@article{lb, title={First line\\\\}, year=2001}\n" + GOOD)
    assert ids(result) == ["lb", "good1"]
    assert result.records[0].csl["issued"] == {"date-parts": [[2001]]}


def test_nul_and_control_bytes_are_diagnosed_and_removed():
    result = read(f"@art\x00icle{{nul1, title={{a\x01b}}}}\n{GOOD}")
    assert ids(result) == ["nul1", "good1"]
    assert result.records[0].csl["title"] == "ab"
    assert named(result, "control-character") == [(1, None)]


def test_a_deleted_brace_in_the_middle_names_its_entry_and_keeps_the_others():
    result = read(f"{GOOD}@article{{mid, title={{Open, year=2001}}\n{GOOD2}")
    assert ids(result) == ["good1", "good2"]
    assert named(result, "unclosed") == [(2, "mid")]


def test_500_deep_braces_are_flattened_with_a_warning():
    result = read("@article{deep, title={" + "{" * 500 + "x" + "}" * 500 + "}}\n" + GOOD)
    assert ids(result) == ["deep", "good1"]
    assert "x" in result.records[0].csl["title"]
    assert named(result, "nesting") == [(1, "deep")]


def test_a_crossref_chain_of_990_is_followed_without_recursion():
    result = read(bib_cases()["crossref chain of 990"])
    assert len(result.records) == 991
    by_id = {record.id: record for record in result.records}
    assert by_id["c0"].csl["issued"] == {"date-parts": [[2000]]}  # inherited down 990 links


def test_billion_laughs_stops_at_the_budget_with_a_diagnostic():
    started = time.perf_counter()
    result = read(laughs(9))
    assert time.perf_counter() - started < 5
    assert ids(result) == ["laugh", "good1"]
    assert any(d.rule == "expansion-limit" for d in result.diagnostics)
    assert "title" not in result.records[0].csl  # the field over the limit is left out, named


def test_a_field_just_under_the_budget_is_kept():
    width = FIELD_BUDGET // 10
    text = f'@string{{m = "{"x" * width}"}}\n@book{{k, title = m # m # m}}\n'
    result = read(text)
    assert len(result.records[0].csl["title"]) == 3 * width


def test_xdata_is_inherited_and_not_printed():
    result = read(bib_cases()["xdata"])
    assert ids(result) == ["xd"]
    assert result.records[0].csl["publisher"] == "Macmillan"
    assert result.records[0].csl["publisher-place"] == "London"


def test_xdata_missing_and_loop_are_named():
    result = read("@xdata{a, xdata={b}}\n@xdata{b, xdata={a}, note={N}}\n@book{k, title={K}, xdata={a, nowhere}}\n")
    assert ids(result) == ["k"]
    rules = {d.rule for d in result.diagnostics}
    assert {"xdata-missing", "xdata-loop"} <= rules


def test_keys_differing_only_in_case_across_files_are_duplicates(tmp_path):
    (tmp_path / "a.bib").write_text("@book{Smith2001, title={A}}\n")
    (tmp_path / "b.bib").write_text("@book{smith2001, title={B}}\n")
    result = read_files([tmp_path / "a.bib", tmp_path / "b.bib"])
    assert [r.csl["title"] for r in result.records] == ["A"]
    assert [(d.rule, d.key) for d in result.diagnostics] == [("duplicate-key", "smith2001")]


def test_entries_missing_a_brace_are_read_in_linear_time():
    def seconds(count: int) -> float:
        text = missing_braces(count)
        started = time.perf_counter()
        result = parse_bibtex(text, "t.bib")
        assert len(result.failed) == count
        return time.perf_counter() - started

    small, large = seconds(1000), seconds(8000)
    assert large < 20 * max(small, 0.05)  # linear: 8x the entries, not 64x the time


def test_check_fix_uses_the_same_scanner_as_the_reader():
    from annobib.lint.bibscan import scan_entries

    text = "@book{a,  % a comment\n  doi = {https://doi.org/10.1/x}, %note = {hidden}\n}\n"
    (entry,) = scan_entries(text)
    assert [f.name for f in entry.fields] == ["doi"]  # the commented-out field is no field
    assert list(parse_bibtex(text, "t.bib").entries[0].fields) == ["doi"]


# -- generated -----------------------------------------------------------------------

_header_junk = st.text(alphabet=string.ascii_letters + string.digits + " _-[]\"'(){},:@\t", max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk=_header_junk, key=st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=6))
def test_any_entry_header_reads_or_is_named(junk, key):
    text = f"{GOOD}@{junk}{key},\n  title={{T}}, year=2001}}\n{GOOD2}"
    result = read(text)
    assert {"good1", "good2"} <= set(ids(result))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_brace_deleted_or_added_keeps_every_entry_accounted_for(data):
    text = GOOD + GOOD2 + "@misc{third, title={{Nested} {Group}}, note={x}}\n"
    braces = [i for i, char in enumerate(text) if char in "{}"]
    position = data.draw(st.sampled_from(braces))
    action = data.draw(st.sampled_from(["delete", "double", "swap"]))
    if action == "delete":
        text = text[:position] + text[position + 1:]
    elif action == "double":
        text = text[:position] + text[position] + text[position:]
    else:
        text = text[:position] + ("}" if text[position] == "{" else "{") + text[position + 1:]
    read(text)  # balanced: every entry rendered or named


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edges=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=25),
       width=st.integers(1, 5))
def test_any_string_graph_is_bounded(edges, width):
    """Macros referring to each other (cycles and doubling included) never blow up."""
    lines = [f'@string{{s{i} = "{"x" * width}"}}' for i in range(8)]
    for target, source in edges:
        lines.append(f"@string{{s{target} = s{target} # s{source} # s{source} # s{source}}}")
    lines.append("@book{k, title = s0 # s1 # s2 # s3}")
    started = time.perf_counter()
    result = read("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert ids(result) == ["k"]
    assert len(result.records[0].csl.get("title", "")) <= 4 * FIELD_BUDGET

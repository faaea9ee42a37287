"""Hostile RIS and CSL-JSON (issue 18): every record read or named, wrong types dropped field by field."""
from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.hostile_cases import json_cases, ris_without_ids

from annobib.read import read_text


def _accounted(result) -> bool:
    skipped = sum(1 for d in result.diagnostics if d.skips_entry)
    return len(result.records) + skipped == result.entries_in_input


# -- RIS ----------------------------------------------------------------------------

OK = "TY  - JOUR\nAU  - Smith, J.\nPY  - 2001\nTI  - Fine\nER  - \n"


def test_a_record_without_ty_is_named_and_the_others_kept():
    result = read_text(OK + "AU  - Doe, J.\nTI  - No type\nER  - \n" + OK.replace("Fine", "Also"), "t.ris")
    assert [r.csl["title"] for r in result.records] == ["Fine", "Also"]
    (diagnostic,) = [d for d in result.diagnostics if d.rule == "syntax"]
    assert diagnostic.line == 6 and "TY" in diagnostic.message
    assert _accounted(result)


def test_er_without_spaces_closes_the_record():
    result = read_text("TY  - JOUR\nTI  - Tight\nER-\n" + OK, "t.ris")
    assert [r.csl["title"] for r in result.records] == ["Tight", "Fine"]
    assert not [d for d in result.diagnostics if d.severity.value == "error"]


def test_duplicate_ids_are_renamed_with_a_word():
    text = "TY  - BOOK\nID  - same\nTI  - One\nER  - \nTY  - BOOK\nID  - same\nTI  - Two\nER  - \n"
    result = read_text(text, "t.ris")
    assert [r.id for r in result.records] == ["same", "samea"]
    (diagnostic,) = [d for d in result.diagnostics if d.rule == "renamed-id"]
    assert diagnostic.line == 5 and "'same'" in diagnostic.message and "'samea'" in diagnostic.message


def test_ids_for_thousands_of_same_author_year_records_are_linear():
    def seconds(count: int) -> float:
        text = ris_without_ids(count)
        started = time.perf_counter()
        result = read_text(text, "t.ris")
        assert len({r.id for r in result.records}) == count
        return time.perf_counter() - started

    small, large = seconds(500), seconds(4000)
    assert large < 20 * max(small, 0.05)  # linear: 8x the records, not 64x the time (the old code: ~60x)


# -- CSL-JSON -----------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(json_cases()))
def test_every_json_case_reads_without_traceback_and_accounts_for_every_item(name):
    result = read_text(json_cases()[name], "t.json")
    assert _accounted(result)
    for record in result.records:  # what is left is of the schema's types
        json.dumps(record.csl, allow_nan=False)


@pytest.mark.parametrize("field, value", [("keyword", 5), ("author", 5), ("type", ["book"]),
                                          ("title", {"a": 1}), ("volume", True), ("author", [{"family": "A"}, 3]),
                                          ("author", [{"family": "A"}, {"family": ["B"]}]),
                                          ("editor", [{"family": "A", "given": 7.5}]),
                                          ("issued", {"date-parts": [[2001, 5], [2002], [2003]]}),
                                          ("issued", {"date-parts": [[2001, 5, 1, 9]]}),
                                          ("issued", {"date-parts": [[True]]}),
                                          ("issued", {"date-parts": [["2" * 31]]}),
                                          ("accessed", {"date-parts": [[[2001]]]}), ("issued", {"literal": 5}),
                                          ("page", 1.5e300 * 1e10)])
def test_a_wrong_typed_field_is_dropped_with_a_diagnostic_naming_item_and_field(field, value):
    item = {"id": "k", "type": "book", "title": "T", "volume": "2", field: value}
    result = read_text(json.dumps([item]), "t.json")
    (record,) = result.records
    assert field not in record.csl or field == "type" and record.csl["type"] == "document"
    assert any(d.rule == "field-type" and d.key == "k" and f"'{field}'" in d.message for d in result.diagnostics)
    assert record.csl.get("title", "T") == "T" or field == "title"  # the rest is kept


def test_a_date_given_as_a_string_is_parsed():
    result = read_text(json.dumps([{"id": "k", "type": "book", "title": "T", "issued": "2001-05"}]), "t.json")
    assert result.records[0].csl["issued"] == {"date-parts": [[2001, 5]]}


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "9" * 4301, "1e999"])
def test_numbers_python_cannot_use_are_dropped_with_a_diagnostic(raw):
    text = '[{"id": "k", "type": "book", "title": "T", "volume": ' + raw + "}]"
    result = read_text(text, "t.json")
    assert "volume" not in result.records[0].csl
    assert any(d.rule == "field-type" and "'volume'" in d.message for d in result.diagnostics)


def test_deep_nesting_skips_only_its_item():
    result = read_text(json_cases()["1,000-deep nesting"], "t.json")
    assert [r.id for r in result.records] == ["o"]
    assert any(d.rule == "syntax" and "nested" in d.message for d in result.diagnostics)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)
_fields = st.sampled_from(["id", "type", "title", "author", "editor", "issued", "accessed", "volume", "page",
                           "keyword", "note", "annote", "container-title", "DOI", "custom", "categories",
                           "language", "unknown-field"])


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=st.dictionaries(_fields, _json_values, max_size=6))
def test_any_json_types_read_without_traceback(fields):
    item = {"id": "k", "type": "book", "title": "T", **fields}
    text = json.dumps([item, {"id": "other", "type": "book", "title": "Other"}])
    result = read_text(text, "t.json")
    assert _accounted(result)
    assert "other" in [r.id for r in result.records] or fields.get("id") == "other"

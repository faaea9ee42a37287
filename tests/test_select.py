"""Selection, ordering and grouping on the model (no CLI)."""
from __future__ import annotations

import re

import pytest

from annobib.arrange import group_entries, order_records
from annobib.diagnostics import AnnobibError
from annobib.document import Entry
from annobib.read import read_files
from annobib.record import Record
from annobib.render import build_document
from annobib.resources import default_bibliography
from annobib.select import (
    EmptySelection,
    Selection,
    fold,
    parse_year_range,
    resolve_type,
    select,
)


def make(key, *, title="A title", year=None, authors=(), tags=(), type_="article-journal",
         annotation=None, abstract=None):
    csl = {"id": key, "type": type_, "title": title}
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    if authors:
        csl["author"] = [dict(zip(("family", "given"), name.split(", "))) for name in authors]
    if abstract:
        csl["abstract"] = abstract
    return Record(csl=csl, annotation=annotation, tags=list(tags))


RECORDS = [
    make("a1", title="Ketamine by mouth", year=2010, authors=["Blonk, Maren", "Köder, Brigitte"],
         tags=["oral", "Review"], annotation="Narrative review of oral dosing."),
    make("b2", title="Intravenous <i>ketamine</i> infusions", year=2018, authors=["Cohen, Steven"],
         tags=["intravenous", "guideline"], abstract="Consensus on anesthésie practice."),
    make("c3", title="A case of allodynia", year=1995, authors=["Persson, J."], tags=["case report"],
         type_="webpage"),
    make("d4", title="Undated tip sheet", authors=["van den Bemt, Patricia"], tags=["oral", "dosing"]),
]


def keys(records):
    return [record.id for record in records]


# --- parsing of option values ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2015", (2015, 2015)),
    ("2010-2020", (2010, 2020)),
    ("2010 - 2020", (2010, 2020)),
    ("2010–2020", (2010, 2020)),
    ("2010-", (2010, None)),
    ("-2020", (None, 2020)),
    ("2010..2020", (2010, 2020)),
])
def test_year_ranges_parse(text, expected):
    assert parse_year_range(text) == expected


@pytest.mark.parametrize("text, hint", [
    ("", "not a year"), ("-", "not a year"), ("twenty", "not a year"), ("2010 2020", "2010-2020"),
    ("2020-2010", "first year is after the last"), ("20100", "not a year"),
])
def test_bad_year_ranges_say_what_to_write(text, hint):
    with pytest.raises(ValueError, match=hint):
        parse_year_range(text)


def test_types_accept_csl_and_bibtex_names():
    assert resolve_type("webpage") == {"webpage"}
    assert resolve_type("online") == {"webpage"}
    assert resolve_type("@InProceedings") == {"paper-conference"}
    assert resolve_type("article") == {"article", "article-journal"}
    with pytest.raises(ValueError, match="unknown type 'journal'"):
        resolve_type("journal")


def test_fold_ignores_case_accents_and_markup():
    assert fold("Köder") == fold("KODER") == "koder"
    assert fold("<i>Ketamine</i>  Øresund") == "ketamine oresund"


# --- select -----------------------------------------------------------------

def test_no_criteria_keeps_everything():
    assert Selection().is_empty()
    assert keys(select(RECORDS, Selection())) == ["a1", "b2", "c3", "d4"]


def test_tags_combine_with_and_unless_any_tag():
    assert keys(select(RECORDS, Selection(tags=("oral",)))) == ["a1", "d4"]
    assert keys(select(RECORDS, Selection(tags=("oral", "dosing")))) == ["d4"]
    assert keys(select(RECORDS, Selection(tags=("dosing", "guideline"), any_tag=True))) == ["b2", "d4"]


def test_tags_match_case_insensitively():
    assert keys(select(RECORDS, Selection(tags=("review",)))) == ["a1"]
    assert keys(select(RECORDS, Selection(tags=("CASE REPORT",)))) == ["c3"]


def test_type_filter():
    assert keys(select(RECORDS, Selection(types=resolve_type("online")))) == ["c3"]


def test_year_ranges_with_open_ends_and_undated_entries():
    assert keys(select(RECORDS, Selection(years=(2010, 2020)))) == ["a1", "b2"]
    assert keys(select(RECORDS, Selection(years=(None, 2009)))) == ["c3"]
    assert keys(select(RECORDS, Selection(years=(2018, None)))) == ["b2"]
    assert keys(select(RECORDS, Selection(years=(2010, 2010)))) == ["a1"]


@pytest.mark.parametrize("name, expected", [
    ("koder", ["a1"]), ("Köder", ["a1"]), ("brigitte koder", ["a1"]), ("Blonk, Maren", ["a1"]),
    ("van den bemt", ["d4"]), ("Bemt", ["d4"]), ("coh", []),
])
def test_author_matches_whole_words_of_a_name(name, expected):
    if expected:
        assert keys(select(RECORDS, Selection(authors=(name,)))) == expected
    else:
        with pytest.raises(EmptySelection):
            select(RECORDS, Selection(authors=(name,)))


def test_search_covers_title_annotation_and_abstract():
    assert keys(select(RECORDS, Selection(search="KETAMINE"))) == ["a1", "b2"]  # title, through <i>
    assert keys(select(RECORDS, Selection(search="narrative"))) == ["a1"]  # annotation
    assert keys(select(RECORDS, Selection(search="anesthesie"))) == ["b2"]  # abstract, accent folded
    assert keys(select(RECORDS, Selection(search="ketamine infus"))) == ["b2"]  # every word, word starts


def test_keys_select_and_unknown_keys_are_named():
    assert keys(select(RECORDS, Selection(keys=("d4", "a1")))) == ["a1", "d4"]
    with pytest.raises(AnnobibError, match=r"unknown keys: zz, a1x \(did you mean a1\?\)"):
        select(RECORDS, Selection(keys=("zz", "a1x")))


def test_criteria_combine_with_and():
    chosen = select(RECORDS, Selection(tags=("oral",), years=(2000, None), search="review"))
    assert keys(chosen) == ["a1"]


def test_empty_selection_says_what_was_asked_and_which_tags_exist():
    with pytest.raises(EmptySelection) as caught:
        select(RECORDS, Selection(tags=("oral", "nasal"), years=(2011, 2012)))
    message = str(caught.value)
    assert "tag 'oral' and 'nasal'" in message and "year 2011-2012" in message
    assert "no entry has the tag 'nasal'" in message and "case report, dosing" in message


# --- order and groups ----------------------------------------------------------

def test_orders():
    assert keys(order_records(RECORDS, "input")) == ["a1", "b2", "c3", "d4"]
    assert keys(order_records(RECORDS, None)) == ["a1", "b2", "c3", "d4"]
    assert keys(order_records(RECORDS, "author")) == ["a1", "b2", "c3", "d4"]
    assert keys(order_records(RECORDS, "year")) == ["c3", "a1", "b2", "d4"]  # undated last
    # Leading articles and markup do not count: "A case", "Intravenous <i>…", "Ketamine", "Undated"
    assert keys(order_records(RECORDS, "title")) == ["c3", "b2", "a1", "d4"]
    with pytest.raises(ValueError):
        order_records(RECORDS, "colour")


def entries_of(records):
    return [Entry(record, f"<p>{record.id}</p>", record.id) for record in records]


def test_group_by_tag_puts_an_entry_under_each_of_its_tags():
    untagged = make("e5", title="Nothing")
    groups = group_entries(entries_of(RECORDS + [untagged]), "tag")
    layout = {group.heading: [e.id for e in group.entries] for group in groups}
    assert list(layout) == ["case report", "dosing", "guideline", "intravenous", "oral", "Review", "Untagged"]
    assert layout["oral"] == ["a1", "d4"] and layout["dosing"] == ["d4"] and layout["Untagged"] == ["e5"]


def test_group_by_type_and_year():
    by_type = group_entries(entries_of(RECORDS), "type")
    assert [(g.heading, [e.id for e in g.entries]) for g in by_type] == [
        ("Journal articles", ["a1", "b2", "d4"]), ("Web pages", ["c3"])]
    by_year = group_entries(entries_of(RECORDS), "year")
    assert [g.heading for g in by_year] == ["1995", "2010", "2018", "No date"]


def test_no_grouping_is_one_unheaded_group():
    [group] = group_entries(entries_of(RECORDS), None)
    assert group.heading is None and len(group.entries) == 4


# --- through the engine --------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    return read_files([str(default_bibliography())]).records


def number_of(entry) -> int:
    return int(re.match(r"\s*(\d+)", entry.text).group(1))


def test_vancouver_numbers_stay_those_of_the_whole_list_across_groups(bundled):
    whole = build_document(bundled, "vancouver")
    numbers = {entry.id: number_of(entry) for entry in whole.entries()}
    assert sorted(numbers.values()) == list(range(1, len(bundled) + 1))
    grouped = build_document(bundled, "vancouver", group_by="tag")
    assert len(grouped.groups) > 5
    for group in grouped.groups:
        got = [number_of(entry) for entry in group.entries]
        assert got == [numbers[entry.id] for entry in group.entries]
        assert got == sorted(got)  # within a group, the order of the whole list
    assert {e.id for e in grouped.entries()} == set(numbers)


def test_sort_renders_in_that_order_and_numbers_follow_it(bundled):
    document = build_document(bundled, "vancouver", sort="author")
    texts = [entry.text for entry in document.entries()]
    assert [number_of(entry) for entry in document.entries()] == list(range(1, len(bundled) + 1))
    assert texts[0].startswith("1.") and "Blonk" in texts[0]
    apa_by_year = build_document(bundled, "apa", sort="year").entries()
    years = [entry.record.year() for entry in apa_by_year]
    dated = [year for year in years if year is not None]
    assert dated == sorted(dated) and years[-1] is None


def test_default_order_is_the_styles(bundled):
    apa = [entry.id for entry in build_document(bundled, "apa").entries()]
    assert apa[0] == "blonk2010"  # APA sorts by author
    vancouver = [entry.id for entry in build_document(bundled, "vancouver").entries()]
    assert vancouver == [record.id for record in bundled]  # Vancouver keeps citation (input) order

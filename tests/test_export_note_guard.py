"""Annotation lines Zotero or citeproc-js would take as fields: warned about, and kept."""
from __future__ import annotations

import json

from annobib.export import export_records
from annobib.export.note_guard import GUARD, field_key, guard_note, note_to_annotation
from annobib.read import read_text
from annobib.record import Origin, Record


def test_field_key_follows_zotero_and_citeproc_patterns():
    assert field_key("Language: English throughout") == "Language"
    assert field_key("type: book") == "type"
    assert field_key("original-date: 1950") == "original-date"
    assert field_key("Abstract Note: x") == "Abstract Note"
    assert field_key("PMID: 123") == "PMID"
    assert field_key("Summary: a review of reviews") is None  # not a field name
    assert field_key("The note: it is long") is None
    assert field_key("Note: see 10:30") is None  # Zotero's key is greedy up to the last colon


def test_guarded_lines_no_longer_match_and_unguard_restores():
    text = "Language: Swedish, with an English abstract.\nPlain line.\nSee {:original-date:1950} too."
    guarded, found = guard_note(text)
    assert [number for number, _ in found] == [1, 3]
    assert all(field_key(line) is None for line in guarded.split("\n"))
    assert "{:" not in guarded and guarded.startswith(GUARD)
    assert note_to_annotation(guarded, {}) == text


def test_export_warns_naming_the_entry_and_round_trips():
    record = Record({"id": "k1", "type": "book", "title": "T"},
                    annotation="Status: in press, but\nlanguage: read in translation.", origin=Origin("in.bib", 7))
    text, diags = export_records([record], "csl-json")
    warnings = [d for d in diags if d.rule == "export-note-field"]
    assert [(d.key, d.file, d.line) for d in warnings] == [("k1", "in.bib", 7)] * 2
    assert json.loads(text)[0]["note"].count(GUARD) == 2
    assert read_text(text, "x.json").records[0].annotation == record.annotation


def test_leading_variable_lines_of_zotero_extra_are_read_as_variables():
    item = {"id": "z", "type": "webpage"}
    assert note_to_annotation("publisher: Some Site\nPMID: 42\nThe annotation.", item) == "The annotation."
    assert item["publisher"] == "Some Site" and item["PMID"] == "42"

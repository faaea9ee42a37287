"""Broken and odd BibTeX: every entry is read or named in a diagnostic, nothing stops the rest."""
from __future__ import annotations

import logging

import pytest

from annobib.read import read_text
from annobib.read.accounting import account_for_file
from annobib.read.bibsplit import count_entries, split_blocks
from annobib.read.bibtex import parse_bibtex


def read(text: str):
    result = read_text(text, "t.bib")
    account = account_for_file("t.bib", text, result.records, list(result.diagnostics))
    assert account.balanced, account
    return result


def ids(result) -> list[str]:
    return [record.id for record in result.records]


def rules(result) -> list[tuple[int | None, str | None, str]]:
    return [(d.line, d.key, d.rule) for d in result.diagnostics]


def test_unclosed_entry_does_not_swallow_the_next_ones():
    text = "@article{a, title={Open {brace}, year=2000,\n}\n@book{b, title={B}}\n@book{c, title={C}}\n"
    result = read(text)
    assert ids(result) == ["b", "c"]
    (diag,) = [d for d in result.diagnostics if d.key == "a"]
    assert diag.rule == "unclosed" and diag.line == 1 and diag.severity.value == "error"
    assert "never closed" in diag.message and "next entry" in diag.message


def test_unclosed_entry_at_end_of_file_is_named():
    result = read("@book{b, title={B}}\n@article{a, title={x}\n")
    assert ids(result) == ["b"]
    assert (2, "a", "unclosed") in rules(result)
    assert "end of the file" in result.diagnostics.items[-1].message


def test_entry_start_in_the_middle_of_a_broken_entry_is_rescued_when_at_line_start():
    text = "@article{a, title = {x},\n  note = {unclosed\n  @book{b, title={B}}\n"
    result = read(text)
    assert ids(result) == ["b"]


def test_extra_closing_brace_warns_about_the_lost_fields():
    result = read("@article{a, title={T}}, year = {2001},\n}\n@book{b, title={B}}\n")
    assert ids(result) == ["a", "b"]
    assert (1, "a", "stray-field") in rules(result)


def test_missing_key_is_rendered_under_a_made_up_id_and_empty_entry_is_named():
    result = read("@article{, title={No key}}\n@foo{}\n@article(foo=bar)\n")
    assert ids(result) == ["line1"]
    found = rules(result)
    assert (1, None, "missing-key") in found
    assert (2, None, "empty-entry") in found
    assert any(line == 3 and rule == "syntax" for line, _key, rule in found)


def test_duplicate_keys_keep_the_first_case_insensitively():
    result = read("@book{Key, title={First}}\n@book{key, title={Second}}\n")
    assert [r.csl["title"] for r in result.records] == ["First"]
    assert (2, "key", "duplicate-key") in rules(result)


def test_duplicate_key_across_files_keeps_the_first(tmp_path):
    from annobib.read import read_files

    (tmp_path / "a.bib").write_text("@book{k, title={A}}\n")
    (tmp_path / "b.bib").write_text("@book{k, title={B}}\n")
    result = read_files([tmp_path / "a.bib", tmp_path / "b.bib"])
    assert [r.csl["title"] for r in result.records] == ["A"]
    assert [d.rule for d in result.diagnostics] == ["duplicate-key"]


def test_unknown_type_becomes_document_with_a_warning():
    result = read("@reallyunknowntype{k, title={T}}\n")
    assert result.records[0].csl["type"] == "document"
    assert (1, "k", "unknown-type") in rules(result)


def test_undefined_macro_is_named_and_kept_as_text():
    result = read("@article{k, title={T}, journal = jomch}\n")
    assert result.records[0].csl["container-title"] == "jomch"
    assert (1, "k", "undefined-macro") in rules(result)


def test_strings_with_parentheses_concatenation_and_redefinition():
    text = ('@string(j = "Journal")\n@STRING{ x = j # " of X" }\n@book(a, title = x)\n'
            '@string{x = "Other"}\n@book{b, title = x}\n')
    result = read(text)
    assert [r.csl["title"] for r in result.records] == ["Journal of X", "Other"]
    assert (4, None, "macro-redefined") in rules(result)


def test_strings_carry_over_to_the_next_file(tmp_path):
    from annobib.read import read_files

    (tmp_path / "defs.bib").write_text("@string{focs = {Proc. FOCS}}\n")
    (tmp_path / "papers.bib").write_text("@inproceedings{p, title={T}, booktitle = focs}\n")
    result = read_files([tmp_path / "defs.bib", tmp_path / "papers.bib"])
    assert result.records[0].csl["container-title"] == "Proc. FOCS"
    assert not result.diagnostics.items


def test_crossref_missing_and_loop_are_warned():
    text = ("@incollection{c, title={C}, crossref={nowhere}}\n"
            "@book{x, title={X}, crossref={y}}\n@book{y, title={Y}, crossref={x}}\n")
    result = read(text)
    assert ids(result) == ["c", "x", "y"]
    found = rules(result)
    assert (1, "c", "crossref-missing") in found
    assert any(rule == "crossref-loop" for _l, _k, rule in found)


def test_crossref_inherits_from_the_parent():
    text = "@incollection{c, title={C}, crossref={p}}\n@collection{p, title={Parent}, year=1999}\n"
    result = read(text)
    record = result.records[0]
    assert record.csl["container-title"] == "Parent"
    assert record.csl["issued"] == {"date-parts": [[1999]]}


@pytest.mark.parametrize("date, literal", [("1985-1030", True), ("2012-13", True), ("19XXX-XX-XX", True),
                                           ("2001", False), ("2001-02", False)])
def test_invalid_and_partial_dates(date, literal):
    result = read(f"@article{{k, title={{T}}, date={{{date}}}}}\n")
    issued = result.records[0].csl["issued"]
    assert ("literal" in issued) is literal
    assert any(d.rule == "date" for d in result.diagnostics) is literal


def test_text_between_entries_comments_and_percent_lines_are_ignored():
    text = ("Free text with an e-mail me@example.org here.\n"
            "@comment{@book{hidden, title={H}}}\n"
            "@preamble{ \"\\newcommand{\\x}{y}\" }\n"
            "% a comment line\n"
            "@book{a,  % after the key\n  title={T},  % after a field\n  % whole line\n  year={2000}\n}\n")
    result = read(text)
    assert ids(result) == ["a"]
    assert result.records[0].csl["issued"] == {"date-parts": [[2000]]}
    assert not result.diagnostics.items


def test_percent_inside_a_value_is_text():
    result = read("@book{a, title={5% and 50\\%}, note = \"x % y\"}\n")
    assert result.records[0].csl["title"] == "5% and 50%"


def test_commented_out_entry_is_named():
    result = read("% @book{gone, title={G}}\n@book{a, title={A}}\n")
    assert ids(result) == ["a"]
    assert (1, "gone", "commented-out") in rules(result)


def test_entry_delimited_by_parentheses_and_header_split_over_lines():
    result = read("@article(p1, title = {With (parens)}, year = 2001)\n@\n  book\n  {\n  b2,\n  title = \"B\"\n}\n")
    assert ids(result) == ["p1", "b2"]
    assert result.records[1].origin.line == 2


def test_very_long_field_is_kept_and_flagged():
    long_value = "word " * 30_000
    result = read(f"@book{{a, title={{T}}, abstract={{{long_value}}}}}\n@book{{b, title={{B}}}}\n")
    assert ids(result) == ["a", "b"]
    assert any(d.rule == "long-field" for d in result.diagnostics)


def test_line_numbers_of_entries_and_fields():
    text = "\n\n@book{a,\n  title = {T},\n  year = {notayear}\n}\n"
    result = read(text)
    assert result.records[0].origin.line == 3
    assert [(d.line, d.rule) for d in result.diagnostics] == [(5, "date")]


def test_cr_only_line_endings():
    result = read("@book{a, title={A}}\r@book{b,\r title={B}}\r")
    assert ids(result) == ["a", "b"]


def test_bibtexparser_logging_is_silenced(caplog, capsys):
    with caplog.at_level(logging.DEBUG):
        parse_bibtex("@article{a, title={x} year=2000}\n@book{b, title={B}}\n", "t.bib")
    assert "aborted" not in capsys.readouterr().err
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]


def test_split_blocks_kinds_and_count():
    text = "junk\n@string{a={b}}\n@comment{x}\n@preamble{p}\n@book{k,}\n% @misc{c,}\n"
    kinds = [b.kind for b in split_blocks(text)]
    assert kinds == ["text", "string", "comment", "preamble", "entry", "text", "entry"]  # blank gaps are no blocks
    assert count_entries(text) == 2
    assert [b.commented for b in split_blocks(text) if b.is_entry] == [False, True]


def test_entry_that_crossrefs_itself_is_a_loop_not_a_crash():
    from annobib.read import read_text

    result = read_text("@inbook{self1, title={T}, crossref={self1}}\n", "t.bib")
    assert [r.id for r in result.records] == ["self1"]
    assert any(d.rule == "crossref-loop" and d.key == "self1" for d in result.diagnostics)

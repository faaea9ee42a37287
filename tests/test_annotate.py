"""``annobib annotate``: one entry's annotation set, extended or edited in place, every other byte kept."""
from __future__ import annotations

import json
import sys

from tests.add_helpers import add, copy_of_bundled, network_guard_fixture, replay_fixture, run  # noqa: F401  (fixtures)

PLOS = "10.1371/journal.pone.0033693"


def annotate(bib, *args, env=None):
    return run("annotate", *args, "--bib", str(bib), env=env)


def value_span(data: bytes, key: str, field: bytes = b"annote") -> tuple[int, int]:
    """Byte offsets of the text inside ``field``'s braces in entry ``key``."""
    start = data.index(b"{" + key.encode() + b",")
    name = data.index(b"\n  " + field, start)
    inner = data.index(b"{", name) + 1
    depth, i = 1, inner
    while depth:
        depth += {ord("{"): 1, ord("}"): -1}.get(data[i], 0)
        i += 1
    return inner, i - 1


def annotation_of(bib, key: str) -> str:
    rendered = json.loads(run("render", str(bib), "--format", "json", "--key", key, "--no-cache").stdout)
    return rendered[0]["annotation"]


def test_note_replaces_the_annotation_and_nothing_else(tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    start, end = value_span(before, "persson1995")
    result = annotate(bib, "persson1995", "--note",
                      "Single case: 17-year-old, allodynia; no dose given & 100% anecdotal.")
    assert result.exit_code == 0, result.stderr
    after = bib.read_bytes()
    new_value = b"Single case: 17-year-old, allodynia; no dose given \\& 100\\% anecdotal."
    assert after == before[:start] + new_value + before[end:]
    assert annotation_of(bib, "persson1995") == "Single case: 17-year-old, allodynia; no dose given & 100% anecdotal."


def test_append_adds_a_paragraph(tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    start, end = value_span(before, "niesters2014")
    assert annotate(bib, "niesters2014", "--append", "Re-read in 2026.").exit_code == 0
    after = bib.read_bytes()
    assert after == before[:end] + b"\n\nRe-read in 2026." + before[end:]
    assert annotation_of(bib, "niesters2014").endswith("the promise and the safety concerns.\n\nRe-read in 2026.")


def test_an_entry_without_annotation_gets_an_annote_field_aligned_after_its_last_field(tmp_path):
    bib = tmp_path / "refs.bib"
    text = ("% mine\n@article{a,\n  author   = {Doe, J.},\n  title    = {T},\n  month    = jul\n}\n\n"
            "@book{b,\n    title = {B},\n    year = {2000},\n}\n")
    bib.write_text(text, encoding="utf-8")
    assert annotate(bib, "a", "--note", "First.").exit_code == 0
    assert annotate(bib, "b", "--note", "Second.").exit_code == 0
    assert bib.read_text(encoding="utf-8") == (
        "% mine\n@article{a,\n  author   = {Doe, J.},\n  title    = {T},\n  month    = jul,\n"
        "  annote   = {First.}\n}\n\n"
        "@book{b,\n    title = {B},\n    year = {2000},\n    annote = {Second.},\n}\n")


def test_edit_in_the_editor(tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    start, end = value_span(before, "cha2019")
    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\ntext = open(p).read()\n"
                      "assert 'tip sheet on oral ketamine' in text\n"
                      "open(p, 'w').write(text.replace('A short practical', 'A one-page practical'))\n")
    env = {"VISUAL": f"{sys.executable} {script}", "EDITOR": ""}
    assert annotate(bib, "cha2019", "--edit", env=env).exit_code == 0
    after = bib.read_bytes()
    assert after == before[:start] + before[start:end].replace(b"A short practical", b"A one-page practical") + \
        before[end:]


def test_edit_keeps_latex_formatting_by_editing_the_latex(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{a,\n  title = {T},\n  annote = {See \\emph{this} at 50\\%.}\n}\n", encoding="utf-8")
    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\ntext = open(p).read()\nassert '\\\\emph{this}' in text\n"
                      "open(p, 'w').write(text.replace('this', 'that'))\n")
    assert annotate(bib, "a", "--edit", env={"VISUAL": f"{sys.executable} {script}", "EDITOR": ""}).exit_code == 0
    assert "annote = {See \\emph{that} at 50\\%.}" in bib.read_text(encoding="utf-8")


def test_editor_closed_without_saving_changes_nothing(tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    result = annotate(bib, "cha2019", "--edit", env={"VISUAL": "true", "EDITOR": ""})
    assert result.exit_code == 1 and "closed without saving" in result.stderr
    assert bib.read_bytes() == before


def test_unknown_key_names_the_closest(tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    result = annotate(bib, "persson1996", "--note", "x")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {bib}: no entry with key 'persson1996'; closest: persson1995"
    assert bib.read_bytes() == before


def test_exactly_one_of_note_append_edit(tmp_path):
    bib = copy_of_bundled(tmp_path)
    assert annotate(bib, "cha2019").exit_code == 2
    assert annotate(bib, "cha2019", "--note", "a", "--append", "b").exit_code == 2
    assert annotate(bib, "cha2019", "--note", "  ").exit_code == 1


def test_crlf_file(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"@article{a,\r\n  title = {T}\r\n}\r\n")
    assert annotate(bib, "a", "--note", "One.\n\nTwo.").exit_code == 0
    assert bib.read_bytes() == b"@article{a,\r\n  title = {T},\r\n  annote = {One.\r\n\r\nTwo.}\r\n}\r\n"


def test_add_then_annotate_on_the_bundled_file_keeps_every_other_byte(replay, tmp_path):
    """The Done-when test: on a copy of the bundled references.bib, add a source, then annotate it
    and an existing entry; every byte outside the new entry and the two annotations is unchanged."""
    bib = copy_of_bundled(tmp_path)
    original = bib.read_bytes()
    assert add(bib, PLOS, "--tag", "animal study").exit_code == 0
    after_add = bib.read_bytes()
    assert after_add[:len(original)] == original
    new_entry = after_add[len(original):]
    assert new_entry.startswith(b"\n% Source: Crossref record for DOI") and new_entry.endswith(b"\n}\n")
    assert b"annote" not in new_entry

    assert annotate(bib, "sadasivan2012", "--note", "Mouse study: dopamine neuron loss after methylphenidate.") \
        .exit_code == 0
    after_note = bib.read_bytes()
    assert after_note[:len(original)] == original  # the old entries: every byte
    closing = new_entry.rindex(b"\n}")
    assert after_note[len(original):] == new_entry[:closing] + \
        b",\n  annote       = {Mouse study: dopamine neuron loss after methylphenidate.}" + new_entry[closing:]

    start, end = value_span(after_note, "blonk2010")
    assert annotate(bib, "blonk2010", "--append", "Checked against PubMed 19879174.").exit_code == 0
    final = bib.read_bytes()
    assert final == after_note[:end] + b"\n\nChecked against PubMed 19879174." + after_note[end:]
    assert run("check", str(bib)).exit_code == 0


def test_the_readme_session_is_what_annobib_prints(replay, tmp_path, monkeypatch):
    """The "Adding sources" session in the README, run against the replay server: the same output
    (lines the README shortens with '…' aside)."""
    import re
    import shlex

    from tests.add_helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Adding sources"):]
    block = section[section.index("```console\n") + 11:section.index("\n```", section.index("```console"))]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796256000")  # 2026-12-03, the day of the session
    commands = re.split(r"^\$ ", block.replace("\\\n      ", ""), flags=re.M)[1:]
    assert len(commands) == 8
    for command in commands:
        line, _, expected = command.partition("\n")
        result = run(*shlex.split(line)[1:])
        shown = [text for text in expected.split("\n") if text.strip()]
        printed = [text for text in (result.stdout + result.stderr).split("\n") if text.strip()]
        assert len(printed) == len(shown), line
        for ours, theirs in zip(printed, shown):
            if "…" in theirs:  # the README shortens the line there
                assert ours.startswith(theirs.split("…")[0]), line
            else:
                assert ours == theirs, line

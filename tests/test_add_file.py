"""``annobib add`` and the .bib file: appended, every other byte kept, duplicates refused, keys, options."""
from __future__ import annotations

import json
import sys
import threading
import time

from tests.add_helpers import BUNDLED, add, copy_of_bundled, network_guard_fixture, replay_fixture, run  # noqa: F401  (fixtures)
from tests.replay_server import Reply, recording

from annobib.sources.keys import make_key

PLOS = "10.1371/journal.pone.0033693"
PLOS_KEY = "sadasivan2012"


def test_appends_to_the_bundled_file_and_keeps_every_byte(replay, tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    result = add(bib, PLOS, "--tag", "methylphenidate", "--tag", "animal study",
                 "--note", "Mice given methylphenidate lost dopamine neurons; 50% & more (not a dose).")
    assert result.exit_code == 0, result.stderr
    after = bib.read_bytes()
    assert after.startswith(before)
    added = after[len(before):].decode("utf-8")
    assert added.startswith("\n% Source: Crossref record for DOI 10.1371/journal.pone.0033693, fetched ")
    assert f"@article{{{PLOS_KEY},\n" in added and added.endswith("}\n")
    assert "  keywords     = {methylphenidate; animal study},\n" in added
    assert "annote       = {Mice given methylphenidate lost dopamine neurons; 50\\% \\& more (not a dose).}" \
        in added
    line = before.count(b"\n") + 3
    assert f"added {PLOS_KEY} (DOI {PLOS}) to {bib}, line {line}" in result.stderr
    assert after.decode("utf-8").split("\n")[line - 2].startswith("% Source:")
    assert after.decode("utf-8").split("\n")[line - 1] == f"@article{{{PLOS_KEY},"
    rendered = json.loads(run("render", str(bib), "--format", "json", "--key", PLOS_KEY).stdout)
    assert rendered[0]["annotation"] == "Mice given methylphenidate lost dopamine neurons; 50% & more (not a dose)."
    assert rendered[0]["tags"] == ["methylphenidate", "animal study"]


def test_stdout_is_the_entry_and_dry_run_writes_nothing(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    result = add(bib, PLOS, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("% Source: Crossref record") and f"@article{{{PLOS_KEY}," in result.stdout
    assert "would add sadasivan2012" in result.stderr
    assert not bib.exists()
    written = add(bib, PLOS)
    assert written.stdout == result.stdout
    assert bib.read_text(encoding="utf-8") == result.stdout
    assert "created" in written.stderr


def test_format_json_prints_the_csl_item(replay, tmp_path):
    result = add(tmp_path / "refs.bib", "10.5061/dryad.8515", "--format", "json", "--dry-run", "--tag", "data",
                 "--note", "A data set.")
    (item,) = json.loads(result.stdout)
    assert item["id"] == "ollomo2011" and item["type"] == "dataset"  # the registry's type (the .bib has @online)
    assert item["DOI"] == "10.5061/dryad.8515" and item["publisher"] == "Dryad"
    assert item["note"] == "A data set." and item["keyword"] == "data"
    assert item["accessed"]["date-parts"][0][0] >= 2024


def test_a_doi_already_in_the_file_is_refused_before_asking(replay, tmp_path):
    bib = copy_of_bundled(tmp_path)
    before = bib.read_bytes()
    result = add(bib, "https://doi.org/10.1111/BCP.12094")
    assert result.exit_code == 1
    line = before.decode("utf-8").split("\n").index("@article{niesters2014,") + 1
    assert result.stderr.strip() == (
        f"annobib: error: DOI 10.1111/BCP.12094 is already in {bib}: niesters2014 "
        f"(line {line}); not added (--allow-duplicate adds it anyway)")
    assert replay.log == [] and bib.read_bytes() == before
    result = add(bib, "7784107")  # persson1995's PMID
    assert result.exit_code == 1 and f"PMID 7784107 is already in {bib}: persson1995 (line" in result.stderr


def test_a_record_whose_other_ids_are_in_the_file_is_refused_after_fetching(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{mine,\n  title = {Mine},\n  doi = {10.1136/OEMED-2017-104431}\n}\n", encoding="utf-8")
    before = bib.read_bytes()
    result = add(bib, "28775130")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"annobib: error: PMID 28775130: its DOI 10.1136/oemed-2017-104431 is already "
                                     f"in {bib}: mine (line 1); not added (--allow-duplicate adds it anyway)")
    assert bib.read_bytes() == before
    assert add(bib, "28775130", "--allow-duplicate").exit_code == 0
    assert "@article{lerro2018," in bib.read_text(encoding="utf-8")


def test_the_same_work_twice_in_one_command_is_added_once(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    result = add(bib, PLOS, f"doi:{PLOS}")
    assert result.exit_code == 3
    assert bib.read_text(encoding="utf-8").count("@article{") == 1
    assert f"DOI {PLOS} is already in {bib}: {PLOS_KEY};" in result.stderr  # added earlier in this run


def test_keys_get_a_b_suffixes_on_collision(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{Sadasivan2012, title = {Other}}\n@misc{sadasivan2012a, title = {Another}}\n",
                   encoding="utf-8")
    assert add(bib, PLOS).exit_code == 0
    assert add(bib, PLOS, "--allow-duplicate").exit_code == 0
    text = bib.read_text(encoding="utf-8")
    assert "@article{sadasivan2012b," in text and "@article{sadasivan2012c," in text


def test_key_pattern():
    taken: set[str] = set()
    assert make_key({"author": [{"family": "Köder", "given": "B."}], "issued": {"date-parts": [[2010]]}}, taken) \
        == "koder2010"
    assert make_key({"author": [{"family": "Bemt", "non-dropping-particle": "van den"}],
                     "issued": {"date-parts": [[2010]]}}, taken) == "bemt2010"
    assert make_key({"author": [{"literal": "University of Illinois Chicago, College of Pharmacy"}],
                     "issued": {"date-parts": [[2022]]}}, taken) == "uic2022"
    assert make_key({"author": [{"literal": "WHO"}]}, taken) == "whond"
    assert make_key({"title": "The <i>Lancet</i> report"}, taken) == "lancetnd"
    assert make_key({"editor": [{"family": "Ng"}], "issued": {"date-parts": [[1999]]}}, {"ng1999"}) == "ng1999a"
    many = {"x2000"} | {f"x2000{chr(c)}" for c in range(ord("a"), ord("z") + 1)}
    assert make_key({"author": [{"family": "X"}], "issued": {"date-parts": [[2000]]}}, many) == "x2000aa"


def test_key_option(replay, tmp_path):
    bib = copy_of_bundled(tmp_path)
    assert add(bib, PLOS, "--key", "mph-mice").exit_code == 0
    assert "@article{mph-mice," in bib.read_text(encoding="utf-8")
    before = bib.read_bytes()
    result = add(bib, "10.3892/ijo_00000353", "--key", "Persson1995")
    assert result.exit_code == 1 and "key 'Persson1995' is already used in" in result.stderr
    assert bib.read_bytes() == before


def test_usage_errors(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    assert add(bib).exit_code == 2
    assert add(bib, PLOS, "28775130", "--key", "k").exit_code == 2
    assert add(bib, PLOS, "28775130", "--note", "n").exit_code == 2
    assert add(bib, PLOS, "--note", "n", "--edit").exit_code == 2
    assert replay.log == [] and not bib.exists()


def test_good_ids_are_added_and_the_rest_reported(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    result = add(bib, PLOS, "10.1371/notarealdoi", "9780099560433", "9780099560432")
    assert result.exit_code == 3
    errors = result.stderr.strip().splitlines()[:2]
    assert errors[0].startswith("annobib: error: ISBN '9780099560433' is not valid")
    assert errors[1].startswith("annobib: error: DOI 10.1371/notarealdoi: Crossref and DataCite: no record")
    text = bib.read_text(encoding="utf-8")
    assert "@article{sadasivan2012," in text and "@book{cline2012," in text
    assert text.index("sadasivan2012") < text.index("cline2012")  # in the order given


def test_line_endings_and_a_missing_final_newline_are_followed(replay, tmp_path):
    bib = tmp_path / "crlf.bib"
    bib.write_bytes(b"% notes\r\n@misc{a, title = {A}}")  # no newline at the end
    assert add(bib, PLOS).exit_code == 0
    data = bib.read_bytes()
    assert data.startswith(b"% notes\r\n@misc{a, title = {A}}\r\n\r\n% Source: ")
    assert data.count(b"\n") == data.count(b"\r\n") and data.endswith(b"}\r\n")


def test_a_file_in_another_encoding_keeps_it_or_nothing_is_written(replay, tmp_path):
    bib = tmp_path / "latin.bib"
    original = "@misc{a, title = {Caf\u00e9}}\n".encode("cp1252")
    bib.write_bytes(original)
    result = add(bib, "10.5061/dryad.8515")  # C\u00e9line, Dieudonn\u00e9: in cp1252
    assert result.exit_code == 0, result.stderr
    data = bib.read_bytes()
    assert data.startswith(original) and "Arnathau, C\u00e9line".encode("cp1252") in data
    before = bib.read_bytes()
    result = add(bib, PLOS, "--note", "Schr\u0151dinger")  # \u0151 has no cp1252 byte
    assert result.exit_code == 1 and "cannot write '\u0151' in its encoding (cp1252)" in result.stderr
    assert bib.read_bytes() == before


def test_a_file_changed_while_fetching_is_not_overwritten(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("% first\n", encoding="utf-8")
    replay.script("crossref", f"/works/{PLOS}", Reply(200, recording(
        "crossref/works_10.1371_journal.pone.0033693.json").body, delay=0.6))
    editor = threading.Thread(target=lambda: (time.sleep(0.2), bib.write_text("% saved by an editor\n")))
    editor.start()
    result = add(bib, PLOS)
    editor.join()
    assert result.exit_code == 1
    assert f"{bib} changed while annobib was working on it; nothing written" in result.stderr
    assert bib.read_text() == "% saved by an editor\n"


def test_edit_opens_the_editor_for_the_annotation(replay, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\ntext = open(p).read()\nassert 'Methylphenidate' in text\n"
                      "open(p, 'w').write(text + 'First line\\nsame paragraph.\\n\\nSecond: 5% of mice.\\n')\n")
    bib = tmp_path / "refs.bib"
    result = add(bib, PLOS, "--edit", env={"VISUAL": f"{sys.executable} {script}", "EDITOR": ""})
    assert result.exit_code == 0, result.stderr
    assert "annote  = {First line same paragraph.\n\nSecond: 5\\% of mice.}" in bib.read_text(encoding="utf-8")


def test_bundled_file_itself_is_never_the_default_target(replay, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = BUNDLED.read_bytes()
    result = run("add", PLOS)
    assert result.exit_code == 0
    assert (tmp_path / "references.bib").is_file() and BUNDLED.read_bytes() == before

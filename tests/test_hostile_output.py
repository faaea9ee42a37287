"""Hostile destinations, streams and caches (issue 18): write only what the user named,
OS errors as one Error: line, no terminal control from input, a cache nobody else can feed."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from annobib.cli import main
from annobib.diagnostics import OutputError, terminal_safe
from annobib.output import Write, write_output, write_outputs

BIB = "@book{a, title={A}, author={Smith, J.}, year=2001}\n"
MESSY = "@article{m, title={M}, author={Doe, J.}, journal={J}, year=2001, keywords={a, b}}\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def bib(tmp_path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB)
    return path


# -- -o refuses what the command reads, and what is not a regular file ----------------

def test_output_over_the_style_is_refused(bib, tmp_path):
    style = tmp_path / "my.csl"
    from annobib.styles import resolve_style

    style.write_bytes(resolve_style("apa").read_bytes())
    before = style.read_bytes()
    result = run("render", str(bib), "--style", str(style), "-o", str(style))
    assert result.exit_code == 1 and "refusing" in result.stderr
    assert style.read_bytes() == before


def test_output_onto_a_fifo_is_refused_without_blocking(bib, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("render", str(bib), "-o", str(fifo))
    assert result.exit_code == 1 and "named pipe" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_onto_a_device_or_a_link_to_one_is_refused(bib, tmp_path):
    link = tmp_path / "stdout-like"
    link.symlink_to("/dev/null")
    for target in ("/dev/null", str(link)):
        result = run("render", str(bib), "-o", target)
        assert result.exit_code == 1 and "character device" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and link.is_symlink()


def test_output_onto_a_folder_is_refused(bib, tmp_path):
    result = run("render", str(bib), "-o", str(tmp_path))
    assert result.exit_code == 1 and "folder" in result.stderr


def test_a_read_only_target_is_refused(bib, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("keep me\n")
    target.chmod(0o444)
    result = run("render", str(bib), "-o", str(target))
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert target.read_text() == "keep me\n"


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(bib, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run("render", str(bib), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and "Smith" in real.read_text()


def test_a_temporary_file_that_cannot_be_made_is_an_output_error(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match="Permission denied"):
        write_output("x", str(tmp_path / "out.txt"), [])


def test_several_files_are_all_written_or_none(tmp_path, monkeypatch):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a\n")
    second.write_text("old b\n")
    real_replace = os.replace
    calls = []

    def fail_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", fail_second)
    with pytest.raises(OutputError, match="restored"):
        write_outputs([Write("new a\n", str(first)), Write("new b\n", str(second))])
    assert first.read_text() == "old a\n" and second.read_text() == "old b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


# -- check --fix ------------------------------------------------------------------------

def test_fix_in_place_follows_a_symlink_and_the_backup_keeps_the_mode(tmp_path):
    real = tmp_path / "real.bib"
    real.write_text(MESSY)
    real.chmod(0o600)
    link = tmp_path / "link.bib"
    link.symlink_to(real)
    result = run("check", str(link), "--fix", "--in-place")
    assert result.exit_code in (0, 3), result.stderr
    assert link.is_symlink() and "{a; b}" in real.read_text()
    backup = tmp_path / "link.bib.bak"
    assert backup.read_text() == MESSY and stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_fix_strict_writes_nothing(tmp_path):
    source = tmp_path / "m.bib"
    source.write_text(MESSY + "@book{nodate, title={T}}\n")
    copy = tmp_path / "copy.bib"
    for args in (["-o", str(copy)], ["--in-place"]):
        result = run("check", str(source), "--fix", "--strict", *args)
        assert result.exit_code == 1 and "nothing written" in result.stderr
    assert not copy.exists() and not (tmp_path / "m.bib.bak").exists()
    assert source.read_text().startswith(MESSY)


def test_fix_in_place_on_several_files_is_all_or_none(tmp_path):
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text(MESSY)
    second.write_text(MESSY.replace("{m,", "{n,"))
    second.chmod(0o444)  # cannot be replaced: neither may be
    result = run("check", str(first), str(second), "--fix", "--in-place")
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert first.read_text() == MESSY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bib", "b.bib"]


# -- OS errors on paths and streams -------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("command", [["render"], ["cite", "a", "--bib"], ["check", "--format", "json"],
                                     ["export", "--to", "ris"]])
def test_stdout_full_or_closed_is_one_error_line(bib, command):
    args = [*command, str(bib)]
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", "from annobib.cli import main; main()", *args],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr.count("Error:") == 1 and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-c", "from annobib.cli import main; main()", *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 1 and "closed" in done.stderr and "Traceback" not in done.stderr


def test_a_file_name_over_255_bytes_is_one_error_line(tmp_path):
    result = run("render", str(tmp_path / ("a" * 300 + ".bib")))
    assert result.exit_code == 1 and result.stderr.startswith("Error:") and "too long" in result.stderr


def test_a_missing_and_an_unreadable_file_exit_alike(tmp_path, monkeypatch):
    missing = run("render", str(tmp_path / "missing.bib"))
    unreadable = tmp_path / "locked.bib"
    unreadable.write_text(BIB)
    real_read = Path.read_bytes

    def deny(self):
        if self == unreadable:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    monkeypatch.setattr(os, "access", lambda *a, **k: False)  # what click would have looked at
    locked = run("render", str(unreadable))
    assert missing.exit_code == locked.exit_code == 1
    assert "Permission denied" in locked.stderr and locked.stderr.startswith("Error:")


@pytest.mark.parametrize("codec, code", [("bogus", 2), ("rot13", 2), ("punycode", 1)])
def test_encoding_values(bib, codec, code):
    bib.write_text("@book{a, title={Ä}}\n", encoding="utf-8")
    result = run("render", str(bib), "--encoding", codec)
    assert result.exit_code == code and "Traceback" not in result.stderr


# -- terminal control sequences ------------------------------------------------------------

def test_control_sequences_are_stripped_from_messages(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('[{"id": "k\\u009b2J", "type": "book", "title": "T", "volume": true}]')
    result = run("render", str(path))
    assert "\x9b" not in result.stderr and "\x1b" not in result.stderr and "field-type" not in result.stderr
    assert "volume" in result.stderr


def test_terminal_safe_removes_csi_osc_and_c1():
    assert terminal_safe("a\x1b[31mred\x1b[0m \x1b]0;title\x07b\x9b2Jc\td\ne") == "ared bc\td\ne"


def test_text_output_to_a_terminal_is_stripped(monkeypatch, capsys):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

        @property
        def buffer(self):
            return self

    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    write_output("title \x9b2J end\n", None)
    assert screen.getvalue() == "title  end\n"


# -- the cache -----------------------------------------------------------------------------

@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    from annobib import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache._secrets.clear()
    yield folder / "annobib"
    cache._secrets.clear()


def _records():
    from annobib.read import read_text

    return read_text("".join(f"@book{{b{i}, title={{Book {i}}}, author={{Author{i}, A.}}, year={2000 + i}}}\n"
                             for i in range(4)), "c.bib").records


def test_the_cache_key_is_private_and_a_foreign_file_is_not_trusted(cache_folder):
    import json
    import marshal

    from annobib.render import build_document

    records = _records()
    build_document(records, "apa", cache=True)
    secret = cache_folder / "secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    (path,) = cache_folder.glob("list-*.bin")
    header, payload = path.read_bytes().split(b"\n", 1)
    data = marshal.loads(payload)
    data["html"][0] = "<script>alert(1)</script>FORGED"
    body = marshal.dumps(data)
    meta = json.loads(header)
    from hashlib import blake2b

    meta["blake2b"] = blake2b(body).hexdigest()  # what someone without the key can compute
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    document = build_document(records, "apa", cache=True)
    assert "FORGED" not in "".join(e.html for g in document.groups for e in g.entries)


def test_a_damaged_list_file_with_a_valid_checksum_is_ignored(cache_folder):
    import json
    import marshal

    from annobib import cache
    from annobib.render import build_document

    records = _records()
    build_document(records, "apa", cache=True)
    (path,) = cache_folder.glob("list-*.bin")
    header, payload = path.read_bytes().split(b"\n", 1)
    data = marshal.loads(payload)
    data["problems"] = {"not a number": "x"}
    body = marshal.dumps(data)
    meta = json.loads(header)
    meta["blake2b"] = cache.checksum(body)
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    document = build_document(records, "apa", cache=True)  # no ValueError
    assert len(list(document.entries())) == 4


def test_a_fifo_in_the_cache_folder_does_not_hang_render(cache_folder):
    from annobib.render import build_document

    records = _records()
    build_document(records, "apa", cache=True)
    for path in list(cache_folder.glob("*.bin")):
        path.unlink()
        os.mkfifo(path)
    build_document(records, "apa", cache=True)  # warms the file names again
    for path in list(cache_folder.glob("*.bin")):
        if not stat.S_ISFIFO(os.lstat(path).st_mode):
            path.unlink()
            os.mkfifo(path)
    finished = []
    worker = threading.Thread(target=lambda: finished.append(build_document(records, "apa", cache=True)),
                              daemon=True)
    worker.start()
    worker.join(30)
    assert finished, "render hung on a FIFO in the cache folder"

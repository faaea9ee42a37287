"""Encodings real .bib files arrive in, and --encoding."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annobib.diagnostics import InputError
from annobib.read import read_files
from annobib.read.decode import decode_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ENTRY = "@book{k, author={Jürgen Müller}, title={Ça marche – 50°}, year=2001}\n"


@pytest.mark.parametrize("data, warned", [
    (ENTRY.encode("utf-8"), False),
    (codecs.BOM_UTF8 + ENTRY.encode("utf-8"), False),
    (ENTRY.encode("utf-16"), False),  # with BOM
    (codecs.BOM_UTF16_BE + ENTRY.encode("utf-16-be"), False),
    (ENTRY.encode("utf-16-le"), True),  # no BOM: guessed, with a warning
    (ENTRY.encode("cp1252"), True),
    (ENTRY.replace("–", "-").encode("latin-1"), True),
])
def test_each_encoding_reads_the_same_text(tmp_path, data, warned):
    path = tmp_path / "x.bib"
    path.write_bytes(data)
    result = read_files([path])
    record = result.records[0]
    assert record.csl["author"][0]["family"] == "Müller"
    assert record.csl["title"].startswith("Ça marche")
    assert any(d.rule == "encoding" for d in result.diagnostics) is warned
    if warned:
        assert all(d.severity.value == "warning" for d in result.diagnostics)


def test_legacy_warning_names_the_line_and_the_fix():
    text, used, warning = decode_bytes(b"@book{k,\n title={caf\xe9}}\n")
    assert text.endswith("{café}}\n") and used == "cp1252"
    assert "line 2" in warning and "--encoding" in warning


def test_forced_encoding_wins_and_a_wrong_one_is_an_input_error(tmp_path):
    path = tmp_path / "x.bib"
    path.write_bytes("@book{k, title={Žluť}}\n".encode("iso-8859-2"))
    assert read_files([path], encoding="iso-8859-2").records[0].csl["title"] == "Žluť"
    path.write_bytes(b"\xff\xfe\xfd not utf-8")
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        read_files([path], encoding="utf-8")
    with pytest.raises(InputError):
        read_files([path], encoding="no-such-codec")


JABREF = "JabRef__jabref/jablib__src__test__resources__"
JABREF_IMPORTER = JABREF + "org__jabref__logic__importer__fileformat__"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")


@needs_corpus
@pytest.mark.parametrize("name, key, expected, warned", [
    ("plk__biber/t__tdata__encoding1.bib", None, None, True),  # Latin-9 key byte 0xA6
    ("plk__biber/t__tdata__encoding2.bib", "testŠ", None, False),
    ("plk__biber/t__tdata__encoding3.bib", None, "ö", True),
    ("plk__biber/t__tdata__encoding4.bib", None, None, True),
    ("plk__biber/t__tdata__encoding6.bib", None, "↑", False),
    (JABREF_IMPORTER + "tiny-LE-withBOM.bib", None, None, False),
    (JABREF_IMPORTER + "tiny-BE-noBOM.bib", None, None, True),
    (JABREF_IMPORTER + "encoding-utf-16BE-with-header.bib", None, None, False),
    (JABREF_IMPORTER + "encoding-windows-1252-with-header.bib", None, "°", True),
    (JABREF_IMPORTER + "encoding-windows-1252-but-utf-8-declared--decoding-fails.bib", None, None, True),
    (JABREF + "testbib__utf8-bom.bib", None, None, False),
])
def test_corpus_encoding_files(name, key, expected, warned):
    path = CORPUS / name
    result = read_files([path])
    assert len(result.records) == 1 or name.endswith("utf8-bom.bib")
    assert any(d.rule == "encoding" for d in result.diagnostics) is warned
    if key:
        assert result.records[0].id == key
    if expected:
        assert expected in repr([r.csl for r in result.records])
    text = repr([r.csl for r in result.records])
    assert "\ufffd" not in text and "\x00" not in text

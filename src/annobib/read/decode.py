"""Bytes to text: the encodings real bibliography files arrive in.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read silently;
a file that is not valid UTF-8 is taken as Windows-1252 (a superset of
Latin-1 for printable text) with a warning, since that is what old
JabRef/Mendeley exports and hand-edited files almost always are.
"""
from __future__ import annotations

import codecs

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, str | None]:
    """Return ``(text, encoding_used, warning_or_None)``.

    ``encoding`` forces a codec (``--encoding``); a forced codec that cannot
    decode the bytes raises UnicodeDecodeError for the caller to report.
    """
    if encoding:
        return data.decode(encoding), encoding, None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name, None
    # NUL bytes are valid UTF-8, so BOM-less UTF-16 must be recognised first.
    guessed = _guess_utf16_without_bom(data)
    if guessed:
        return data.decode(guessed), guessed, f"no byte-order mark; read as {guessed.upper()}"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        position = exc.start
    # cp1252 leaves 5 bytes undefined; latin-1 maps every byte, so it is the last resort.
    for name in ("cp1252", "latin-1"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        line = data.count(b"\n", 0, position) + 1
        return text, name, (
            f"not valid UTF-8 (first bad byte on line {line}); read as {name}. "
            f"Re-save the file as UTF-8, or pass --encoding to choose another codec"
        )
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    return None

"""Given names initialised as citeproc-js does it (``CSL.Util.Names.initializeWith``).

citeproc-py's ``Name.initialize`` treats every lower-case word as a particle
and re-initialises typed abbreviations: "G. Yu." becomes "G. Y.",
"Tsung-te" becomes "T.-. te", "de" gets a stray " .". citeproc-js keeps an
abbreviation typed with its period ("Yu.", "Sh.", "Jr."), initialises only
words that start with a capital, drops a lower-case hyphen part
("Tsung-te" -> "T."), and leaves other words as typed ("de", "(Raph").
``normalize`` is its treatment of name suffixes: typed abbreviations get
the style's terminator instead of their period ("Jr." -> "Jr" in Vancouver).
"""
from __future__ import annotations

import re

_CAPS = "A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370\u0372\u0376\u0386" \
        "\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7\u03fd-\u03ff"
_LETTERS = "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff"
NAME_INITIAL = re.compile(f"^([{_CAPS}])([{_LETTERS}]*|)(\\.)*")
_ROMANESQUE = "-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff" \
              "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
ROMANESQUE = re.compile(f"[{_ROMANESQUE}]")
STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE[1:]}]")
SEPARATOR = re.compile(r"((?:[-\s]*</*(?:span\s+class=\"no(?:case|decor)\"|i|sc|b|sub|sup)>[-\s]*|[-\s]+))")


def _split(name: str, terminator: str, hyphen: bool) -> list[str] | None:
    """[word, separator, word, …] as citeproc-js splits a given name, or None to leave it alone."""
    if name in ("Lord", "Lady") or not STARTS_ROMANESQUE.match(re.sub(r"^(?:<[^>]+>)*", "", name)):
        return None
    if not hyphen:
        name = name.replace("-", " ")
    name = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", name))
    name = re.sub(r"-([a-z])", "\u2013\\1", name)  # a lower-case hyphen part belongs to its word
    name = re.sub(r"\.(?=[^ ])", ". ", name)
    pieces = SEPARATOR.split(name)
    if len(pieces) == 1:
        tail = re.search(r"[^.]+$", pieces[0])
        if tail and len(tail.group(0)) == 1 and tail.group(0) != tail.group(0).lower():
            pieces[0] += "."
    return pieces


def _finish(pieces: list[str]) -> str:
    text = "".join(pieces)
    text = re.sub(r"[\t\n\x0b\x0c\r \ufeff\u00a0]+$", "", text)
    text = re.sub(r"[\t\n\x0b\x0c\r ]+", " ", re.sub(r"\s*-\s*", "-", text))
    return re.sub("\u2013([a-z])", r"-\1", text)


def initialize(name: str, terminator: str, hyphen: bool = True) -> str:
    """``name`` (a given name) initialised with ``terminator`` (the style's initialize-with)."""
    pieces = _split(name, terminator, hyphen)
    if pieces is None:
        return name
    count = len(pieces)
    for i in range(0, count, 2):
        word = pieces[i]
        if not word:
            continue
        match = NAME_INITIAL.match(word)
        if match:
            initial, rest, period = match.group(1), match.group(2), match.group(3)
            if rest and period:  # a typed abbreviation ("Yu.", "Jr.") is kept whole
                initial, rest = initial + rest, ""
            extra = ""
            if rest:
                leading = ""
                for ch in rest:
                    if ch == ch.upper():
                        leading += ch
                    else:
                        break
                if len(leading) < len(rest):
                    extra = leading.lower()
            pieces[i] = initial + extra
            if i < count - 1:
                separator = pieces[i + 1]
                if "-" in separator:
                    pieces[i + 1] = merge_tags(separator.replace("-", "", 1), terminator) + "-"
                else:
                    pieces[i + 1] = merge_tags(separator, terminator)
            else:
                pieces.append(terminator)
        elif ROMANESQUE.search(word):
            pieces[i] = " " + word
    return _finish(pieces)


def normalize(name: str, terminator: str) -> str:
    """A name suffix as citeproc-js prints it: typed abbreviations take ``terminator``."""
    pieces = _split(name, terminator, True)
    if pieces is None:
        return name
    abbreviated = []
    for i, piece in enumerate(pieces):
        bare = re.sub(r"^(?:<[^>]+>)*", "", piece)
        if len(bare) > 1 and bare.endswith("."):
            pieces[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", piece)
            abbreviated.append(True)
        else:
            abbreviated.append(len(piece) == 1 and piece.upper() == piece)
    count = len(pieces)
    for i in range(0, count, 2):
        if not abbreviated[i]:
            continue
        if i < count - 2:
            pieces[i + 1] = _tags_only(pieces[i + 1])
            if not abbreviated[i + 2]:
                pieces[i + 1] += " "
            if len(pieces[i + 2]) > 1:
                pieces[i + 1] = terminator.rstrip("\ufeff") + pieces[i + 1]
            else:
                pieces[i + 1] = merge_tags(pieces[i + 1], terminator)
        if i == count - 1:
            pieces[i] += terminator
    return _finish(pieces)


_TAG_RUN = re.compile(r"(?:<[^>]+>)+")
_TAGS_WITH_HYPHENS = re.compile(r"-*<[^>]+>-*")
_TRAILING_SPACE = re.compile(r"^(.*[^\s])?(\s+)$", re.S)


def _tags_only(separator: str) -> str:
    """The first run of markup tags in a separator, or the separator itself when it has none."""
    match = _TAG_RUN.search(separator)
    return match.group(0) if match else separator


def merge_tags(separator: str, terminator: str) -> str:
    """The terminator, keeping the separator's markup tags before its trailing space: a given name
    "<b>John</b> Quiggly" initialises to "<b>J.</b> Q." (citeproc-js's ``mergetag``)."""
    tags = "".join(_TAGS_WITH_HYPHENS.findall(separator))
    if not tags:
        return terminator
    match = _TRAILING_SPACE.match(terminator)
    if match:
        return (match.group(1) or "") + tags + match.group(2)
    return terminator + tags

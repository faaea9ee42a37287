"""English titles from .bib files in sentence case, as CSL stores titles.

BibTeX keeps titles in Title Case and leaves the casing to the style;
CSL-JSON (and Zotero's library) keep them in sentence case, and styles that
want title case (Chicago, MLA) apply ``text-case="title"``. So a title read
from a .bib file is converted, as biblatex-apa, pandoc's biblatex reader and
Better BibTeX do:

- a word in Title Case (``Guidelines``, ``First-Ever``'s ``Ever``) is
  lower-cased;
- the first word, and the first word after ``:``, ``?``, ``!``, ``.`` or an
  em dash, keep their capital (APA capitalises after a colon);
- words the user protected with braces (``{American Society}``, ``{IV}``),
  acronyms (``NMDA``), words with inner capitals (``iPhone``, ``McGill``),
  words with digits and single capital letters other than "A" (``I``,
  ``Type B``) are left as written.

A title that is not in Title Case to begin with (fewer capitalised words
than lower-case ones, not counting short function words) is left alone: its
capitals are the author's proper nouns ("The role of Ketamine in …").
"""
from __future__ import annotations

import re

from .latex import NOCASE_OPEN

_TAG = re.compile(r"(<[^>]+>)")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d\w*")
# After these a new sentence (or subtitle) starts.
_SENTENCE_END = re.compile(r"[:?!.\u2014]\s*$")
_FUNCTION_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of on to up via with from into onto over per than "
    "vs versus".split())


def is_title_case(rich: str) -> bool:
    """True when most significant words after the first are capitalised."""
    capitalised = lowercase = 0
    for word, at_start, protected in _words(rich):
        if at_start or protected or word.lower() in _FUNCTION_WORDS or not word[0].isalpha():
            continue
        if word[0].isupper():
            capitalised += word[1:] == word[1:].lower()  # an acronym says nothing about the title's case
        else:
            lowercase += 1
    return capitalised > lowercase


def to_sentence_case(rich: str) -> str:
    """``rich`` (CSL rich text) in sentence case, when it is in Title Case; else unchanged."""
    if not is_title_case(rich):
        return rich
    out: list[str] = []
    for piece, kind in _pieces(rich):
        if kind == "text":
            out.append(piece)
        else:
            out.append(piece.lower() if _lowered(piece) else piece)
    return "".join(out)


def _lowered(word: str) -> bool:
    """A Title Case word that sentence case writes in lower case."""
    if not word[0].isupper() or (len(word) == 1 and word != "A"):  # "I", "Journal of X", "Type B"
        return False
    rest = word[1:]
    return rest == rest.lower() and not any(ch.isdigit() for ch in word)


def _words(rich: str):
    """(word, at sentence start, protected) for every word of the title."""
    for piece, kind in _pieces(rich, keep_all=True):
        if kind != "text":
            yield piece, kind == "start", kind == "protected"


def _pieces(rich: str, keep_all: bool = False):
    """The title cut into ("text"|"word"|"start"|"protected") pieces.

    With ``keep_all`` false, words that must keep their case (the first of a
    sentence, protected ones) come out as "text", so only "word" pieces may
    change.
    """
    protected_depth = 0
    depth_stack: list[bool] = []
    at_start = True
    for part in _TAG.split(rich):
        if not part:
            continue
        if part.startswith("<") and part.endswith(">") and _TAG.fullmatch(part):
            if part.startswith("</"):
                if part.startswith("</span") and depth_stack:
                    protected_depth -= depth_stack.pop()
            elif part.startswith("<span"):
                nocase = part == NOCASE_OPEN
                depth_stack.append(nocase)
                protected_depth += nocase
            yield part, "text"
            continue
        position = 0
        for match in _WORD.finditer(part):
            between = part[position:match.start()]
            if between:
                yield between, "text"
                if _SENTENCE_END.search(between):
                    at_start = True
            word = match.group()
            # The second half of "First-Ever" is not a sentence start.
            starts = at_start and not between.endswith("-")
            if protected_depth:
                yield word, ("protected" if keep_all else "text")
            elif starts:
                yield word, ("start" if keep_all else "text")
            else:
                yield word, "word"
            at_start = False
            position = match.end()
        tail = part[position:]
        if tail:
            yield tail, "text"
            if _SENTENCE_END.search(tail):
                at_start = True

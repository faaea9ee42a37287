"""text-case: language for labels, the title-case and capitalize-first rules.

Fixes (fidelity map 4, 10):
- ``TextCased.case`` applies "title" only when given the language "en", and
  only ``Text`` passes one: ``Label.markup`` (also Number, Date_Part,
  Name_Part) calls it without, so APA prints "(eds.)" for "(Eds.)". CSL
  1.0.2 takes the language from the item or else the style's
  ``default-locale``; with none known, the style default (en-US) is used.
- "title": citeproc-py capitalises after "." and never splits hyphenated
  words. As in citeproc-js: each hyphen part is a word ("Human-Computer"),
  only a colon restarts capitalisation, words with any capital are left
  alone, and particles such as "de", "et", "von" stay lowercase.
- "capitalize-first" leaves a first word that already has capitals
  ("arXiv") as it is.
"""
from __future__ import annotations

import re

STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up via with yet "
    "de d’ d' del della der des di du et la le van von vs vs.".split())


def apply() -> None:
    from citeproc import model

    original = model.TextCased.case

    def case(self, text, language=None):
        if language is None:
            root = self.get_root()
            language = (root.get("default-locale") or "en-US")[:2] if hasattr(root, "locales") else "en"
        text_case = self.get("text-case")
        if text_case == "title" and language == "en":
            return title_case(text)
        if text_case == "capitalize-first" and text:
            first = str(text).split(" ", 1)[0]
            if first != first.lower():
                return text
        return original(self, text, language)

    model.TextCased.case = case


def _title_word(word, first: bool):
    """One space-separated word (a String or NoCase segment)."""
    from citeproc.string import NoCase, String

    if isinstance(word, NoCase):
        return word
    parts = re.split(r"(-)", str(word))
    out = []
    for index, part in enumerate(parts):
        if part == "-" or not part:
            out.append(part)
            continue
        if part.islower() and (first and index == 0 or part.lower() not in STOP_WORDS):
            part = part[0].upper() + part[1:]
        out.append(part)
    return String("".join(out))


def title_case(text):
    from citeproc.string import MixedString, NoCase, String

    segments = list(text) if isinstance(text, MixedString) else [text]
    output = MixedString()
    at_start = True
    for segment in segments:
        if isinstance(segment, NoCase):
            output += segment
            if str(segment).strip():
                at_start = str(segment).rstrip().endswith(":")
            continue
        pieces = re.split(r"(\s+)", str(segment))
        rebuilt = []
        for piece in pieces:
            if not piece or piece.isspace():
                rebuilt.append(piece)
                continue
            lead = re.match(r"^[\W_]*", piece).group(0)
            core = piece[len(lead):]
            rebuilt.append(lead + str(_title_word(String(core), at_start)) if core else piece)
            at_start = piece.endswith(":")
        output += String("".join(rebuilt))
    return output

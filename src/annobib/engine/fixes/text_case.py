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

# citeproc-js's CSL.SKIP_WORDS (its stop words; " thru" there never matches and is left out).
SKIP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during et except for forenenst from given in inside into lest like modulo near "
    "next notwithstanding of off on onto out over per plus pro qua sans since than through throughout thruout "
    "till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within "
    "without or yet so and nor a an the de d' von van c ca".split())
# What citeproc-js's title case treats as a tag between words: quotes, punctuation, brackets.
WORD_BREAK = re.compile(r"(\u2018|\u2019|\u201c|\u201d|\"|'|[-\u2013\u2014/.,;?!:\[\]()])")
SPACE = re.compile(r"([\u00a0 \u2000-\u200b\u205f\u3000]+)")
# Markup whose content citeproc-js never capitalises (its _tagParams).
PROTECTING = ("<sup>", "<sub>", '<span style="font-variant:small-caps;">')

def apply() -> None:
    from citeproc import model

    original = model.TextCased.case

    def case(self, text, language=None):
        text_case = self.get("text-case")
        if text_case is None:  # speed: no case change, as TextCased.case does (no language needed)
            return text
        if language is None:
            root = self.get_root()
            language = (root.get("default-locale") or "en-US")[:2] if hasattr(root, "locales") else "en"
        if text_case == "title" and language == "en":
            return title_case(text)
        if text_case == "capitalize-first" and text:
            first = str(text).split(" ", 1)[0]
            if first != first.lower():
                return text
        return original(self, text, language)

    model.TextCased.case = case


def _capitalise(word: str) -> str:
    if len(word) == 1 and "\u0370" <= word <= "\u03ff":  # a lone Greek letter stays as it is
        return word
    return word[:1].upper() + word[1:]


def title_case(text):
    """citeproc-js's title case (``CSL.Output.Formatters.title``).

    Quotes, "-", "/", ".", ",", ";", "?", "!", ":" and brackets break words;
    a word that is all lower case is capitalised unless it is a one-letter
    word or a stop word, except the first word and a word after "!", "?" or
    ":". Words with any capital, nocase spans and sup/sub/small caps are kept.
    A stop word at the very end is capitalised. Entities ("&amp;") keep
    their first character, which has no case, as citeproc-js's unescaped "&".
    """
    from citeproc.string import MixedString, NoCase, String

    segments = list(text) if isinstance(text, MixedString) else [text]
    pieces: list[list] = []  # [kind, text]: kind "word" (may change), "keep"
    state = {"first": True, "after_punct": False, "last": None, "first_string": True}
    protected: list[str] = []

    def words(chunk: str, next_tag: str | None) -> None:
        parts = SPACE.split(chunk)
        word_positions = [i for i, p in enumerate(parts) if p and not SPACE.fullmatch(p)]
        for index, part in enumerate(parts):
            if index not in word_positions:
                pieces.append(["keep", part])
                continue
            if protected:
                pieces.append(["keep", part])
                state["last"] = None
                state["first"] = state["after_punct"] = False
                continue
            lower = part.lower()
            capitalise = (len(part) > 1 and lower not in SKIP_WORDS) or state["first"] or state["after_punct"] \
                or (state["first_string"] and index == word_positions[-1] and next_tag == "-")
            if capitalise and part == lower:
                part = _capitalise(part)
            state["first"] = state["after_punct"] = False
            pieces.append(["word", part])
            state["last"] = len(pieces) - 1

    for segment in segments:
        raw = str(segment)
        if isinstance(segment, NoCase):
            markup = raw.lower()
            if markup in PROTECTING:
                protected.append(markup)
            elif markup in ("</sup>", "</sub>", "</span>"):
                if protected:
                    protected.pop()
            elif raw.strip() and not raw.startswith("<"):  # a nocase span's text
                state["first"] = state["after_punct"] = False
                state["last"] = None
            state["first_string"] = False
            pieces.append(["nocase", segment])
            continue
        tokens = WORD_BREAK.split(raw)
        for index, token in enumerate(tokens):
            if index % 2:  # a word break
                pieces.append(["keep", token])
                state["first_string"] = False
                if token in "!?:":
                    state["after_punct"] = True
            elif token:
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                words(token, following)
    last = state["last"]
    if last is not None:
        word = pieces[last][1]
        if len(word) > 1 and word.lower() in SKIP_WORDS:
            pieces[last][1] = _capitalise(word)
    output = MixedString()
    run = ""
    for kind, value in pieces:
        if kind == "nocase":
            if run:
                output += String(run)
                run = ""
            output += value
        else:
            run += value
    if run:
        output += String(run)
    return output

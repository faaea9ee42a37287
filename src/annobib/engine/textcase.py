"""CSL ``text-case`` on an output tree, as citeproc-js applies it.

The transformation reads the tree's text leaves as one string (word state
carries over from leaf to leaf) and never touches text the data protected:
``nocase`` spans, and for title case also superscript, subscript and small
caps. A new tree is returned; the input (often shared, e.g. an item's parsed
title) is left as it is.

Title case is citeproc-js's (``CSL.Output.Formatters.title``): quotes,
hyphens, slashes and most punctuation break words; a word all in lower case
is capitalised unless it is a stop word of one letter or of citeproc-js's
list, except the first word and a word after ":", "?" or "!"; words with a
capital anywhere are kept; a stop word at the very end is capitalised.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .output import Node, Text

# citeproc-js's CSL.SKIP_WORDS
SKIP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during et except for forenenst from given in inside into lest like modulo near "
    "next notwithstanding of off on onto out over per plus pro qua sans since than through throughout thruout "
    "till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within "
    "without or yet so and nor a an the de d' von van c ca".split())
# an apostrophe between two letters ("They’re") is no break: citeproc-js cases the data's straight
# "'" with the text after it, and a capital after it would stay small
_BREAK = re.compile(r"(\u2018|(?<![^\W\d_])[\u2019']|[\u2019'](?![^\W\d_])|\u201c|\u201d|\"|"
                    r"[-\u2013\u2014/.,;?!:\[\]()]+)")
_SPACE = re.compile(r"([\u00a0 \u2000-\u200b\u205f\u3000]+)")
_PROTECTING = {("vertical-align", "sup"), ("vertical-align", "sub"), ("font-variant", "small-caps")}
_WORD = re.compile(r"[^\s]+")


def apply_case(node: Node, case: str | None, english: bool = True, language: str = "") -> Node:
    """``node`` with CSL text-case ``case`` applied (``title`` only for English); ``language``:
    the item's, for the letters whose case is language-specific (Turkish dotted and dotless i)."""
    if not case or (case == "title" and not english):
        return node
    slots: list[tuple[Text, bool]] = []  # (leaf, protected from title case)
    _collect(node, slots, False)
    texts = [leaf.text for leaf, _ in slots]
    # citeproc-js changes no text inside nocase, nodecor, small-caps, sup or sub markup, whatever the case
    changeable = [not leaf.nocase and not leaf.raw and not protected for leaf, protected in slots]
    if case == "title":
        new = _title(texts, changeable)
    elif case == "sentence":
        new = _sentence(texts, changeable)
    elif case == "capitalize-first":
        new = _capitalize_first(texts, changeable)
    elif case == "capitalize-all":
        new = [_capitalize_all(t) if c else t for t, c in zip(texts, changeable)]
    elif case == "lowercase":
        new = [_lower(t, language) if c else t for t, c in zip(texts, changeable)]
    elif case == "uppercase":
        new = [_upper(t, language) if c else t for t, c in zip(texts, changeable)]
    else:
        return node
    replacements = {id(leaf): value for (leaf, _), value in zip(slots, new)}
    return _rebuild(node, replacements)


def _dotted_i(language: str) -> bool:
    return language[:2].lower() in ("tr", "az") and language[2:3] in ("", "-", "_")


def _upper(value: str, language: str) -> str:
    """Upper case as JavaScript's toLocaleUpperCase: in Turkish and Azeri "i" becomes "İ"."""
    if _dotted_i(language):
        value = value.replace("i", "\u0130")
    return value.upper()


def _lower(value: str, language: str) -> str:
    if _dotted_i(language):
        value = value.replace("I", "\u0131").replace("\u0130", "i")
    return value.lower()


def _collect(node: Node, slots: list, protected: bool) -> None:
    if isinstance(node, Text):
        slots.append((node, protected))
        return
    protected = protected or node.nodecor or any(f in _PROTECTING for f in node.fmt)
    for child in node.children:
        _collect(child, slots, protected)


def _rebuild(node: Node, replacements: dict) -> Node:
    if isinstance(node, Text):
        value = replacements.get(id(node), node.text)
        return node if value == node.text else replace(node, text=value)
    return replace(node, children=[_rebuild(child, replacements) for child in node.children])


def capitalize_word(word: str) -> str:
    if len(word) == 1 and "\u0370" <= word <= "\u03ff":  # a lone Greek letter stays as it is
        return word
    return word[:1].upper() + word[1:]


def _capitalize_first(texts: list[str], changeable: list[bool]) -> list[str]:
    out = list(texts)
    for index, value in enumerate(texts):
        if not value.strip():
            continue
        if changeable[index]:
            match = _WORD.search(value)
            if match:
                word = match.group(0)
                if word == word.lower():  # "arXiv" stays as typed (citeproc-js)
                    out[index] = value[:match.start()] + capitalize_word(word) + value[match.end():]
        break
    return out


def _capitalize_all(value: str) -> str:
    return _SPACE.sub(lambda m: m.group(0), " ".join(capitalize_word(w) if w == w.lower() else w
                                                     for w in value.split(" ")))


def _sentence(texts: list[str], changeable: list[bool]) -> list[str]:
    """citeproc-js's sentence case: the first word capitalised, every other word lower-cased
    (nocase text is kept, though it counts as the first word)."""
    out = list(texts)
    first = True
    for index, value in enumerate(texts):
        if not changeable[index]:
            if value.strip():
                first = False
            continue
        words = value.split(" ")
        for position, word in enumerate(words):
            if not word:
                continue
            if first and _LETTERS.search(word):
                words[position] = capitalize_word(word)
                first = False
            else:
                words[position] = word.lower()
        out[index] = " ".join(words)
    return out


_LETTERS = re.compile(r"[^\W\d_]")


def _title(texts: list[str], changeable: list[bool]) -> list[str]:
    state = {"first": True, "after": False}
    last_word: list = [None]  # (leaf index, position in the leaf's pieces)
    pieces_by_leaf: list[list[list]] = []
    for index, value in enumerate(texts):
        pieces: list[list] = []
        pieces_by_leaf.append(pieces)
        if not changeable[index]:
            pieces.append(["keep", value])
            if value.strip():
                state["first"] = state["after"] = False
                last_word[0] = None
            continue
        tokens = _BREAK.split(value)
        for position, token in enumerate(tokens):
            if position % 2:
                pieces.append(["keep", token])
                if any(mark in token for mark in "!?:"):
                    state["after"] = True
                continue
            # a stop word (or one letter) just before a hyphen is capitalised ("Pro-Environmental"),
            # though only in the text before the field's first break (citeproc-js passes the
            # following break to its word function there only): "Out-of-Fashion"
            before_hyphen = index == 0 and position == 0 and len(tokens) > 1 and tokens[1][:1] == "-"
            words = _SPACE.split(token)
            for number, part in enumerate(words):
                if not part or _SPACE.fullmatch(part):
                    pieces.append(["keep", part])
                    continue
                lower = part.lower()
                hyphenated = before_hyphen and number == len(words) - 1
                if part == lower and ((len(part) > 1 and lower not in SKIP_WORDS) or state["first"] or state["after"]
                                      or hyphenated):
                    part = capitalize_word(part)
                state["first"] = state["after"] = False
                pieces.append(["word", part])
                last_word[0] = (index, len(pieces) - 1)
    if last_word[0] is not None:
        leaf, position = last_word[0]
        word = pieces_by_leaf[leaf][position][1]
        if len(word) > 1 and word.lower() in SKIP_WORDS:
            pieces_by_leaf[leaf][position][1] = capitalize_word(word)
    return ["".join(piece[1] for piece in pieces) for pieces in pieces_by_leaf]

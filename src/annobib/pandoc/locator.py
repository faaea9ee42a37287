"""Locators read out of a citation's suffix, by the rules of pandoc's citeproc.

``[@key, p. 23]`` reaches a filter as a Cite whose suffix is ``, p. 23``;
pandoc's citeproc (and so this module) finds the label word (any form of a
locator term in the locale: "p.", "pp.", "page", "chap.", "§", ...) and the
locator after it (numbers, roman numerals, ranges, lists such as "3, 5-7",
or anything in braces: ``{ch. 2}``), and keeps the rest as the suffix.
Without a label word a locator that has digits is a page. What is not a
locator stays suffix text, with ", " in front unless it starts with a space
or punctuation.

The input is a list of Tokens: text split as pandoc splits it (every space
and punctuation character alone, except ':'), spaces, and opaque elements
(emphasis and the like in a pandoc suffix), so the same rules serve a
pandoc suffix and a command-line argument.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Tuple

SPACE, TEXT, MATH, OTHER = "space", "str", "math", "other"
_ROMAN = re.compile(r"(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})")
_DIGITS = frozenset("0123456789")
_NOT_LOCATOR_PUNCT = frozenset("-\u2013:")  # page ranges and vol:page stay inside a locator
_BRACES = "()[]{}"


@dataclass(frozen=True)
class Token:
    text: str
    kind: str = TEXT
    payload: object = None  # the pandoc element an OTHER token stands for


@dataclass(frozen=True)
class Locator:
    label: str  # a CSL locator type: page, chapter, section, ...
    value: str


def is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _splits(char: str) -> bool:
    return char.isspace() or (is_punctuation(char) and char != ":")


def split_text(text: str) -> list[Token]:
    """One Str's text as pandoc's locator parser sees it: each space or punctuation
    character alone, runs of other characters together."""
    tokens: list[Token] = []
    run = ""
    for char in text:
        if _splits(char):
            if run:
                tokens.append(Token(run))
                run = ""
            tokens.append(Token(char))
        else:
            run += char
    if run:
        tokens.append(Token(run))
    return tokens


def tokens_from_text(text: str) -> list[Token]:
    """Plain text (a command-line locator or suffix): white space between words is a Space."""
    tokens: list[Token] = []
    for index, word in enumerate(re.split(r"[ \t\r\n]+", text)):
        if index:
            tokens.append(Token(" ", SPACE))
        tokens.extend(split_text(word))
    return tokens


def tokens_text(tokens: list[Token]) -> str:
    return "".join(token.text for token in tokens)


def _is_space(token: Optional[Token]) -> bool:
    return token is not None and (token.kind == SPACE or (token.kind == TEXT and token.text == "\xa0"))


def _is_char(token: Optional[Token], test: Callable[[str], bool]) -> bool:
    return token is not None and token.kind == TEXT and len(token.text) == 1 and test(token.text)


def _is_one_of(token: Optional[Token], chars: str) -> bool:
    return _is_char(token, chars.__contains__)


def _has_digit(text: str) -> bool:
    return any(char in _DIGITS for char in text)


Piece = Tuple[bool, str]  # (has digits or a roman numeral, text)
Step = Optional[Tuple[Piece, int]]  # a parse result and the position after it, or None


class _Parser:
    """pandoc's locator grammar over a token list: each method takes a position and
    returns (result, next position), or None where pandoc's parser fails."""

    def __init__(self, tokens: list[Token], terms: Mapping[str, str]):
        self.tokens = tokens
        self.terms = terms

    def at(self, pos: int) -> Optional[Token]:
        return self.tokens[pos] if pos < len(self.tokens) else None

    # -- the pieces of a locator -------------------------------------------------
    def page_unit(self, pos: int) -> Step:
        token = self.at(pos)
        if token is not None and token.kind == TEXT and _ROMAN.fullmatch(token.text.upper()):
            return (True, token.text), pos + 1
        end = pos
        while end < len(self.tokens):
            token = self.tokens[end]
            if _is_space(token) or token.kind == MATH or _is_char(token, _locator_punct):
                break
            end += 1
        if end == pos:
            return None
        text = tokens_text(self.tokens[pos:end])
        return (_has_digit(text), text), end

    def with_period(self, pos: int) -> Step:
        if not _is_one_of(self.at(pos), "."):
            return None
        unit = self.page_unit(pos + 1)
        if unit is None:
            return None
        (digits, text), end = unit
        return (digits, "." + text), end

    def page_sequence(self, pos: int) -> Step:
        """1, 1.2, 1.2.3 (a trailing period is not part of it)."""
        first = self.page_unit(pos)
        if first is None:
            return self.with_period(pos)
        pieces, pos = [first[0]], first[1]
        while (more := self.with_period(pos)) is not None:
            pieces.append(more[0])
            pos = more[1]
        return _joined(pieces), pos

    def balanced(self, pos: int, braces: str, inner: Callable[[int], Step]) -> Step:
        """One or more units side by side, each bare or in one pair of ``braces``: 34(1)(i), [17]-[18]."""
        pieces: list[Piece] = []
        while (unit := self._surround(pos, braces, inner)) is not None:
            pieces.append(unit[0])
            pos = unit[1]
        return (_joined(pieces), pos) if pieces else None

    def _surround(self, pos: int, braces: str, inner: Callable[[int], Step]) -> Step:
        for opening, closing in zip(braces[::2], braces[1::2]):
            if _is_one_of(self.at(pos), opening):
                middle = self._unbraced(pos + 1, braces, inner)
                digits, text, end = (False, "", pos + 1) if middle is None else (*middle[0], middle[1])
                if _is_one_of(self.at(end), closing):
                    return (digits, opening + text + closing), end + 1
        return self._unbraced(pos, braces, inner)

    def _unbraced(self, pos: int, braces: str, inner: Callable[[int], Step]) -> Step:
        if _is_one_of(self.at(pos), braces):
            return None
        return inner(pos)

    def word(self, pos: int, first: bool) -> Step:
        """One locator word: after the first, a leading ',' or ';'; then an optional space."""
        lead = ""
        if not first and _is_one_of(self.at(pos), ",;"):
            lead = self.tokens[pos].text
            pos += 1
        if _is_space(self.at(pos)):
            lead += " "
            pos += 1
        unit = self.balanced(pos, _BRACES, self.page_sequence)
        if unit is None:
            return None
        (digits, text), end = unit
        return (digits, lead + text), end

    # -- labels ------------------------------------------------------------------
    def label(self, pos: int, ends_before: Callable[[int], bool]) -> Optional[Tuple[str, int]]:
        """The longest run of tokens from ``pos`` that is a locator term and ends where
        ``ends_before`` holds: (CSL locator type, position after it)."""
        found: Optional[Tuple[str, int]] = None
        text = ""
        while pos < len(self.tokens):
            end = pos + 1
            while not ends_before(end):
                if end >= len(self.tokens):
                    return found
                end += 1
            text += tokens_text(self.tokens[pos:end])
            term = self.terms.get(text.strip().casefold())
            if term is not None:
                found = (term, end)
            pos = end
        return found

    def _numberish(self, pos: int, first: bool, digits_only: bool) -> Step:
        word = self.word(pos, first)
        if word is None:
            return None
        (digits, text), _end = word
        return word if (_has_digit(text) if digits_only else digits) else None

    # -- the two forms -------------------------------------------------------------
    def delimited(self, pos: int) -> Optional[Tuple[str, str, int]]:
        """``{label anything}``: what is inside the braces is the locator as written."""
        if not _is_one_of(self.at(pos), "{"):
            return None
        pos += 1
        while _is_space(self.at(pos)):
            pos += 1
        found = self.label(pos, lambda k: k < len(self.tokens))
        if found:
            label, pos = found
        else:  # pandoc: a page only when a lone digit follows; else no label at all
            label = "page" if _is_one_of(self.at(pos), "0123456789") else ""
        body = self.balanced(pos, "{}[]", self._any_token)
        text, pos = ("", pos) if body is None else (body[0][1], body[1])
        if not _is_one_of(self.at(pos), "}"):
            return None
        return label, text, pos + 1

    def _any_token(self, pos: int) -> Step:
        token = self.at(pos)
        return None if token is None else ((True, token.text), pos + 1)

    def integrated(self, pos: int) -> Optional[Tuple[str, str, int]]:
        """``p. 23``, ``chap. 3, 5``, or a bare ``23`` (a page)."""
        found = self.label(pos, lambda k: self._numberish(k, True, digits_only=False) is not None)
        if found:
            label, pos = found
            implicit = False
        elif self._numberish(pos, True, digits_only=True) is not None:
            label, implicit = "page", True
        else:
            return None
        first = self._numberish(pos, not implicit, digits_only=implicit)
        if first is None:
            return None
        words, pos = [first[0][1]], first[1]
        while (more := self._numberish(pos, False, digits_only=implicit)) is not None:
            words.append(more[0][1])
            pos = more[1]
        return label, "".join(words), pos

    def parse(self) -> Tuple[Optional[Locator], list[Token]]:
        pos = 0
        if _is_one_of(self.at(pos), ","):
            pos += 1
        if _is_space(self.at(pos)):
            pos += 1
        result = self.delimited(pos) or self.integrated(pos)
        if result is None:
            return None, with_comma(self.tokens)
        label, value, end = result
        rest = self.tokens[end:]
        if not label and not value:
            return None, with_comma(rest)
        return Locator(label, value.strip()), rest


def _locator_punct(char: str) -> bool:
    return char not in _NOT_LOCATOR_PUNCT and is_punctuation(char)


def _joined(pieces: list[Piece]) -> Piece:
    return any(digits for digits, _ in pieces), "".join(text for _, text in pieces)


def with_comma(tokens: list[Token]) -> list[Token]:
    """A suffix that is not a locator: ", " in front unless it starts with a space or punctuation."""
    if not tokens:
        return []
    first = tokens[0]
    if first.kind == SPACE or (first.kind == TEXT and first.text and is_punctuation(first.text[0])):
        return tokens
    return [Token(","), Token(" ", SPACE), *tokens]


def parse_locator(tokens: list[Token], terms: Mapping[str, str]) -> Tuple[Optional[Locator], list[Token]]:
    """The locator at the start of a suffix, if any, and the rest of the suffix.

    ``terms`` maps every form of a locator term, case-folded ("p.", "pages",
    "§"), to its CSL locator type (see style_facts.locator_terms)."""
    return _Parser(tokens, terms).parse()

"""pandoc's Markdown citation syntax in one string, for ``annobib cite``.

``[see @a, p. 3; -@b]`` (a bracketed cluster: prefix, ``-`` for author
suppressed, suffix), ``@a`` (narrative) and ``@a [p. 3]`` (narrative with a
locator or suffix). Keys are written as pandoc reads them: letters, digits
and ``_``, with internal punctuation ``:.#$%&-+?<>~/``, or anything in
braces: ``@{my key}``. The suffix's locator is read by ``locator.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional

from .citing import NARRATIVE, NORMAL, SUPPRESS_AUTHOR, Cite
from .locator import Locator, Token, parse_locator, tokens_from_text, tokens_text

_KEY = r"(?:\{(?P<braced>[^{}]+)\}|(?P<bare>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<dash>-?)@" + _KEY + r"(?P<suffix>.*)$", re.S)
_NARRATIVE = re.compile(r"^@" + _KEY + r"(?:\s*\[(?P<suffix>[^\[\]]*)\])?$", re.S)


class CitationSyntaxError(ValueError):
    """The text is not a citation in pandoc's syntax."""


@dataclass(frozen=True)
class CiteText:
    """One cite as written, before its suffix is read for a locator."""

    key: str
    mode: str
    prefix: str
    suffix: str


def looks_like_citation(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith(("[", "@", "-@"))


def parse_citation(text: str) -> list[CiteText]:
    """The cites of one citation written in pandoc's syntax (a cluster)."""
    stripped = text.strip()
    if stripped.startswith("@"):
        match = _NARRATIVE.match(stripped)
        if not match:
            raise CitationSyntaxError(f"not a citation: {text!r} (write @key or @key [p. 23])")
        suffix = match.group("suffix")
        return [CiteText(_key_of(match), NARRATIVE, "", suffix or "")]  # as pandoc reads @key [suffix]: no space
    if stripped.startswith("-@"):
        stripped = f"[{stripped}]"
    if not (stripped.startswith("[") and stripped.endswith("]")):
        raise CitationSyntaxError(f"not a citation: {text!r} (write [@key], [see @key, p. 23; @other] or @key)")
    cites = []
    for part in stripped[1:-1].split(";"):
        match = _ITEM.match(part.strip())
        if not match or not _suffix_is_separate(match):
            raise CitationSyntaxError(f"no @key in {part.strip()!r} of {text!r}")
        mode = SUPPRESS_AUTHOR if match.group("dash") else NORMAL
        cites.append(CiteText(_key_of(match), mode, match.group("prefix").strip(), match.group("suffix")))
    return cites


def _key_of(match: re.Match) -> str:
    return match.group("braced") or match.group("bare")


def _suffix_is_separate(match: re.Match) -> bool:
    suffix = match.group("suffix")
    return not suffix or not (suffix[0].isalnum() or suffix[0] == "_")


def to_cite(written: CiteText, terms: Mapping[str, str]) -> Cite:
    """The Cite for a written one: its suffix read for a locator as pandoc reads it."""
    locator, rest = parse_locator(tokens_from_text(written.suffix), terms) if written.suffix else (None, [])
    return Cite(written.key, written.mode, prefix=affix_prefix(written.prefix), suffix=tokens_text(rest),
                locator=locator)


def affix_prefix(text: str) -> str:
    """pandoc's rule: a prefix is followed by a space ("see" -> "see ")."""
    text = text.strip()
    return f"{text} " if text else ""


def locator_and_suffix(text: str, terms: Mapping[str, str]) -> tuple[Optional[Locator], str]:
    """``--locator "p. 23"`` or ``key@23``: the locator, and any text after it as a suffix."""
    tokens: list[Token] = tokens_from_text(text.strip())
    locator, rest = parse_locator(tokens, terms)
    return locator, tokens_text(rest)

"""Inline LaTeX math (``$\\alpha$``, ``$x^{2}$``) as CSL rich text.

Greek letters, relations and operators have Unicode forms (pylatexenc's
tables give them); ``^`` and ``_`` become ``<sup>``/``<sub>``. Math with a
macro that has no text form (``$\\foo$``) is not guessed at: the caller keeps
it as written and says so.
"""
from __future__ import annotations

import re
from functools import lru_cache

_MACRO = re.compile(r"\\([A-Za-z]+)")
# ^ or _ and its argument: a braced group (one level of nesting), a macro, or one character.
_SCRIPT = re.compile(r"([\^_])\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[^\s{}])")
_TAGS = {"^": ("<sup>", "</sup>"), "_": ("<sub>", "</sub>")}


@lru_cache(maxsize=1)
def _text_decoder():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", keep_comments=False)


@lru_cache(maxsize=1)
def _known_macros():
    from pylatexenc.latex2text import get_default_latex_context_db

    return get_default_latex_context_db()


def unknown_macros(body: str) -> list[str]:
    """The macros in ``body`` that have no text form."""
    database = _known_macros()
    return [name for name in _MACRO.findall(body) if database.get_macro_spec(name) is None]


def math_to_rich(body: str) -> str | None:
    """The math between ``$…$`` as rich text, or None when part of it has no Unicode form."""
    if unknown_macros(body):
        return None
    out: list[str] = []
    position = 0
    for match in _SCRIPT.finditer(body):
        out.append(_text(body[position:match.start()]))
        argument = match.group(2)
        if argument.startswith("{"):
            argument = argument[1:-1]
        opening, closing = _TAGS[match.group(1)]
        out.append(f"{opening}{_text(argument)}{closing}")
        position = match.end()
    out.append(_text(body[position:]))
    return "".join(out)


def _text(fragment: str) -> str:
    if not fragment:
        return ""
    if "\\" not in fragment and "{" not in fragment:
        return fragment
    try:
        return _text_decoder().latex_to_text(fragment)
    except Exception:  # pylatexenc rejects odd fragments: keep them as written
        return fragment

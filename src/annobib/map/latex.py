"""LaTeX field values to CSL rich text.

BibTeX values mix three things that a CSL engine needs apart: characters
written as macros (``{\\"o}``, ``\\&``, ``--``), formatting (``\\textit{…}``,
``{\\em …}``) and case protection (``{NMDA}``). Characters become Unicode,
formatting becomes the rich-text tags that CSL-JSON allows (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, small caps), and a protected group becomes
``<span class="nocase">`` so the style's title case leaves it alone, which is
what citeproc-js and Zotero do with such groups.

Single-character and accent macros are handed to pylatexenc (the decoder
bibtexparser uses); this module only walks the structure around them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .latex_math import math_to_rich, unknown_macros

NOCASE_OPEN = '<span class="nocase">'
SMALLCAPS_OPEN = '<span style="font-variant:small-caps;">'

# Commands whose one argument is wrapped in a rich-text tag.
_WRAPPING = {
    "textit": ("<i>", "</i>"),
    "emph": ("<i>", "</i>"),
    "mkbibemph": ("<i>", "</i>"),
    "textsl": ("<i>", "</i>"),
    "mathit": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"),
    "mkbibbold": ("<b>", "</b>"),
    "mathbf": ("<b>", "</b>"),
    "textsc": (SMALLCAPS_OPEN, "</span>"),
    "textsuperscript": ("<sup>", "</sup>"),
    "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"),
    "mkbibquote": ("\u201c", "\u201d"),
    "enquote": ("\u201c", "\u201d"),
    "mkbibparens": ("(", ")"),
    "mkbibbrackets": ("[", "]"),
}
# Declarations that format the rest of their group: {\it word}.
_DECLARATIONS = {
    "it": ("<i>", "</i>"),
    "itshape": ("<i>", "</i>"),
    "em": ("<i>", "</i>"),
    "sl": ("<i>", "</i>"),
    "bf": ("<b>", "</b>"),
    "bfseries": ("<b>", "</b>"),
    "sc": (SMALLCAPS_OPEN, "</span>"),
    "scshape": (SMALLCAPS_OPEN, "</span>"),
}
# Commands whose argument is kept as plain content.
_TRANSPARENT = {
    "textnormal", "textrm", "textsf", "texttt", "textup", "textmd", "mbox", "hbox",
    "text", "mathrm", "mathsf", "mathtt", "ensuremath", "nolinkurl", "NoCaseChange",
    "bibstring", "mkbibacro", "textlatin", "foreignlanguage", "hyphenation", "uppercase",
    "MakeUppercase", "lowercase", "MakeLowercase", "noopsort",
}
# Commands whose argument is dropped entirely (sorting helpers, index entries).
_DROPPED = {"noopsort", "sortkey", "index", "label", "hyphenation", "footnote", "cite"}
_LOGOS = {
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e",
    "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "ConTeXt": "ConTeXt",
    "MF": "Metafont", "METAFONT": "METAFONT", "MP": "MetaPost", "AmS": "AMS", "AMS": "AMS",
    "eTeX": "e-TeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX", "BibLaTeX": "BibLaTeX",
    "slash": "/", "ldots": "\u2026", "dots": "\u2026", "textellipsis": "\u2026",
    "textendash": "\u2013", "textemdash": "\u2014", "ndash": "\u2013", "mdash": "\u2014",
    "space": " ", "newblock": " ", "par": " ", "relax": "", "protect": "",
    "textquoteright": "\u2019", "textquoteleft": "\u2018", "textbackslash": "\\",
    "textasciicircum": "^", "textasciitilde": "~", "textunderscore": "_",
    "empty": "", "unskip": "", "break": " ", "linebreak": " ", "newline": " ",
}
# Accent commands that take one argument (a character or a group).
_ACCENTS = set("`'^\"~=.") | {"u", "v", "H", "t", "c", "d", "b", "k", "r", "G", "U", "h", "f"}

_TOKEN = re.compile(
    r"\\(?P<cmd>[A-Za-z@]+|.)|(?P<open>\{)|(?P<close>\})|(?P<math>\$\$?)"
    r"|(?P<dash>---?)|(?P<quotes>``|''|,,)|(?P<tilde>~)|(?P<text>[^\\{}$~`',-]+|[`',-])",
    re.S,
)


@lru_cache(maxsize=1)
def _decoder():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", keep_comments=True)


# Groups and command arguments nested deeper than this are read as plain text (the reader
# warns about such a field; see read/bibsplit.MAX_BRACE_DEPTH).
MAX_DEPTH = 100


class _Parser:
    """A small recursive-descent walk over LaTeX tokens producing rich text."""

    def __init__(self, source: str, protect_groups: bool, problems: list[str] | None = None):
        self.tokens: list[re.Match[str] | _Remainder] = list(_TOKEN.finditer(source))
        self.pos = 0
        self.protect_groups = protect_groups
        self.problems = problems  # what could not be converted, for the caller to report

    def parse(self) -> str:
        return self._sequence(depth=0, until_close=False)

    def _peek(self) -> re.Match[str] | _Remainder | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _sequence(self, depth: int, until_close: bool) -> str:
        if depth > MAX_DEPTH:
            return self._flat(until_close)
        out: list[str] = []
        closing: list[str] = []  # tags opened by declarations like {\it …}
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            kind = tok.lastgroup
            if kind == "close":
                if until_close:
                    self.pos += 1
                    break
                self.pos += 1  # a stray "}" is dropped, as BibTeX would complain and go on
                continue
            self.pos += 1
            if kind == "text":
                out.append(tok.group())
            elif kind == "tilde":
                out.append("\u00a0")
            elif kind == "dash":
                out.append("\u2014" if tok.group() == "---" else "\u2013")
            elif kind == "quotes":
                out.append({"``": "\u201c", "''": "\u201d", ",,": "\u201e"}[tok.group()])
            elif kind == "math":
                out.append(self._math(tok.group()))
            elif kind == "open":
                out.append(self._group(depth))
            elif kind == "cmd":
                name = tok.group("cmd")
                if name in _DECLARATIONS and depth > 0:
                    opening, close_tag = _DECLARATIONS[name]
                    out.append(opening)
                    closing.append(close_tag)
                    self._skip_space()
                else:
                    out.append(self._command(name, depth))
        out.extend(reversed(closing))
        return "".join(out)

    def _group(self, depth: int) -> str:
        first = self._peek()
        starts_with_command = first is not None and first.lastgroup == "cmd"
        inner = self._sequence(depth + 1, until_close=True)
        # {\"o} or {\em x} is markup, not case protection; {NMDA} at the top level is.
        if self.protect_groups and depth == 0 and not starts_with_command and inner.strip():
            return f"{NOCASE_OPEN}{inner}</span>"
        return inner

    def _argument(self, depth: int) -> str:
        """The next argument: a braced group (never case-protecting) or one token."""
        self._skip_space()
        tok = self._peek()
        if tok is None:
            return ""
        self.pos += 1
        if depth > MAX_DEPTH:  # too deep: the argument's text only, without following commands
            if tok.lastgroup == "open":
                return self._flat(until_close=True)
            return tok.group() if tok.lastgroup == "text" else ""
        if tok.lastgroup == "open":
            return self._sequence(depth + 1, until_close=True)
        if tok.lastgroup == "text":
            text = tok.group()
            # Only the first character is the argument (\"ous -> öus).
            if len(text) > 1:
                self.tokens.insert(self.pos, _Remainder(text[1:]))
            return text[0]
        if tok.lastgroup == "cmd":
            return self._command(tok.group("cmd"), depth + 1)  # \a\b\c…: each command one level deeper
        return tok.group()

    def _flat(self, until_close: bool) -> str:
        """Past MAX_DEPTH: the text of the rest of the group, braces and commands dropped
        (iterative, so no nesting can exhaust the stack)."""
        out: list[str] = []
        level = 0
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok.lastgroup == "open":
                level += 1
            elif tok.lastgroup == "close":
                if level == 0 and until_close:
                    break
                level = max(0, level - 1)
            elif tok.lastgroup == "text":
                out.append(tok.group())
        return "".join(out)

    def _raw_argument(self) -> str:
        """The literal text of the next braced argument (URLs keep % and ~)."""
        self._skip_space()
        tok = self._peek()
        if tok is None or tok.lastgroup != "open":
            return ""
        level, parts = 0, []
        while self.pos < len(self.tokens):
            t = self.tokens[self.pos]
            self.pos += 1
            if t.lastgroup == "open":
                level += 1
                if level == 1:
                    continue
            elif t.lastgroup == "close":
                level -= 1
                if level == 0:
                    break
            parts.append(t.group())
        return "".join(parts)

    def _skip_space(self) -> None:
        tok = self._peek()
        if tok is None or tok.lastgroup != "text" or not tok.group()[:1].isspace():
            return
        rest = tok.group().lstrip()
        if rest:
            self.tokens[self.pos] = _Remainder(rest)
        else:
            self.pos += 1

    def _command(self, name: str, depth: int) -> str:
        if name in _WRAPPING:
            opening, closing = _WRAPPING[name]
            return f"{opening}{self._argument(depth)}{closing}"
        if name in ("url", "path", "verb"):
            return self._raw_argument()
        if name == "href":
            self._raw_argument()
            return self._argument(depth)
        if name in _DROPPED:
            self._argument(depth)
            return ""
        if name in _TRANSPARENT:
            return self._argument(depth)
        if name in _LOGOS:
            self._consume_empty_group()
            return _LOGOS[name]
        if name in _DECLARATIONS:  # at top level a declaration has no group to end
            self._skip_space()
            return ""
        if name in _ACCENTS:
            arg = self._argument(depth)
            return _decode(f"\\{name}{{{arg}}}") if arg else _decode(f"\\{name}{{}}")
        if len(name) == 1 and not name.isalpha():
            return {"\\": " ", " ": " ", ",": "\u2009", "-": "", "/": "", "@": ""}.get(
                name, name
            )
        # Other macros: symbols like \ss, \o, \aa, \textregistered go to pylatexenc.
        text = _decode(f"\\{name}")
        self._consume_empty_group()
        following = self._peek()
        if not text and following is not None and following.lastgroup == "open":
            return self._argument(depth)  # unknown \macro{arg}: keep the argument
        if not text.strip():
            self._skip_space()
        return text

    def _consume_empty_group(self) -> None:
        tok = self._peek()
        nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
        if tok is not None and tok.lastgroup == "open" and nxt is not None and nxt.lastgroup == "close":
            self.pos += 2

    def _math(self, delimiter: str) -> str:
        parts = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok.lastgroup == "math":
                break
            parts.append(tok.group())
        body = "".join(parts)
        rich = math_to_rich(body)
        if rich is not None:
            return rich
        if self.problems is not None:
            names = ", ".join(f"\\{name}" for name in unknown_macros(body))
            self.problems.append(f"LaTeX math '{delimiter}{body}{delimiter}' has no Unicode form ({names}); "
                                 "it is printed as written")
        return f"{delimiter}{body}{delimiter}"


class _Remainder:
    """A text token split off after a one-character macro argument."""

    lastgroup = "text"

    def __init__(self, text: str):
        self._text = text

    def group(self, *_: str) -> str:
        return self._text


@lru_cache(maxsize=4096)
def _decode(fragment: str) -> str:
    try:
        return _decoder().latex_to_text(fragment)
    except Exception:  # pylatexenc rejects odd fragments; keep what the user wrote
        return fragment


def latex_to_rich(value: str, protect_groups: bool = True, problems: list[str] | None = None) -> str:
    """Convert a BibTeX value to CSL rich text (Unicode with CSL-JSON tags).

    ``protect_groups`` marks top-level brace groups as ``nocase``; it is
    wanted for titles and off for fields a style never re-cases. What cannot
    be converted (math without a Unicode form) is kept as written and, when
    ``problems`` is given, described there.
    """
    if _is_plain(value):
        return _squash_space(value)
    text = _Parser(value, protect_groups, problems).parse()
    return _squash_space(text)


def _is_plain(value: str) -> bool:
    """True when ``value`` goes out as it is, without the parser: it has no macro,
    brace, math or tilde, and either no dash, backquote or apostrophe (then even
    ``,,`` is left as written) or no doubled dash or quote mark (a lone one is text)."""
    if "\\" in value or "{" in value or "}" in value or "$" in value or "~" in value:
        return False
    if "-" not in value and "`" not in value and "'" not in value:
        return True
    return not ("--" in value or "``" in value or "''" in value or ",," in value)


def latex_to_plain(value: str) -> str:
    """A plain-text form (annotations, keywords, identifiers): no tags at all."""
    return rich_to_plain(latex_to_rich(value, protect_groups=False))


_TAG = r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>"


def rich_to_plain(rich: str) -> str:
    """Drop CSL rich-text tags (the text a plain-text reader sees)."""
    return re.sub(_TAG, "", rich) if "<" in rich else rich


def _squash_space(text: str) -> str:
    if "\n" in text or "  " in text or "\t" in text or "\r" in text:
        text = re.sub(r"[ \t\r\n]+", " ", text)
    return text.strip()


def escape_html(text: str) -> str:
    import html

    return html.escape(text, quote=False)

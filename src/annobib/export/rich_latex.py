"""CSL rich text and plain text to BibTeX field values that read back unchanged.

The inverse of ``map/latex.py``: every character that BibTeX, biblatex or
annobib's own reader would take as markup is escaped, and the CSL rich-text
tags become the LaTeX commands the reader turns back into those tags.
"""
from __future__ import annotations

import re

# Characters that are markup in a BibTeX value; the replacement reads back as the character.
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a0": "~",
}
# TeX ligatures that would turn two plain characters into one: break them with an empty group.
_LIGATURES = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)")
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIALS)) + "]")

_OPENING_TAGS = {
    "i": r"\textit{",
    "b": r"\textbf{",
    "sup": r"\textsuperscript{",
    "sub": r"\textsubscript{",
}
_TAG_RE = re.compile(r"<(/?)(i|b|sup|sub|span)((?:\s[^>]*)?)>")


def escape_text(text: str) -> str:
    """Plain text as a BibTeX value (annotations, abstracts, identifiers that are prose)."""
    text = _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group()], text)
    return _LIGATURES.sub("{}", text)  # after escaping, so these braces stay braces


def escape_paragraphs(text: str) -> str:
    """Plain text whose paragraphs (separated by blank lines) must stay apart."""
    return "\n\n".join(escape_text(p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip())


def annotation_to_latex(rich: str) -> str:
    """An annotation (rich text, paragraphs, ``[@key]`` citations) as a BibTeX value: formatting as
    ``\\textit{}`` and the like, citations as ``\\cite{key}``, paragraphs apart."""
    from ..citation_marks import find_citations, to_latex_cite

    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", rich):
        if not paragraph.strip():
            continue
        out, position = [], 0
        for citation in find_citations(paragraph):
            out.append(rich_to_latex(paragraph[position:citation.start]))
            out.append(to_latex_cite(citation))
            position = citation.end
        out.append(rich_to_latex(paragraph[position:]))
        paragraphs.append("".join(out).strip())
    return "\n\n".join(paragraphs)


def rich_to_latex(rich: str) -> str:
    """CSL rich text (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, nocase and small-caps spans) as LaTeX."""
    out: list[str] = []
    stack: list[str] = []
    position = 0
    for match in _TAG_RE.finditer(rich):
        out.append(escape_text(rich[position:match.start()]))
        position = match.end()
        closing, name, attributes = match.group(1), match.group(2), match.group(3)
        if closing:
            if stack:
                out.append(stack.pop())
            continue
        if name != "span":
            opening = _OPENING_TAGS[name]
        elif "nocase" in attributes:
            opening = "{"  # a bare brace group is BibTeX's case protection
        elif "small-caps" in attributes:
            opening = r"\textsc{"
        else:
            opening = ""  # a span with no meaning in BibTeX: keep its text only
        out.append(opening)
        stack.append("}" if opening else "")
    out.append(escape_text(rich[position:]))
    out.extend(reversed(stack))
    return "".join(out)

"""Citations written inside annotations: ``\\cite{key}`` and ``[@key]``.

An annotation may cite other entries of the bibliography. Two spellings are
read: LaTeX's ``\\cite{a,b}`` (also ``\\parencite``, ``\\autocite``,
``\\citep``, … with optional ``[prenote][postnote]``) and pandoc's
``[@a; @b, p. 5]``. A Record keeps every citation in the pandoc spelling,
which is plain text: CSL-JSON and RIS carry it as it is, and the BibTeX
exporters write it back as ``\\cite``. The render stage
(``annobib.annotation_render``) turns each into the style's in-text citation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# \cite-like commands that print a parenthetical citation (biblatex, natbib, plain LaTeX).
_LATEX_CITE = re.compile(
    r"\\(?:cite|citep|parencite|autocite|textcite|citet|footcite|supercite|smartcite|Cite|Parencite|Autocite)"
    r"\*?\s*(?:\[([^\]]*)\])?\s*(?:\[([^\]]*)\])?\s*\{([^{}]*)\}"
)
# pandoc's key: starts with a letter, digit or _, then word characters and internal punctuation.
_KEY = r"[\w][\w:.#$%&+?<>~/-]*[\w]|[\w]"
_CLUSTER = re.compile(r"\[([^\[\]]*?-?@(?:" + _KEY + r")[^\[\]]*)\]")
_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>" + _KEY + r")(?P<rest>.*)$", re.S)
# "p. 5", "pp. 5-7", "chap. 3": a locator the style formats with its own label.
_LOCATORS = {"p.": "page", "pp.": "page", "page": "page", "pages": "page", "chap.": "chapter",
             "chapter": "chapter", "sec.": "section", "section": "section", "fig.": "figure",
             "figure": "figure", "tab.": "table", "table": "table", "para.": "paragraph", "vol.": "volume"}
_LOCATOR = re.compile(r"^\s*(?P<label>[A-Za-z]+\.?)\s*(?P<value>\d[\w\u2013\-–, ]*)\s*$")


@dataclass(frozen=True)
class Cite:
    """One cited entry: its key and what the writer added around it."""

    key: str
    locator: str = ""
    label: str = ""
    prefix: str = ""
    suffix: str = ""

    def as_engine_cite(self) -> dict:
        """The cite as ``Engine.render_citations`` takes it."""
        cite: dict = {"id": self.key}
        if self.locator:
            cite.update(locator=self.locator, label=self.label or "page")
        if self.prefix:
            cite["prefix"] = self.prefix
        if self.suffix:
            cite["suffix"] = self.suffix
        return cite


@dataclass(frozen=True)
class Citation:
    """A citation found in a text: where it stands and what it cites."""

    start: int
    end: int
    cites: tuple[Cite, ...] = field(default_factory=tuple)

    @property
    def keys(self) -> list[str]:
        return [cite.key for cite in self.cites]


def latex_to_marks(latex: str) -> str:
    """``\\cite[pre][post]{a,b}`` as ``[pre @a; @b, post]`` (the rest of the LaTeX untouched)."""
    if "\\" not in latex:
        return latex
    return _LATEX_CITE.sub(_latex_mark, latex)


def _latex_mark(match: re.Match) -> str:
    first, second, keys = match.group(1), match.group(2), match.group(3)
    prenote, postnote = (first, second) if second is not None else ("", first)
    items = [f"@{key.strip()}" for key in keys.split(",") if key.strip()]
    if not items:
        return ""
    text = "; ".join(items)
    if prenote and prenote.strip():
        text = f"{prenote.strip()} {text}"
    if postnote and postnote.strip():
        text = f"{text}, {postnote.strip().replace('~', ' ')}"
    return f"[{text}]"


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text`` written the pandoc way, in order (readers turn ``\\cite`` into that)."""
    if "@" not in text:
        return []
    found = []
    for match in _CLUSTER.finditer(text):
        cites = [_cite(part) for part in match.group(1).split(";")]
        if cites and all(cite is not None for cite in cites):
            found.append(Citation(match.start(), match.end(), tuple(c for c in cites if c is not None)))
    return found


def _cite(part: str) -> Cite | None:
    match = _ITEM.match(part.strip())
    if match is None:
        return None
    prefix, rest = match.group("prefix").strip(), match.group("rest")
    locator = label = suffix = ""
    if rest.startswith(","):
        rest = rest[1:].strip()
        located = _LOCATOR.match(rest)
        if located and located.group("label").lower() in _LOCATORS:
            label, locator = _LOCATORS[located.group("label").lower()], located.group("value").strip()
        else:
            suffix = rest
    elif rest.strip():
        suffix = rest.strip()
    return Cite(match.group("key"), locator, label, prefix, suffix)


def to_latex_cite(citation: Citation) -> str:
    """A citation as ``\\cite[pre][post]{a,b}`` (LaTeX keeps one note each side)."""
    keys = ",".join(citation.keys)
    first, last = citation.cites[0], citation.cites[-1]
    post = f"{_LABEL_WORDS.get(last.label, '')}{last.locator}" if last.locator else last.suffix
    if first.prefix:
        return f"\\cite[{first.prefix}][{post}]{{{keys}}}"
    return f"\\cite[{post}]{{{keys}}}" if post else f"\\cite{{{keys}}}"


_LABEL_WORDS = {"page": "p.~", "chapter": "chap.~", "section": "sec.~", "figure": "fig.~", "table": "tab.~",
                "paragraph": "para.~", "volume": "vol.~"}

"""BibTeX name lists to CSL name objects.

bibtexparser splits each name into first/von/last/jr exactly as BibTeX
does; the parts are LaTeX-decoded only afterwards, so braces still protect
``{{World Health Organization}}`` (one literal name) and ``{Barnes and
Noble}`` while splitting.
"""
from __future__ import annotations

import re

from .latex import latex_to_plain


def parse_names(value: str) -> tuple[list[dict], list[str]]:
    """Return ``(csl_names, problems)`` for a BibTeX ``author``-style value."""
    from ..read.bibtex import bibtexparser_module

    bibtex_names = bibtexparser_module("middlewares.names")
    InvalidNameError = bibtex_names.InvalidNameError
    parse_single_name_into_parts = bibtex_names.parse_single_name_into_parts
    split_multiple_persons_names = bibtex_names.split_multiple_persons_names

    names, problems = [], []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.lower() == "others":
            names.append({"literal": "others"})
            continue
        if _is_literal(raw):
            names.append({"literal": latex_to_plain(raw[1:-1])})
            continue
        if "=" in raw and re.search(r"\b(family|given|prefix|suffix)\s*=", raw):
            names.append(_extended_name(raw))
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except (InvalidNameError, ValueError) as exc:
            problems.append(f"name '{raw}' could not be split ({exc}); kept as one literal name")
            names.append({"literal": latex_to_plain(raw)})
            continue
        name: dict[str, str] = {}
        family = latex_to_plain(" ".join(parts.last))
        given = latex_to_plain(" ".join(parts.first))
        particle = latex_to_plain(" ".join(parts.von))
        suffix = latex_to_plain(" ".join(parts.jr))
        if family:
            name["family"] = family
        if given:
            name["given"] = given
        if particle:
            name["non-dropping-particle"] = particle
        if suffix:
            name["suffix"] = suffix
        if not family and given:  # "Plato": a single word is BibTeX's last name, but guard anyway
            name = {"literal": given}
        if name:
            names.append(name)
    return names, problems


def _is_literal(raw: str) -> bool:
    """True when the whole name is one brace group: ``{World Health Organization}``."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and i != len(raw) - 1:
                return False
    return True


_EXTENDED_KEYS = {
    "family": "family",
    "given": "given",
    "prefix": "non-dropping-particle",
    "suffix": "suffix",
}


def _extended_name(raw: str) -> dict:
    """biblatex's ``family=Smith, given=John, prefix=van`` form."""
    name = {}
    for part in re.split(r",\s*(?=\w+\s*=)", raw):
        if "=" not in part:
            continue
        key, _, value = part.partition("=")
        target = _EXTENDED_KEYS.get(key.strip().lower())
        if target:
            name[target] = latex_to_plain(value.strip().strip('"'))
    return name or {"literal": latex_to_plain(raw)}

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


_PARTICLE_SHAPE = re.compile(r"^[^\W\d_]+\.?$")


def _particle_word(word: str) -> bool:
    """A lower-case word, maybe abbreviated: "van", "den", "de", "d." (not "С.", a Cyrillic initial)."""
    return word[:1].islower() and bool(_PARTICLE_SHAPE.match(word))
_NAME_ROLES = ("author", "editor", "translator", "container-author", "collection-editor", "composer", "director",
               "interviewer", "illustrator", "original-author", "recipient", "reviewed-author")


def split_particles(name: dict) -> dict:
    """A CSL name whose particles are still inside the family or given name, as citeproc-js reads it.

    ``{"family": "van den Bemt"}`` is what Zotero exports (and what annobib's
    CSL-JSON export writes, since Zotero's import ignores particle fields);
    citeproc-js parses it into the particle "van den" and the family "Bemt",
    and so does this. Leading lower-case words of a family name followed by a
    capitalised one are the non-dropping particle; trailing lower-case words
    of a given name are the dropping particle.
    """
    if isinstance(name, dict) and _no_particle(name.get("family"), 0) and _no_particle(name.get("given"), -1):
        return name  # most names: nothing to split (a large library has tens of thousands)
    if (not isinstance(name, dict) or name.get("literal") or name.get("non-dropping-particle")
            or name.get("dropping-particle") or str(name.get("parse-names", "true")).lower() == "false"):
        return name
    result = dict(name)
    family = str(name.get("family") or "").split()
    cut = 0
    while cut < len(family) - 1 and _particle_word(family[cut]):
        cut += 1
    if cut and family[cut][:1].isupper():  # "bell hooks" has no particle
        result["non-dropping-particle"] = " ".join(family[:cut])
        result["family"] = " ".join(family[cut:])
    given = str(name.get("given") or "").split()
    keep = len(given)
    while keep > 1 and _particle_word(given[keep - 1]):
        keep -= 1
    if keep < len(given) and given[keep - 1][:1].isupper():
        result["dropping-particle"] = " ".join(given[keep:])
        result["given"] = " ".join(given[:keep])
    return result


def _no_particle(part, where: int) -> bool:
    """A name part in which split_particles finds no particle: fewer than two words, or its first
    (family, ``where`` 0) or last (given, -1) word not a particle word."""
    if part is None:
        return True
    if type(part) is not str:
        return False
    words = part.split()
    return len(words) < 2 or not _particle_word(words[where])


def item_with_particles(item: dict) -> dict:
    """``split_particles`` applied to every name of a CSL-JSON item (in place), which is returned."""
    for role in _NAME_ROLES:
        if isinstance(item.get(role), list):
            item[role] = [split_particles(name) for name in item[role]]
    return item

"""A CSL-JSON personal name as citeproc-js reads it: particles and suffixes parsed out.

citeproc-js (``CSL.NameOutput._parseName`` and ``CSL.parseParticles``) reads
a name like this, and so does annobib:
- ``literal`` wins; a family name in straight double quotes ("\\"Van Dyke\\"")
  is printed as it is, quotes removed, and never parsed;
- unless ``parse-names`` is false, a name with a family and a given name and
  no ``non-dropping-particle`` is parsed: leading words of the family name
  that start in lower case ("van der", "d'", "al-") become the
  non-dropping particle; a comma in the given name starts a suffix ("John,
  Jr."; ",!" marks a suffix printed after a comma); trailing lower-case words
  of the given name ("Givenname de", "abbé d'") become the dropping particle;
- strings keep their typed characters (apostrophes, rich-text tags): they
  are printed through the rich-text parser like every other field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .initials import ROMANESQUE, STARTS_ROMANESQUE


@dataclass(frozen=True, slots=True)
class Person:
    family: str = ""
    given: str = ""
    dropping_particle: str = ""
    non_dropping_particle: str = ""
    suffix: str = ""
    literal: str = ""
    comma_suffix: bool = False
    static_ordering: bool = False
    comma_dropping_particle: str = ""  # "," when the dropping particle was typed after a comma ("et al.")

    @property
    def is_literal(self) -> bool:
        return bool(self.literal) or not (self.family or self.given)

    def romanesque(self, language: str = "") -> int:
        """citeproc-js's ``_isRomanesque``: 0 a family name with no Latin-like letter at all (printed
        family first, no space), 1 mixed or a Japanese/Chinese item (family first), 2 Western."""
        level = 2
        if not ROMANESQUE.search(self.family.replace('"', "")):
            level = 0
        if not level and self.given and STARTS_ROMANESQUE.match(self.given):
            level = 1
        if level == 2 and language[:2] in ("ja", "zh"):
            level = 1
        return level

    def family_first(self, language: str = "") -> bool:
        """The name prints in its given order, family first (citeproc-js's static ordering sniff)."""
        return self.static_ordering or self.romanesque(language) == 0 or language in ("vi", "hu")


def _clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def person(data: Any) -> Person:
    """A CSL-JSON name (a dict, or a bare string as a literal name)."""
    if not isinstance(data, dict):
        return Person(literal=_clean(data))
    literal = _clean(data.get("literal"))
    if literal:
        return Person(literal=literal)
    family = _clean(data.get("family"))
    given = _clean(data.get("given"))
    parts = _Parts(dropping=_clean(data.get("dropping-particle")),
                   non_dropping=_clean(data.get("non-dropping-particle")),
                   suffix=_clean(data.get("suffix")), comma_suffix=bool(data.get("comma-suffix")))
    parse = str(data.get("parse-names", "true")).lower() not in ("false", "0")
    if parse and len(family) > 1 and family.startswith('"') and family.endswith('"'):
        family, parse = family[1:-1], False
    if parse and family and given and not parts.non_dropping and not data.get("static-particles"):
        family, given = _parse_particles(family, given, parts)
    return Person(family=family, given=given, dropping_particle=parts.dropping,
                  non_dropping_particle=parts.non_dropping, suffix=parts.suffix,
                  comma_suffix=parts.comma_suffix, static_ordering=bool(data.get("static-ordering")),
                  comma_dropping_particle=parts.comma_dropping)


@dataclass
class _Parts:
    """What parsing may change besides the family and given names."""

    dropping: str = ""
    non_dropping: str = ""
    suffix: str = ""
    comma_suffix: bool = False
    comma_dropping: str = ""


# A leading word of a family name and what ends it (hyphen, apostrophe, ʻokina or space);
# a trailing word of a given name, matched on the reversed string (citeproc-js's particle patterns).
_FAMILY_WORD = re.compile("^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.S)
_GIVEN_WORD = re.compile("^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$", re.S)
_PARTICLE_INITIAL = re.compile("^[-'\u02bb\u2019\\s]*(.)", re.S)


def _starts_lower(word: str) -> bool:
    match = _PARTICLE_INITIAL.match(word)
    if match is None:
        return False
    return match.group(1).upper() != match.group(1)


def _family_particles(family: str) -> tuple[str, str]:
    """(the family name, its non-dropping particle)."""
    particles = []
    rest = family
    match = _FAMILY_WORD.match(rest)
    while match and _starts_lower(match.group(1)):
        particles.append(match.group(1))
        rest = match.group(2)
        match = _FAMILY_WORD.match(rest)
    joined = "".join(particles)
    particle = joined.strip()
    if joined.endswith(" ") and particle.endswith(("'", "\u2019")):
        particle += " "  # "d' Alembert": the space after the apostrophe stays
    return rest, particle


def _given_particles(given: str) -> tuple[str, str]:
    """(the given name, its dropping particle): lower-case words at its end."""
    reversed_rest = given[::-1]
    found: list[str] = []
    match = _GIVEN_WORD.match(reversed_rest)
    while match:
        word = match.group(1)[::-1]
        if not _starts_lower(word):
            break
        found.append(word)
        reversed_rest = match.group(2)
        match = _GIVEN_WORD.match(reversed_rest)
    if not found:
        return given, ""
    kept = given[: len(reversed_rest)]
    return kept, "".join(reversed(found)).strip()


_SUFFIX_COMMA = re.compile(r"(\s*,!*\s*)")


def _parse_particles(family: str, given: str, parts: _Parts) -> tuple[str, str]:
    family, particle = _family_particles(family)
    if particle:
        parts.non_dropping = particle
    if not parts.suffix:
        match = _SUFFIX_COMMA.search(given)
        if match:
            possible = given[match.end():]
            if possible.replace(".", "") == "et al" and not parts.dropping:
                parts.dropping, parts.comma_dropping = possible, ","
            else:
                parts.comma_suffix = parts.comma_suffix or len(match.group(1).replace(" ", "")) == 2
                parts.suffix = possible
            given = given[: match.start()]
    given, dropping = _given_particles(given)
    if dropping:
        parts.dropping = dropping
    return family, given

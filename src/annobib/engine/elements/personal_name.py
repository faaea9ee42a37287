"""One personal name as cs:name prints it, built the way citeproc-js builds it.

citeproc-js (``CSL.NameOutput._renderOnePersonalName``) renders each part of
a name on its own and then joins them:
- the family name and the non-dropping particle take the family
  cs:name-part's formatting and text-case; the given name and the dropping
  particle take the given cs:name-part's ("<b>van</b> <b>Meer</b>"); the
  suffix takes none; a name-part's affixes go around the joined group the
  part heads ("(de La Fontaine III)", "[Jean]");
- the given name is printed at a level: 0 none (form="short"), 1 initialised
  (with ``initialize-with``; only normalised when ``initialize="false"``),
  2 in full; disambiguation may raise the level of a cite's name;
  without a given name the dropping particle and suffix are left out too;
- a name whose family name has no Latin-like letter prints family first
  with no space ("田中太郎"); mixed names and static ordering print family
  first with a space; ``name-as-sort-order`` inverts ("Meer, Gerard van
  der" or, with ``demote-non-dropping-particle="never"``, "van der Meer,
  Gerard"); otherwise the display order is given, dropping particle,
  non-dropping particle, family, suffix;
- a particle that ends in an apostrophe or hyphen ("d'", "al-") joins the
  family name with no space; French, Russian and Czech join particle and
  family with a no-break space.
"""
from __future__ import annotations

from ..context import Scope
from ..initials import initialize, normalize
from ..output import Span, Text, join
from ..person import Person
from ..richtext import parse_rich

_JOINING = ("\u2019", "'", "-", " ")
_RICH_MARKS = ("<", "'", '"', "\u201c", "\u2018", "\u2019")


def name_text(value: str) -> Span:
    """A name string as printed: rich-text tags and quotes parsed as in any field."""
    if any(mark in value for mark in _RICH_MARKS):
        return parse_rich(value)
    return Span([Text(value)])


def _glue(pieces: list, delimiter: str) -> Span | None:
    present = [piece for piece in pieces if piece is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else join(present, delimiter)


class PartStyle:
    """The formatting of a cs:name-part (without affixes) and, separately, its affixes."""

    def __init__(self, element, scope: Scope):
        self.element = element
        self.scope = scope

    def piece(self, value: str) -> Span | None:
        if not value:
            return None
        node = name_text(value)
        if self.element is None:
            return node
        return self.element.decorate(node, self.scope, affixes=False) or node

    def around(self, node: Span | None) -> Span | None:
        if node is None or self.element is None:
            return node
        prefix, suffix = self.element.get("prefix", ""), self.element.get("suffix", "")
        return Span([node], prefix=prefix, suffix=suffix) if prefix or suffix else node


def given_level(scope: Scope, options: dict, expand: int) -> int:
    """0 no given name, 1 initials, 2 the full given name (citeproc-js's ``_givenName``)."""
    if options["form"] != "long":
        default = 0
    elif options["initialize-with"] is not None:
        default = 1
    else:
        default = 2
    return max(default, expand)


def given_text(scope: Scope, options: dict, person: Person, level: int) -> str:
    given = person.given
    if not given or level == 0:
        return ""
    terminator = options["initialize-with"]
    if terminator is None:
        rule = _givenname_rule(scope)
        terminator = "" if rule.endswith("-with-initials") else None
    if level != 1 or not person.family or terminator is None:
        return given
    if str(options["initialize"]).lower() == "false":
        return normalize(given, terminator)
    return initialize(given, terminator, options["initialize-with-hyphen"])


def _givenname_rule(scope: Scope) -> str:
    citation = scope.context.style.section("citation")
    return (citation.get("givenname-disambiguation-rule") or "") if citation is not None else ""


def suffix_text(options: dict, person: Person) -> str:
    terminator = options["initialize-with"]
    return normalize(person.suffix, terminator) if terminator is not None else person.suffix


def _joins_without_space(particle: str) -> bool:
    return particle.endswith(_JOINING)


def render_person(scope: Scope, options: dict, person: Person, inverted: bool, expand: int) -> Span:
    """``person`` as the cs:name with ``options`` prints it; ``inverted``: name-as-sort-order applies."""
    parts = options["parts"]
    family_style = PartStyle(parts.get("family"), scope)
    given_style = PartStyle(parts.get("given"), scope)
    level = given_level(scope, options, expand)
    given_value = given_text(scope, options, person, level)
    given = given_style.piece(given_value)
    family = family_style.piece(person.family)
    non_dropping = family_style.piece(person.non_dropping_particle)
    dropping = given_style.piece(person.dropping_particle) if given is not None else None
    suffix = name_text(suffix_text(options, person)) if person.suffix and given is not None else None
    language = scope.item.language
    nbsp = "\u00a0" if scope.context.style.language[:2] in ("fr", "ru", "cs") else " "
    romanesque = person.romanesque(language)
    if romanesque == 0:
        return _glue([non_dropping, family, given], "") or Span()
    if romanesque == 1 or person.family_first(language):
        return _glue([_glue([non_dropping, family], nbsp), given], " ") or Span()
    comma_dp = person.comma_dropping_particle
    if inverted:
        separator = options["sort-separator"]
        if person.given in ("Lord", "Lady"):
            separator = ", "
        if options["demote-non-dropping-particle"] in ("always", "display-and-sort"):
            second = _glue([_glue([given, dropping], comma_dp + " "), non_dropping], " ")
            head = family_style.around(family)
        else:
            glue = "" if _joins_without_space(person.non_dropping_particle) else nbsp
            head = family_style.around(_glue([non_dropping, family], glue))
            second = _glue([given, dropping], comma_dp + " ")
        merged = _glue([head, given_style.around(second)], separator)
        return _glue([merged, suffix], separator) or Span()
    if dropping is not None and family is not None and non_dropping is None:
        particle = person.dropping_particle
        if particle[-1:] in ("'", "\u02bc", "\u2019", "-") and particle[:-1] != "de":
            family, dropping = _glue([dropping, family], ""), None
    if _joins_without_space(person.non_dropping_particle):
        second = _glue([dropping, _glue([non_dropping, family], "")], nbsp)
    else:
        second = _glue([dropping, non_dropping, family], nbsp)
    second = family_style.around(_glue([second, suffix], ", " if person.comma_suffix else " "))
    if second is not None and family_style.element is not None and family_style.element.get("prefix"):
        comma_dp = ""
    terminator = options["initialize-with"] or ""
    space = nbsp if level == 1 and ("\u00a0" in terminator or "\ufeff" in terminator) else " "
    return _glue([given_style.around(given), second], comma_dp + space) or Span()

"""cs:names / cs:name: disambiguation hooks, hyphenated roles, name-list delimiters.

Fixes (fidelity map 16, 17, 22a and the in-text name cascade):
- ``Names.process`` tests ``role in item.reference`` with the CSL name
  ("container-author") while CiteProcJSON stores "container_author", so
  hyphenated name variables never render; and ``citeproc.NAMES`` lacks most
  CSL 1.0.2 name variables (a "director" list is read as a string and
  crashes ``Name.process``).
- ``Name.process``: the and-term delimiter is hard-coded ", "; citeproc-js
  puts none before "&" when the last of two names is a literal
  ("Guo, H. & others"); added names and given names decided by
  disambiguation.py must show in cites.
- Initials and suffixes as citeproc-js prints them (engine/initials.py):
  "G. Yu.", "T. T." for "Tsung-te Ted", "Jr" in Vancouver.
- Cite collapsing needs to know what the first cs:names of a cite printed,
  and to leave it out for a collapsed cite.
"""
from __future__ import annotations

from ..initials import initialize, normalize
from ..state import CURRENT

EXTRA_NAMES = ["chair", "compiler", "contributor", "curator", "director", "editor_translator",
               "executive_producer", "guest", "host", "narrator", "organizer", "performer", "producer",
               "script_writer", "series_creator", "reviewed_author", "translator"]


def apply() -> None:
    import citeproc
    from citeproc import model
    from citeproc.source import json as source_json

    for name in EXTRA_NAMES:
        for registry in (citeproc.NAMES, model.NAMES, source_json.NAMES):
            if name not in registry:
                registry.append(name)
        if name not in citeproc.VARIABLES:
            citeproc.VARIABLES.append(name)
    model.Names.process = _names_process(model.Names.process)
    model.Name.process = name_process


def _names_process(original):

    def process(self, item, names_context=None, context=None, **kwargs):
        roles = self.get("variable", "").split()
        first = CURRENT.in_citation and not CURRENT.names_seen
        CURRENT.names_seen = True
        # citeproc-py stores hyphenated variables with underscores
        if any("-" in role for role in roles):
            self.set("variable", " ".join(role.replace("-", "_") for role in roles))
            try:
                text = original(self, item, names_context, context, **kwargs)
            finally:
                self.set("variable", " ".join(roles))
        else:
            text = original(self, item, names_context, context, **kwargs)
        if first and text is not None:
            CURRENT.first_names_key = str(text)
            if CURRENT.suppress_names:
                # collapsed: the names are left out, but the groups around them render as if
                # they were there (citeproc-js drops the names from the finished cite)
                from citeproc.string import String

                from .groups import count_as_rendered

                count_as_rendered()
                return String("")
        return text

    return process


_OPTIONS = ("and", "delimiter", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
            "et-al-use-first", "et-al-use-last", "initialize-with", "name-as-sort-order", "sort-separator",
            "form", "demote-non-dropping-particle", "initialize-with-hyphen")
_INHERITED_FROM = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"  # as Name.get_option
_NAME_PARTS = "_annobib_name_parts"
_NAME_OPTIONS = "_annobib_name_options"


def _options(name, context, sort_options) -> tuple:
    """``Name.get_option`` of each of _OPTIONS. Without sort options they depend only on the
    style (this cs:name and the cs:citation or cs:bibliography it inherits from): kept (speed)."""
    if sort_options is not None:
        return tuple(name.get_option(option, context, sort_options) for option in _OPTIONS)
    parent = (name if context is None else context).xpath_search(_INHERITED_FROM)[0]
    # citeproc-py's default Name (a new one for each render of a cs:names without cs:name) has
    # no attributes: its options are the inherited ones, kept on the element inherited from
    holder = name if len(name.attrib) else parent
    cache = holder.__dict__.get(_NAME_OPTIONS)
    if cache is None:
        cache = holder.__dict__[_NAME_OPTIONS] = {}
    options = cache.get(parent)
    if options is None:
        options = cache[parent] = tuple(name.get_option(option, context, None) for option in _OPTIONS)
    return options


def name_process(self, item, variable, context=None, sort_options=None, **kwargs):
    """citeproc-py's Name.process with the citeproc-js behaviours named in the module doc."""
    (and_, delimiter, delimiter_precedes_et_al, delimiter_precedes_last, et_al_min, et_al_use_first,
     et_al_use_last, initialize_with, name_as_sort_order, sort_separator, form, demote_ndp,
     hyphen) = _options(self, context, sort_options)
    hyphen = str(hyphen).lower() != "false"

    # in-text cites and their sort keys show the names disambiguation added (as citeproc-js sorts)
    state = CURRENT.item(item.key) if CURRENT.in_citation else None
    if state is not None and state.names_shown:
        et_al_use_first = max(et_al_use_first, state.names_shown)
    if sort_options:
        state = None

    name_parts = self.__dict__.get(_NAME_PARTS)
    if name_parts is None:  # speed: the cs:name-part children, found once
        name_parts = self.__dict__[_NAME_PARTS] = tuple(self.findall("cs:name-part", self.nsmap))

    def format_name_parts(given, family):
        for part in name_parts:
            given, family = part.format_part(given, family)
        return given, family

    names = item.reference.get(variable, [])
    if and_ == "text":
        and_term = self.get_single_term(name="and")
    elif and_ == "symbol":
        and_term = self.preformat("&")
    et_al = self.et_al()

    if form == "count":
        return min(len(names), et_al_use_first) if et_al_min and len(names) >= et_al_min else len(names)

    et_al_truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min and et_al_use_first < len(names)
    et_al_last = et_al_use_last and et_al_use_first <= et_al_min - 2
    if et_al_truncate:
        names = names[:et_al_use_first] + [names[-1]] if et_al_last else names[:et_al_use_first]
    output = []
    for i, name in enumerate(names):
        given, family, dp, ndp, suffix = name.parts()
        expand_given = state is not None and state.givenname and i == 0 and form == "short"
        if given is not None and initialize_with is not None:
            given = initialize(given, initialize_with, hyphen)
        elif given is not None and expand_given:
            given = initialize(given, self.get_root().get("initialize-with", ". "), hyphen)
        if suffix and initialize_with is not None:
            suffix = normalize(suffix, initialize_with)
        if form == "long" or expand_given:
            if (name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0)) and not expand_given:
                if demote_ndp in ("never", "sort-only"):
                    family = " ".join(n for n in (ndp, family) if n)
                    given = " ".join(n for n in (given, dp) if n)
                else:
                    given = " ".join(n for n in (given, dp, ndp) if n)
                given, family = format_name_parts(given, family)
                text = sort_separator.join(n for n in (family, given, suffix) if n)
            else:
                family = " ".join(n for n in (dp, ndp, family) if n)
                given, family = format_name_parts(given, family)
                text = " ".join(n for n in (given, family, suffix) if n)
        else:
            family = " ".join(n for n in (ndp, family) if n)
            given, family = format_name_parts(given, family)
            text = family
        output.append(text)

    if et_al_truncate and et_al:
        if et_al_last:
            ellipsis = self.unicode_character("horizontal ellipsis")
            output[-1] = ellipsis + " " + output[-1]
            return self.join(output, delimiter)
        if delimiter_precedes_et_al == "always" or (delimiter_precedes_et_al == "contextual" and len(output) >= 2):
            output.append(et_al)
            return self.join(output, delimiter)
        return self.join(output, delimiter) + " " + et_al
    if and_ is not None and len(output) > 1:
        text = self.join(output[:-1], delimiter)
        literal_last = len(output) == 2 and "literal" in names[-1]
        inverted = name_as_sort_order == "all" or (name_as_sort_order == "first" and len(output) == 2)
        if not literal_last and (delimiter_precedes_last == "always"
                                 or (delimiter_precedes_last == "contextual" and len(output) > 2)
                                 or (delimiter_precedes_last == "after-inverted-name" and inverted)):
            text = self.join([text, ""], delimiter)
        else:
            text += " "
        return text + "{} ".format(and_term) + output[-1]
    return self.join(output, delimiter)

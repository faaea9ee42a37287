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


def name_process(self, item, variable, context=None, sort_options=None, **kwargs):
    """citeproc-py's Name.process with the citeproc-js behaviours named in the module doc."""
    def get_option(name):
        return self.get_option(name, context, sort_options)

    and_ = get_option("and")
    delimiter = get_option("delimiter")
    delimiter_precedes_et_al = get_option("delimiter-precedes-et-al")
    delimiter_precedes_last = get_option("delimiter-precedes-last")
    et_al_min = get_option("et-al-min")
    et_al_use_first = get_option("et-al-use-first")
    et_al_use_last = get_option("et-al-use-last")
    initialize_with = get_option("initialize-with")
    name_as_sort_order = get_option("name-as-sort-order")
    sort_separator = get_option("sort-separator")
    form = get_option("form")
    demote_ndp = get_option("demote-non-dropping-particle")
    hyphen = str(get_option("initialize-with-hyphen")).lower() != "false"

    # in-text cites and their sort keys show the names disambiguation added (as citeproc-js sorts)
    state = CURRENT.item(item.key) if CURRENT.in_citation else None
    if state is not None and state.names_shown:
        et_al_use_first = max(et_al_use_first, state.names_shown)
    if sort_options:
        state = None

    def format_name_parts(given, family):
        for part in self.findall("cs:name-part", self.nsmap):
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

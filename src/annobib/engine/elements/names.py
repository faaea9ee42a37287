"""cs:names, cs:name, cs:name-part, cs:et-al, cs:substitute and the names' cs:label.

Where citeproc-py's ``Names``/``Name`` fall short of CSL 1.0.2 and citeproc-js:
- most name variables are unknown to it (a "director" crashes it), and
  hyphenated ones ("container-author") never print;
- the and-term delimiter is hard-coded ", "; ``delimiter-precedes-last``
  "after-inverted-name" and ``et-al-use-last`` are incomplete;
  ``et-al-subsequent-*`` are read and never used; ``initialize="false"`` and
  non-Latin names (family first, no space) are not handled;
- a substitute suppresses only its own child's variable, and the shorthand
  ``<names variable="editor"/>`` inside cs:substitute must inherit the
  original's cs:name, cs:et-al and cs:label;
- disambiguation's decisions (names added, given names expanded) must show;
- the first cs:names of a cite is what suppress-author, author-only and cite
  collapsing act on.
"""
from __future__ import annotations

from citeproc import model

from ..context import Scope
from ..initials import STARTS_ROMANESQUE
from ..items import Person
from ..namesets import given_name_level, nameset_shown
from ..output import Span, Text, join, plain
from .base import CSL, Rendering
from .personal_name import name_text, render_person
from .text import BLOCKS_SUBSTITUTE, Label

NAME_OPTIONS = {
    "and": None, "delimiter": ", ", "delimiter-precedes-et-al": "contextual",
    "delimiter-precedes-last": "contextual", "et-al-min": None, "et-al-use-first": None,
    "et-al-subsequent-min": None, "et-al-subsequent-use-first": None, "et-al-use-last": "false",
    "initialize": "true", "initialize-with": None, "name-as-sort-order": None, "sort-separator": ", ",
    "form": "long",
}
_INHERITED_AS = {"delimiter": "name-delimiter", "form": "name-form"}


class Name(Rendering, model.Name):
    def options(self, scope: Scope) -> dict:
        """This cs:name's options, inherited from cs:citation/cs:bibliography and cs:style (and a
        cs:key's names-min etc. when sorting)."""
        root = scope.context.style
        key = ("name-options", scope.section)
        found = root.memo(self, key)
        if found is None:
            section = root.section(scope.section)
            found = {}
            for name, default in NAME_OPTIONS.items():
                inherited = _INHERITED_AS.get(name, name)
                value = self.get(name)
                if value is None and section is not None:
                    value = section.get(inherited)
                if value is None:
                    value = root.get(inherited)
                found[name] = default if value is None else value
            # the default cs:institution citeproc-js adds takes cs:name's delimiter and "and", but
            # delimiter-precedes-last only from cs:citation/cs:bibliography and cs:style
            inherited_last = section.get("delimiter-precedes-last") if section is not None else None
            found["institution-delimiter-precedes-last"] = (
                inherited_last or root.get("delimiter-precedes-last") or "contextual")
            found["demote-non-dropping-particle"] = root.get("demote-non-dropping-particle", "display-and-sort")
            found["initialize-with-hyphen"] = root.get("initialize-with-hyphen", "true").lower() != "false"
            found["parts"] = {part.get("name"): part for part in self.iterchildren(f"{CSL}name-part")}
            root.remember(self, key, found)
        if scope.sort_options:
            found = dict(found)
            found.update(scope.sort_options)
        return found

    # -- one list -----------------------------------------------------------
    def render_list(self, scope: Scope, names: list[Person], et_al_element, variable: str,
                    first_names: bool = False) -> Span | None:
        """``first_names``: the first cs:names of the entry or cite, which disambiguation widens."""
        options = self.options(scope)
        if not names:
            return None
        form = options["form"]
        shown, use_last = self._shown(scope, options, len(names), first_names)
        shown = nameset_shown(scope, names, shown, options, variable)  # disambiguation may show more
        if form == "count":
            return Span([Text(str(shown if shown < len(names) else len(names)))])
        if shown == 0:
            return None  # et-al-use-first="0": no names, and no "et al." either (citeproc-js)
        truncated = shown < len(names)
        people = names[:shown]
        pieces = [self.person(scope, options, person, index, first_names) for index, person in enumerate(people)]
        if scope.sorting:  # a sort key: the names alone, no "and", et-al or ellipsis (citeproc-js)
            if truncated and use_last and shown + 2 <= len(names):
                pieces.append(self.person(scope, options, names[-1], len(names) - 1, first_names))
            return self.decorate(join(pieces, options["delimiter"]), scope)
        if truncated and use_last and shown + 2 <= len(names):
            ellipsis = Span([Text("\u2026 ")])
            last = self.person(scope, options, names[-1], len(names) - 1, first_names)
            return self.decorate(Span([join(pieces, options["delimiter"]), Text(options["delimiter"]),
                                       ellipsis, last]), scope)
        if truncated:  # a sort key has no "et al." (citeproc-js)
            et_al = None if scope.sorting else self._et_al(scope, et_al_element)
            if et_al is None:
                return self.decorate(join(pieces, options["delimiter"]), scope)
            glue = self._et_al_glue(options, len(pieces), plain(et_al))
            return self.decorate(Span([join(pieces, options["delimiter"]), Text(glue), et_al]), scope)
        return self.decorate(self._join_with_and(scope, options, pieces, people), scope)

    @staticmethod
    def _et_al_glue(options: dict, shown: int, term: str) -> str:
        """What comes before "et al." (citeproc-js): a space after one name, the delimiter after
        several, as delimiter-precedes-et-al says; nothing before a term in a non-Latin script."""
        delimiter = options["delimiter"]
        single, multiple = " ", delimiter
        precedes = options["delimiter-precedes-et-al"]
        if precedes == "always":
            single = delimiter
        elif precedes == "never":
            multiple = " "
        elif precedes == "after-inverted-name":
            single, multiple = delimiter, " "
        glue = single if shown == 1 else multiple
        if glue == " " and not STARTS_ROMANESQUE.match(term):
            return ""
        return glue

    def _shown(self, scope: Scope, options: dict, count: int, first_names: bool = False) -> tuple[int, bool]:
        minimum, first = options["et-al-min"], options["et-al-use-first"]
        if scope.cite.position != "first" and scope.section == "citation" and not scope.sorting:
            minimum = options["et-al-subsequent-min"] or minimum
            first = options["et-al-subsequent-use-first"] or first
        use_last = str(options["et-al-use-last"]).lower() == "true"
        shown = count
        try:
            if minimum is not None and first is not None and count >= int(minimum):
                shown = max(int(first), 0) if int(first) > 0 else 0
        except ValueError:
            pass
        if shown == 0 and count:
            shown = 0
        return min(shown, count), use_last

    def _et_al(self, scope: Scope, element) -> Span | None:
        if element is not None:
            term = element.get("term", "et-al")
            text = scope.context.style.term(term)
            return element.decorate(Span([Text(text)]), scope) if text else None
        text = scope.context.style.term("et-al")
        return Span([Text(text)]) if text else None

    def _join_with_and(self, scope: Scope, options: dict, pieces: list[Span], people: list[Person]) -> Span:
        """The names joined, the last one after the and-term (citeproc-js: a term in a Latin-like
        script is spaced, " and " after two names, ", and " after more, as delimiter-precedes-last
        says; any other term is joined without spaces)."""
        delimiter = options["delimiter"]
        and_ = options["and"] if not scope.sorting else None  # a sort key has no "and" (citeproc-js)
        if len(pieces) == 1:
            return pieces[0]
        if and_ not in ("text", "symbol"):
            return join(pieces, delimiter)
        term = scope.context.style.term("and") if and_ == "text" else "&"
        term = term or ""
        if STARTS_ROMANESQUE.match(term):
            single, multiple, after = " ", delimiter, " "
        else:
            single = multiple = after = ""
        literal = people[-1].is_literal
        precedes = options["institution-delimiter-precedes-last" if literal else "delimiter-precedes-last"]
        if precedes == "always":
            single = delimiter
        elif precedes == "never":
            multiple = " " if multiple else multiple
        elif precedes == "after-inverted-name":
            single = delimiter if single else single
            multiple = " " if multiple else multiple
            if self._inverted(options, len(pieces) - 2):
                single = multiple = delimiter
        before = single if len(pieces) == 2 else multiple
        return Span([join(pieces[:-1], delimiter), Text(before + term + after), pieces[-1]])

    @staticmethod
    def _inverted(options: dict, index: int) -> bool:
        order = options["name-as-sort-order"]
        return order == "all" or (order == "first" and index == 0)

    # -- one person ---------------------------------------------------------
    def person(self, scope: Scope, options: dict, person: Person, index: int, first_names: bool = False) -> Span:
        parts = options["parts"]
        if person.is_literal:
            return _part(parts.get("family"), name_text(person.literal or person.family or person.given), scope)
        expand = given_name_level(scope, options, person, index)  # disambiguation's given names (namesets.py)
        return render_person(scope, options, person, self._inverted(options, index), expand)


def _part(element, node: Span, scope: Scope) -> Span:
    if element is None:
        return node
    return element.decorate(node, scope) or node


class Name_Part(Rendering, model.Name_Part):
    pass


class Et_Al(Rendering, model.Et_Al):
    pass


class Substitute(Rendering, model.Substitute):
    """citeproc-js: every variable called inside cs:substitute counts as printed for the rest of
    the entry from the moment it is called (its ``done_vars``), whether its child succeeds or not;
    the first child that prints something ends the substitution, and so does a cs:text term or
    value, even an empty one. The children of a cs:choose's taken branch are candidates in turn
    like the substitute's own, and shorthand cs:names among them inherit the original's parts."""

    def render(self, scope: Scope, *args, original=None, widen: bool = False, uncompared: list | None = None,
               **kwargs) -> Span | None:
        """``uncompared`` (a list) gets True when what prints takes no part in subsequent-author-substitute."""
        spent = False
        for child in self._candidates(self, scope):
            scope.suppressed.discard(BLOCKS_SUBSTITUTE)
            scope.recording.append(scope.suppressed)  # what the child calls is suppressed at once
            try:
                if isinstance(child, Names) and original is not None:
                    result = child.render(scope, inherit=original, widen=widen)
                elif isinstance(child, Rendering):
                    result = child.render(scope)
                else:
                    result = None
            finally:
                scope.recording.pop()
            printed = result is not None and bool(plain(result))
            blocked = BLOCKS_SUBSTITUTE in scope.suppressed
            scope.suppressed.discard(BLOCKS_SUBSTITUTE)
            if printed:
                if spent and uncompared is not None:
                    uncompared.append(True)
                return result
            if blocked:
                return None
            # citeproc-js looks for a repeated author once, at the end of the first cs:names with child
            # elements (or text macro) it renders: one tried here in vain uses that look up, and names
            # a later candidate prints are neither replaced by subsequent-author-substitute nor
            # compared with the next entry's (MLA's editors, after its guest names)
            spent = spent or (isinstance(child, Names) and len(child) > 0) or (
                isinstance(child, Rendering) and child.get("macro") is not None)
        return None

    @classmethod
    def _candidates(cls, element, scope: Scope):
        from .groups import Choose

        for child in element.iterchildren():
            if isinstance(child, Choose):
                branch = child.taken_branch(scope)
                if branch is not None:
                    yield from cls._candidates(branch, scope)
            else:
                yield child


class Names(Rendering, model.Names):
    def parts(self):
        """(cs:name, cs:et-al, cs:label, whether the label comes before the name, cs:substitute)."""
        name = et_al = label = substitute = None
        label_first = False
        for child in self.iterchildren():
            if isinstance(child, Name):
                name = child
            elif isinstance(child, Et_Al):
                et_al = child
            elif isinstance(child, Label):
                label = child
                label_first = name is None  # before cs:name (with no cs:name at all it follows the names)
            elif isinstance(child, Substitute):
                substitute = child
        return name, et_al, label, label_first and name is not None, substitute

    def render(self, scope: Scope, *args, inherit=None, widen: bool | None = None, **kwargs) -> Span | None:
        """``widen``: (a substitute's shorthand names) whether they stand for the entry's first names."""
        name, et_al, label, label_first, substitute = self.parts()
        if inherit is not None and len(self) == 0:  # the shorthand in cs:substitute: the original's parts
            i_name, i_et_al, i_label, i_label_first, _ = inherit.parts()
            name = name if name is not None else i_name
            et_al = et_al if et_al is not None else i_et_al
            if label is None:
                label, label_first = i_label, i_label_first
        first = not scope.names_seen and not scope.sorting
        scope.names_seen = True
        widened = (first if widen is None else widen) and scope.section == "bibliography"
        uncompared: list = []
        variables = self.get("variable", "").split()
        lists = []
        for variable in variables:
            if variable in scope.suppressed:
                continue
            people = scope.item.names(variable)
            if people:
                lists.append((variable, people))
        for frame in scope.recording:
            frame.update(variables)
        lists = self._common_term(scope, lists, label)
        result = None
        if lists:
            result = self._render_lists(scope, lists, name, et_al, label, label_first, widened)
        scope.note(True, result is not None)
        if result is None and substitute is not None:
            # what the substitute prints stands inside this cs:names: its affixes and formatting apply
            result = self.decorate(substitute.render(scope, original=self, widen=widened, uncompared=uncompared),
                                   scope, cased=False)
            if result is not None:
                scope.note(True, True)
        if result is None:
            return None
        if first:
            compared = not (uncompared and scope.section == "bibliography")
            scope.first_names = result if compared else None
            # the names a subsequent-author-substitute replaces (without their label)
            scope.first_names_core = scope.names_core if compared else None
            if scope.drop_names and scope.section == "citation":
                return None
        scope.started = True
        return result

    @staticmethod
    def _common_term(scope: Scope, lists, label):
        """Lists that are all the same people print once, under the term named by their sorted
        variable names ("editortranslator"), when the cs:names has a label and the locale gives
        that term (citeproc-js's ``setCommonTerm``)."""
        if len(lists) < 2 or label is None:
            return lists
        first = lists[0][1]
        if any(people != first for _, people in lists[1:]):
            return lists
        common = "".join(sorted(variable for variable, _ in lists))
        if not scope.context.style.term(common, label.get("form", "long")):
            return lists
        return [(common, first)]

    def _render_lists(self, scope: Scope, lists, name, et_al, label, label_first, first_names=False) -> Span | None:
        name = name if name is not None else _default_name(scope)
        pieces = []
        for variable, people in lists:
            started = scope.started
            rendered = name.render_list(scope, people, et_al, variable, first_names)
            if rendered is None:
                continue
            if name.options(scope)["form"] == "count":
                pieces.append(rendered)
                continue
            if label is not None and not scope.sorting:  # a role label is no part of a sort key
                # a label after the names is not the entry's first word ("Doe ed."); one before is
                scope.started = started if label_first else True
                label_node = label.term_node(scope, variable, len(people) > 1)
                if label_node is not None:
                    scope.names_core = rendered if len(lists) == 1 else None
                    rendered = Span([label_node, rendered] if label_first else [rendered, label_node])
            pieces.append(rendered)
        if not pieces:
            return None
        if name.options(scope)["form"] == "count":
            total = sum(int(plain(p)) for p in pieces)
            return self.decorate(Span([Text(str(total))]), scope) if total else None
        delimiter = self.get("delimiter")
        if delimiter is None:
            section = scope.context.style.section(scope.section)
            delimiter = (section.get("names-delimiter") if section is not None else None) \
                or scope.context.style.get("names-delimiter") or ""
        return self.decorate(join(pieces, delimiter), scope)


def _default_name(scope: Scope) -> Name:
    """A cs:names without cs:name prints names as an empty cs:name would (inherited options)."""
    root = scope.context.style
    found = root.memo(root, "default-name")
    if found is None:
        found = root.remember(root, "default-name", root.makeelement(f"{CSL}name"))
    return found

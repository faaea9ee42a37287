"""cs:substitute: what a substitute rendered is suppressed for the rest of the entry (fidelity map 8).

citeproc-py's ``Substitute.add_to_repressed_list`` records only the winning
child's own ``variable`` attribute, and only ``Text._variable`` looks at the
record, so an editor or publisher that stood in for a missing author is
printed a second time ("Pain Medicine News. (2018). Title. Pain Medicine
News."), and a title reached through a macro is repeated.

CSL 1.0.2: substituted variables are suppressed in the rest of the output.
citeproc-js (``CSL.Attributes["@variable"]``, ``state.tmp.done_vars``) adds
every variable that a cs:names, cs:text, cs:date or cs:number element tries
while the substitute runs (also inside macros, groups and choose) to the
entry's done list; later elements treat a listed variable as empty. The same
happens here: ``Substitute.render`` records what its children try, and the
variable-rendering elements consult the record, kept in the layout's
``repressed`` dict, which citeproc-py resets for every entry and cite.
"""
from __future__ import annotations

_recording: list[set[str]] = []  # one set per substitute being rendered


def tried(*variables: str) -> None:
    """An element is about to render these variables."""
    for frame in _recording:
        frame.update(variables)


def _done(element, context) -> set[str]:
    """The current entry's suppressed variables (empty when no layout is reachable)."""
    for candidate in (context, element):
        if candidate is None:
            continue
        layout = _layout(candidate)
        if layout is None:
            continue
        repressed = getattr(layout, "repressed", None)
        if repressed is None:
            repressed = layout.repressed = {}
        done = repressed.get("variables")
        if done is None:
            done = repressed["variables"] = set()
        return done
    return set()


_LAYOUT = "_annobib_layout"
_MISSING = object()


def _layout(element):
    """The cs:layout the style element is in, or None (kept on the element: the tree is static)."""
    cache = element.__dict__
    found = cache.get(_LAYOUT, _MISSING)
    if found is _MISSING:
        found = None
        if hasattr(element, "get_layout"):
            try:
                found = element.get_layout()
            except IndexError:  # an element inside a macro: the caller's context knows the layout
                pass
        cache[_LAYOUT] = found
    return found


def suppressed(element, context, variable: str) -> bool:
    return variable in _done(element, context)


def apply() -> None:
    from citeproc import model

    model.Substitute.render = substitute_render
    model.Text._variable = _text_variable(model.Text._variable)
    model.Names.process = _names_process(model.Names.process)
    model.Date.process = _date_process(model.Date.process)
    model.Number.process = _number_process(model.Number.process)
    model.Label.process = _label_process(model.Label.process)


def substitute_render(self, item, context=None, **kwargs):
    from citeproc.model import Names
    from citeproc.source import VariableError

    text = None
    for child in self.getchildren():
        _recording.append(set())
        try:
            if isinstance(child, Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            text = None
        finally:
            attempted = _recording.pop()
        for frame in _recording:  # a substitute nested in a substitute's child
            frame.update(attempted)
        _done(self, context).update(attempted)
        if text:
            return text
    return None


def _text_variable(original):
    def _variable(self, item, context):
        variable = self.get("variable")
        if variable in ("citation-number", "locator", "year-suffix"):
            return original(self, item, context)
        if suppressed(self, context, variable):
            return None
        tried(variable)
        return original(self, item, context)

    return _variable


def _names_process(original):
    from citeproc.source import VariableError

    def process(self, item, names_context=None, context=None, **kwargs):
        roles = self.get("variable", "").split()
        done = _done(self, context)
        left = [role for role in roles if role not in done]
        tried(*roles)
        if len(left) == len(roles):
            return original(self, item, names_context, context, **kwargs)
        if not left and self.substitute() is None:
            raise VariableError
        self.set("variable", " ".join(left))
        try:
            return original(self, item, names_context, context, **kwargs)
        finally:
            self.set("variable", " ".join(roles))

    return process


def _date_process(original):
    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        if not self.is_locale_date():
            name = variable or self.get("variable")
            if suppressed(self, context, name):
                return None
            tried(name)
        return original(self, item, variable, show_parts, context, **kwargs)

    return process


def _number_process(original):
    def process(self, item, context=None, **kwargs):
        variable = self.get("variable", "").replace("_", "-")  # fixes/variables.py renames it
        if variable != "locator":
            if suppressed(self, context, variable):
                return None
            tried(variable)
        return original(self, item, context, **kwargs)

    return process


def _label_process(original):
    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is None and self.get("variable") not in (None, "locator") \
                and suppressed(self, context, self.get("variable")):
            return None
        return original(self, item, variable, plural, context, **kwargs)

    return process

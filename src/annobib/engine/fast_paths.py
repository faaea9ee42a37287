"""Hot-path versions of citeproc-py methods that every entry runs many times (issue 8).

Rendering an entry walks the style tree: ``Parent.render_children`` for every
cs:if, cs:else and cs:macro, ``Text.process`` and ``Text.markup`` for every
cs:text, ``Names.name`` / ``Names.label`` (an lxml find) for every name list.
citeproc-py re-reads each node's attributes and children on every call and
finds the item's language by raising and catching an exception. Here what
depends only on the node (its children, which attribute a cs:text renders,
its macro, whether it strips periods, changes case or quotes) is read once
and kept on the node; the per-item work is unchanged, so the output is the same.

Applied by engine/fixes/__init__.py after the fixes; ``ANNOBIB_NO_SPEEDUPS=1``
leaves these methods as citeproc-py has them (as engine/speedups.py does).
``children()`` is also used by fixes/groups.py.
"""
from __future__ import annotations

_CHILDREN = "_annobib_children"
_TEXT_PLAN = "_annobib_text_plan"
_MARKUP_PLAN = "_annobib_markup_plan"
_applied = False


def children(node) -> tuple:
    """(child, is a cs:choose) for each child of a style node; the style tree does not
    change while rendering (cs:names, which gains a default cs:name, is not asked)."""
    cached = node.__dict__.get(_CHILDREN)
    if cached is None:
        from citeproc.model import Choose

        cached = node.__dict__[_CHILDREN] = tuple((child, isinstance(child, Choose))
                                                  for child in node.iterchildren())
    return cached


def apply() -> None:
    global _applied
    from . import speedups

    if _applied or not speedups.enabled():
        return
    _applied = True
    from citeproc import model

    _patch_render_children(model)
    _patch_text(model)
    for tag in ("name", "label"):  # speed: cs:names looks these up (find) for every name list
        setattr(model.Names, tag, _child(tag))


def _patch_render_children(model) -> None:
    VariableError = model.VariableError

    def render_children(self, item, delimiter="", **kwargs):
        output = []
        for child, is_choose in children(self):
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        if output:
            return model.join(output, delimiter)  # looked up here: fixes/punctuation.py replaces it
        return None

    model.Parent.render_children = render_children


def _child(tag: str):
    """``names.name`` / ``names.label``, found once: citeproc's default Name, inserted into a
    cs:names without cs:name, has no namespace, so the answer never changes."""
    key, path = "_annobib_child_" + tag, "cs:" + tag

    def get(self):
        cache = self.__dict__
        if key not in cache:
            cache[key] = self.find(path, self.nsmap)
        return cache[key]

    return property(get)


_VARIABLE, _MACRO, _TERM, _VALUE = 1, 2, 3, 4


def _patch_text(model) -> None:
    String, VariableError = model.String, model.VariableError
    original_process = model.Text.process

    def text_plan(self):
        attrib = self.attrib
        for kind, attribute in ((_VARIABLE, "variable"), (_MACRO, "macro"), (_TERM, "term"), (_VALUE, "value")):
            if attribute in attrib:
                break
        else:
            kind = None
        name = attrib.get(attribute)
        if kind == _MACRO:
            name = self.get_macro(name)  # the cs:macro node itself (a missing one raises, as in process)
        # the language only matters to case(), so only to a cs:text with text-case
        cased = "text-case" in attrib
        plan = (kind, name, self.get_root().get("default-locale", "en")[:2] if cased else None)
        self.__dict__[_TEXT_PLAN] = plan
        return plan

    def process(self, item, context=None, **kwargs):
        plan = self.__dict__.get(_TEXT_PLAN) or text_plan(self)
        kind, name, style_language = plan
        if kind is None:  # none of the four: citeproc-py's own error
            return original_process(self, item, context, **kwargs)
        if context is None:
            context = self
        language = None  # Text.render hands it only to markup(), which needs it for text-case
        if style_language is not None:
            try:  # speed: no VariableError raised and caught for an item without a language
                reference = item.reference
                language = reference["language"][:2] if "language" in reference else style_language
            except VariableError:
                language = style_language
        if kind == _VARIABLE:
            text = self._variable(item, context)
        elif kind == _MACRO:
            text = name.render(item, context)
        elif kind == _TERM:
            text = self._term(item)
        else:
            text = String(self.preformat(name))
        return text, language

    def markup_plan(self):
        attrib = self.attrib
        try:
            quotes = attrib.get("quotes", "false").lower() == "true" \
                or self.get_locale_option("punctuation-in-quote") is None  # quote() would fail: let it
        except Exception:
            quotes = True
        plan = (attrib.get("strip-periods", "false").lower() == "true", "text-case" in attrib, quotes)
        self.__dict__[_MARKUP_PLAN] = plan
        return plan

    def markup(self, text, language):
        if not text:
            return None
        strip, cased, quotes = self.__dict__.get(_MARKUP_PLAN) or markup_plan(self)
        # speed: the steps that would leave the text as it is are skipped
        if strip:
            text = self.strip_periods(text)
        if cased:
            text = self.case(text, language)
        text = self.format(text)
        if quotes:
            text = self.quote(text)
        return self.wrap(text)

    model.Text.process = process
    model.Text.markup = markup

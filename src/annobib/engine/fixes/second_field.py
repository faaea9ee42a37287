"""second-field-align: the first field stands apart (Vancouver "1. Justus R.").

citeproc-py ignores ``second-field-align`` and glues the citation number to
the entry ("1.Justus R."). citeproc-js renders the first rendering element
of the bibliography layout as a separate field (its own ``csl-left-margin``
block in HTML) followed by a space, so the plain text reads "1. Justus R.".
The layout's children are joined that way here (``Layout.render_children``),
so every path that renders an entry gets it.
"""
from __future__ import annotations


def apply() -> None:
    from citeproc import model

    original = model.Parent.render_children

    def render_children(self, item, delimiter="", **kwargs):
        parent = self.getparent()
        if not isinstance(parent, model.Bibliography) or not parent.get("second-field-align"):
            return original(self, item, delimiter, **kwargs)
        from citeproc.source import VariableError
        from citeproc.string import String

        pieces = []
        for child in self.iterchildren():
            try:
                text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None and str(text) != "":
                pieces.append(text)
        if not pieces:
            return None
        out = pieces[0]
        for index, piece in enumerate(pieces[1:]):
            out = out + (String(" ") if index == 0 else "") + piece
        return out

    model.Layout.render_children = render_children

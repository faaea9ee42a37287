"""cs:text term: a term printed first in a bibliography entry is capitalised (fidelity map 15).

citeproc-js (``term_predecessor`` in ``CSL.Output.Queue.append`` and the
cs:text term renderer) capitalises the first letter of a term when nothing
has been printed before it in the entry, outside in-text citations: an
undated item without author or title starts "(N.d.-a).", an approximate
date "(Ca. 1723b).". The CSL 1.0.2 text does not say so; Zotero prints it.
Here ``Layout.render_children`` (as fixes/second_field.py leaves it: this
module is applied after it) opens an entry with nothing printed, every
rendering element marks the entry started once it prints something, and
``Text._term`` capitalises while it has not.
"""
from __future__ import annotations

from ..state import CURRENT
from .punctuation import is_filled


def apply() -> None:
    from citeproc import model

    model.Layout.render_children = _entry(model.Layout.render_children)
    # Text, Names, Date and Number: marked by fixes/groups.py's render wrapper (one wrapper, not two)
    model.Label.render = _marking(model.Label.render)
    model.Text._term = _term(model.Text._term)


def _entry(original):
    def render_children(self, item, *args, **kwargs):
        saved = CURRENT.entry_started
        CURRENT.entry_started = False
        try:
            return original(self, item, *args, **kwargs)
        finally:
            CURRENT.entry_started = saved

    return render_children


def _marking(original):
    def render(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if result is not None and is_filled(result):
            CURRENT.entry_started = True
        return result

    return render


def _term(original):
    def _term_text(self, item):
        text = original(self, item)
        if CURRENT.entry_started or CURRENT.in_citation or CURRENT.sorting or not text:
            return text
        return capitalise_first(text)

    return _term_text


def capitalise_first(text):
    """The first character upper-cased, the string type kept."""
    from citeproc.string import String

    raw = str(text)
    if not raw or raw[0].isupper():
        return text
    return String(raw[0].upper() + raw[1:])

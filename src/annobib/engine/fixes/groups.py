"""cs:group suppression decided at render time (fidelity map 7).

``Group.process`` asks each child's static ``calls_variable()``, which looks
at every branch of a cs:choose (also the branches not taken) and says a
macro rendering only terms calls nothing. CSL 1.0.2: a group is suppressed
when it calls at least one variable and every variable it calls is empty; a
non-empty nested group or macro counts as a non-empty variable (citeproc-js
does the same). Here every variable-rendering element records, on a stack
of open groups, that it was called and whether it printed something.
"""
from __future__ import annotations

from citeproc.source import VariableError

from ..fast_paths import children
from ..state import CURRENT
from .punctuation import is_filled

_frames: list[list[bool]] = []  # per open group: [called, rendered]


def _note(called: bool, rendered: bool) -> None:
    if _frames:
        _frames[-1][0] |= called
        _frames[-1][1] |= rendered


def count_as_rendered() -> None:
    """Every open group counts a variable as printed (names left out by cite collapsing)."""
    for frame in _frames:
        frame[0] = frame[1] = True


def apply() -> None:
    from citeproc import model

    model.Group.process = group_process
    model.Text.render = _counting(model.Text.render, text=True)
    for cls in (model.Names, model.Date, model.Number):
        cls.render = _counting(cls.render, text=False)


def _counting(original, text: bool):
    def render(self, item, *args, **kwargs):
        if text:
            variable = self.get("variable")
            counts = variable is not None or self.get("macro") is not None
        else:
            variable, counts = True, True
        try:
            result = original(self, item, *args, **kwargs)
        except Exception:
            if counts and variable is not None:
                _note(True, False)
            raise
        filled = result is not None and is_filled(result)
        if counts:
            if variable is not None and variable != "year-suffix":
                _note(True, filled)
            elif filled:  # a macro that printed something
                _note(True, True)
        if filled:  # fixes/terms.py: the entry has started (marked here: one wrapper, not two)
            CURRENT.entry_started = True
        return result

    return render


def group_process(self, item, context=None, **kwargs):
    output = []
    delimiter = self.get("delimiter", "")
    _frames.append([False, False])
    try:
        for child, is_choose in children(self):
            try:
                if is_choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None and is_filled(text):
                output.append(text)
    finally:
        called, rendered = _frames.pop()
    if output and (not called or rendered):
        _note(True, True)
        return self.join(output)
    _note(called, False)
    raise VariableError

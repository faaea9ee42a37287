"""Rules for an annotated bibliography (turned on with ``--require annotation``)."""
from __future__ import annotations

from .entries import CheckedEntry
from .registry import ERROR, Issue, entry_rule


@entry_rule("missing-annotation", "annotation", ERROR,
            "an entry with no annotation, in a bibliography that should annotate every entry",
            "add annote = {…} with a few sentences on what the work says and why it is listed",
            opt_in="annotation")
def missing_annotation(entry: CheckedEntry):
    if not (entry.record.annotation or "").strip():
        yield Issue("entry has no annotation")

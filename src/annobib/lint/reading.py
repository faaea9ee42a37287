"""The reader's own diagnostics (syntax errors, undefined macros…) as check findings.

The reader names each problem with a rule; this module adds the hint the
check prints with it. The reader's date diagnostics are left out because
the dates rules report the same fields with more precise messages.
"""
from __future__ import annotations

from ..diagnostics import Diagnostic
from .registry import Finding

FAMILY = "reading"
SUPERSEDED = {"date"}  # reported by the rules in dates.py

HINTS = {
    "syntax": "check the braces and quotes of this entry and of the one before it",
    "missing-key": "add a citation key after the opening brace: @article{key, …",
    "duplicate-key": "rename one of the entries, or remove the copy; the first is the one used",
    "duplicate-field": "remove the second copy of the field",
    "undefined-macro": "define it with @string{name = {…}}, or put the value in braces",
    "long-field": "an unclosed brace makes a field swallow what follows it",
    "crossref-missing": "add the entry the crossref points to, or remove the crossref",
    "crossref-loop": "a crossref chain must end at an entry without crossref",
    "unknown-type": "use a standard entry type (@article, @book, @online, …)",
    "missing-title": "add title = {…}",
    "encoding": "re-save the file as UTF-8",
    "mapping": "see the message; the entry prints without what it names",
}
GENERIC_HINT = "see the message"


def reading_findings(diagnostics: list[Diagnostic]) -> list[Finding]:
    return [
        Finding(d.file, d.line, d.key, d.rule, d.severity, d.message, HINTS.get(d.rule, GENERIC_HINT))
        for d in diagnostics
        if d.rule not in SUPERSEDED
    ]

"""The rule registry: every check annobib can make, with its id, severity and fix hint.

A rule is a function decorated with :func:`entry_rule` (it sees one entry at a
time) or :func:`collection_rule` (it sees every entry, for duplicates). Each
yields :class:`Issue` values; the runner turns them into :class:`Finding`
values that carry the file, line and key. Keeping the metadata beside the
function means ``annobib check --list-rules`` and the docs can never drift
from what is actually checked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from ..diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


class Issue(NamedTuple):
    """What a rule found. ``field`` places it on that field's line; ``hint`` overrides the rule's."""

    message: str
    field: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: Severity
    summary: str
    hint: str
    check: Callable | None = None
    scope: str = "entry"  # "entry": check(entry); "collection": check(entries) -> (entry, Issue)
    opt_in: str | None = None  # the --require value that turns the rule on


@dataclass(frozen=True)
class Finding:
    """One problem, as printed by ``annobib check``."""

    file: str
    line: int | None
    key: str | None
    rule: str
    severity: Severity
    message: str
    hint: str

    def format(self) -> str:
        """``file:line: key: severity: message (rule) — hint``."""
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}:" if self.key else ""
        hint = f" \u2014 {self.hint}" if self.hint else ""
        return f"{place}:{key} {self.severity.value}: {self.message} ({self.rule}){hint}"

    def to_dict(self) -> dict:
        return {
            "file": self.file, "line": self.line, "key": self.key, "rule": self.rule,
            "severity": self.severity.value, "message": self.message, "hint": self.hint,
        }


RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.id in RULES:
        raise ValueError(f"lint rule {rule.id!r} registered twice")
    RULES[rule.id] = rule


def entry_rule(id: str, family: str, severity: Severity, summary: str, hint: str, opt_in: str | None = None):
    def decorate(function: Callable[..., Iterable[Issue]]):
        _register(Rule(id, family, severity, summary, hint, function, "entry", opt_in))
        return function
    return decorate


def collection_rule(id: str, family: str, severity: Severity, summary: str, hint: str):
    def decorate(function):
        _register(Rule(id, family, severity, summary, hint, function, "collection"))
        return function
    return decorate


def passive_rule(id: str, family: str, severity: Severity, summary: str, hint: str) -> None:
    """A rule with no function of its own: reported by another rule's pass or by the reader."""
    _register(Rule(id, family, severity, summary, hint))

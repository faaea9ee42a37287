"""Run the registered rules over loaded entries and collect findings."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Severity
from ..read.collector import collector_paused
from .entries import CheckedEntry, Loaded, LoadedFile, load
from .reading import FAMILY as READING_FAMILY
from .reading import reading_findings
from .registry import RULES, Finding, Rule

EXIT_OK, EXIT_ERROR, EXIT_WARNINGS = 0, 1, 3


@dataclass
class CheckResult:
    findings: list[Finding]
    entries_checked: int
    files: list[LoadedFile] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.findings):
            return EXIT_ERROR
        return EXIT_WARNINGS if self.findings else EXIT_OK


def active_rules(require: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Rule]:
    """The rules to run: every rule not ignored (by id or family), opt-in ones only when required."""
    return [
        rule for rule in RULES.values()
        if rule.check is not None
        and (rule.opt_in is None or rule.opt_in in require)
        and rule.id not in ignore and rule.family not in ignore
    ]


def run_rules(entries: list[CheckedEntry], rules: list[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        if rule.check is None:
            continue  # a rule the reader reports (active_rules leaves these out)
        if rule.scope == "collection":
            pairs = rule.check(entries)
        else:
            pairs = ((entry, issue) for entry in entries for issue in rule.check(entry))
        for entry, issue in pairs:
            findings.append(Finding(entry.file, entry.line_of(issue.field), entry.key, rule.id,
                                    rule.severity, issue.message, issue.hint or rule.hint))
    return findings


def _case_clashes(findings: list[Finding], entries: list[CheckedEntry]) -> list[Finding]:
    """The reader skips a later entry whose key equals an earlier one but for case, as a
    duplicate; that is the key-case rule's finding, so report it as such."""
    kept = {(e.file, e.key.casefold()): e for e in entries}
    rule = RULES["key-case"]
    result = []
    for finding in findings:
        first = kept.get((finding.file, (finding.key or "").casefold()))
        if finding.rule == "duplicate-key" and first is not None and first.key != finding.key:
            finding = Finding(finding.file, finding.line, finding.key, rule.id, rule.severity,
                              f"key differs only in case from {first.key} (line {first.line}); "
                              "this entry is skipped as a duplicate", rule.hint)
        result.append(finding)
    return result


def check_loaded(loaded: Loaded, require=(), ignore=()) -> CheckResult:
    findings = _case_clashes(reading_findings(list(loaded.diagnostics)), loaded.entries)
    findings = [f for f in findings if f.rule not in ignore and
                (f.rule in RULES or READING_FAMILY not in ignore) and
                (f.rule not in RULES or RULES[f.rule].family not in ignore)]
    findings += run_rules(loaded.entries, active_rules(tuple(require), tuple(ignore)))
    order = {loaded_file.path: i for i, loaded_file in enumerate(loaded.files)}
    findings.sort(key=lambda f: (order.get(f.file, len(order)), f.line or 0))
    return CheckResult(findings, loaded.entries_in_input, loaded.files)


def check_paths(paths: list[str], require=(), ignore=(), encoding: str | None = None) -> CheckResult:
    """Check files; ``require`` turns on opt-in rules ("annotation"), ``ignore`` names rules or families."""
    from . import rules  # noqa: F401  (registers every rule module)

    with collector_paused():  # many objects made, none of them garbage (read/collector.py)
        return check_loaded(load(paths, encoding), require, ignore)

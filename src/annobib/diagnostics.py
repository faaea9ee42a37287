"""Problems with the user's input, carried as data beside the results.

Every stage of the pipeline returns its diagnostics instead of printing or
raising, so one bad entry never stops the rest and the CLI decides how to
show them (stderr lines, JSON, exit codes).
"""
from __future__ import annotations

import re
from enum import Enum

from .values import Frozen, Value

# Rules whose diagnostic means "this input entry is not in the output". With
# the rendered entries they account for every entry of the input.
ENTRY_SKIPPED_RULES = frozenset({
    "syntax",         # the entry could not be parsed
    "unclosed",       # its braces or quotes never close
    "empty-entry",    # neither key nor fields
    "missing-id",     # a CSL-JSON item without an id
    "commented-out",  # "%" before its "@"
    "duplicate-key",  # a later entry with a key already used (the first is kept)
})


# Terminal control sequences: CSI (colours, cursor moves, screen clears), OSC (window titles,
# hyperlinks), other escapes, and lone C0/C1 control characters. Text from input files (keys,
# titles, file names) must never drive the user's terminal.
_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"            # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-_]?"                        # other escapes
    r"|\x9b[0-?]*[ -/]*[@-~]?"              # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"       # anything else that is control, not text
)


def terminal_safe(text: str) -> str:
    """``text`` without terminal control sequences (tabs and line breaks stay)."""
    return _TERMINAL_CONTROL.sub("", text) if _TERMINAL_CONTROL.search(text) else text


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"


class Diagnostic(Frozen):
    """One problem with the input: where it is, what it is, what to do."""

    __match_args__ = ("file", "line", "key", "severity", "message", "rule")
    file: str
    line: int | None
    key: str | None
    severity: Severity
    message: str
    rule: str

    def __init__(self, file: str, line: int | None, key: str | None, severity: Severity, message: str,
                 rule: str = "input"):
        set_field = object.__setattr__
        set_field(self, "file", file)
        set_field(self, "line", line)
        set_field(self, "key", key)
        set_field(self, "severity", severity)
        set_field(self, "message", message)
        set_field(self, "rule", rule)

    def format(self) -> str:
        """The compiler-style line shown on stderr: ``file:LINE: KEY: warning: …``."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        key = f" {self.key}:" if self.key else ""
        return terminal_safe(f"{place}:{key} {self.severity.value}: {self.message}")

    @property
    def skips_entry(self) -> bool:
        """True when this diagnostic names an input entry left out of the output."""
        return self.rule in ENTRY_SKIPPED_RULES

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "key": self.key, "severity": self.severity.value,
                "message": self.message, "rule": self.rule}


class Diagnostics(Value):
    """An ordered collection that stages append to."""

    __match_args__ = ("items",)

    def __init__(self, items: list[Diagnostic] | None = None):
        self.items: list[Diagnostic] = [] if items is None else items

    def warn(self, file, line, key, message, rule="input") -> None:
        self.items.append(Diagnostic(str(file), line, key, Severity.WARNING, message, rule))

    def error(self, file, line, key, message, rule="input") -> None:
        self.items.append(Diagnostic(str(file), line, key, Severity.ERROR, message, rule))

    def extend(self, other: "Diagnostics | list[Diagnostic]") -> None:
        self.items.extend(other.items if isinstance(other, Diagnostics) else other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class AnnobibError(Exception):
    """A problem the user can fix (bad file, unknown style, unwritable output).

    The CLI turns every AnnobibError into one clear ``Error: …`` line; any
    other exception is a bug and is allowed to surface.
    """


class InputError(AnnobibError):
    """An input file cannot be read at all (missing, undecodable, not a bibliography)."""


class StyleError(AnnobibError):
    """A CSL style cannot be found or parsed."""


class OutputError(AnnobibError):
    """The output cannot be written where the user asked."""

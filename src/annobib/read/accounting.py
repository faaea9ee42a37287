"""Check that every entry of a .bib file is rendered or named in a diagnostic.

The entries of a file are counted by ``bibsplit`` (the scanner, on the text
as the reader sees it: control characters removed); each is matched by its
line to a rendered record or to a diagnostic that says it was left out
(``Diagnostic.skips_entry``). ``@xdata`` containers are data for other
entries, not references, and are not counted.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..record import Record
from .bibsplit import split_blocks
from .control import CONTROL


@dataclass
class Account:
    file: str
    entries: int = 0  # entries in the file
    rendered: int = 0  # of them, in the output
    diagnosed: int = 0  # of them, left out and named by a diagnostic
    # (line, key) of entries neither rendered nor named: must stay empty.
    unaccounted: list[tuple[int, str | None]] = field(default_factory=list)
    # Lines of output records that match no entry of the file (None: a record without a line): must stay empty.
    unexpected: list[int | None] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return not self.unaccounted and not self.unexpected and self.rendered + self.diagnosed == self.entries


def account_for_file(file: str, text: str, rendered: list[Record], diagnostics: list[Diagnostic]) -> Account:
    """Match the entries of ``text`` (the decoded content of ``file``) to the output and diagnostics."""
    text = CONTROL.sub("", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    entries = [block for block in split_blocks(text) if block.is_entry and block.type != "xdata"]
    # Counted per line, as several entries may share one line.
    rendered_lines = Counter(record.origin.line for record in rendered if record.origin.file == file)
    skipped_lines = Counter(d.line for d in diagnostics if d.file == file and d.skips_entry)
    account = Account(file, entries=len(entries))
    for block in entries:
        if rendered_lines[block.line] > 0:
            rendered_lines[block.line] -= 1
            account.rendered += 1
        elif skipped_lines[block.line] > 0:
            skipped_lines[block.line] -= 1
            account.diagnosed += 1
        else:
            account.unaccounted.append((block.line, block.key))
    account.unexpected = sorted((line for line, left in rendered_lines.items() if left > 0),
                                key=lambda line: -1 if line is None else line)
    return account

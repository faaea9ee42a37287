"""What a format writes: a titled list of rendered entries, maybe in groups.

Built by the render stage from Records and the engine's output; every
output format (text, Markdown, HTML, JSON, Word) takes a Document and
nothing else, so style and format stay independent choices.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .record import Record


@dataclass
class Entry:
    record: Record
    html: str  # the reference as citeproc's HTML (no annotation)
    text: str  # the same reference as plain text

    @property
    def id(self) -> str:
        return self.record.id


@dataclass
class Group:
    heading: str | None
    entries: list[Entry]


@dataclass
class Document:
    groups: list[Group]
    title: str | None = None
    style_name: str = ""
    annotations: bool = True
    standalone: bool = False
    numbered: bool = False  # the style prints citation numbers (Vancouver)
    extra: dict = field(default_factory=dict)

    def entries(self) -> list[Entry]:
        """Every entry once, in order (an entry in several groups appears once here)."""
        seen, result = set(), []
        for group in self.groups:
            for entry in group.entries:
                if entry.id not in seen:
                    seen.add(entry.id)
                    result.append(entry)
        return result

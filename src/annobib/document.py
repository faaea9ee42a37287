"""What a format writes: a titled list of rendered entries, maybe in groups.

Built by the render stage from Records and the engine's output; every
output format (text, Markdown, HTML, JSON, Word) takes a Document and
nothing else, so style and format stay independent choices.
"""
from __future__ import annotations

from .annotation_render import RenderedAnnotation, plain_annotation
from .diagnostics import Diagnostics
from .record import Record
from .values import Value


class Entry(Value):
    """One rendered reference: the record, its HTML and its plain text, and its annotation."""

    __match_args__ = ("record", "html", "text", "annotation")

    def __init__(self, record: Record, html: str, text: str, annotation: RenderedAnnotation | None = None):
        self.record = record
        self.html = html  # the reference as citeproc's HTML (no annotation)
        self.text = text  # the same reference as plain text
        # The annotation as HTML and text, citations rendered (annobib.annotation_render);
        # without one given, the record's annotation with its formatting and citations as written.
        self.annotation = annotation if annotation is not None else plain_annotation(record)

    @property
    def id(self) -> str:
        return self.record.id


class Group(Value):
    """Entries under one heading (None: the list is not grouped)."""

    __match_args__ = ("heading", "entries")

    def __init__(self, heading: str | None, entries: list[Entry]):
        self.heading = heading
        self.entries = entries


class Document(Value):
    """The whole list as a format writes it."""

    __match_args__ = ("groups", "title", "style_name", "annotations", "standalone", "numbered", "extra")

    def __init__(self, groups: list[Group], title: str | None = None, style_name: str = "",
                 annotations: bool = True, standalone: bool = False, numbered: bool = False,
                 extra: dict | None = None):
        self.groups = groups
        self.title = title
        self.style_name = style_name
        self.annotations = annotations
        self.standalone = standalone
        self.numbered = numbered  # the style prints citation numbers (Vancouver)
        self.extra: dict = {} if extra is None else extra
        # What the render stage had to report (an entry the engine could not
        # render as given); not part of what a format writes.
        self.diagnostics = Diagnostics()

    def entries(self) -> list[Entry]:
        """Every entry once, in order (an entry in several groups appears once here)."""
        seen, result = set(), []
        for group in self.groups:
            for entry in group.entries:
                if entry.id not in seen:
                    seen.add(entry.id)
                    result.append(entry)
        return result

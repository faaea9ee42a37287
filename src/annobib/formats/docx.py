"""Word (.docx): a list to paste into, or hand over as, a document.

The title is a Word Title, group headings are Heading 1, and each
reference is a paragraph with a 0.5-inch hanging indent whose italics,
bold, small caps and super/subscripts come from the entry's HTML. Each
annotation paragraph follows its reference, indented 0.5 inch. The file is
deterministic: the same input gives the same bytes.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from html.parser import HTMLParser

from docx import Document as WordDocument
from docx.shared import Inches, Pt

from ..document import Document

HANGING_INDENT = Inches(0.5)
BODY_FONT = "Times New Roman"
# A fixed date for the file's metadata and zip entries, so output does not change from run to run.
_FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class RunFormat:
    italic: bool = False
    bold: bool = False
    small_caps: bool = False
    underline: bool = False
    superscript: bool = False
    subscript: bool = False


_TAG_FORMATS = {
    "i": {"italic": True}, "em": {"italic": True}, "b": {"bold": True}, "strong": {"bold": True},
    "u": {"underline": True}, "sup": {"superscript": True}, "sub": {"subscript": True},
}
_STYLE_FORMATS = {
    ("font-style", "italic"): {"italic": True}, ("font-style", "oblique"): {"italic": True},
    ("font-style", "normal"): {"italic": False},
    ("font-weight", "bold"): {"bold": True}, ("font-weight", "normal"): {"bold": False},
    ("font-variant", "small-caps"): {"small_caps": True}, ("font-variant", "normal"): {"small_caps": False},
    ("text-decoration", "underline"): {"underline": True},
    ("vertical-align", "sup"): {"superscript": True}, ("vertical-align", "super"): {"superscript": True},
    ("vertical-align", "sub"): {"subscript": True},
}


class _RunCollector(HTMLParser):
    """citeproc's entry HTML -> [(text, RunFormat)], formatting nested as the tags nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, RunFormat]] = [("", RunFormat())]
        self.runs: list[tuple[str, RunFormat]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "wbr"):
            return
        changes = dict(_TAG_FORMATS.get(tag, {}))
        for declaration in (dict(attrs).get("style") or "").split(";"):
            name, _, value = declaration.partition(":")
            changes.update(_STYLE_FORMATS.get((name.strip().lower(), value.strip().lower()), {}))
        self.stack.append((tag, replace(self.stack[-1][1], **changes)))

    def handle_endtag(self, tag):
        # Close up to the matching tag; a stray end tag is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if data:
            self.runs.append((data, self.stack[-1][1]))


def html_runs(markup: str) -> list[tuple[str, RunFormat]]:
    """The text runs of an entry's HTML with their formatting, neighbours of one format merged."""
    collector = _RunCollector()
    collector.feed(markup)
    collector.close()
    merged: list[tuple[str, RunFormat]] = []
    for text, fmt in collector.runs:
        text = re.sub(r"\s+", " ", text)
        if merged and merged[-1][1] == fmt:
            merged[-1] = (merged[-1][0] + text, fmt)
        else:
            merged.append((text, fmt))
    return merged


def render(document: Document) -> bytes:
    word = WordDocument()
    _set_body_style(word)
    if document.title:
        word.add_heading(document.title, level=0)
    for group in document.groups:
        if group.heading:
            word.add_heading(group.heading, level=1)
        for entry in group.entries:
            _add_reference(word, entry.html)
            if document.annotations and entry.record.annotation:
                for paragraph in entry.record.annotation.split("\n\n"):
                    _add_annotation(word, paragraph)
    _set_metadata(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return _with_fixed_zip_times(buffer.getvalue())


def _set_body_style(word) -> None:
    normal = word.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)


def _add_reference(word, markup: str) -> None:
    paragraph = word.add_paragraph()
    layout = paragraph.paragraph_format
    layout.left_indent = HANGING_INDENT
    layout.first_line_indent = -HANGING_INDENT
    layout.space_before = Pt(12)
    layout.keep_with_next = True  # a reference is not left alone at the foot of a page
    for text, fmt in html_runs(markup):
        run = paragraph.add_run(text)
        run.italic = fmt.italic or None
        run.bold = fmt.bold or None
        run.font.small_caps = fmt.small_caps or None
        run.underline = fmt.underline or None
        run.font.superscript = fmt.superscript or None
        run.font.subscript = fmt.subscript or None


def _add_annotation(word, text: str) -> None:
    paragraph = word.add_paragraph(re.sub(r"\s+", " ", text).strip())
    layout = paragraph.paragraph_format
    layout.left_indent = HANGING_INDENT
    layout.first_line_indent = Inches(0)
    layout.space_before = Pt(4)


def _set_metadata(word, document: Document) -> None:
    properties = word.core_properties
    properties.title = document.title or "Annotated bibliography"
    properties.author = "annobib"
    properties.last_modified_by = "annobib"
    properties.comments = f"Style: {document.style_name}" if document.style_name else ""
    properties.created = properties.modified = _FIXED_TIME.replace(tzinfo=None)
    properties.revision = 1


def _with_fixed_zip_times(data: bytes) -> bytes:
    """The same package with every member dated alike (zip stores the time of writing)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()

"""Word (.docx): a list to paste into, or hand over as, a document.

Two looks (``--docx-preset``):

- ``reading-list`` (the default): the title a Word Title, group headings
  Heading 1, single spacing with space between references;
- ``apa-paper``: an APA 7 paper's reference list: one font (Times New Roman
  12 pt) throughout, double spacing, a bold centred "References" (or
  "Annotated Bibliography", or the ``--title``) as Heading 1, group headings
  bold and flush left (Heading 2), page numbers at the top right.

Each reference is a paragraph with a 0.5-inch hanging indent whose italics,
bold, small caps and super/subscripts come from the entry's HTML; its links
and bare URLs are Word hyperlinks, and each reference is bookmarked under
its key. Each annotation paragraph follows its reference, indented 0.5 inch,
with its formatting, its citations linked to the cited reference. The
document's properties carry the title and style, no author or date that
annobib would have to make up. The file is deterministic: the same input
gives the same bytes.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from html.parser import HTMLParser

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from ..document import Document

HANGING_INDENT = Inches(0.5)
BODY_FONT = "Times New Roman"
# A fixed date for the zip entries (zip stores one), so output does not change from run to run.
_FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:]")


@dataclass(frozen=True)
class Preset:
    """How the document looks."""

    name: str
    line_spacing: float  # 1.0 single, 2.0 double
    space_before_reference: int  # points
    space_before_annotation: int
    apa_headings: bool  # bold centred title as Heading 1, groups as bold Heading 2; one font throughout
    page_numbers: bool


PRESETS = {
    "reading-list": Preset("reading-list", 1.0, 12, 4, apa_headings=False, page_numbers=False),
    "apa-paper": Preset("apa-paper", 2.0, 0, 0, apa_headings=True, page_numbers=True),
}
DEFAULT_PRESET = "reading-list"


@dataclass(frozen=True)
class RunFormat:
    italic: bool = False
    bold: bool = False
    small_caps: bool = False
    underline: bool = False
    superscript: bool = False
    subscript: bool = False
    link: str | None = None  # a URL, or "#key" for a reference of this list


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
        changes: dict = dict(_TAG_FORMATS.get(tag, {}))
        if tag == "a" and dict(attrs).get("href"):
            changes["link"] = dict(attrs)["href"]
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
        if not data:
            return
        fmt = self.stack[-1][1]
        if fmt.link is not None or "://" not in data:
            self.runs.append((data, fmt))
            return
        position = 0  # a bare URL in the text is a link too
        for match in _URL.finditer(data):
            if match.start() > position:
                self.runs.append((data[position:match.start()], fmt))
            self.runs.append((match.group(), replace(fmt, link=match.group())))
            position = match.end()
        if position < len(data):
            self.runs.append((data[position:], fmt))


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
    preset = PRESETS[document.extra.get("docx_preset") or DEFAULT_PRESET]
    word = WordDocument()
    _set_styles(word, preset)
    if preset.page_numbers:
        _add_page_numbers(word)
    bookmarks = _bookmark_names(document)
    title = document.title
    if preset.apa_headings:
        heading = word.add_heading(title or ("Annotated Bibliography" if document.annotations else "References"), 1)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif title:
        word.add_heading(title, level=0)
    placed: set[str] = set()
    for group in document.groups:
        if group.heading:
            word.add_heading(group.heading, level=2 if preset.apa_headings else 1)
        for entry in group.entries:
            paragraph = _add_reference(word, entry.html, preset, bookmarks)
            if entry.id not in placed:  # an entry under several groups is bookmarked once
                placed.add(entry.id)
                _bookmark(paragraph, bookmarks[entry.id], len(placed))
            if document.annotations and entry.annotation:
                for markup in entry.annotation.html_paragraphs():
                    _add_annotation(word, markup, preset, bookmarks)
    _set_metadata(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return _with_fixed_zip_times(buffer.getvalue())


def _set_styles(word, preset: Preset) -> None:
    normal = word.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = preset.line_spacing
    _one_font(word.styles.element.find(qn("w:docDefaults")))
    _one_font(normal.element)
    if not preset.apa_headings:
        return
    for name in ("Heading 1", "Heading 2"):
        style = word.styles[name]
        style.font.name, style.font.size, style.font.bold = BODY_FONT, Pt(12), True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        layout = style.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing = preset.line_spacing
        _one_font(style.element)
    word.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _one_font(element) -> None:
    """Body font for every script, and no theme font (Word prefers a theme font to a named one)."""
    if element is None:
        return
    fonts = element.find(f".//{qn('w:rFonts')}")
    if fonts is None:
        return
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), BODY_FONT)


def _add_page_numbers(word) -> None:
    """A PAGE field at the top right of every page (APA 7: page numbers in the header)."""
    paragraph = word.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _bookmark_names(document: Document) -> dict[str, str]:
    """A Word bookmark name per key: a letter first, letters, digits and _ only, at most 40 characters."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for entry in document.entries():
        base = "ref_" + re.sub(r"\W", "_", entry.id, flags=re.ASCII)[:30]
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base[:34]}_{number}"
        used.add(name)
        names[entry.id] = name
    return names


def _bookmark(paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _add_reference(word, markup: str, preset: Preset, bookmarks: dict[str, str]):
    paragraph = word.add_paragraph()
    layout = paragraph.paragraph_format
    layout.left_indent = HANGING_INDENT
    layout.first_line_indent = -HANGING_INDENT
    layout.space_before = Pt(preset.space_before_reference)
    layout.keep_with_next = True  # a reference is not left alone at the foot of a page
    _add_runs(paragraph, markup, bookmarks)
    return paragraph


def _add_annotation(word, markup: str, preset: Preset, bookmarks: dict[str, str]) -> None:
    paragraph = word.add_paragraph()
    layout = paragraph.paragraph_format
    layout.left_indent = HANGING_INDENT
    layout.first_line_indent = Inches(0)
    layout.space_before = Pt(preset.space_before_annotation)
    _add_runs(paragraph, re.sub(r"\s+", " ", markup).strip(), bookmarks)


def _add_runs(paragraph, markup: str, bookmarks: dict[str, str]) -> None:
    for text, fmt in html_runs(markup):
        if fmt.link is None:
            _format(paragraph.add_run(text), fmt)
            continue
        link = OxmlElement("w:hyperlink")
        if fmt.link.startswith("#"):
            target = bookmarks.get(fmt.link[1:])
            if target is None:  # a citation of an entry that is not in this list: plain text
                _format(paragraph.add_run(text), fmt)
                continue
            link.set(qn("w:anchor"), target)
        else:
            link.set(qn("r:id"), paragraph.part.relate_to(fmt.link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        link.set(qn("w:history"), "1")
        run = paragraph.add_run(text)
        _format(run, fmt)
        link.append(run._r)  # moved from the paragraph into the link
        paragraph._p.append(link)


def _format(run, fmt: RunFormat) -> None:
    run.italic = fmt.italic or None
    run.bold = fmt.bold or None
    run.font.small_caps = fmt.small_caps or None
    run.underline = fmt.underline or None
    run.font.superscript = fmt.superscript or None
    run.font.subscript = fmt.subscript or None


def _set_metadata(word, document: Document) -> None:
    from ..styles import style_title

    properties = word.core_properties
    properties.title = document.title or ("Annotated bibliography" if document.annotations else "References")
    properties.author = ""  # who wrote it is not annobib's to say
    properties.last_modified_by = ""
    properties.comments = f"Style: {style_title(document.style_name)}" if document.style_name else ""
    properties.revision = 1
    # No dates: python-docx's template carries its own (2013); annobib knows none to put there.
    for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for element in properties._element.findall(qn(name)):
            properties._element.remove(element)


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

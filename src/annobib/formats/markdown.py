"""Markdown: each reference a paragraph, its annotation a block quote under it.

Italics and bold become ``*``/``**``; super- and subscripts stay ``<sup>``/
``<sub>`` (inline HTML, which every CommonMark renderer passes through,
unlike pandoc's ``^``/``~``); links and bare URLs become ``<https://…>``
autolinks, written without escapes so they stay whole. The annotation is a
block quote (``> ``), so it reads as set apart from the references, and its
formatting is kept. Headings do not skip a level: the title is ``#`` and
group headings one level below it (``#`` without a title).
"""
from __future__ import annotations

import html as html_lib
import re

from ..document import Document

_TAGS = {"i": "*", "em": "*", "b": "**", "strong": "**"}
_RAW_HTML = {"sup", "sub"}
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:]")


def html_to_markdown(markup: str) -> str:
    """Engine HTML to Markdown: text escaped, formatting and links kept."""
    out: list[str] = []
    link: list[str] = []  # the href of the <a> being read, and its text
    for token in re.split(r"(<[^>]+>)", markup):
        tag = re.fullmatch(r"<(/?)\s*([a-zA-Z]+)([^>]*)>", token)
        if tag:
            closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name == "a":
                if not closing:
                    href = re.search(r'href="([^"]*)"', attributes)
                    link[:] = [html_lib.unescape(href.group(1)) if href else "", ""]
                elif link:
                    out.append(_link(*link))
                    link.clear()
            elif name in _TAGS or name in _RAW_HTML:
                piece = _TAGS.get(name) or f"<{closing}{name}>"
                if link:
                    link[1] += piece
                else:
                    out.append(piece)
            continue
        text = html_lib.unescape(token)
        if link:
            link[1] += text
        else:
            out.append(_text(text))
    if link:
        out.append(_link(*link))
    return "".join(out)


def _link(href: str, text: str) -> str:
    """An ``<a>``: an autolink when it shows its own address, else ``[text](href)``."""
    if not href or text.strip() == href or text.strip() == html_lib.unescape(href):
        return f"<{href or text}>" if _URL.fullmatch(href or text) else escape_markdown(text)
    if href.startswith("#"):
        return escape_markdown(text)  # a citation: the entries carry no anchors in Markdown
    return f"[{escape_markdown(text)}](<{href}>)"


def _text(text: str) -> str:
    """Text with its bare URLs as autolinks and everything else escaped."""
    out, position = [], 0
    for match in _URL.finditer(text):
        out.append(escape_markdown(text[position:match.start()]))
        out.append(f"<{match.group()}>")
        position = match.end()
    out.append(escape_markdown(text[position:]))
    return "".join(out)


def escape_markdown(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)  # a leading "1. " is a reference number, not a list


def render(document: Document) -> str:
    blocks: list[str] = []
    if document.title:
        blocks.append(f"# {escape_markdown(document.title)}")
    group_level = "##" if document.title else "#"
    for group in document.groups:
        if group.heading:
            blocks.append(f"{group_level} {escape_markdown(group.heading)}")
        for entry in group.entries:
            blocks.append(html_to_markdown(entry.html))
            if document.annotations and entry.annotation:
                paragraphs = [html_to_markdown(p) for p in entry.annotation.html_paragraphs()]
                blocks.append("\n>\n".join(_quoted(p) for p in paragraphs))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _quoted(paragraph: str) -> str:
    return "\n".join("> " + line if line else ">" for line in paragraph.split("\n"))

"""Markdown: each reference a paragraph (italics kept), its annotation the next one."""
from __future__ import annotations

import html as html_lib
import re

from ..document import Document

_TAGS = {"i": "*", "em": "*", "b": "**", "strong": "**"}


def html_to_markdown(markup: str) -> str:
    """citeproc HTML to Markdown: text escaped, italics and bold kept, links as text."""
    out: list[str] = []
    for token in re.split(r"(<[^>]+>)", markup):
        tag = re.fullmatch(r"</?\s*([a-zA-Z]+)[^>]*>", token)
        if tag:
            name = tag.group(1).lower()
            if name in _TAGS:
                out.append(_TAGS[name])
            elif name == "sup":
                out.append("^" if not token.startswith("</") else "^")
            elif name == "sub":
                out.append("~")
            continue
        out.append(escape_markdown(html_lib.unescape(token)))
    return "".join(out)


def escape_markdown(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)  # a leading "1. " is a reference number, not a list


def render(document: Document) -> str:
    blocks: list[str] = []
    if document.title:
        blocks.append(f"# {escape_markdown(document.title)}")
    for group in document.groups:
        if group.heading:
            blocks.append(f"{'###' if document.title else '##'} {escape_markdown(group.heading)}")
        for entry in group.entries:
            blocks.append(html_to_markdown(entry.html))
            if document.annotations and entry.record.annotation:
                blocks.extend(escape_markdown(p) for p in entry.record.annotation.split("\n\n"))
    return "\n\n".join(blocks) + "\n" if blocks else ""

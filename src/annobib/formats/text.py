"""Plain text: one reference a paragraph, its annotation indented below it."""
from __future__ import annotations

import textwrap

from ..document import Document

INDENT = "    "


def render(document: Document) -> str:
    blocks: list[str] = []
    if document.title:
        blocks.append(f"{document.title}\n{'=' * len(document.title)}")
    for group in document.groups:
        if group.heading:
            blocks.append(f"{group.heading}\n{'-' * len(group.heading)}")
        for entry in group.entries:
            block = entry.text
            if document.annotations and entry.annotation:
                paragraphs = entry.annotation.text_paragraphs()
                block += "\n" + "\n\n".join(
                    textwrap.fill(p, width=80, initial_indent=INDENT, subsequent_indent=INDENT,
                                  break_long_words=False, break_on_hyphens=False)
                    for p in paragraphs
                )
            blocks.append(block)
    return "\n\n".join(blocks) + "\n" if blocks else ""

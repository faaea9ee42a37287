"""HTML: the list as a fragment, or a whole page with ``--standalone``.

References are citeproc's own HTML; every piece of user text added here
(annotations, tags, headings, the title) is escaped.
"""
from __future__ import annotations

from html import escape

from ..document import Document


def fragment(document: Document) -> str:
    lines: list[str] = ['<div class="csl-bib-body">']
    for group in document.groups:
        if group.heading:
            lines.append(f'  <h2 class="group-heading">{escape(group.heading)}</h2>')
        for entry in group.entries:
            tags = " ".join(escape(t, quote=True) for t in entry.record.tags)
            lines.append(f'  <div class="csl-entry-block" id="{escape(entry.id, quote=True)}" data-tags="{tags}">')
            lines.append(f'    <div class="csl-entry">{entry.html}</div>')
            if document.annotations and entry.record.annotation:
                paragraphs = "".join(f"<p>{escape(p)}</p>" for p in entry.record.annotation.split("\n\n"))
                lines.append(f'    <div class="annotation">{paragraphs}</div>')
            lines.append("  </div>")
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def render(document: Document) -> str:
    if document.standalone:
        from .html_page import page

        return page(document)
    body = fragment(document)
    if document.title:
        body = f"<h1>{escape(document.title)}</h1>\n" + body
    return body

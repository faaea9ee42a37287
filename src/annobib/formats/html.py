"""HTML: the list as a fragment, or a whole page with ``--standalone``.

References are citeproc's own HTML and annotations keep their formatting
(annotation_render.py writes them as HTML); every other piece of user text
added here (tags, headings, the title) is escaped. Each entry has the id of
its key once, where it first appears (an entry under several tags is listed
several times), so a citation inside an annotation links to it.
"""
from __future__ import annotations

from html import escape

from ..document import Document
from .html_parts import annotation_html, data_tags


def fragment(document: Document) -> str:
    lines: list[str] = ['<div class="csl-bib-body">']
    seen: set[str] = set()
    for group in document.groups:
        if group.heading:
            lines.append(f'  <h2 class="group-heading">{escape(group.heading)}</h2>')
        for entry in group.entries:
            anchor = "" if entry.id in seen else f' id="{escape(entry.id, quote=True)}"'
            seen.add(entry.id)
            lines.append(f'  <div class="csl-entry-block"{anchor} data-key="{escape(entry.id, quote=True)}" '
                         f'data-tags="{data_tags(entry)}">')
            lines.append(f'    <div class="csl-entry">{entry.html}</div>')
            if document.annotations and entry.annotation:
                lines.append(f'    <div class="annotation">{annotation_html(entry)}</div>')
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

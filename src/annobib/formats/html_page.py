"""A whole, self-contained HTML page (``--format html --standalone``)."""
from __future__ import annotations

from html import escape

from ..document import Document
from .html import fragment

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #111; }
.csl-entry { padding-left: 2em; text-indent: -2em; }
.annotation { margin: 0.3em 0 1.2em 2em; color: #333; }
.annotation p { margin: 0.3em 0; }
"""


def page(document: Document) -> str:
    title = escape(document.title or "Annotated bibliography")
    heading = f"<h1>{title}</h1>\n" if document.title else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{heading}{fragment(document)}</body>\n</html>\n"
    )

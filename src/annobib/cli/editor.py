"""Writing an annotation in the user's editor ($VISUAL, else $EDITOR), for ``add --edit`` and ``annotate --edit``."""
from __future__ import annotations

import click

COMMENT = "#"


def edit_text(initial: str, header: list[str]) -> str | None:
    """The text the user saved, without the ``#`` header lines; None when the editor was quit unsaved.

    Paragraphs are kept apart by a blank line; lines within a paragraph are joined."""
    template = "".join(f"{COMMENT} {line}\n" for line in [
        *header, "Lines starting with # are left out. A blank line starts a new paragraph."]) + "\n" + initial
    edited = click.edit(template, extension=".txt", require_save=True)
    if edited is None:
        return None
    lines = [line for line in edited.replace("\r\n", "\n").split("\n") if not line.startswith(COMMENT)]
    paragraphs, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)

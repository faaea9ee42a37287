"""``annobib annotate``: set, edit or extend one entry's annotation in place."""
from __future__ import annotations

import re

import click


@click.command()
@click.argument("key")
@click.option("--bib", "bib_path", default="references.bib", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False, exists=True), help="The .bib file that holds the entry.")
@click.option("--note", metavar="TEXT", help="The new annotation (replaces the old one).")
@click.option("--append", metavar="TEXT", help="Add TEXT to the annotation as a new paragraph.")
@click.option("--edit", is_flag=True, help="Edit the annotation in $VISUAL or $EDITOR.")
def annotate(key, bib_path, note, append, edit):
    """Set or edit the annotation of the entry KEY, in place.

    The annotation is the entry's 'annote' field (Zotero imports it as a note;
    'annobib render' prints it under the reference). Only the text inside that
    field changes, or a new 'annote' field is added after the entry's last
    field; every other byte of FILE stays as it was, and the file is written
    whole or not at all. Text is written as plain text: LaTeX's special
    characters (% & _ # $ { }) are escaped for you. An unknown KEY is an error
    that names the closest keys.

    \b
    Examples:
      annobib annotate persson1995 --note "Single case; no dose recorded."
      annobib annotate niesters2014 --append "Cited for the safety data."
      annobib annotate blonk2010 --edit --bib my.bib
    """
    from ..diagnostics import AnnobibError
    from ..export.rich_latex import escape_paragraphs
    from ..sources.bibfile import annotation_spot, load, save, with_annotation

    given = [name for name, value in (("--note", note), ("--append", append), ("--edit", edit or None))
             if value is not None]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --note, --append and --edit")
    bib = load(bib_path)
    spot = annotation_spot(bib, key)
    key = spot.entry.key
    if edit:
        value = _edited_value(bib, spot, key)
    elif append is not None:
        addition = escape_paragraphs(append)
        if not addition:
            raise AnnobibError("--append: the text is empty; nothing written")
        value = f"{spot.raw.rstrip()}\n\n{addition}" if spot.raw and spot.raw.strip() else addition
    else:
        value = escape_paragraphs(note)
        if not value:
            raise AnnobibError("--note: the text is empty; nothing written (an annotation cannot be set to nothing)")
    if spot.raw is not None and value == spot.raw:
        click.echo(f"annobib: the annotation of {key} is unchanged; nothing written", err=True)
        return
    save(bib, with_annotation(bib, spot, value))
    action = "set" if spot.raw is None else "changed"
    click.echo(f"annobib: annotation of {key} (line {spot.entry.line}) {action} in {bib.path}", err=True)


def _edited_value(bib, spot, key: str) -> str:
    """The annotation the user wrote in the editor, as BibTeX text."""
    from ..diagnostics import AnnobibError
    from ..export.rich_latex import escape_paragraphs
    from .editor import edit_text

    record = next((r for r in bib.records if r.id == key), None)
    current = record.annotation if record is not None and record.annotation else ""
    latex = spot.raw is not None and _has_markup(spot.raw)
    if latex:
        # Formatting commands (\emph{}, …) have no plain-text form: edit the field's LaTeX itself.
        text = edit_text(spot.raw or "", [f"Annotation of {key} in {bib.path}, as LaTeX: it has formatting "
                                          "commands. Write \\% for %, \\& for &."])
    else:
        text = edit_text(current, [f"Annotation of {key} in {bib.path}"])
    if text is None:
        raise AnnobibError(f"the editor was closed without saving; the annotation of {key} is unchanged")
    if not text.strip():
        raise AnnobibError(f"the annotation is empty; the annotation of {key} is unchanged")
    if not latex:
        return escape_paragraphs(text)
    if not _balanced(text):
        raise AnnobibError(f"the edited annotation of {key} has unbalanced braces; nothing written")
    return text


def _has_markup(raw: str) -> bool:
    """A LaTeX command or a brace group: something the plain text of the annotation would lose."""
    plain_escapes = re.sub(r"\\(?:[%&_#$]|textasciitilde\{\}|textasciicircum\{\}|textbackslash\{\}|[{}])", "", raw)
    return bool(re.search(r"\\[A-Za-z]|[{}]", plain_escapes))


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0

"""``annobib export``: the bibliography in a reference manager's format."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export import EXPORTERS, SUFFIXES
from .common import encoding_option, input_files, sentence_case_option, settle, strict_option


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True, readable=False))
@click.option("--to", "-t", "fmt", type=click.Choice(list(EXPORTERS)), default=None,
              help="Format to write [default: from -o's suffix: .json, .ris, .bib].")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all) instead of stdout.")
@sentence_case_option
@encoding_option
@strict_option
def export(files, fmt, output, keep_title_case, encoding, strict):
    """Export FILES (.bib, .json, .ris) for Zotero, EndNote, Mendeley or LaTeX.

    \b
    csl-json  Zotero's "CSL JSON" import: the annotation lands in Extra, so
              Zotero's annotated styles print it under the entry
    ris       EndNote, Mendeley, Zotero: the annotation as a note (N1)
    bibtex    Zotero's BibTeX import: the annotation in 'annote' (a note)
    biblatex  for biber/biblatex: the annotation in 'annotation'

    With no FILES, exports ./references.bib or the bundled bibliography.
    Whatever a format cannot hold is named on stderr (exit 3).

    \b
    Examples:
      annobib export --to csl-json -o for-zotero.json
      annobib export my.bib --to ris -o library.ris
      annobib export endnote.ris --to bibtex > clean.bib
      annobib export zotero.json -o annotated.bib      # format from the suffix
    """
    from ..output import write_output
    from ..read import read_files

    if fmt is None:
        fmt = SUFFIXES.get(Path(output).suffix.lower()) if output and output != "-" else None
        if fmt is None:
            raise click.UsageError("say which format to write: --to " + "|".join(EXPORTERS))
    paths = input_files(files)
    result = read_files(paths, encoding=encoding, sentence_case=not keep_title_case)
    text, export_diags = _export(result.records, fmt)
    result.diagnostics.extend(export_diags)
    code = settle(result.diagnostics, strict)
    write_output(text, output, paths)
    sys.exit(code)


def _export(records, fmt):
    from ..export import export_records

    return export_records(records, fmt)

"""``annobib render``: the annotated reference list, in any style and format."""
from __future__ import annotations

import sys

import click

from .common import (
    encoding_option,
    input_files,
    locale_option,
    sentence_case_option,
    settle,
    strict_option,
    style_option,
)
from .selection_options import selection_from_options, selection_given, selection_options


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True, readable=False))
@style_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "markdown", "html", "json", "docx"]),
              default=None, help="Output format [default: from -o's suffix, else text].")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all) instead of stdout.")
@click.option("--no-annotations", is_flag=True, help="Leave the annotations out.")
@click.option("--standalone", is_flag=True, help="With --format html: a whole page, not a fragment.")
@click.option("--title", metavar="TEXT", help="A heading over the list.")
@locale_option
@click.option("--docx-preset", type=click.Choice(["reading-list", "apa-paper"]), default=None,
              help="With docx: 'reading-list' (default: a titled list) or 'apa-paper' (APA 7 paper: double "
                   "spaced, one font, bold centred References heading, page numbers).")
@sentence_case_option
@selection_options
@click.option("--sort", type=click.Choice(["author", "year", "title", "input"]), default=None,
              help="Order of the list [default: the style's own order].")
@click.option("--group-by", type=click.Choice(["tag", "type", "year"]), default=None,
              help="Split the list under a heading per tag, type or year (an entry with several tags "
                   "appears under each).")
@encoding_option
@strict_option
@click.option("--no-cache", is_flag=True,
              help="Read and render everything afresh: neither read nor write annobib's cache "
                   "(rendered entries, and large inputs as read).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Render a large list with N processes (default: every core this process may use).")
def render(files, style, fmt, output, no_annotations, standalone, title, locale, docx_preset, keep_title_case,
           encoding, strict, sort, group_by, no_cache, jobs, **criteria):
    """Render FILES (.bib, .json, .ris) as an annotated reference list.

    With no FILES, renders ./references.bib, or the bibliography bundled with
    annobib. APA lists are sorted as APA sorts; Vancouver numbers entries in
    input order.

    \b
    Examples:
      annobib render
      annobib render my.bib --style vancouver -o list.md --format markdown
      annobib render zotero-export.json --style apa --no-annotations
      annobib render --format json | jq '.[].id'
      annobib render --tag oral --tag dosing --year 2010- --sort year
      annobib render --tag oral --group-by type --format html --standalone -o oral.html
      annobib render --search "neuropathic pain" --group-by year -o list.docx
      annobib render --docx-preset apa-paper -o references.docx
      annobib render --style mla-annotated --locale en-GB

    Selection options combine with AND; a selection that matches nothing
    is an error.
    """
    from ..formats import format_for_suffix, render_document, unsupported_suffix
    from ..output import write_output
    from ..read import read_files
    from ..render import build_document

    paths = input_files(files)
    if output and not fmt and (problem := unsupported_suffix(output)):
        raise click.UsageError(problem)
    fmt = fmt or (format_for_suffix(output) if output else None) or "text"
    if fmt == "docx" and output in (None, "-") and sys.stdout.isatty():
        raise click.UsageError("--format docx writes a binary file: give -o FILE.docx")
    if docx_preset and fmt != "docx":
        raise click.UsageError("--docx-preset applies to --format docx (or -o FILE.docx)")
    result = read_files(paths, encoding=encoding, sentence_case=not keep_title_case, cache=not no_cache)
    code = settle(result.diagnostics, strict)
    records = result.records
    if selection_given(**criteria):  # else annobib.select is not even imported (start-up)
        selection = selection_from_options(**criteria)
        if not selection.is_empty():
            from ..select import select

            records = select(records, selection)
    if jobs is None:
        from ..parallel import usable_cores

        jobs = usable_cores()
    document = build_document(
        records, style, annotations=not no_annotations, title=title,
        standalone=standalone, locale=locale, sort=sort, group_by=group_by,
        cache=not no_cache, jobs=jobs, progress=True, cite_from=result.records,
    )
    if docx_preset:
        document.extra["docx_preset"] = docx_preset
    code = settle(document.diagnostics, strict, code)  # entries the engine could not render as given
    write_output(render_document(document, fmt), output, paths)
    sys.exit(code)



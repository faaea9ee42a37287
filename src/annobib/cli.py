"""The command line: a thin layer over the library.

Each command parses its options, calls the pipeline (read -> select ->
render/export) and prints. Library errors (AnnobibError) become one
``Error: …`` line here; diagnostics go to stderr; results go to stdout or
``-o FILE``.

Exit codes (documented in the README):
  0  done, no diagnostics
  1  an error: a file or style could not be used, an entry could not be
     read, or (with --strict) any warning
  2  the command line itself is wrong (click's usage errors)
  3  done, output written, but the input has warnings
"""
from __future__ import annotations

import importlib
import sys

import click

from . import __version__
from .diagnostics import AnnobibError
from .selection_options import selection_from_options, selection_options

from .cli_common import (  # noqa: F401  (re-exported: the exit codes and shared options)
    EXIT_ERROR, EXIT_OK, EXIT_USAGE, EXIT_WARNINGS, encoding_option, input_files, report,
    strict_option, style_option,
)

# Further commands live in their own modules, each defining one click command
# named like the module's last part (cli_export -> export).
COMMAND_MODULES: list[str] = ["cli_cite", "cli_check", "cli_export"]


class AnnobibGroup(click.Group):
    """Turns the project's own errors into a clean message and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AnnobibError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=AnnobibGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annobib")
def main():
    """annobib: annotated bibliographies from BibTeX, CSL-JSON and RIS.

    \b
    Examples:
      annobib render                         # bundled references.bib, APA 7
      annobib render my.bib --style vancouver -o list.md
      annobib styles apa                     # styles whose name or title has "apa"
    """


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@style_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "markdown", "html", "json", "docx"]),
              default=None, help="Output format [default: from -o's suffix, else text].")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all) instead of stdout.")
@click.option("--no-annotations", is_flag=True, help="Leave the annotations out.")
@click.option("--standalone", is_flag=True, help="With --format html: a whole page, not a fragment.")
@click.option("--title", metavar="TEXT", help="A heading over the list.")
@click.option("--locale", metavar="LANG", help="Locale for terms and dates (default: the style's).")
@selection_options
@click.option("--sort", type=click.Choice(["author", "year", "title", "input"]), default=None,
              help="Order of the list [default: the style's own order].")
@click.option("--group-by", type=click.Choice(["tag", "type", "year"]), default=None,
              help="Split the list under a heading per tag, type or year (an entry with several tags "
                   "appears under each).")
@encoding_option
@strict_option
@click.option("--no-cache", is_flag=True, help="Render every entry afresh: neither read nor write the render cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Render with N processes (large lists).")
def render(files, style, fmt, output, no_annotations, standalone, title, locale, encoding, strict,
           sort, group_by, no_cache, jobs, **criteria):
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

    Selection options combine with AND; a selection that matches nothing
    is an error.
    """
    from .formats import format_for_suffix, render_document
    from .output import write_output
    from .read import read_files
    from .render import build_document
    from .select import select

    paths = input_files(files)
    fmt = fmt or (format_for_suffix(output) if output else None) or "text"
    if fmt == "docx" and output in (None, "-") and sys.stdout.isatty():
        raise click.UsageError("--format docx writes a binary file: give -o FILE.docx")
    result = read_files(paths, encoding=encoding)
    code = report(result.diagnostics, strict)
    if strict and code == EXIT_ERROR:
        click.echo(f"annobib: nothing written ({len(result.diagnostics)} diagnostics under --strict)", err=True)
        sys.exit(EXIT_ERROR)
    selection = selection_from_options(**criteria)
    records = result.records if selection.is_empty() else select(result.records, selection)
    document = build_document(
        records, style, annotations=not no_annotations, title=title,
        standalone=standalone, locale=locale, sort=sort, group_by=group_by,
        cache=not no_cache, jobs=jobs, progress=True,
    )
    write_output(render_document(document, fmt), output, paths)
    sys.exit(code)


@main.command()
@click.argument("word", required=False)
def styles(word):
    """List the styles annobib can use, with their titles.

    WORD narrows the list to styles whose name or title contains it.

    \b
    Examples:
      annobib styles            # every style (aliases first)
      annobib styles vancouver  # styles about Vancouver
    """
    from .styles import list_styles

    found = list_styles(word)
    if not found:
        raise AnnobibError(f"no style matches '{word}'")
    for style in found:
        label = f"{style.name} -> {style.path.stem}" if style.origin == "alias" else style.name
        click.echo(f"{label}\t{style.title}")


def _register_commands() -> None:
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{module_name}")
        main.add_command(getattr(module, module_name.removeprefix("cli_")))


_register_commands()

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
from collections.abc import MutableMapping

import click

from . import __version__
from .diagnostics import AnnobibError
from .selection_options import selection_from_options, selection_given, selection_options

from .cli_common import (  # noqa: F401  (re-exported: the exit codes and shared options)
    EXIT_ERROR, EXIT_OK, EXIT_USAGE, EXIT_WARNINGS, encoding_option, input_files, report,
    strict_option, style_option,
)

# Further commands live in their own modules, each defining one click command
# named like the module's last part (cli_export -> export).
COMMAND_MODULES: list[str] = ["cli_cite", "cli_check", "cli_export"]


class _Commands(MutableMapping):
    """The group's commands by name, in registration order. A command from
    COMMAND_MODULES is imported the first time it is looked up, so a run of
    one command does not pay for importing the others (issue 8: start-up).
    Names alone (an unknown command's suggestions) import nothing."""

    def __init__(self, commands: dict[str, click.Command], modules: list[str]):
        self._commands: dict[str, click.Command | str] = dict(commands)
        for module_name in modules:
            self._commands[module_name.removeprefix("cli_")] = module_name

    def __getitem__(self, name: str) -> click.Command:
        command = self._commands[name]
        if isinstance(command, str):  # not imported yet: its module's name
            module = importlib.import_module(f"{__package__}.{command}")
            command = self._commands[name] = getattr(module, name)
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._commands[name] = command

    def __delitem__(self, name: str) -> None:
        del self._commands[name]

    def __iter__(self):
        return iter(self._commands)

    def __len__(self) -> int:
        return len(self._commands)


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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Render a large list with N processes (default: every core this process may use).")
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

    paths = input_files(files)
    fmt = fmt or (format_for_suffix(output) if output else None) or "text"
    if fmt == "docx" and output in (None, "-") and sys.stdout.isatty():
        raise click.UsageError("--format docx writes a binary file: give -o FILE.docx")
    result = read_files(paths, encoding=encoding)
    code = report(result.diagnostics, strict)
    if strict and code == EXIT_ERROR:
        click.echo(f"annobib: nothing written ({len(result.diagnostics)} diagnostics under --strict)", err=True)
        sys.exit(EXIT_ERROR)
    records = result.records
    if selection_given(**criteria):  # else annobib.select is not even imported (start-up)
        selection = selection_from_options(**criteria)
        if not selection.is_empty():
            from .select import select

            records = select(records, selection)
    if jobs is None:
        from .parallel import usable_cores

        jobs = usable_cores()
    document = build_document(
        records, style, annotations=not no_annotations, title=title,
        standalone=standalone, locale=locale, sort=sort, group_by=group_by,
        cache=not no_cache, jobs=jobs, progress=True,
    )
    if len(document.diagnostics):  # an entry the engine could not render as given
        engine_code = report(document.diagnostics, strict)
        if strict:
            click.echo(f"annobib: nothing written ({len(document.diagnostics)} diagnostics under --strict)", err=True)
            sys.exit(EXIT_ERROR)
        code = EXIT_ERROR if EXIT_ERROR in (code, engine_code) else engine_code
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
    main.commands = _Commands(main.commands, COMMAND_MODULES)


_register_commands()

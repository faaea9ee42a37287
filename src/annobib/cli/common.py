"""What every command shares: exit codes, the default input, diagnostics on stderr, options."""
from __future__ import annotations

import sys

import click

from ..diagnostics import AnnobibError, Diagnostics, Severity

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_WARNINGS = 0, 1, 2, 3


def input_files(files: tuple[str, ...]) -> list[str]:
    """The files to read: those given, else ./references.bib, else the bundled copy."""
    if files:
        return list(files)
    from ..resources import default_bibliography

    found = default_bibliography()
    if found is None:
        raise AnnobibError("no input file given and no references.bib here or bundled")
    return [str(found)]


def report(diagnostics: Diagnostics, strict: bool) -> int:
    """Print diagnostics to stderr; return the exit code they call for."""
    for diagnostic in diagnostics:
        line = diagnostic.format()
        if strict and diagnostic.severity is Severity.WARNING:
            line = line.replace(": warning: ", ": error: ", 1)
        click.echo(line, err=True)
    if diagnostics.has_errors or (strict and len(diagnostics)):
        return EXIT_ERROR
    return EXIT_WARNINGS if len(diagnostics) else EXIT_OK


def worst(first: int, second: int) -> int:
    """The exit code of two stages together: an error beats warnings, warnings beat success."""
    for code in (EXIT_ERROR, EXIT_WARNINGS):
        if code in (first, second):
            return code
    return EXIT_OK


def settle(diagnostics: Diagnostics, strict: bool, code: int = EXIT_OK) -> int:
    """Print ``diagnostics`` and return the exit code so far (``code`` is an
    earlier stage's). Under ``--strict`` any diagnostic ends the command here:
    exit 1, nothing written."""
    new = report(diagnostics, strict)
    if strict and new == EXIT_ERROR:
        click.echo(f"annobib: nothing written ({len(diagnostics)} diagnostics under --strict)", err=True)
        sys.exit(EXIT_ERROR)
    return worst(code, new)


encoding_option = click.option(
    "--encoding", metavar="CODEC",
    help="Read input files with this codec (e.g. latin-1) instead of detecting it.")
strict_option = click.option(
    "--strict", is_flag=True, help="Treat every warning as an error: exit 1 and write nothing.")
style_option = click.option(
    "--style", "-s", default="apa", show_default=True, metavar="STYLE",
    help="apa, vancouver, any style from 'annobib styles', or a path to a .csl file.")


def _locale(ctx, param, value):
    if value is None:
        return None
    from ..diagnostics import StyleError
    from ..styles import resolve_locale

    try:
        return resolve_locale(value)
    except StyleError as exc:
        raise click.BadParameter(str(exc)) from None


locale_option = click.option(
    "--locale", metavar="LANG", callback=_locale,
    help="Locale for terms, dates and ordinals, e.g. en-GB, de-DE, fr (default: the style's); "
         "'annobib styles --locales' lists them.")
sentence_case_option = click.option(
    "--no-sentence-case", "keep_title_case", is_flag=True,
    help="Keep titles from .bib files as written (by default English titles in Title Case are put in "
         "sentence case, keeping {braced} words and acronyms).")

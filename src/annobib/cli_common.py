"""What every command shares: exit codes, the default input, diagnostics on stderr, options.

Kept apart from cli.py so that the command modules (cli_check, cli_cite,
cli_export) can use it without importing the group that registers them.
"""
from __future__ import annotations

import click

from .diagnostics import AnnobibError, Diagnostics, Severity

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_WARNINGS = 0, 1, 2, 3


def input_files(files: tuple[str, ...]) -> list[str]:
    """The files to read: those given, else ./references.bib, else the bundled copy."""
    if files:
        return list(files)
    from .resources import default_bibliography

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


encoding_option = click.option(
    "--encoding", metavar="CODEC",
    help="Read input files with this codec (e.g. latin-1) instead of detecting it.")
strict_option = click.option(
    "--strict", is_flag=True, help="Treat every warning as an error: exit 1 and write nothing.")
style_option = click.option(
    "--style", "-s", default="apa", show_default=True, metavar="STYLE",
    help="apa, vancouver, any style from 'annobib styles', or a path to a .csl file.")

"""The command line: a thin layer over the library.

Each command lives in its own module of this package, parses its options,
calls the pipeline (read -> select -> render/export) and prints. Library
errors (AnnobibError) become one ``Error: …`` line here; diagnostics go to
stderr; results go to stdout or ``-o FILE``.

Exit codes (documented in the README):
  0  done, no diagnostics
  1  an error: a file or style could not be used, an entry could not be
     read, or (with --strict) any warning
  2  the command line itself is wrong (click's usage errors)
  3  done, output written, but the input has warnings
"""
from __future__ import annotations

import importlib

import click

from ..diagnostics import AnnobibError, terminal_safe
from ..version import __version__
from .common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, EXIT_WARNINGS, os_errors_as_messages  # noqa: F401  (exit codes)

# Every command: its name and the module of this package that defines it (a
# click command of the same name). One line registers a command.
COMMANDS: dict[str, str] = {
    "render": "render",
    "styles": "styles",
    "cite": "cite",
    "check": "check",
    "export": "export",
    "add": "add",
    "annotate": "annotate",
}


class LazyGroup(click.Group):
    """A group whose commands are imported the first time they are asked for,
    so a run of one command does not pay for importing the others (start-up
    time), and an AnnobibError becomes one ``Error:`` line and exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, cmd_name.replace("-", "_"))
        return command

    def invoke(self, ctx: click.Context):
        try:
            with os_errors_as_messages():
                return super().invoke(ctx)
        except AnnobibError as exc:
            click.echo(terminal_safe(f"Error: {exc}"), err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annobib")
def main() -> None:
    """annobib: annotated bibliographies from BibTeX, CSL-JSON and RIS.

    \b
    Examples:
      annobib render                         # bundled references.bib, APA 7
      annobib render my.bib --style vancouver -o list.md
      annobib styles apa                     # styles whose name or title has "apa"
    """

"""What every command shares: exit codes, the default input, diagnostics on stderr, options."""
from __future__ import annotations

import sys
from contextlib import contextmanager

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


def _text_codec(ctx, param, value: str | None) -> str | None:
    """``--encoding``: a codec Python knows that turns bytes into text, else a usage error (exit 2)."""
    if value is None:
        return None
    import codecs

    try:
        info = codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown codec '{value}' (try utf-8, latin-1, cp1252, utf-16)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise click.BadParameter(f"'{value}' is not a text encoding (try utf-8, latin-1, cp1252, utf-16)")
    return value


encoding_option = click.option(
    "--encoding", metavar="CODEC", callback=_text_codec,
    help="Read input files with this codec (e.g. latin-1) instead of detecting it.")
# Input files: a missing and an unreadable file are alike an error of the command (exit 1,
# from the reader), not of its command line; only a folder is refused here.
INPUT_FILE = click.Path(dir_okay=False, allow_dash=True, readable=False)
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


@contextmanager
def os_errors_as_messages():
    """Around a command: an OS error on a path or stream (stdout full with ``> /dev/full``,
    closed with ``>&-``, a path the system refuses) becomes one ``Error:`` line and exit 1.
    Standard output is flushed here, inside the guard, so a full disk is reported now and
    not as Python's "Exception ignored" at shutdown."""
    if sys.stdout is None:  # started with fd 1 closed: writing a result must fail loudly, not vanish
        sys.stdout = _ClosedStream()
    try:
        yield
        _flush_stdout()
    except SystemExit as done:
        _flush_stdout()
        raise done
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _silence_stdout()
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _silence_stdout()
        where = f" ({exc.filename})" if exc.filename else ""
        click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
        sys.exit(EXIT_ERROR)


def _flush_stdout() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _silence_stdout()
        click.echo(f"Error: cannot write to standard output: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that what stdout still holds goes nowhere at exit."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, AttributeError, ValueError):
        pass


class _ClosedStream:
    """Standard output when the process started without one (``>&-``)."""

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed; give -o FILE")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise ValueError("standard output is closed")

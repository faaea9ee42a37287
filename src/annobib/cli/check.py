"""``annobib check``: report what is missing or wrong in a bibliography; ``--fix`` normalises a copy."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..diagnostics import Diagnostics, terminal_safe
from .common import INPUT_FILE, encoding_option, input_files, strict_option


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--ignore a,b --ignore c`` -> (a, b, c)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.command()
@click.argument("files", nargs=-1, type=INPUT_FILE)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Findings as 'file:line: key: severity: message (rule) — hint' lines, or a JSON list.")
@click.option("--require", "require", multiple=True, type=click.Choice(["annotation"]),
              help="Also require this of every entry (annotation: an annotated bibliography).")
@click.option("--ignore", "ignore", multiple=True, metavar="RULE",
              help="Do not report this rule or rule family (repeatable; see --list-rules).")
@click.option("--fix", is_flag=True, help="Write a normalised copy: ISO dates, annote, ';' keywords, bare DOIs.")
@click.option("--output", "-o", metavar="FILE", help="With --fix: write the normalised copy here ('-' for stdout).")
@click.option("--in-place", is_flag=True, help="With --fix: rewrite the file itself, keeping the original as FILE.bak.")
@click.option("--list-rules", is_flag=True, help="List every rule with its severity and hint, and exit.")
@encoding_option
@strict_option
def check(files, fmt, require, ignore, fix, output, in_place, list_rules, encoding, strict):
    """Check FILES (.bib, .json, .ris) for what a reference list would get wrong.

    Reports entries that APA 7 or Vancouver cannot print completely, malformed
    DOIs, PMIDs, ISBNs, ISSNs and URLs, dates and pages that do not parse,
    duplicates, and what Zotero's BibTeX import would lose. With no FILES,
    checks ./references.bib, or the bibliography bundled with annobib.

    Exit status: 0 no findings, 1 at least one error (or any finding with
    --strict), 3 warnings only.

    \b
    Examples:
      annobib check my.bib
      annobib check my.bib --require annotation --format json
      annobib check my.bib --ignore zotero --ignore no-date
      annobib check my.bib --fix -o clean.bib
      annobib check my.bib --fix --in-place      # keeps my.bib.bak
    """
    from ..lint import RULES

    if list_rules:
        _list_rules(RULES)
        return
    ignore = _names(ignore)
    unknown = [name for name in ignore if name not in RULES and name not in {r.family for r in RULES.values()}]
    if unknown:
        click.echo(f"annobib: note: --ignore {', '.join(unknown)}: no such rule of check's own "
                   "(reader rules such as 'syntax' are ignored by name too)", err=True)
    paths = input_files(files)
    if fix:
        result, to_stderr = _fix(paths, output, in_place, encoding, require, ignore, strict)
    else:
        if output or in_place:
            raise click.UsageError("-o and --in-place go with --fix")
        from ..lint import check_paths

        result, to_stderr = check_paths(paths, require, ignore, encoding), False
    _print_findings(result, fmt, to_stderr)
    _print_summary(result, len(paths))
    sys.exit(result.exit_code(strict))


def _print_findings(result, fmt: str, to_stderr: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False, indent=2), err=to_stderr)
    else:
        for finding in result.findings:
            click.echo(terminal_safe(finding.format()), err=to_stderr)


def _print_summary(result, file_count: int) -> None:
    files = f"{file_count} file" + ("s" if file_count != 1 else "")
    entries = f"{result.entries_checked} entr" + ("ies" if result.entries_checked != 1 else "y")
    if result.findings:
        summary = f"{result.errors} error(s), {result.warnings} warning(s)"
    else:
        summary = "no problems found"
    click.echo(f"annobib check: {entries} in {files}: {summary}", err=True)


def _list_rules(rules) -> None:
    for rule in sorted(rules.values(), key=lambda r: (r.family, r.id)):
        extra = f", only with --require {rule.opt_in}" if rule.opt_in else ""
        click.echo(f"{rule.id} ({rule.severity.value}, {rule.family}{extra}): {rule.summary}")
        click.echo(f"    fix: {rule.hint}")


def _fix(paths, output, in_place, encoding, require, ignore, strict):
    """Check the normalised copies, then write them all (or, under --strict with findings, none);
    return (result, findings-to-stderr)."""
    from ..lint.entries import BIB_SUFFIXES, Loaded, LoadedFile, load_text
    from ..lint.fix import encode_like, fix_text
    from ..lint.runner import check_loaded
    from ..output import Write, write_outputs, write_stdout
    from ..read import read_input

    if bool(output) == bool(in_place):
        raise click.UsageError("--fix needs a destination: -o FILE (a copy) or --in-place")
    if output and len(paths) != 1:
        raise click.UsageError("--fix -o writes one file: give one input (use --in-place for several)")
    if in_place and "-" in paths:
        raise click.UsageError("--in-place cannot rewrite standard input; use -o FILE")
    for path in paths:
        if path != "-" and Path(path).suffix.lower() not in BIB_SUFFIXES:
            raise click.UsageError(f"--fix normalises .bib files; {path} is not one")

    checked = Loaded([], Diagnostics())
    macros: dict[str, str] = {}
    writes: list[Write] = []
    notes: list[str] = []
    for path in paths:
        data, text, used, _warning = read_input(path, encoding)
        fixed, changes = fix_text(text, path)
        destination = output if output else path
        shown = "<stdout>" if destination == "-" else destination
        for change in changes:
            click.echo(f"{shown}:{change.line}: {change.key}: fixed: {change.describe()}", err=True)
        if output:
            writes.append(Write(encode_like(fixed, data, used), output))
        elif changes:
            backup = _backup_name(path)
            # The original, byte for byte and with its permissions, beside the file it is replaced in.
            writes.append(Write(data, backup, mode=_mode_of(path)))
            writes.append(Write(encode_like(fixed, data, used), path, in_place=True))
            notes.append(f"annobib: {path}: {len(changes)} value(s) fixed; the original is kept as {backup}")
        else:
            notes.append(f"annobib: {path}: nothing to fix; left unchanged")
        checked.files.append(LoadedFile(shown, data, fixed, used))
        load_text(fixed.lstrip("\ufeff"), shown, checked, macros)
    result = check_loaded(checked, require, ignore)
    if strict and result.exit_code(strict) != 0:
        click.echo(f"annobib: nothing written ({len(result.findings)} finding(s) under --strict)", err=True)
        return result, output == "-"
    if output == "-":
        write_stdout(writes[0].data)
    else:
        write_outputs(writes, paths)  # every file or none
    for note in notes:
        click.echo(note, err=True)
    if output and output != "-":
        click.echo(f"annobib: normalised copy written to {output}", err=True)
    return result, output == "-"


def _mode_of(path: str) -> int | None:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return None


def _backup_name(path: str) -> str:
    """FILE.bak, or FILE.bak.1, .2 … when an earlier backup is there: never overwrite one."""
    candidate = Path(path + ".bak")
    number = 0
    while candidate.exists():
        number += 1
        candidate = Path(f"{path}.bak.{number}")
    return str(candidate)

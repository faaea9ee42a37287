"""Where a document's ``bibliography`` and ``csl`` files are: next to the document.

pandoc gives a JSON filter the document but not its file name. Where the
system shows the parent process's command line (Linux /proc), the input
files pandoc was given are read from it, so a path in the metadata is taken
relative to the document even when pandoc runs elsewhere; then the working
directory (what pandoc's own citeproc uses) and pandoc's --resource-path.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

# pandoc options whose value is the next argument (their values are not input files)
_VALUED = {
    "-o", "--output", "-f", "-r", "--from", "--read", "-t", "-w", "--to", "--write", "-F", "--filter",
    "-L", "--lua-filter", "-M", "--metadata", "-V", "--variable", "--metadata-file", "-d", "--defaults",
    "--template", "--reference-doc", "--csl", "--bibliography", "--resource-path", "--data-dir", "-c", "--css",
    "-H", "--include-in-header", "-B", "--include-before-body", "-A", "--include-after-body",
    "--pdf-engine", "--pdf-engine-opt", "--extract-media", "--highlight-style", "--syntax-highlighting",
    "--syntax-definition", "--citation-abbreviations", "--log", "--epub-cover-image", "--epub-metadata",
    "--epub-embed-font", "--abbreviations", "--title-prefix", "-T", "--id-prefix", "--request-header",
    "--default-image-extension", "--indented-code-classes", "--number-offset", "--dpi", "--columns",
    "--tab-stop", "--toc-depth", "--slide-level", "--email-obfuscation", "--reference-location",
    "--top-level-division", "--eol", "--wrap", "--track-changes", "--shift-heading-level-by",
}


def _parent_command() -> Optional[tuple[list[str], Path]]:
    """The parent process's arguments and working directory, where /proc shows them."""
    parent = os.getppid()
    try:
        raw = Path(f"/proc/{parent}/cmdline").read_bytes()
        cwd = Path(os.readlink(f"/proc/{parent}/cwd"))
    except OSError:
        return None
    return [part.decode("utf-8", "surrogateescape") for part in raw.split(b"\0") if part], cwd


def search_dirs() -> list[Path]:
    """Folders to find a document's files in, most likely first."""
    dirs: list[Path] = []
    found = _parent_command()
    if found is not None and found[0] and Path(found[0][0]).name.startswith("pandoc"):
        args, cwd = found
        dirs.extend(_input_dirs(args[1:], cwd))
        dirs.append(cwd)
        dirs.extend(_resource_dirs(args[1:], cwd))
    dirs.append(Path.cwd())
    unique: list[Path] = []
    for folder in dirs:
        if folder not in unique:
            unique.append(folder)
    return unique


def _input_dirs(args: list[str], cwd: Path) -> list[Path]:
    dirs = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            path = cwd / arg
            if path.is_file():
                dirs.append(path.parent.resolve())
    return dirs


def _resource_dirs(args: list[str], cwd: Path) -> list[Path]:
    dirs: list[Path] = []
    for index, arg in enumerate(args):
        value = None
        if arg.startswith("--resource-path="):
            value = arg.split("=", 1)[1]
        elif arg == "--resource-path" and index + 1 < len(args):
            value = args[index + 1]
        if value:
            dirs.extend(cwd / part for part in value.split(os.pathsep) if part)
    return dirs


def find_file(name: str, dirs: list[Path]) -> Optional[Path]:
    """``name`` as given if absolute, else the first folder that has it."""
    path = Path(name).expanduser()
    if path.is_absolute():
        return path if path.is_file() else None
    for folder in dirs:
        candidate = folder / path
        if candidate.is_file():
            return candidate
    return None

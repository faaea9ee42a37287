"""Writing results: whole or not at all, only where the user asked, never over an input.

A file is written to a temporary file in the same folder and renamed over
the destination, so a crash or a full disk never leaves half a file. Before
anything is written the destination is checked:

- it is none of the files the command reads: the inputs it was given, every
  file the running command read through ``annobib.read``, and the style named by
  ``--style`` (by any path: a symlink, a hard link, ``..``);
- it is a regular file or does not exist yet: a FIFO, a device, a folder or a
  ``/dev/stdout``-style link is refused, never replaced by a regular file;
- it is not read-only (mode without write bits): a file the user protected
  is not renamed over.

A symlink to a regular file is followed: the file it points to is rewritten
and the link stays. ``write_outputs`` writes several files all or none.
"""
from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import OutputError

_READ_KEY = "annobib.files-read"


def note_read(path: str) -> None:
    """Record that the running command read ``path``, so that no output of it replaces the file.
    Kept with the command's click context: each run (and each test invocation) starts afresh."""
    import click

    context = click.get_current_context(silent=True)
    if context is not None and path != "-":
        context.find_root().meta.setdefault(_READ_KEY, []).append(path)


def _files_read() -> list[str]:
    import click

    context = click.get_current_context(silent=True)
    return list(context.find_root().meta.get(_READ_KEY, [])) if context is not None else []


class Write:
    """One file to write: the content, where, and the mode to give it (None: the old file's, else
    umask's). ``in_place``: the destination is an input the user asked to rewrite (``--in-place``)."""

    def __init__(self, content: str | bytes, destination: str, mode: int | None = None, in_place: bool = False):
        self.data = content.encode("utf-8") if isinstance(content, str) else content
        self.destination = destination
        self.mode = mode
        self.in_place = in_place


def write_output(content: str | bytes, destination: str | None, inputs: Sequence[str] = (), *,
                 mode: int | None = None) -> None:
    """Write to stdout (None or ``-``) or atomically to a file (see the module's rules)."""
    if destination in (None, "-"):
        write_stdout(content)
        return
    write_outputs([Write(content, str(destination), mode)], inputs)


def write_stdout(content: str | bytes) -> None:
    """Results on standard output; a closed or full stream is an OutputError, not a traceback."""
    stream = sys.stdout
    if stream is None or not hasattr(stream, "buffer"):
        raise OutputError("standard output is closed; give -o FILE")
    try:
        if isinstance(content, bytes):
            stream.buffer.write(content)
        else:
            if stream.isatty():  # a terminal obeys control sequences; a file or pipe gets the text as it is
                from .diagnostics import terminal_safe

                content = terminal_safe(content)
            stream.write(content)
        stream.flush()
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def write_outputs(writes: list[Write], inputs: Sequence[str] = ()) -> None:
    """Write every file or none: all are checked and written to temporary files first,
    then renamed into place; if a rename fails, the files already replaced get their
    old content back."""
    targets = [_checked_target(write.destination, inputs, write.in_place) for write in writes]
    temporaries: list[str] = []
    try:
        for write, target in zip(writes, targets):
            temporaries.append(_temporary_copy(write, target))
        _replace_all(temporaries, targets, writes)
    finally:
        for temporary in temporaries:
            _remove(temporary)


def _checked_target(destination: str, inputs, in_place: bool = False) -> Path:
    """The path to write for ``destination`` (a symlink followed), or OutputError."""
    named = Path(destination)
    try:
        target = Path(os.path.realpath(named)) if named.is_symlink() else named
        info = os.stat(target) if os.path.lexists(target) else None
    except OSError as exc:
        raise OutputError(f"cannot write {destination}: {exc.strerror}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"refusing to write {destination}: it is {_kind(info.st_mode)}, not a regular file; "
                          "choose a file name for -o")
    # An --in-place write replaces the input it was asked to; it still never replaces the style.
    sources = [s for s in [_style_option()] if s] if in_place else _command_inputs(inputs)
    for source in sources:
        if info is not None and _same_file(source, target):
            raise OutputError(f"refusing to write the output over the input file {source}; choose another -o")
    if info is not None and not info.st_mode & 0o222:
        raise OutputError(f"refusing to write {destination}: it is read-only (mode {stat.S_IMODE(info.st_mode):04o}); "
                          "make it writable first if it is meant to be replaced")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        is_folder = folder.is_dir()
    except OSError as exc:
        raise OutputError(f"cannot write {destination}: {exc.strerror}") from None
    if not is_folder:
        raise OutputError(f"cannot write {destination}: folder {folder} does not exist")
    return target


def _command_inputs(inputs) -> list[str]:
    """Every file the running command reads: given inputs, files read, and its --style file."""
    found = [source for source in list(inputs) + _files_read() if source != "-"]
    style = _style_option()
    if style is not None:
        found.append(style)
    return found


def _style_option() -> str | None:
    """The file of the running command's ``--style``, when it names one (any error: None)."""
    import click

    context = click.get_current_context(silent=True)
    name = context.params.get("style") if context is not None else None
    if not isinstance(name, str):
        return None
    try:
        from .styles import resolve_style

        return str(resolve_style(name))
    except Exception:  # an unknown style reads no file
        return None


def _same_file(source: str, target: Path) -> bool:
    try:
        return os.path.exists(source) and os.path.samefile(source, target)
    except OSError:
        return False


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _temporary_copy(write: Write, target: Path) -> str:
    """The content in a new temporary file beside ``target``, synced, with its final mode."""
    import tempfile  # only when writing a file (~4 ms of start-up otherwise)

    folder = target.parent if str(target.parent) else Path(".")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(write.data)
            stream.flush()
            os.fsync(stream.fileno())
        if write.mode is not None:
            mode = write.mode
        elif target.exists():
            mode = target.stat().st_mode & 0o777
        else:
            mode = 0o666 & ~_umask()
        os.chmod(temporary, mode)
        return temporary
    except OSError as exc:
        if temporary is not None:
            _remove(temporary)
        raise OutputError(f"cannot write {write.destination}: {exc.strerror or exc}") from None
    except BaseException:
        if temporary is not None:
            _remove(temporary)
        raise


def _replace_all(temporaries: list[str], targets: list[Path], writes: list[Write]) -> None:
    done: list[tuple[Path, bytes | None]] = []
    for temporary, target, write in zip(temporaries, targets, writes):
        try:
            old = target.read_bytes() if len(targets) > 1 and target.exists() else None
            os.replace(temporary, target)
        except OSError as exc:
            _undo(done)
            raise OutputError(f"cannot write {write.destination}: {exc.strerror or exc}"
                              + ("; the files written before it were restored" if done else "")) from None
        done.append((target, old))


def _undo(done: list[tuple[Path, bytes | None]]) -> None:
    """Put back what ``write_outputs`` replaced (best effort: the rename that failed is the news)."""
    for target, old in reversed(done):
        try:
            if old is None:
                target.unlink()
            else:
                target.write_bytes(old)
        except OSError:
            pass


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Writing results: whole or not at all, never over an input."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .diagnostics import OutputError


def write_output(content: str | bytes, destination: str | None, inputs: list[str] = ()) -> None:
    """Write to stdout (None or ``-``) or atomically to a file.

    The file is written to a temporary file in the same folder and renamed
    over the destination, so a crash or a full disk never leaves half a file.
    """
    if destination in (None, "-"):
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            sys.stdout.write(content)
        return
    target = Path(destination)
    for source in inputs:
        if source != "-" and Path(source).exists() and target.exists() and os.path.samefile(source, target):
            raise OutputError(f"refusing to write the output over the input file {source}; choose another -o")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {destination}: folder {folder} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    import tempfile  # only when writing a file (~4 ms of start-up otherwise)

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {destination}: {exc.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Files that ship with annobib: the bundled bibliography and the style folder.

A wheel carries copies made at build time from the repository's top-level
``references.bib`` and ``styles/`` (see pyproject.toml); an editable or
source checkout reads the top-level files themselves, so there is never a
second hand-kept copy.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_ROOT = _PACKAGE_DIR.parent.parent  # src/annobib -> repository root


def bundled_path(name: str) -> Path | None:
    """Path of a shipped file or folder (``references.bib``, ``styles``), or None."""
    for candidate in (_PACKAGE_DIR / "_bundled" / name, _CHECKOUT_ROOT / name):
        if candidate.exists():
            return candidate
    return None


def default_bibliography() -> Path | None:
    """``references.bib`` in the current folder, else the bundled copy."""
    local = Path("references.bib")
    if local.is_file():
        return local
    return bundled_path("references.bib")

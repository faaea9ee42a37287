"""Shared by the pandoc filter and cite tests: the real pandoc binary, the filter, the golden files.

pandoc comes from pypandoc-binary (in the test extras), else from PATH;
the tests that need it skip, saying so, only when neither is there.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden_citations"
MANUSCRIPT = GOLDEN / "manuscript.md"
BUNDLED_BIB = ROOT / "references.bib"
# Golden citations the engine renders otherwise for reasons other than NEW cite keys.
KNOWN_ENGINE_GAPS: dict[tuple[str, str], str] = {}  # (style, citation) -> why the engine differs


def _find_pandoc() -> tuple[str | None, str]:
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
        return path, f"pypandoc-binary's pandoc {pypandoc.get_pandoc_version()} ({path})"
    except (ImportError, OSError):
        pass
    path = shutil.which("pandoc")
    if path:
        return path, f"pandoc on PATH ({path})"
    return None, "no pandoc: install the test extras (pypandoc-binary) or a pandoc on PATH"


PANDOC, PANDOC_FOUND = _find_pandoc()
requires_pandoc = pytest.mark.skipif(PANDOC is None, reason=PANDOC_FOUND)


def filter_command() -> str:
    """The annobib-pandoc console script of the Python running the tests."""
    script = Path(sys.executable).parent / "annobib-pandoc"
    if script.is_file():
        return str(script)
    found = shutil.which("annobib-pandoc")
    if found is None:
        pytest.skip("annobib-pandoc is not installed (pip install -e .)")
    return found


def pandoc(*args: str, cwd: Path, check: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess:
    assert PANDOC is not None
    done = subprocess.run([PANDOC, *args], cwd=cwd, capture_output=True, input=stdin, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"pandoc {' '.join(args)} failed ({PANDOC_FOUND}):\n{done.stderr}")
    return done


def filtered_json(source: Path, *args: str, cwd: Path) -> tuple[dict, str]:
    """The document after annobib-pandoc, as pandoc's JSON, and the filter's stderr."""
    done = pandoc(str(source), "--filter", filter_command(), *args, "-t", "json", cwd=cwd)
    return json.loads(done.stdout), done.stderr


def load_doc(document: dict):
    import panflute as pf

    return pf.load(io.StringIO(json.dumps(document)))


def elements_of(doc, kind) -> list:
    """Every element of a type in a panflute document, in document order."""
    found: list = []
    doc.walk(lambda element, _doc: found.append(element) if isinstance(element, kind) else None)
    return found


def cite_texts(document: dict) -> list[str]:
    """The text each Cite element of the body shows, in document order."""
    import panflute as pf

    texts: list[str] = []
    for block in load_doc(document).content:
        block.walk(lambda e, _d: texts.append(pf.stringify(e)) if isinstance(e, pf.Cite) else None)
    return texts


def golden(style: str) -> dict:
    return json.loads((GOLDEN / f"manuscript.{style}.json").read_text(encoding="utf-8"))


def golden_params(style: str) -> list:
    """One pytest param per golden citation, xfail (strict) where the engine is known to differ."""
    params = []
    for index, case in enumerate(golden(style)["cases"]):
        gap = KNOWN_ENGINE_GAPS.get((style, case["source"]))
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        params.append(pytest.param(index, case, id=f"{style}-{index}-{case['source']}", marks=marks))
    return params


def manuscript_folder(tmp_path: Path, text: str | None = None) -> Path:
    """A folder with the test manuscript (or ``text``) and the bundled references.bib beside it."""
    (tmp_path / "manuscript.md").write_text(text if text is not None else MANUSCRIPT.read_text(encoding="utf-8"),
                                            encoding="utf-8")
    shutil.copy(BUNDLED_BIB, tmp_path / "references.bib")
    return tmp_path / "manuscript.md"

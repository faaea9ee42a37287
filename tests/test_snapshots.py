"""Golden files of the bundled bibliography, in both styles and every format.

``bundled.<style>.<ext>`` hold annobib's own output (regenerate with
``python scripts/update_snapshots.py`` and review the diff);
``bundled.<style>.citeproc-js.json`` hold what citeproc-js, Zotero's engine,
prints for the same CSL-JSON, which the rendered entries must equal.
"""
from __future__ import annotations

import difflib
import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from annobib.cli import main

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).parent / "snapshots"
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def render(*args: str) -> str:
    result = CliRunner().invoke(main, ["render", str(ROOT / "references.bib"), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("style", ["apa", "vancouver"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_matches_snapshot(style, fmt):
    expected = (SNAPSHOTS / f"bundled.{style}.{FORMATS[fmt]}").read_text(encoding="utf-8")
    actual = render("--style", style, "--format", fmt)
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "snapshot", "now"))
        pytest.fail(f"output changed (python scripts/update_snapshots.py regenerates it):\n{diff[:4000]}")


def canonical_html(markup: str) -> str:
    """Compare HTML by content: markup of italics/bold kept, layout divs and entities folded."""
    markup = re.sub(r"</?div[^>]*>", " ", markup)
    markup = re.sub(r"</?i>", "_", markup)
    markup = re.sub(r"</?b>", "**", markup)
    markup = re.sub(r"<[^>]+>", "", markup)
    return re.sub(r"\s+", " ", html.unescape(markup)).strip()


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_bundled_bibliography_matches_citeproc_js(style):
    reference = json.loads((SNAPSHOTS / f"bundled.{style}.citeproc-js.json").read_text(encoding="utf-8"))
    ours = json.loads(render("--style", style, "--format", "json"))
    assert [item["id"] for item in ours] == reference["text"]["order"]
    for item in ours:
        assert item["text"] == reference["text"]["entries"][item["id"]].strip(), item["id"]
        assert canonical_html(item["html"]) == canonical_html(reference["html"]["entries"][item["id"]]), item["id"]

"""The official CSL processor test suite, run through annobib's engine.

Each fixture (../shared/csl-test-suite/fixtures) has a MODE, a CSL style,
INPUT items, optionally CITATION-ITEMS or CITATIONS, and the RESULT that
citeproc-js prints. The harness follows citeproc-js's own test protocol
(checked by running citeproc-js itself over the fixtures: 834 of 845 pass):
every input item is registered first, in input order, then

- bibliography: the whole bibliography, wrapped in ``csl-bib-body`` (with
  CITATIONS, of the items the final document cites);
- citation with CITATIONS: the clusters in document order (each may be
  inserted between earlier ones and renumber their notes); every citation
  is printed as ``..[i] text``, and ``>>[i] text`` when the last cluster
  added or changed it;
- citation with CITATION-ITEMS: each cluster on its own line;
- citation otherwise: one cluster of every item (an id given twice is one
  item, its later data replacing the earlier, as in citeproc-js).

Output is compared after a light canonical form: white space between block
tags removed, character references spelled one way.
"""
from __future__ import annotations

import html
import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "csl-test-suite" / "fixtures"
KNOWN_FAILURES = Path(__file__).resolve().parent / "csl_suite_known_failures.json"

_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)


@dataclass
class Fixture:
    name: str
    mode: str
    csl: str
    items: list[dict]
    expected: str
    citation_items: list | None = None
    citations: list | None = None
    sections: dict = field(default_factory=dict)

    @property
    def category(self) -> str:
        return self.name.split("_", 1)[0]


def fixture_files(folder: Path = SUITE) -> list[Path]:
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def load(path: Path) -> Fixture:
    sections = {name: body for name, body in _SECTION.findall(path.read_text(encoding="utf-8"))}
    items = json.loads(sections["INPUT"])
    for number, item in enumerate(items, 1):
        item.setdefault("id", f"ITEM-{number}")  # as citeproc-js's test runner names id-less items
    return Fixture(
        name=path.stem,
        mode=sections["MODE"].strip(),
        csl=sections["CSL"],
        items=items,
        expected=sections["RESULT"],
        citation_items=json.loads(sections["CITATION-ITEMS"]) if "CITATION-ITEMS" in sections else None,
        citations=json.loads(sections["CITATIONS"]) if "CITATIONS" in sections else None,
        sections=sections,
    )


def canonical(text: str) -> str:
    """One spelling for what citeproc-js and annobib may write differently but means the same."""
    text = re.sub(r"&#(\d+);", lambda m: html.escape(chr(int(m.group(1))), quote=False), text)
    text = text.replace("&#x27;", "'").replace("&quot;", '"')
    text = re.sub(r">\s*\n\s*<", "><", text)  # indentation between block tags
    return text.strip()


def _engine(fixture: Fixture, folder: Path):
    from annobib.engine import Engine

    style = folder / f"{fixture.name}.csl"
    style.write_text(fixture.csl, encoding="utf-8")
    return Engine(style, blocks=True, zotero=False)  # the fixtures are plain citeproc-js


def bibliography_html(entries: list[str]) -> str:
    body = "".join(f'  <div class="csl-entry">{entry}</div>\n' for entry in entries)
    return f'<div class="csl-bib-body">\n{body}</div>'


def _documents(citations: list) -> tuple[list[dict], list[dict], str]:
    """(the clusters before the last call, after it, the id of the cluster it added)."""
    order: list[str] = []
    notes: dict[str, int] = {}
    clusters: dict[str, dict] = {}
    before: list[str] = []
    for citation, pre, post in citations:
        before = list(order)
        cid = citation["citationID"]
        clusters[cid] = citation
        for other, note in [*pre, *post]:
            notes[other] = note
        notes[cid] = (citation.get("properties") or {}).get("noteIndex", 0)
        order = [c for c, _ in pre] + [cid] + [c for c, _ in post]

    def cluster_list(ids):
        return [{"id": c, "citationItems": clusters[c]["citationItems"],
                 "properties": {"noteIndex": notes.get(c, 0)}} for c in ids]

    return cluster_list(before), cluster_list(order), citations[-1][0]["citationID"]


def run(fixture: Fixture) -> str:
    """What annobib's engine prints for the fixture, in the fixture's RESULT layout."""
    with tempfile.TemporaryDirectory(prefix="annobib-csl-") as folder:
        engine = _engine(fixture, Path(folder))
        items = fixture.items
        if fixture.mode == "bibliography":
            if fixture.citations:  # the bibliography of the document: the items its citations cite
                _, final, _ = _documents(fixture.citations)
                cited = {cite["id"] for cluster in final for cite in cluster["citationItems"]}
                items = [item for item in items if item["id"] in cited]
            return bibliography_html([entry.html for entry in engine.render_bibliography(items)])
        if fixture.citations:
            previous, final, new = _documents(fixture.citations)
            old = dict(zip((c["id"] for c in previous), engine.render_citations(items, previous)))
            texts = engine.render_citations(items, final)
            lines = []
            for index, (cluster, text) in enumerate(zip(final, texts)):
                mark = ">>" if cluster["id"] == new or old.get(cluster["id"]) != text else ".."
                lines.append(f"{mark}[{index}] {text}")
            return "\n".join(lines)
        # one cite per registered item (an id given twice is one item, citeproc-js's runner)
        clusters = fixture.citation_items or [[{"id": key} for key in dict.fromkeys(item["id"] for item in items)]]
        # each CITATION-ITEMS cluster stands alone (citeproc-js's makeCitationCluster)
        return "\n".join(engine.render_citations(items, [cluster])[0] for cluster in clusters)


@dataclass
class Outcome:
    name: str
    passed: bool
    got: str
    error: str | None = None


def check(path: Path) -> Outcome:
    fixture = load(path)
    try:
        got = run(fixture)
    except Exception as exc:  # a crash is a failure of that fixture, reported with its cause
        return Outcome(fixture.name, False, "", f"{type(exc).__name__}: {exc}")
    return Outcome(fixture.name, canonical(got) == canonical(fixture.expected), got)


def known_failures() -> dict[str, str]:
    if not KNOWN_FAILURES.exists():
        return {}
    return json.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))

"""Write tests/golden_citations/manuscript.<style>.json: citeproc-js's citations for the test manuscript.

usage: python scripts/make_citation_golden.py [--citeproc-js DIR]

Needs pandoc (pypandoc-binary from the test extras), node and citeproc-js
(set up as in ../shared/tools/citeproc-js/README.md, by default in
~/.cache/citeproc-js). pandoc reads tests/golden_citations/manuscript.md;
each of its citations becomes CSL cites as annobib-pandoc makes them
(locators read from the suffix as pandoc's citeproc reads them; a narrative
cite as an author-only cite followed by the cluster with that author
suppressed). citeproc-js renders those clusters in document order, as a
word processor does (scripts/cite_clusters_js.js), over the bundled
references.bib read by annobib's own reader, the cited entries in order of
first citation. Each citation's text is the author-only part (when it
prints) and the rest, joined by a space.

The tests (tests/test_pandoc_*.py, tests/test_cite_*.py) compare the filter
and ``annobib cite`` with these files and need no node.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
GOLDEN = ROOT / "tests" / "golden_citations"
MANUSCRIPT = GOLDEN / "manuscript.md"
STYLES = ["apa", "vancouver"]
NO_PRINTED_FORM = "[NO_PRINTED_FORM]"
NEW_KEYS = ("prefix", "suffix", "suppress-author", "author-only")  # cite keys the engine API marks NEW


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return "pandoc"


def manuscript_clusters(style: str, manuscript: Path = MANUSCRIPT):
    """A manuscript's citations as annobib-pandoc reads them: their text as written, the planned
    Clusters, and the records of the bibliography its metadata names (read by annobib)."""
    import io

    import panflute as pf

    from annobib.pandoc.citing import plan
    from annobib.pandoc.filter import collect_citations
    from annobib.pandoc.metadata import read_settings
    from annobib.pandoc.style_facts import locator_terms, style_facts
    from annobib.read import read_files
    from annobib.styles import resolve_style

    done = subprocess.run([pandoc_path(), str(manuscript), "-t", "json"], capture_output=True, text=True,
                          check=True)
    doc = pf.load(io.StringIO(done.stdout))
    facts = style_facts(resolve_style(style))
    found = collect_citations(doc, locator_terms(facts, None), facts.is_note_style)
    names = read_settings(doc).bibliography
    # The test manuscript names references.bib, the bundled one at the top of the checkout.
    paths = [manuscript.parent / n if (manuscript.parent / n).is_file() else ROOT / n for n in names]
    records = read_files(paths).records
    known = {record.id for record in records}
    sources = [pf.stringify(element) for element in found.elements]
    clusters = [plan(cluster, known) for cluster in found.clusters]
    return sources, clusters, records


def render_js(items, engine_clusters, style_path, locales, fmt, env) -> list:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump({"items": items, "clusters": engine_clusters}, handle, ensure_ascii=False)
    try:
        done = subprocess.run(["node", str(ROOT / "scripts" / "cite_clusters_js.js"), handle.name,
                               str(style_path), str(locales), fmt], capture_output=True, text=True, env=env)
    finally:
        os.unlink(handle.name)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)


def joined(parts: list[str]) -> str:
    return " ".join(part for part in parts if part.strip() and part.strip() != NO_PRINTED_FORM)


def make(style: str, locales: Path, env: dict) -> Path:
    from annobib.pandoc.citing import first_cited
    from annobib.styles import resolve_style

    sources, clusters, records = manuscript_clusters(style)
    by_id = {record.id: record.csl for record in records}
    order = first_cited([c.cites for c in clusters], by_id)
    items = [by_id[key] for key in order]
    engine_clusters = []
    for cluster in clusters:
        engine_clusters.extend(part for part in [*cluster.author_parts, cluster.main_part] if part)
    # The same clusters without the cite keys the engine API marks NEW: where citeproc-js's text
    # is the same without them, a test of that citation does not wait for them.
    plain_clusters = [[{k: v for k, v in cite.items() if k not in NEW_KEYS} for cite in part]
                      for part in engine_clusters]
    path = resolve_style(style)
    outputs = {fmt: iter(render_js(items, engine_clusters, path, locales, fmt, env)) for fmt in ("text", "html")}
    outputs["plain"] = iter(render_js(items, plain_clusters, path, locales, "text", env))
    cases = []
    for source, cluster in zip(sources, clusters):
        parts = [part for part in [*cluster.author_parts, cluster.main_part] if part]
        rendered = {fmt: [next(outputs[fmt]) for _ in parts] for fmt in outputs}
        cases.append({"source": source, "engine": parts, "parts_text": rendered["text"],
                      "text": joined(rendered["text"]), "html": joined(rendered["html"]),
                      "text_without_new_keys": " ".join(rendered["plain"])})
    out = GOLDEN / f"manuscript.{style}.json"
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
    out.write_text(f'{{"style": {json.dumps(style)}, "items": {json.dumps(order)}, "cases": [\n{lines}\n]}}\n',
                   encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--citeproc-js", default=str(Path.home() / ".cache" / "citeproc-js"),
                        help="folder where citeproc-js is installed (npm install done)")
    args = parser.parse_args()
    import citeproc

    locales = Path(citeproc.__file__).parent / "data" / "locales"
    env = dict(os.environ, NODE_PATH=str(Path(args.citeproc_js) / "node_modules"))
    for style in STYLES:
        out = make(style, locales, env)
        print(f"{out.relative_to(ROOT)}: {len(json.loads(out.read_text())['cases'])} citations")


if __name__ == "__main__":
    main()

"""Side by side: annobib-pandoc, pandoc's own --citeproc, and citeproc-js, on one manuscript.

usage: python scripts/compare_pandoc_citeproc.py [MANUSCRIPT.md] [--style apa --style vancouver]
                                                 [--show N] [--citeproc-js DIR]

Default manuscript: tests/golden_citations/manuscript.md (the bundled
references.bib). For each style, pandoc renders the manuscript twice (with
``--citeproc`` and with ``--filter annobib-pandoc``); citeproc-js renders the
same citations as a word processor does (scripts/cite_clusters_js.js) and
the same entries (../shared/tools/citeproc-js/render_js.js, in order of
first citation), from annobib's reading of the bibliography. Prints, per
style, how many citations and entries each tool prints as citeproc-js does
(text compared with white space folded), then the differences.
Needs pandoc (pypandoc-binary), node and citeproc-js.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from make_citation_golden import MANUSCRIPT, NEW_KEYS, joined, manuscript_clusters, pandoc_path  # noqa: E402
from make_citation_golden import render_js as clusters_js  # noqa: E402


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def pandoc_run(manuscript: Path, args: list[str]) -> tuple[list[str], dict[str, str]]:
    """The citations' texts and the entries' texts (by key) of one pandoc run."""
    import panflute as pf

    done = subprocess.run([pandoc_path(), manuscript.name, *args, "-t", "json"], cwd=manuscript.parent,
                          capture_output=True, text=True, check=True)
    doc = pf.load(io.StringIO(done.stdout))
    cites: list[str] = []
    entries: dict[str, str] = {}

    def collect(element, _doc):
        if isinstance(element, pf.Cite):
            cites.append(fold(pf.stringify(element)))
        elif isinstance(element, pf.Div) and "csl-entry" in element.classes:
            entries[element.identifier.removeprefix("ref-")] = fold(pf.stringify(element))

    for block in doc.content:
        block.walk(collect)
    return cites, entries


def citeproc_js(style: str, manuscript: Path, locales: Path, env: dict) -> tuple[list[str], list[str], dict]:
    from annobib.pandoc.citing import first_cited
    from annobib.styles import resolve_style

    sources, clusters, records = manuscript_clusters(style, manuscript)
    by_id = {record.id: record.csl for record in records}
    items = [by_id[key] for key in first_cited([c.cites for c in clusters], by_id)]
    batch = [part for c in clusters for part in [*c.author_parts, c.main_part] if part]
    texts = iter(clusters_js(items, batch, resolve_style(style), locales, "text", env))
    cites = [fold(joined([next(texts) for part in [*c.author_parts, c.main_part] if part])) for c in clusters]
    plain = [[{k: v for k, v in cite.items() if k not in NEW_KEYS} for cite in part] for part in batch]
    texts = iter(clusters_js(items, plain, resolve_style(style), locales, "text", env))
    without_new = [fold(" ".join(next(texts) for part in [*c.author_parts, c.main_part] if part)) for c in clusters]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(items, handle, ensure_ascii=False)
    try:
        script = str(Path(env["NODE_PATH"]).parent / "render_js.js")
        done = subprocess.run(["node", script, handle.name, str(resolve_style(style)), str(locales), "text"],
                              capture_output=True, text=True, env=env, check=True)
    finally:
        os.unlink(handle.name)
    entries = {key: fold(text) for key, text in json.loads(done.stdout)["entries"].items()}
    return sources, cites, entries, without_new


def compare(manuscript: Path, style: str, locales: Path, env: dict, show: int) -> None:
    from annobib.styles import resolve_style

    filter_script = str(Path(sys.executable).parent / "annobib-pandoc")
    csl = str(resolve_style(style))
    theirs = pandoc_run(manuscript, ["--citeproc", "--csl", csl])
    ours = pandoc_run(manuscript, ["--filter", filter_script, "-M", f"annobib-style={style}"])
    sources, js_cites, js_entries, js_without_new = citeproc_js(style, manuscript, locales, env)
    # pandoc's citeproc again, on the very CSL-JSON citeproc-js and annobib get (annobib's reading of
    # the bibliography), so that what differs is the engine and not the BibTeX reader.
    _sources, _clusters, records = manuscript_clusters(style, manuscript)
    same_data = manuscript.parent / "annobib-read.json"
    same_data.write_text(json.dumps([r.csl for r in records], ensure_ascii=False), encoding="utf-8")
    theirs_same_data = pandoc_run(manuscript, ["--citeproc", "--csl", csl, "-M", f"bibliography={same_data.name}"])
    print(f"\n== {manuscript.name}, {style}: {len(js_cites)} citations, {len(js_entries)} entries")
    rows = (("pandoc --citeproc", theirs), ("  same CSL-JSON", theirs_same_data), ("annobib-pandoc", ours))
    for name, (cites, entries) in rows:
        same_cites = sum(a == b for a, b in zip(cites, js_cites))
        same_entries = sum(entries.get(key) == text for key, text in js_entries.items())
        print(f"  {name:18s} citations as citeproc-js: {same_cites}/{len(js_cites)}   "
              f"entries as citeproc-js: {same_entries}/{len(js_entries)}")
    # The citations whose citeproc-js text does not depend on the cite keys the engine API marks NEW.
    plain = [i for i, (a, b) in enumerate(zip(js_cites, js_without_new)) if a == b]
    print(f"  annobib-pandoc on the {len(plain)} citations that need no NEW cite key: "
          f"{sum(ours[0][i] == js_cites[i] for i in plain)}/{len(plain)} as citeproc-js "
          f"(pandoc --citeproc: {sum(theirs[0][i] == js_cites[i] for i in plain)}/{len(plain)})")
    shown = 0
    for source, js, pandoc, annobib in zip(sources, js_cites, theirs[0], ours[0]):
        if len({js, pandoc, annobib}) > 1 and shown < show:
            shown += 1
            print(f"  citation {source}\n    citeproc-js: {js}\n    pandoc:      {pandoc}\n    annobib:     {annobib}")
    shown = 0
    for key, js in js_entries.items():
        pandoc, annobib = theirs_same_data[1].get(key, "(missing)"), ours[1].get(key, "(missing)")
        if len({js, pandoc, annobib}) > 1 and shown < show:
            shown += 1
            print(f"  entry {key} (pandoc on the same CSL-JSON)\n    citeproc-js: {js}\n    pandoc:      {pandoc}\n"
                  f"    annobib:     {annobib}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("manuscript", nargs="?", default=str(MANUSCRIPT))
    parser.add_argument("--style", action="append", help="apa and vancouver unless given")
    parser.add_argument("--show", type=int, default=30, help="differences to print per style and kind")
    parser.add_argument("--citeproc-js", default=str(Path.home() / ".cache" / "citeproc-js"))
    args = parser.parse_args()
    import citeproc

    locales = Path(citeproc.__file__).parent / "data" / "locales"
    env = dict(os.environ, NODE_PATH=str(Path(args.citeproc_js) / "node_modules"))
    manuscript = Path(args.manuscript).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        if manuscript == MANUSCRIPT.resolve():  # it names the bundled references.bib: put a copy beside it
            copy = Path(tmp) / manuscript.name
            copy.write_text(manuscript.read_text(encoding="utf-8"), encoding="utf-8")
            (Path(tmp) / "references.bib").write_bytes((ROOT / "references.bib").read_bytes())
            manuscript = copy
        for style in args.style or ["apa", "vancouver"]:
            compare(manuscript, style, locales, env, args.show)


if __name__ == "__main__":
    main()

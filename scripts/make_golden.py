"""Write the citeproc-js golden files that tests/test_fidelity.py compares against.

usage: python scripts/make_golden.py [--corpus DIR] [--out tests/golden] [--citeproc-js DIR]
       python scripts/make_golden.py --report [--baseline] [--show N]
       python scripts/make_golden.py --known

The first form needs node and citeproc-js (set up as in
/work/shared/tools/citeproc-js/README.md, by default in ~/.cache/citeproc-js).
For every input file of the golden set it reads the file with annobib's own
reader (annobib.read.read_files -> record.csl), and has citeproc-js render
the items with apa and vancouver (nlm-citation-sequence), as text and as
HTML: the bibliography (render_js.js) and a fixed list of in-text citations
(scripts/cite_js.js). Each set goes to its own folder,
<out>/<owner__repo>/<file>/ (items.jsonl, clusters.jsonl, <style>.jsonl,
<style>.cites.jsonl: one JSON value a line; see engine/fidelity.py). One set
per input file, so disambiguation and numbering work within a file, as they
do for a user; a file whose items and output equal another set's is left out.

--known writes <out>/known_differences.json: every entry and citation that
still differs from citeproc-js, with its likely cause (the fidelity test
fails when the list and the rendering disagree in either direction).

--report renders the golden sets with annobib's Engine (no node) and prints
the share of identical entries per style x format and of in-text citations;
with --baseline it measures raw citeproc-py instead (the shared render_py.py,
no project code; bibliography only).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from annobib.engine.fidelity import (  # noqa: E402
    FORMATS,
    STYLES,
    GoldenSet,
    compare_sets,
    known_differences,
    load_sets,
    render_with_engine,
    write_set,
)
from annobib.read import read_files  # noqa: E402

SEED = 20240601
TUGBOAT_SAMPLE = 520
# Globs relative to the corpus folder: the golden input set named in issue 9.
INPUTS = [
    "plk__biblatex/bibtex__bib__biblatex__biblatex-examples.bib",
    "JabRef__jabref/*.bib",
    "typst__biblatex/*.bib",
    "live-clones__pybtex/*.bib",
    "jgm__pandoc-citeproc/*",
]
TUGBOAT = "plk__biber/etc__tugboat.bib"


def set_name(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{path.parent.name}__{path.stem}")


def read_set(path: Path) -> list[dict]:
    """annobib's own CSL-JSON for one file; files it cannot read at all give no set."""
    try:
        result = read_files([path])
    except Exception as exc:  # an unreadable file is the reader's business, not the golden set's
        print(f"skip {path.name}: {exc}", file=sys.stderr)
        return []
    return [record.csl for record in result.records]


def clusters_for(items: list[dict]) -> list[list[dict]]:
    """In-text citations to test: every item alone, seeded groups of three, items sharing
    the first author's family name, the first three in reverse, and a few with locators."""
    rng = random.Random(SEED)
    ids = [item["id"] for item in items]
    clusters = [[{"id": key}] for key in ids]
    shuffled = ids[:]
    rng.shuffle(shuffled)
    for start in range(0, len(shuffled) - 2, 3):
        if start // 3 >= 40:
            break
        clusters.append([{"id": key} for key in shuffled[start:start + 3]])
    by_family: dict[str, list[str]] = {}
    for item in items:
        names = item.get("author") or item.get("editor") or []
        if names and isinstance(names[0], dict) and names[0].get("family"):
            by_family.setdefault(names[0]["family"], []).append(item["id"])
    for family_ids in list(by_family.values())[:60]:
        if len(family_ids) > 1:
            clusters.append([{"id": key} for key in family_ids[:4]])
    if len(ids) >= 3:
        clusters.append([{"id": key} for key in reversed(ids[:3])])
    for key in rng.sample(ids, min(5, len(ids))):
        clusters.append([{"id": key, "locator": "12-15", "label": "page"}])
    if ids:
        clusters.append([{"id": rng.choice(ids), "locator": "3", "label": "chapter"}])
    return clusters


def node_json(args: list[str], env: dict) -> object:
    done = subprocess.run(["node", *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "node failed")
    return json.loads(done.stdout)


def render_js(items: list[dict], style: Path, locales: Path, fmt: str, tools: Path, env: dict) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(items, handle, ensure_ascii=False)
    try:
        return node_json([str(tools / "render_js.js"), handle.name, str(style), str(locales), fmt], env)
    finally:
        os.unlink(handle.name)


def cite_js(items, clusters, style, locales, fmt, env) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        items_path, clusters_path = Path(tmp, "items.json"), Path(tmp, "clusters.json")
        items_path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        clusters_path.write_text(json.dumps(clusters, ensure_ascii=False), encoding="utf-8")
        return node_json([str(ROOT / "scripts" / "cite_js.js"), str(items_path), str(clusters_path),
                          str(style), str(locales), fmt], env)


def drop_crashing(items, style, locales, tools, env) -> tuple[list[dict], list[str]]:
    """Items citeproc-js itself throws on have no reference rendering: leave them out."""
    try:
        render_js(items, style, locales, "text", tools, env)
        return items, []
    except RuntimeError:
        kept, dropped = [], []
        for item in items:
            try:
                render_js([item], style, locales, "text", tools, env)
                kept.append(item)
            except RuntimeError:
                dropped.append(item["id"])
        return kept, dropped


def strip_entry(html: str) -> str:
    """citeproc-js wraps HTML entries in <div class="csl-entry">…</div>\\n; annobib does not."""
    html = html.strip()
    match = re.fullmatch(r'<div class="csl-entry">(.*)</div>', html, re.S)
    return match.group(1) if match else html


def make(args) -> None:
    import citeproc

    from annobib.styles import resolve_style

    corpus, out, tools = Path(args.corpus), Path(args.out), Path(args.citeproc_js).expanduser()
    locales = Path(citeproc.__file__).parent / "data" / "locales"
    env = dict(os.environ, CITEPROC_JS=str(tools / "node_modules" / "citeproc"))
    out.mkdir(parents=True, exist_ok=True)
    for stale in list(out.glob("*/*/items.jsonl")):
        for old in stale.parent.iterdir():
            old.unlink()
        stale.parent.rmdir()
    paths = sorted({p for pattern in INPUTS for p in corpus.glob(pattern) if p.is_file()})
    jobs = [(set_name(p), read_set(p)) for p in paths]
    tug = read_set(corpus / TUGBOAT)
    picked = sorted(random.Random(SEED).sample(range(len(tug)), min(TUGBOAT_SAMPLE, len(tug))))
    jobs.append((set_name(corpus / TUGBOAT), [tug[i] for i in picked]))
    manifest = []
    seen: set[str] = set()
    for name, items in jobs:
        if not items or json.dumps(items, sort_keys=True) in seen:
            continue  # the same items as an earlier set (typst's invalid gral_rep_key is valid gral)
        seen.add(json.dumps(items, sort_keys=True))
        dropped: list[str] = []
        for style in STYLES.values():
            items, gone = drop_crashing(items, resolve_style(style), locales, tools, env)
            dropped += gone
        clusters = clusters_for(items)
        expected: dict = {"clusters": clusters}
        for alias, style in STYLES.items():
            path = resolve_style(style)
            record: dict = {}
            for fmt in FORMATS:
                rendered = render_js(items, path, locales, fmt, tools, env)
                record["order"] = rendered["order"]
                record[fmt] = {k: strip_entry(v) if fmt == "html" else v.rstrip("\n")
                               for k, v in rendered["entries"].items()}
                record[f"cites_{fmt}"] = cite_js(items, clusters, path, locales, fmt, env)
            expected[alias] = record
        clusters = expected.pop("clusters")
        write_set(out, GoldenSet(name, items, clusters, expected))
        manifest.append({"set": name, "items": len(items), "clusters": len(clusters), "dropped": dropped})
        print(f"{name}: {len(items)} items, {len(clusters)} citations" +
              (f", left out (citeproc-js throws): {dropped}" if dropped else ""), file=sys.stderr)
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def baseline_render(golden, style: str) -> dict:
    """Raw citeproc-py through the shared render_py.py: the starting point of the figures."""
    from annobib.styles import resolve_style

    script = Path(os.environ.get("RENDER_PY", "/work/shared/tools/citeproc-js/render_py.py"))
    out: dict = {}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(golden.items, handle, ensure_ascii=False)
    try:
        for fmt in FORMATS:
            done = subprocess.run([sys.executable, str(script), handle.name, str(resolve_style(STYLES[style])), fmt],
                                  capture_output=True, text=True)
            rendered = json.loads(done.stdout) if done.returncode == 0 else {"order": [], "entries": {}}
            folded = {k.lower(): v for k, v in rendered["entries"].items()}  # it lower-cases ids
            out["order"] = rendered["order"]
            out[fmt] = {item["id"]: folded[item["id"].lower()] for item in golden.items
                        if item["id"].lower() in folded}
            out[f"cites_{fmt}"] = baseline_cites(golden, style, fmt)
    finally:
        os.unlink(handle.name)
    return out


def baseline_cites(golden, style: str, fmt: str) -> list:
    """Raw citeproc-py's in-text citations, in a fresh process so no project fix is applied."""
    from annobib.styles import resolve_style

    with tempfile.TemporaryDirectory() as tmp:
        items_path, clusters_path = Path(tmp, "items.json"), Path(tmp, "clusters.json")
        items_path.write_text(json.dumps(golden.items, ensure_ascii=False), encoding="utf-8")
        clusters_path.write_text(json.dumps(golden.clusters, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", RAW_CITES, str(items_path), str(clusters_path),
                               str(resolve_style(STYLES[style])), fmt], capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else [None] * len(golden.clusters)


# Raw citeproc-py (no project code): register every item, then every citation, sort, cite.
RAW_CITES = """
import json, sys, warnings
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
warnings.simplefilter("ignore")
items, clusters = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
style = CitationStylesStyle(sys.argv[3], validate=False)
output = formatter.html if sys.argv[4] == "html" else formatter.plain
bib = CitationStylesBibliography(style, CiteProcJSON(items), output)
for item in items:
    bib.register(Citation([CitationItem(item["id"])]))
def cite_item(cite):
    locator = {"locator": cite["locator"], "label": cite["label"]} if "locator" in cite else {}
    return CitationItem(cite["id"], **locator)
citations = [Citation([cite_item(c) for c in cluster]) for cluster in clusters]
for citation in citations:
    bib.register(citation)
bib.sort()
out = []
for citation in citations:
    try:
        out.append(str(bib.cite(citation, lambda item: None)))
    except Exception:
        out.append(None)
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def report(args) -> None:
    sets = load_sets(Path(args.out))
    comparison = compare_sets(sets, baseline_render if args.baseline else render_with_engine)
    for name, outcome in sorted(comparison.outcomes.items()):
        if outcome.compared:
            print(f"{name:22} {outcome.identical:5}/{outcome.compared:<5} = {outcome.share:.1%}")
    print(f"bibliography order differs in {len(comparison.order_mismatches)} of "
          f"{len(sets) * len(STYLES)} set x style runs")
    if args.show:
        for name, outcome in sorted(comparison.outcomes.items()):
            for key, (want, have) in list(outcome.differing.items())[: args.show]:
                print(f"--- {name} {key}\n  js: {want}\n  py: {have}")


def write_known(args) -> None:
    out = Path(args.out)
    comparison = compare_sets(load_sets(out), render_with_engine)
    known = known_differences(comparison)
    known["_order"] = sorted(comparison.order_mismatches)  # set:style runs whose order differs
    known["_floor"] = {run: round(outcome.share, 4) for run, outcome in sorted(comparison.outcomes.items())}
    (out / "known_differences.json").write_text(json.dumps(known, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    count = sum(len(v) for k, v in known.items() if not k.startswith("_"))
    print(f"{count} known differences written", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/work/shared/corpus")
    parser.add_argument("--out", default=str(ROOT / "tests" / "golden"))
    parser.add_argument("--citeproc-js", default="~/.cache/citeproc-js")
    parser.add_argument("--report", action="store_true", help="measure annobib against the goldens")
    parser.add_argument("--baseline", action="store_true", help="with --report: raw citeproc-py")
    parser.add_argument("--known", action="store_true", help="rewrite tests/golden/known_differences.json")
    parser.add_argument("--show", type=int, default=0, help="with --report: list N differences per run")
    args = parser.parse_args()
    if args.known:
        write_known(args)
    elif args.report:
        report(args)
    else:
        make(args)


if __name__ == "__main__":
    main()

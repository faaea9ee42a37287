"""Write tests/engine/golden.json: citeproc-js's output for every case of the engine's unit tests.

usage: python scripts/make_engine_goldens.py [--citeproc-js DIR] [--jobs N]

The cases are collected by running tests/engine with ANNOBIB_RECORD_ENGINE_CASES set: each
render through tests/engine/cases.py then records its case (the style, by name or as inline
XML; the items; bibliography, or the citation clusters) instead of comparing it. Each case is
rendered by citeproc-js (set up as in ../shared/tools/citeproc-js/README.md, by default in
~/.cache/citeproc-js) as text and as HTML, plain, with no Zotero settings: a bibliography
by makeBibliography as the shared render_js.js calls it (BIBLIOGRAPHY_JS below: the same, but
an entry citeproc-js leaves out, named in bibliography_errors, is not paired with the next
entry's text), citations through scripts/cite_clusters_js.js (every item registered first,
clusters in document order, each cluster's last version kept).

Only what citeproc-js's output wraps around a bibliography entry is taken off: the
<div class="csl-entry"> around an HTML entry, the indentation it puts between the display divs
inside it (white space between </div> and <div class="csl-…">, which HTML does not show), and
the white space around an entry, HTML or text. Citations are kept as they come. citeproc-js
spells the escaped "&", "<" and ">" as "&#38;", "&#60;" and "&#62;", annobib as "&amp;", "&lt;"
and "&gt;": the same HTML, written here in annobib's spelling. Every other character and tag
is kept as citeproc-js wrote it.

The file holds one case a line, keyed by test and call ("test_names.py::test_x#2"), with the
digest of the case's input, so that a test whose case changed fails until this script is run
again. The tests need no node.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
GOLDEN = ROOT / "tests" / "engine" / "golden.json"
ENTITIES = {"&#38;": "&amp;", "&#60;": "&lt;", "&#62;": "&gt;"}
ENTITY = re.compile("|".join(map(re.escape, ENTITIES)))
BETWEEN_DIVS = re.compile(r'</div>\s+<div(?= class="csl-)')
WRAPPER = re.compile(r'\s*<div class="csl-entry">(.*)</div>\s*', re.S)


# render_js.js's makeBibliography, with the entries citeproc-js prints nothing for left out of
# the order (render_js.js pairs entry_ids and entries by index, which shifts after such an entry).
BIBLIOGRAPHY_JS = r"""
const fs = require('fs');
const path = require('path');
const CSL = require(process.env.CITEPROC_JS);
const [itemsPath, stylePath, locDir, fmt] = process.argv.slice(1);
const data = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const byId = {};
data.forEach(it => { byId[it.id] = it; });
const sys = {
  retrieveLocale: l => { try { return fs.readFileSync(path.join(locDir, `locales-${l}.xml`), 'utf8'); }
                         catch (e) { return false; } },
  retrieveItem: id => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, 'utf8'), 'en-US');
engine.setOutputFormat(fmt);
engine.updateItems(data.map(d => d.id));
const [meta, entries] = engine.makeBibliography();
const omitted = new Set((meta.bibliography_errors || []).map(e => e.itemID));
const order = meta.entry_ids.map(ids => ids[0]).filter(id => !omitted.has(id));
process.stdout.write(JSON.stringify({ order, entries }));
"""


def record_cases() -> tuple[list[dict], str]:
    """Every case of tests/engine, as the test run recorded it, and the run's summary line."""
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp, "cases.jsonl")
        record.touch()
        env = dict(os.environ, ANNOBIB_RECORD_ENGINE_CASES=str(record))
        # --runxfail: a case that differs from citeproc-js is recorded like any other
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--runxfail",
                               str(ROOT / "tests" / "engine")], cwd=ROOT, env=env, capture_output=True, text=True)
        cases = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    lines = done.stdout.strip().splitlines() or [done.stderr.strip()]
    # a test that failed before its last render left cases unrecorded: say which
    summary = "\n".join([line for line in lines if line.startswith(("FAILED", "ERROR"))] + lines[-1:])
    return cases, summary


def normalise_html(html: str) -> str:
    """An HTML entry without citeproc-js's wrapper, with annobib's spelling of the entities."""
    match = WRAPPER.fullmatch(html)
    body = BETWEEN_DIVS.sub("</div><div", (match.group(1) if match else html).strip())
    return respell(body)


def respell(html: str) -> str:
    return ENTITY.sub(lambda m: ENTITIES[m.group(0)], html)


def node(args: list[str], env: dict) -> Any:
    done = subprocess.run(["node", *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else "node failed")
    return json.loads(done.stdout)


def cite_item(cite: str | dict) -> dict:
    return {"id": cite} if isinstance(cite, str) else cite


def render_case(case: dict, tools: Path, locales: Path) -> dict:
    """citeproc-js's text and HTML for one recorded case."""
    from annobib.styles import resolve_style

    env = dict(os.environ, CITEPROC_JS=str(tools / "node_modules" / "citeproc"))
    with tempfile.TemporaryDirectory() as tmp:
        if case["style"].lstrip().startswith("<"):
            style = Path(tmp, "style.csl")
            style.write_text(case["style"], encoding="utf-8")
        else:
            style = resolve_style(case["style"])
        out: dict = {"digest": case["digest"], "mode": case["mode"],
                     "style": case["style"] if not case["style"].lstrip().startswith("<") else "inline"}
        try:
            if case["mode"] == "bibliography":
                items = Path(tmp, "items.json")
                items.write_text(json.dumps(case["items"], ensure_ascii=False), encoding="utf-8")
                for fmt in ("text", "html"):
                    rendered = node(["-e", BIBLIOGRAPHY_JS, str(items), str(style), str(locales), fmt], env)
                    assert isinstance(rendered, dict) and len(rendered["order"]) == len(rendered["entries"])
                    out["ids"] = rendered["order"]
                    out[fmt] = [normalise_html(entry) if fmt == "html" else entry.strip()
                                for entry in rendered["entries"]]
            else:
                clusters = [{**cluster, "citationItems": [cite_item(c) for c in cluster["citationItems"]]}
                            if isinstance(cluster, dict) else [cite_item(c) for c in cluster]
                            for cluster in case["clusters"]]
                given = Path(tmp, "input.json")
                given.write_text(json.dumps({"items": case["items"], "clusters": clusters}, ensure_ascii=False),
                                 encoding="utf-8")
                for fmt in ("text", "html"):
                    texts = node([str(ROOT / "scripts" / "cite_clusters_js.js"), str(given), str(style),
                                  str(locales), fmt], env)
                    assert isinstance(texts, list)
                    out[fmt] = [respell(t) if fmt == "html" else t for t in texts]
        except RuntimeError as error:
            out = {"digest": case["digest"], "mode": case["mode"], "error": str(error)}
        return out


def write_golden(golden: dict[str, dict], path: Path = GOLDEN) -> None:
    lines = [f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(golden[key], ensure_ascii=False)}"
             for key in sorted(golden)]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import citeproc

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citeproc-js", default="~/.cache/citeproc-js", help="citeproc-js set-up folder")
    parser.add_argument("--jobs", type=int, default=2, help="node processes at once")
    args = parser.parse_args(argv)
    tools = Path(args.citeproc_js).expanduser()
    locales = Path(citeproc.__file__).parent / "data" / "locales"
    cases, summary = record_cases()
    keys = [case["key"] for case in cases]
    if len(set(keys)) != len(keys):
        raise SystemExit(f"a case key is recorded twice: {sorted(k for k in set(keys) if keys.count(k) > 1)}")
    with ThreadPoolExecutor(args.jobs) as pool:
        rendered = list(pool.map(lambda case: render_case(case, tools, locales), cases))
    golden = dict(zip(keys, rendered))
    write_golden(golden)
    failed = sorted(key for key, value in golden.items() if "error" in value)
    print(f"{len(golden)} cases written to {GOLDEN.relative_to(ROOT)} (test run: {summary})")
    for key in failed:
        print(f"citeproc-js fails on {key}: {golden[key]['error']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write the MLA and Chicago author-date golden bibliographies (tests/golden_styles/), or measure them.

usage: python scripts/make_style_goldens.py [--corpus DIR] [--citeproc-js DIR]
       python scripts/make_style_goldens.py --report [--show N]
       python scripts/make_style_goldens.py --known

The first form needs node and citeproc-js (see /work/shared/tools/citeproc-js/README.md;
by default in ~/.cache/citeproc-js). It reads the golden input files of the
APA/Vancouver set (scripts/make_golden.py's INPUTS, without the TUGboat
sample) with annobib's own reader and has plain citeproc-js print each as a
bibliography in every style of tests/style_goldens.STYLES, as text and as
HTML. Each file becomes a folder with items.jsonl and <style>.jsonl, one
item or entry a line.

--report renders the folders with annobib (no node) and prints the share
of identical entries per style and format; --known rewrites
tests/golden_styles/known_differences.json from what still differs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "scripts")]

from tests.style_goldens import (  # noqa: E402
    FOLDER,
    KNOWN,
    STYLES,
    load_sets,
    reason_for,
    render_with_engine,
    write_lines,
)

from annobib.engine.fidelity import compare_sets  # noqa: E402
from make_golden import INPUTS, drop_crashing, read_set, render_js, set_name, strip_entry  # noqa: E402


def make(args) -> None:
    import citeproc

    from annobib.styles import resolve_style

    corpus, tools = Path(args.corpus), Path(args.citeproc_js).expanduser()
    locales = Path(citeproc.__file__).parent / "data" / "locales"
    env = dict(os.environ, CITEPROC_JS=str(tools / "node_modules" / "citeproc"))
    for stale in (p for p in FOLDER.iterdir() if p.is_dir()) if FOLDER.is_dir() else []:
        shutil.rmtree(stale)
    FOLDER.mkdir(parents=True, exist_ok=True)
    paths = sorted({p for pattern in INPUTS for p in corpus.glob(pattern) if p.is_file()})
    for path in paths:
        items = read_set(path)
        if not items:
            continue
        dropped: list[str] = []
        for style in STYLES.values():
            items, gone = drop_crashing(items, resolve_style(style), locales, tools, env)
            dropped += gone
        source = FOLDER / set_name(path)
        source.mkdir()
        write_lines(source / "items.jsonl", items)
        for alias, style in STYLES.items():
            text = render_js(items, resolve_style(style), locales, "text", tools, env)
            html = render_js(items, resolve_style(style), locales, "html", tools, env)
            write_lines(source / f"{alias}.jsonl", [
                {"id": key, "text": text["entries"][key].rstrip("\n"), "html": strip_entry(html["entries"][key])}
                for key in text["order"] if key in text["entries"]])  # an item citeproc-js prints nothing for
        print(f"{source.name}: {len(items)} items" + (f", left out (citeproc-js throws): {dropped}" if dropped
                                                      else ""), file=sys.stderr)


def report(args) -> None:
    comparison = compare_sets(load_sets(), render_with_engine)
    for name, outcome in sorted(comparison.outcomes.items()):
        if outcome.compared and "cites" not in name:
            print(f"{name:28} {outcome.identical:5}/{outcome.compared:<5} = {outcome.share:.1%}")
            for key, (want, have) in list(outcome.differing.items())[: args.show]:
                print(f"--- {key}\n  js: {want}\n  py: {have}")


def write_known(args) -> None:
    comparison = compare_sets(load_sets(), render_with_engine)
    known = {run: {key: {"reason": reason_for(key, want, have), "citeproc_js": want, "annobib": have}
                   for key, (want, have) in sorted(outcome.differing.items())}
             for run, outcome in sorted(comparison.outcomes.items()) if "cites" not in run}
    known["_floor"] = {run: round(outcome.share, 4) for run, outcome in sorted(comparison.outcomes.items())
                       if "cites" not in run}
    KNOWN.write_text(json.dumps(known, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{sum(len(v) for k, v in known.items() if not k.startswith('_'))} known differences written",
          file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/work/shared/corpus")
    parser.add_argument("--citeproc-js", default="~/.cache/citeproc-js")
    parser.add_argument("--report", action="store_true", help="measure annobib against the goldens")
    parser.add_argument("--known", action="store_true", help="rewrite tests/golden_styles/known_differences.json")
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

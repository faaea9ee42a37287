"""Write the citeproc-js golden file of hand-written CSL-JSON (tests/golden_csljson/).

usage: python scripts/make_golden_csljson.py [--citeproc-js DIR]

tests/golden_csljson/items.json is CSL-JSON written by hand, not produced by
annobib's reader: seasons, open and closed date ranges with days, literal and
raw dates, "--" and "-" pages, numbers with "and"/"&"/ranges, suffixed names
(Jr., II, III), undated works. citeproc-js (set up as in
/work/shared/tools/citeproc-js/README.md, by default in ~/.cache/citeproc-js)
renders them with apa and vancouver (nlm-citation-sequence), as text and as
HTML: the bibliography and the in-text citations of ``clusters()``. The result
goes to tests/golden_csljson/expected.jsonl, one entry or citation per line;
tests/test_golden_csljson.py compares annobib's engine with it (no node).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_golden import FORMATS, STYLES, cite_js, render_js, strip_entry  # noqa: E402

FOLDER = ROOT / "tests" / "golden_csljson"


def clusters(items: list[dict]) -> list[list[dict]]:
    """Every item cited alone, then the groups whose citations disambiguation decides
    (one author's undated works, Jr./II/III, one author's works of a year), and two locators."""
    ids = [item["id"] for item in items]
    out = [[{"id": key}] for key in ids]
    out += [[{"id": "nodate-a"}, {"id": "nodate-b"}], [{"id": "suffix-jr"}, {"id": "suffix-ii"}, {"id": "suffix-iii"}],
            [{"id": "same-year-b"}, {"id": "same-year-a"}], [{"id": "kemp-jr"}, {"id": "kemp-plain"}],
            [{"id": "pages-short", "locator": "1125-27", "label": "page"}],
            [{"id": "numbers-range", "locator": "4", "label": "volume"}]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citeproc-js", default="~/.cache/citeproc-js")
    args = parser.parse_args()
    import citeproc

    from annobib.styles import resolve_style

    tools = Path(args.citeproc_js).expanduser()
    locales = Path(citeproc.__file__).parent / "data" / "locales"
    env = dict(os.environ, CITEPROC_JS=str(tools / "node_modules" / "citeproc"))
    items = json.loads((FOLDER / "items.json").read_text(encoding="utf-8"))
    cites = clusters(items)
    lines = []
    for alias, style in STYLES.items():
        path = resolve_style(style)
        rendered = {fmt: render_js(items, path, locales, fmt, tools, env) for fmt in FORMATS}
        for key in rendered["text"]["order"]:
            lines.append({"style": alias, "id": key, "text": rendered["text"]["entries"][key].rstrip("\n"),
                          "html": strip_entry(rendered["html"]["entries"][key])})
        cited = {fmt: cite_js(items, cites, path, locales, fmt, env) for fmt in FORMATS}
        for index, cluster in enumerate(cites):
            lines.append({"style": alias, "cite": index, "cluster": cluster, "text": cited["text"][index],
                          "html": cited["html"][index]})
    with open(FOLDER / "expected.jsonl", "w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(lines)} lines written to {FOLDER / 'expected.jsonl'}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Write tests/golden_citations/pandoc_locators.json: how pandoc's own citeproc splits
citation suffixes into locator label, locator and suffix.

usage: python scripts/make_locator_golden.py [--pandoc PATH]

Needs the pandoc binary (pypandoc-binary from the test extras ships one). Each
suffix is cited once in a small document rendered with a CSL style made for
this purpose, which prints the locator type and the locator of every cite
between markers; citeproc adds the suffix after them. The test
(tests/test_pandoc_locator.py) checks annobib.pandoc.locator against the
file, with no pandoc needed.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden_citations" / "pandoc_locators.json"
TYPES = ["act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation", "equation",
         "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part", "rule", "scene",
         "section", "sub-verbo", "supplement", "table", "timestamp", "title-locator", "verse", "volume"]
SUFFIXES = {
    "en-US": [
        ", p. 23", ", pp. 23-25", ", 23", " 23", ", 12 more", ", p. 12 and more", ", chap. 3", ", chapter 3",
        ", chaps. 3-4", ", ch. 2", ", sec. 3, 4", ", § 3", ", §3", ", §§ 3-4", ", vol. 2, p. 3", ", vol. 2",
        ", para. 4", ", ¶ 4", ", fig. 2", ", figures 2-3", ", l. 10", ", lines 10-12", ", n. 5", ", nn. 5-6",
        ", op. 3", ", pt. 2", ", s.v. ketamine", ", s.v. 3", ", sub verbo 3", ", v. 4", ", vv. 4-5", ", bk. 1",
        ", book 1, chap. 1, pp. 33-35", ", col. 2", ", fol. 7", ", no. 4", ", issue 4", ", xiv", ", p. xiv",
        ", p. xiv-xv", ", XVII", ", p. XVII", ", 34(1)(i)", ", 34A", ", C22", ", p. C22", ", [17]", ", 591 [84]",
        ", p. (a)", ", p. (a)(iv)", ", 1.2.3", ", p. 1.2.", ", pp. 3, 5-7 and so on",
        ", pp. 3, 5, and so on", ", {ch. 2}", ", {chapter 2}", ", {p. iv, vi-xi}", ", {12a}", ", {}",
        ", and more", " and more", ", emphasis added", ", see also", ", p.3", ", P. 23", ", Chap. 3",
        ", PAGE 5", ", page 5", ", pages 5-7", ", p 23", ", 2:33-44", ", 33–44", ", 12, emphasis added",
        ", p. 12, emphasis added", ", chap. 3 and p. 4", ", p. 23.",
    ],
    "de-DE": [", S. 23", ", Kap. 3", ", Kapitel 3", ", Abs. 2", ", Bd. 2", ", 23", ", p. 23", ", Seite 4"],
    "fr-FR": [", p. 23", ", chap. 3", ", 23", ", vol. 2"],
}
ITEM = {"id": "item", "type": "book", "title": "A Book", "issued": {"date-parts": [[2000]]}}


def debug_style() -> str:
    branches = "".join(f'<{"if" if n == 0 else "else-if"} locator="{t}"><text value="{t}"/>'
                       f'</{"if" if n == 0 else "else-if"}>' for n, t in enumerate(TYPES))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Locator probe</title><id>locator-probe</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="«" suffix="»" delimiter="|">
    <text value="⟦"/><choose>{branches}</choose><text value="¦"/><text variable="locator"/><text value="⟧"/>
  </layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


def probe(pandoc: str, lang: str, suffixes: list[str], tmp: Path) -> list[dict]:
    (tmp / "probe.csl").write_text(debug_style(), encoding="utf-8")
    (tmp / "refs.json").write_text(json.dumps([ITEM]), encoding="utf-8")
    paragraphs = [f"[@item{suffix}]" for suffix in suffixes]
    doc = (f"---\nlang: {lang}\nbibliography: refs.json\ncsl: probe.csl\nsuppress-bibliography: true\n---\n\n"
           + "\n\n".join(paragraphs) + "\n")
    (tmp / "probe.md").write_text(doc, encoding="utf-8")
    done = subprocess.run([pandoc, "probe.md", "--citeproc", "-t", "plain", "--wrap=none"], cwd=tmp,
                          capture_output=True, text=True, check=True)
    outputs = [p for p in done.stdout.split("\n\n") if p.strip()]
    assert len(outputs) == len(suffixes), (len(outputs), len(suffixes))
    # The suffix as pandoc's Markdown reader gives it to a filter (it joins "p. 23" with a no-break space).
    read = subprocess.run([pandoc, "probe.md", "-t", "json"], cwd=tmp, capture_output=True, text=True, check=True)
    inlines = [block["c"][0]["c"][0][0]["citationSuffix"] for block in json.loads(read.stdout)["blocks"]]
    cases = []
    for suffix, output, suffix_inlines in zip(suffixes, outputs, inlines):
        match = re.fullmatch(r"«⟦([^¦]*)¦(.*?)⟧(.*)»", output.strip(), re.S)
        assert match, output
        label, locator, rest = match.groups()
        cases.append({"lang": lang, "suffix": suffix, "inlines": suffix_inlines, "label": label or None,
                      "locator": locator or None, "rest": rest})
    return cases


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pandoc", help="the pandoc binary [default: pypandoc's, else pandoc on PATH]")
    args = parser.parse_args()
    pandoc = args.pandoc
    if pandoc is None:
        try:
            import pypandoc

            pandoc = pypandoc.get_pandoc_path()
        except (ImportError, OSError):
            pandoc = "pandoc"
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang, suffixes in SUFFIXES.items():
            cases.extend(probe(pandoc, lang, suffixes, Path(tmp)))
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)  # one case a line: readable diffs
    OUT.write_text(f'{{"made_with": {json.dumps(version)}, "cases": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(cases)} suffixes ({version})")


if __name__ == "__main__":
    main()

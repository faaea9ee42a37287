"""Golden bibliographies in styles beyond APA and Vancouver (issue 14: MLA, Chicago author-date).

tests/golden_styles/<source>/ holds, for one corpus file read by annobib's
own reader, ``items.jsonl`` (one CSL-JSON item a line) and, per style,
``<style>.jsonl``: what plain citeproc-js printed, one entry a line
(``{"id", "text", "html"}``) in its bibliography order.
scripts/make_style_goldens.py writes them; tests/test_style_goldens.py
compares annobib's rendering with them through the fidelity module's
comparison (the same light normalisation as the APA/Vancouver goldens), and
tests/golden_styles/known_differences.json lists each entry that still
differs, with its reason.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from annobib.engine.fidelity import GoldenSet

FOLDER = Path(__file__).resolve().parent / "golden_styles"
KNOWN = FOLDER / "known_differences.json"
# alias -> the style's name in annobib's style index
STYLES = {"mla": "modern-language-association", "chicago-author-date": "chicago-author-date"}


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_lines(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def load_sets(folder: Path = FOLDER) -> list[GoldenSet]:
    """Each source as a fidelity GoldenSet (bibliography only: no citations)."""
    sets = []
    for source in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        items = read_lines(source / "items.jsonl")
        expected = {}
        for alias in STYLES:
            path = source / f"{alias}.jsonl"
            if not path.exists():
                continue
            entries = read_lines(path)
            expected[alias] = {"order": [e["id"] for e in entries],
                               "text": {e["id"]: e["text"] for e in entries},
                               "html": {e["id"]: e["html"] for e in entries},
                               "cites_text": [], "cites_html": []}
        sets.append(GoldenSet(source.name, items, [], expected))
    return sets


def render_with_engine(golden: GoldenSet, alias: str) -> dict:
    """annobib's bibliography of one source in one style, as plain citeproc-js prints it."""
    from annobib.engine import Engine
    from annobib.styles import resolve_style

    engine = Engine(resolve_style(STYLES[alias]), zotero=False)
    entries = engine.render_bibliography(golden.items)
    return {"order": [e.id for e in entries], "text": {e.id: e.text for e in entries},
            "html": {e.id: e.html for e in entries}, "cites_text": [], "cites_html": []}


# Why an entry still differs: the first rule whose test holds gives the reason.
NAMES = ("the names shown differ: citeproc-js's disambiguation (add-names, add-givenname) settles on other "
         "names, or another form of a given name, than annobib's does, and the bibliography shows what it "
         "decided (engine/disambiguation.py)")
SUBSTITUTE = ("subsequent-author-substitute: the entry before this one shows other names in one of the two "
              "renderings (the names reason), or, for a title standing in for the author, citeproc-js does not "
              "replace a repeated title")
NESTED_QUOTE = ("punctuation-in-quote into a nested quote: citeproc-js moves the period inside both quotes "
                "(\u2018KANTARO.\u2019\u201d), annobib inside the outer one only (engine/writer.py)")
EDTF = ("EDTF dates (\"1998/unknown\", \"20uu\", \"y-123456789\"): citeproc-js prints such a raw date once and "
        "orders and letters the undated items differently (engine/elements/dates.py, sorting)")
TEXT_DATE = ("a date that is no date (\"2012-13\", \"19XXX-XX-XX\"): citeproc-js prints it only where the style "
             "prints the year, annobib also where it prints the issue's date (engine/elements/dates.py)")


def _names_part(entry: str) -> str:
    """The entry up to its title: the names (or what stands for them)."""
    return re.split(r"\u201c|\. (?=[A-Z\u00c0-\u017f])", entry, maxsplit=1)[0]


def reason_for(key: str, want: str, have: str) -> str:
    from annobib.engine.fidelity import reason_for as generic

    if "edtf-date" in key:
        return EDTF
    if "incorrect_data" in key:
        return TEXT_DATE
    if ("\u2014\u2014\u2014" in want) != ("\u2014\u2014\u2014" in have):
        return SUBSTITUTE
    if "\u2019\u201d" in want and "\u2019.\u201d" in have:
        return NESTED_QUOTE
    if _names_part(want) != _names_part(have):
        return NAMES
    return generic(key, want, have)

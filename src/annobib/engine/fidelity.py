"""Comparing annobib's rendering with citeproc-js's golden files.

The golden files (tests/golden/, written by scripts/make_golden.py) hold, per
item set, the CSL-JSON items that annobib's own reader produced and what
citeproc-js, the engine inside Zotero, printed for them: bibliography order,
each entry as text and HTML, and a list of in-text citations. This module
renders the same sets through ``Engine`` and says which entries differ. Both
the fidelity test and the report command use it, so they count alike.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# The two styles the project promises to print as Zotero does, by alias.
STYLES = {"apa": "apa", "vancouver": "nlm-citation-sequence"}
FORMATS = ("text", "html")

_ITALIC = re.compile(r"</?(?:i|em)>")
_BOLD = re.compile(r"</?(?:b|strong)>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^(\[?\d+\]?\.?)\s*")


def normalise(rendered: str) -> str:
    """A light canonical form: markup differences that a reader cannot see are folded.

    Italics become ``_x_`` and bold ``**x**`` (so they still count), every other
    tag a space; entities are resolved, white space (also no-break space) is
    folded, a leading citation number keeps one following space, and italics
    that close and reopen at once are merged.
    """
    text = _ITALIC.sub("_", rendered)
    text = _BOLD.sub("**", text)
    text = _TAG.sub(" ", text)
    text = html_lib.unescape(text).replace("\u00a0", " ")
    text = _SPACE.sub(" ", text).strip()
    text = _NUMBER.sub(r"\1 ", text)
    return text.replace("__", "")


@dataclass
class GoldenSet:
    name: str
    items: list[dict]
    clusters: list[list[dict]]
    expected: dict  # style alias -> {"order", "text", "html", "cites_text", "cites_html"}


# One folder per set, in a folder per source repository (tests/golden/<owner__repo>/<file>/),
# every file one JSON value a line, so that a diff reads like the change it shows:
#   items.jsonl       the CSL-JSON items, one a line
#   clusters.jsonl    the in-text citations, one cluster a line
#   <style>.jsonl     citeproc-js's bibliography: {"id", "text", "html"} a line, in its order
#   <style>.cites.jsonl  citeproc-js's citations: {"text", "html"} a line, cluster by cluster


def set_folder(root: Path, name: str) -> Path:
    """``JabRef__jabref__jablib__…__Chocolate`` -> root/JabRef__jabref/jablib__…__Chocolate."""
    owner, repository, rest = name.split("__", 2)
    return root / f"{owner}__{repository}" / rest


def _lines(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_lines(path: Path, values: list) -> None:
    path.write_text("".join(json.dumps(value, ensure_ascii=False) + "\n" for value in values), encoding="utf-8")


def load_sets(root: Path) -> list[GoldenSet]:
    sets = []
    for items_path in sorted(root.glob("*/*/items.jsonl")):
        folder = items_path.parent
        expected: dict = {}
        for style in STYLES:
            entries = _lines(folder / f"{style}.jsonl")
            cites = _lines(folder / f"{style}.cites.jsonl")
            expected[style] = {
                "order": [entry["id"] for entry in entries],
                "text": {entry["id"]: entry["text"] for entry in entries},
                "html": {entry["id"]: entry["html"] for entry in entries},
                "cites_text": [cite["text"] for cite in cites],
                "cites_html": [cite["html"] for cite in cites],
            }
        name = f"{folder.parent.name}__{folder.name}"
        sets.append(GoldenSet(name, _lines(items_path), _lines(folder / "clusters.jsonl"), expected))
    return sets


def write_set(root: Path, golden: GoldenSet) -> None:
    folder = set_folder(root, golden.name)
    folder.mkdir(parents=True, exist_ok=True)
    _write_lines(folder / "items.jsonl", golden.items)
    _write_lines(folder / "clusters.jsonl", golden.clusters)
    for style, record in golden.expected.items():
        _write_lines(folder / f"{style}.jsonl", [{"id": key, "text": record["text"][key], "html": record["html"][key]}
                                                 for key in record["order"]])
        _write_lines(folder / f"{style}.cites.jsonl", [{"text": text, "html": html} for text, html
                                                       in zip(record["cites_text"], record["cites_html"])])


@dataclass
class Outcome:
    """Per style x kind: how many compared, and the keys that differ (with both sides)."""

    compared: int = 0
    differing: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def identical(self) -> int:
        return self.compared - len(self.differing)

    @property
    def share(self) -> float:
        return self.identical / self.compared if self.compared else 1.0


@dataclass
class Comparison:
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # "apa.text", "apa.cites_html", ...
    order_mismatches: list[str] = field(default_factory=list)  # "set:style"

    def outcome(self, name: str) -> Outcome:
        return self.outcomes.setdefault(name, Outcome())


def entry_key(set_name: str, item_id: str) -> str:
    return f"{set_name}:{item_id}"


def cite_key(set_name: str, index: int) -> str:
    return f"{set_name}#{index}"


def compare_sets(sets: list[GoldenSet], render_set) -> Comparison:
    """``render_set(golden_set, style_alias)`` -> {"order", "text", "html", "cites_text", "cites_html"}."""
    comparison = Comparison()
    for golden in sets:
        for style, expected in golden.expected.items():
            got = render_set(golden, style)
            if got["order"] != expected["order"]:
                comparison.order_mismatches.append(f"{golden.name}:{style}")
            for fmt in FORMATS:
                outcome = comparison.outcome(f"{style}.{fmt}")
                for item_id, want in expected[fmt].items():
                    outcome.compared += 1
                    have = got[fmt].get(item_id)
                    if have is None or normalise(have) != normalise(want):
                        outcome.differing[entry_key(golden.name, item_id)] = (
                            normalise(want), "<missing>" if have is None else normalise(have))
                outcome = comparison.outcome(f"{style}.cites_{fmt}")
                for index, want in enumerate(expected[f"cites_{fmt}"]):
                    if want is None:
                        continue
                    outcome.compared += 1
                    have = got[f"cites_{fmt}"][index]
                    if have is None or normalise(have) != normalise(want):
                        outcome.differing[cite_key(golden.name, index)] = (
                            normalise(want), "<missing>" if have is None else normalise(have))
    return comparison


def render_with_engine(golden: GoldenSet, style: str) -> dict:
    """annobib's rendering of one golden set, in the golden files' shape."""
    from ..styles import resolve_style

    engine = _engine(str(resolve_style(STYLES[style])))
    entries = engine.render_bibliography(golden.items)
    out = {"order": [e.id for e in entries],
           "text": {e.id: e.text for e in entries},
           "html": {e.id: e.html for e in entries}}
    for fmt in FORMATS:
        out[f"cites_{fmt}"] = engine.render_citations(golden.items, golden.clusters, fmt=fmt)
    return out


_engines: dict[str, object] = {}


def _engine(path: str):
    from . import Engine

    if path not in _engines:
        _engines[path] = Engine(path, zotero=False)  # the golden files are plain citeproc-js
    return _engines[path]


# Known differences: every entry or citation that still differs from citeproc-js, with the
# reason, kept in tests/golden/known_differences.json and checked both ways by the tests.

_REASONS = [
    ("quotes", "quote marks: citeproc-js's quote and apostrophe parsing (fidelity map 12)"),
    ("dash", "hyphen vs en dash in a number or non-page range (fidelity map 11)"),
    ("case", "title/capitalisation rules differ from citeproc-js (fidelity map 10, 15)"),
    ("suffix", "year-suffix letters or given-name disambiguation differ (fidelity map 1)"),
    ("space", "white space at a seam (fidelity map 21)"),
    ("punct", "punctuation at a seam: citeproc-js's merge rules (fidelity map 6)"),
    ("initial", "name initials or suffix formatting (fidelity map 13)"),
    ("missing", "text citeproc-js prints that annobib leaves out: group/substitute/variable handling "
                "(fidelity map 7, 8, 9, 16)"),
    ("extra", "text annobib prints that citeproc-js suppresses: group/substitute handling (fidelity map 7, 8)"),
    ("order", "cites within the citation come out in another order (collation of sort keys)"),
    ("other", "other rendering difference"),
]
REASONS = dict(_REASONS)


def _hunks(want: str, have: str) -> list[tuple[str, str]]:
    import difflib

    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return [(want[a1:a2], have[b1:b2]) for op, a1, a2, b1, b2 in matcher.get_opcodes() if op != "equal"]


def classify(want: str, have: str) -> str:
    """The likely cause of one difference, as a key of REASONS."""
    hunks = _hunks(want, have)
    joined = "".join(a + b for a, b in hunks)
    if joined and all(ch in "\"'\u2018\u2019\u201c\u201d " for ch in joined):
        return "quotes"
    if joined and set(joined) <= set("-\u2013"):
        return "dash"
    if all(a.lower() == b.lower() and a != b for a, b in hunks) and hunks:
        return "case"
    if all(len(a) <= 2 and len(b) <= 2 and (a + b).isalpha() and (a + b).islower() for a, b in hunks) and hunks:
        return "suffix"
    if joined and not joined.strip():
        return "space"
    if joined and all(not ch.isalnum() for ch in joined):
        return "punct"
    if sorted(want.split("; ")) == sorted(have.split("; ")) and want != have:
        return "order"
    if all(("." in a + b) and len(a + b) <= 6 for a, b in hunks):
        return "initial"
    if all(not b for a, b in hunks):
        return "missing"
    if all(not a for a, b in hunks):
        return "extra"
    return "other"


# The differences that remain, each looked at: key pattern (entry "set:id" or cite "set#n") -> cause.
EXPLAINED = [
    (r":BreitenbuecherHirmerKepesEtAl2015$", "citeproc-js reads the page \"64:1-64:7\" as one article number and "
     "prints the singular label \"p.\"; annobib counts two numbers (fidelity map 19)"),
    (r"(:item5-3|edtf-date#(5|23))$", "a range of BC years: citeproc-js prints the era once (\"877–866 B.C.E.\"); "
     "annobib's date-range rendering repeats it on the first year (fidelity map 14)"),
    (r":Anonymous:TB9-2-M$", "page \"M-1-M-14\": citeproc-js's number parser turns only the last hyphen into a "
     "range dash; annobib prints a page it cannot read as a range as typed (fidelity map 11)"),
    (r"(:Anonymous:TB26-3-30[14]|tugboat#40[34])$", "year-suffix letters: citeproc-js sorts \"TUG\u20092006\" (thin "
     "space) before \"TUG membership\", annobib after it, so the letters h and i swap (fidelity map 1)"),
    (r":itzhaki$", "citeproc-js title-cases the report number \"arXiv:hep-th/9603067\" (\"hep-Th\"); annobib "
     "leaves a number as typed (fidelity map 10)"),
    (r":nietzsche:ksa1$", "citeproc-js prints the verb label \"By\" before a container-author equal to the author; "
     "annobib prints the name without it (fidelity map 16)"),
    (r":hanninenPresentFutureRequirements2006$", "page \"9 pp.-150\": citeproc-js reads \"pp.\" as a label inside the "
     "range and prints \"9 pp. – 150\"; annobib prints the page as typed (fidelity map 21)"),
    (r":Abedi2013$", "an unpaired closing quote in the title: citeproc-js prints it as a plain character and "
     "leaves the period outside; annobib treats it as a closing quote (punctuation-in-quote, fidelity map 12)"),
    (r":date-ranges-different-years$", "a range across years in NLM's localised date: citeproc-js joins the end "
     "date without the locale's delimiter (\"2010Jan23\"), a quirk annobib does not copy (fidelity map 2)"),
    (r":item5-1[12]$", "a season (CSL-JSON \"season\") in NLM: citeproc-js prints \"2004 Summer\"; annobib prints "
     "the year only (fidelity map 14)"),
    (r"jabref-authors#(140|214)$", "disambiguation by added names: citeproc-js shows one more name "
     "than annobib needs to tell these cites apart (its add-names works through the document's cites in turn)"),
    (r"biblatex-examples#102$", "citeproc-js re-renders this citation when a later one changes its year suffix, "
     "and a re-rendered citation is sorted without its author grouping; annobib prints it as first rendered"),
    (r"biblio2yaml__dates#8$", "year-suffix letters for two items with the same author, year and original date: "
     "citeproc-js breaks the tie the other way (fidelity map 1)"),
    (r"edtf-date#(14|15|17|18)$", "cites without author and with EDTF or BC dates: citeproc-js orders them "
     "differently within the citation (date sort keys for uncertain and negative years)"),
    (r"(xampl#38)$", "a cite that prints no names: citeproc-js attaches it "
     "to a different neighbouring group than annobib's rule (join the group before it) does"),
    (r"libra#44$", "sort position of \"O\u2019Neal\": citeproc-js files it after \"Steele\" (it reads \"O\u2019\" as a "
     "name particle), annobib under O (fidelity map 13)"),
]


def reason_for(key: str, want: str, have: str) -> str:
    import re

    for pattern, reason in EXPLAINED:
        if re.search(pattern, key):
            return reason
    return REASONS[classify(want, have)]


def known_differences(comparison: Comparison) -> dict:
    """{run: {key: {"reason", "citeproc_js", "annobib"}}} for every difference found."""
    out: dict = {}
    for run, outcome in sorted(comparison.outcomes.items()):
        out[run] = {key: {"reason": reason_for(key, want, have), "citeproc_js": want, "annobib": have}
                    for key, (want, have) in sorted(outcome.differing.items())}
    return out

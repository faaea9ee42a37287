"""Hostile input for annobib: the cases of issue 18, generators of large and broken files,
and the accounting that every command must pass on them.

Used by the hostile test suite (tests/test_hostile_*.py) and by
scripts/bench_hostile.py, which runs every case with every command under a
time and memory limit. The accounting: each entry of an input is either in
the command's output or named by a diagnostic (a skipped entry by its line,
an entry the engine could not render by its key); no traceback, ever.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

GOOD = "@book{good1, title={A good book}, author={Smith, Jane}, year=2001}\n"
GOOD2 = "@article{good2, title={Another}, author={Doe, John}, journal={J}, year=2002}\n"

# Entry headers BibTeX cannot read: each must be one broken entry named by its line.
MALFORMED_HEADERS = ["@article alpha2001,", "@1article{k1,", "@{k2,", "@article[k3,", '@article"k4,',
                     "@ar ticle{k5,", "@_article{k6,"]


def bib_cases() -> dict[str, str]:
    """Name -> .bib text, one for each BibTeX case of the issue."""
    cases = {f"header {header}": f"{GOOD}{header}\n  title={{T}}, year=2001}}\n{GOOD2}"
             for header in MALFORMED_HEADERS}
    cases.update({
        "deleted closing brace mid-file": f"{GOOD}@article{{mid, title={{Open, year=2001}}\n{GOOD2}",
        "deleted opening brace mid-file": f"{GOOD}@article{{mid, title=Open}}, year=2001}}\n{GOOD2}",
        "NUL in a header": f"@art\x00icle{{nul1, title={{N}}}}\n{GOOD}",
        "control bytes in a value": f"@book{{ctl, title={{a\x01b\x1b[31mc\x7f}}}}\n{GOOD}",
        "LaTeX line break before the closing brace": f"@article{{lb, title={{First line\\\\}}, year=2001}}\n{GOOD}",
        "500-deep braces": "@article{deep, title={" + "{" * 500 + "x" + "}" * 500 + "}}\n" + GOOD,
        "crossref chain of 990": "".join(f"@inbook{{c{i}, title={{T{i}}}, crossref={{c{i + 1}}}}}\n"
                                         for i in range(990)) + "@book{c990, title={Top}, year=2000}\n",
        "crossref loop": "@book{x, title={X}, crossref={y}}\n@book{y, title={Y}, crossref={x}}\n",
        "billion laughs": laughs(9),
        "xdata": ("@xdata{pub, publisher={Macmillan}, location={London}}\n"
                  "@book{xd, title={Uses xdata}, author={Smith, J.}, year=2000, xdata={pub}}\n"),
        "keys differing in case": "@book{Smith2001, title={A}}\n@book{smith2001, title={B}}\n",
        "4,301 digits in a title": "@book{digits, title={" + "9" * 4301 + "}, year=2001}\n" + GOOD,
        "4,301 digits in a year": "@book{digits, title={D}, year=" + "9" * 4301 + "}\n" + GOOD,
        "entries missing a brace": missing_braces(50),
        "terminal escape in a key": "@book{k\x1b]0;owned\x07, title={T}}\n" + GOOD,
    })
    return cases


def ris_cases() -> dict[str, str]:
    ok = "TY  - JOUR\nAU  - Smith, J.\nPY  - 2001\nTI  - Fine\nER  - \n"
    return {
        "RIS record without TY": ok + "AU  - Doe, J.\nTI  - No type\nER  - \n" + ok.replace("Fine", "Also fine"),
        "RIS ER- without spaces": "TY  - JOUR\nTI  - Tight\nER-\n" + ok,
        "RIS duplicate IDs": "TY  - BOOK\nID  - same\nTI  - One\nER  - \nTY  - BOOK\nID  - same\nTI  - Two\nER  - \n",
        "RIS cut off": ok + "TY  - JOUR\nTI  - Cut\n",
        "RIS without IDs": ris_without_ids(200),
    }


def json_cases() -> dict[str, str]:
    def item(**fields) -> dict:
        return {"id": "k", "type": "article-journal", "title": "T", "author": [{"family": "A", "given": "B"}],
                "issued": {"date-parts": [[2001]]}, **fields}

    other = {"id": "other", "type": "book", "title": "Other"}
    cases = {
        "keyword a number": [item(keyword=5), other],
        "issued a string": [item(issued="2001-05"), other],
        "author a number": [item(author=5), other],
        "type a list": [item(type=["book"]), other],
        "title an object": [item(title={"a": 1}), other],
        "names with a number": [item(author=[{"family": "A"}, 3]), other],
        "id a list": [item(id=["x"]), other],
    }
    texts = {name: json.dumps(value) for name, value in cases.items()}
    texts.update({
        "NaN": '[{"id": "k", "type": "book", "title": "T", "volume": NaN}, {"id": "o", "type": "book", "title": "O"}]',
        "Infinity": '[{"id": "k", "type": "book", "title": "T", "page": Infinity}]',
        "4,301-digit integer": '[{"id": "k", "type": "book", "title": "T", "page": ' + "9" * 4301 + "}]",
        "1,000-deep nesting": ('[{"id": "deep", "type": "book", "title": ' + "[" * 1000 + "]" * 1000 + "},"
                               ' {"id": "o", "type": "book", "title": "O"}]'),
        "escaped control characters": '[{"id": "k", "type": "book", "title": "a\\u0000b\\u001b[2Jc"}]',
    })
    return texts


def all_cases() -> dict[str, tuple[str, str]]:
    """Name -> (suffix, text) for every case."""
    found = {name: (".bib", text) for name, text in bib_cases().items()}
    found.update({name: (".ris", text) for name, text in ris_cases().items()})
    found.update({name: (".json", text) for name, text in json_cases().items()})
    return found


# -- generators ---------------------------------------------------------------------

def laughs(levels: int) -> str:
    """@strings each ten times the one before: 10**levels characters from a few hundred bytes."""
    names = [f"m{i}" for i in range(levels + 1)]
    lines = ['@string{m0 = "xxxxxxxxxx"}']
    for previous, name in zip(names, names[1:]):
        lines.append(f"@string{{{name} = " + " # ".join([previous] * 10) + "}")
    lines.append(f"@book{{laugh, title = {names[-1]}}}")
    lines.append(GOOD)
    return "\n".join(lines) + "\n"


def missing_braces(count: int) -> str:
    """Entries each missing its closing brace."""
    return "".join(f"@article{{open{i}, title={{Open {i}, year=2001}}\n" for i in range(count))


def clean_bibtex(count: int) -> str:
    return "".join(f"@article{{e{i}, title={{Title number {i}}}, author={{Author{i % 97}, A. and Other, B.}}, "
                   f"journal={{Journal {i % 13}}}, year={1950 + i % 70}, volume={i % 40}, pages={{1--10}}}}\n"
                   for i in range(count))


def broken_bibtex(count: int, every: int = 10) -> str:
    """``count`` entries, every ``every``-th broken in one of the ways above."""
    breakers = [
        lambda i: f"{MALFORMED_HEADERS[i % len(MALFORMED_HEADERS)]}\n  title={{T}}, year=2001}}\n",
        lambda i: f"@article{{b{i}, title={{Open, year=2001}}\n",
        lambda i: f"@art\x00icle{{b{i}, title={{N}}}}\n",
        lambda i: f"@article{{b{i}, title={{Line\\\\}}, year=2001}}\n",
    ]
    clean = clean_bibtex(count).splitlines(keepends=True)
    return "".join(breakers[(i // every) % len(breakers)](i) if i % every == every - 1 else line
                   for i, line in enumerate(clean))


def csl_items(count: int, broken_every: int = 0) -> str:
    items = []
    for i in range(count):
        item = {"id": f"i{i}", "type": "article-journal", "title": f"Title {i}",
                "author": [{"family": f"Author{i % 97}", "given": "A."}], "container-title": f"Journal {i % 13}",
                "issued": {"date-parts": [[1950 + i % 70]]}, "volume": str(i % 40), "page": "1-10"}
        if broken_every and i % broken_every == broken_every - 1:
            item["author"] = i  # the wrong type
        items.append(item)
    return json.dumps(items)


def ris_without_ids(count: int) -> str:
    return "".join(f"TY  - JOUR\nAU  - Same, Author\nPY  - 2001\nTI  - Title {i}\nER  - \n" for i in range(count))


def crossref_chain(count: int) -> str:
    """Each entry's crossref names the next: one chain through the whole file."""
    return "".join(f"@inbook{{c{i}, title={{T{i}}}, crossref={{c{i + 1}}}}}\n" for i in range(count)) + \
        f"@book{{c{count}, title={{Top}}, year=2000}}\n"


def recurring_title(count: int) -> str:
    """One author's "Editorial" in every issue of a year: the same title on other pages."""
    return "".join(f"@article{{e{i}, title={{Editorial}}, author={{Same, A.}}, journal={{J}}, year=2001, "
                   f"volume=1, pages={{{i}}}}}\n" for i in range(count))


def one_line(count: int) -> str:
    """Entries one after another on a single line (a file whose line breaks were lost)."""
    return "".join(f"@book{{b{i}, title={{Title {i}}}, author={{A{i % 97}, B.}}, year=2001}} " for i in range(count))


def long_ris_record(count: int) -> str:
    """One RIS record with ``count`` authors and ``count`` keywords."""
    fields = "".join(f"AU  - A{i}, B\nKW  - k{i}\n" for i in range(count))
    return f"TY  - JOUR\n{fields}TI  - T\nPY  - 2001\nER  - \n"


def many_tags(count: int) -> str:
    tags = ", ".join(f"tag{i}" for i in range(count))
    return f"@book{{tagged, title={{Tagged}}, author={{Smith, J.}}, year=2000, keywords={{{tags}}}}}\n{GOOD}"


# -- accounting ---------------------------------------------------------------------

@dataclass
class Outcome:
    command: str
    exit_code: int
    traceback: str | None
    entries: int  # entries of the input, by the reader's own count
    shown: int  # of them, in the output
    named: int  # of them, named by a diagnostic
    missing: list[str] = field(default_factory=list)  # neither: must stay empty

    @property
    def ok(self) -> bool:
        return self.traceback is None and not self.missing and self.exit_code in (0, 1, 3)


def read_account(path: Path) -> tuple[object, list[str]]:
    """The reader's result for ``path`` and the entries it neither read nor named (must be empty)."""
    from annobib.read import read_files
    from annobib.read.accounting import account_for_file
    from annobib.read.decode import decode_bytes

    result = read_files([str(path)])
    if path.suffix == ".bib":
        text = decode_bytes(path.read_bytes())[0]
        account = account_for_file(str(path), text, result.records, list(result.diagnostics))
        lost = [f"line {line} ({key})" for line, key in account.unaccounted]
        lost += [f"unexpected record on line {line}" for line in account.unexpected]
        return result, lost
    skipped = sum(1 for d in result.diagnostics if d.skips_entry)
    lost = [] if len(result.records) + skipped == result.entries_in_input else [
        f"{result.entries_in_input} items, {len(result.records)} read, {skipped} named"]
    return result, lost


def run_command(command: str, path: Path) -> Outcome:
    """Run one command on ``path`` in-process and account for every entry."""
    import traceback

    from click.testing import CliRunner

    from annobib.cli import main

    read, lost = read_account(path)
    ids = [record.id for record in read.records]
    args = {
        "render": ["render", str(path), "--format", "json", "--no-cache"],
        "export": ["export", str(path), "--to", "csl-json"],
        "check": ["check", str(path), "--format", "json"],
        "cite": ["cite", *(ids[:50] or ["nothing"]), "--bib", str(path)],
    }[command]
    result = CliRunner().invoke(main, args)
    problem = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problem = "".join(traceback.format_exception(result.exception))
    if "Traceback" in result.stderr:
        problem = result.stderr
    outcome = Outcome(command, result.exit_code, problem, read.entries_in_input, 0, 0, list(lost))
    if problem is not None:
        return outcome
    named_keys = set(re.findall(r"^[^\n]*?:\d*:? ([^:\n]+): (?:warning|error):", result.stderr, re.M))
    if command in ("render", "export"):
        shown = {item["id"] for item in json.loads(result.stdout or "[]")} if result.exit_code != 1 or \
            result.stdout.strip() else set()
        for record_id in ids:
            if record_id in shown:
                outcome.shown += 1
            elif record_id in named_keys or result.exit_code == 1 and result.stderr.strip():
                outcome.named += 1
            else:
                outcome.missing.append(record_id)
    elif command == "check":
        summary = re.search(r"annobib check: (\d+) entr", result.stderr)
        checked = int(summary.group(1)) if summary else -1
        if checked != read.entries_in_input:
            outcome.missing.append(f"check counted {checked} entries, the reader {read.entries_in_input}")
        outcome.shown = len(ids)
    else:  # cite: one citation for every key, or one clear error
        if result.exit_code != 1 and ids and not result.stdout.strip():
            outcome.missing.append("no citation printed")
        if result.exit_code == 1 and not result.stderr.strip():
            outcome.missing.append("exit 1 without a message")
        outcome.shown = len(ids)
    outcome.named += outcome.entries - len(ids)  # skipped by the reader, each named (read_account checks)
    return outcome

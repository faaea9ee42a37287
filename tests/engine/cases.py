"""The engine's unit-test cases (tests/engine/test_*.py): small inline styles, items, and
rendering that checks every case against citeproc-js.

A test renders through ``cite``, ``citations`` or ``bibliography``. Each such call is one case,
named by the test and the call's place in it (``test_names.py::test_x#2``). Besides returning
what annobib's engine printed (HTML or text, for the test's own assertions), the call compares
the case with citeproc-js's output for it in ``golden.json``: the text, the HTML (markup and
all: <i>, <b>, <span style=…>, <sup>, quotes, entities) and, for a bibliography, the order.
citeproc-js is run as the expected values were always taken: plain, with no Zotero settings,
every item registered first, citations through processCitationCluster in document order.

``scripts/make_engine_goldens.py`` writes golden.json: it runs these tests with
ANNOBIB_RECORD_ENGINE_CASES set, which makes the calls below record their case (style, items,
clusters) instead of comparing it, then renders every recorded case with citeproc-js. A case
changed since (its digest differs) or new fails until the golden file is made again.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from annobib.engine import Engine, RenderedEntry
from annobib.styles import resolve_style

GOLDEN = Path(__file__).with_name("golden.json")
RECORD = "ANNOBIB_RECORD_ENGINE_CASES"  # path of a JSON-lines file to record cases into

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>
  {locale}{macros}
  <citation{citation_options}>{layout}</citation>
  {bibliography}
</style>"""

PIQ = '<locale><style-options punctuation-in-quote="true"/></locale>'
AUTHOR_DATE = ('<layout delimiter="; " prefix="(" suffix=")"><group delimiter=" ">'
               '<names variable="author"><name form="short" and="symbol" initialize-with=". "/></names>'
               '<date variable="issued"><date-part name="year"/></date></group></layout>')


# -- styles and items --------------------------------------------------------------------------

def style(citation: str = '<text value="x"/>', *, layout: str = "", bibliography: str = "", macros: str = "",
          locale: str = "", citation_options: str = "", cls: str = "note") -> bytes:
    """A style whose citation layout holds ``citation`` (``layout``: the cs:layout's attributes);
    ``bibliography`` is a whole cs:bibliography."""
    return _STYLE.format(cls=cls, locale=locale, macros=macros, layout=f"<layout{layout}>{citation}</layout>",
                         bibliography=bibliography, citation_options=citation_options).encode()


def citation_style(options: str, layout: str, *, cls: str = "in-text", macros: str = "",
                   bibliography: str = "") -> bytes:
    """A style from the cs:citation's attributes and its whole cs:layout."""
    return _STYLE.format(cls=cls, locale="", macros=macros, layout=layout, bibliography=bibliography,
                         citation_options=f" {options}" if options else "").encode()


def person(family: str, given: str = "", **parts) -> dict:
    return {"family": family, "given": given, **parts} if given else {"family": family, **parts}


def book(key: str, authors: list, year: int | None = 2000, **fields) -> dict:
    item = {"id": key, "type": "book", "author": authors, **fields}
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    return item


# -- rendering, checked against citeproc-js ----------------------------------------------------

Style = str | bytes  # a style name (apa, vancouver, …) or an inline style's XML


@lru_cache(maxsize=None)
def engine(csl: Style) -> Engine:
    """annobib's engine as plain citeproc-js prints: no Zotero settings, no links, and
    second-field-align as citeproc-js's left-margin/right-inline divs."""
    return Engine(csl if isinstance(csl, bytes) else resolve_style(csl), zotero=False, blocks=True)


def cite(csl: Style, items: list[dict] | None = None, cites: list | None = None, *, fmt: str = "html",
         golden: bool = True) -> str:
    """One citation of ``cites`` (default: every item)."""
    items = items or [{"id": "ITEM-1", "type": "book"}]
    cluster = cites or [item["id"] for item in items]
    return citations(csl, items, [cluster], fmt=fmt, golden=golden)[0]


def citations(csl: Style, items: list[dict], clusters: list, *, fmt: str = "html", golden: bool = True) -> list[str]:
    """Each citation of ``clusters``, in document order. ``golden=False`` only where citeproc-js
    cannot be the judge (said at the call)."""
    if not golden:
        return engine(csl).render_citations(items, clusters, fmt=fmt)
    html = engine(csl).render_citations(items, clusters)
    text = engine(csl).render_citations(items, clusters, fmt="text")
    _check(csl, "citations", items, clusters, {"text": text, "html": html})
    return html if fmt == "html" else text


def bibliography(csl: Style, items: list[dict], *, fmt: str = "html", golden: bool = True) -> list[str]:
    """The entries in bibliography order."""
    entries = entries_of(csl, items, golden=golden)
    return [entry.html if fmt == "html" else entry.text for entry in entries]


def entries_of(csl: Style, items: list[dict], *, golden: bool = True) -> list[RenderedEntry]:
    entries = engine(csl).render_bibliography(items)
    if golden:
        _check(csl, "bibliography", items, None, {"ids": [entry.id for entry in entries],
                                                   "text": [entry.text for entry in entries],
                                                   "html": [entry.html for entry in entries]})
    return entries


# -- the golden file ---------------------------------------------------------------------------

def case_input(csl: Style, mode: str, items: list[dict], clusters: list | None) -> dict:
    """What citeproc-js is given for a case."""
    return {"style": csl.decode() if isinstance(csl, bytes) else csl, "mode": mode, "items": items,
            "clusters": clusters}


def digest(case: dict) -> str:
    return hashlib.sha256(json.dumps(case, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


_calls: dict[str, int] = {}


def _case_key() -> str:
    current = os.environ.get("PYTEST_CURRENT_TEST")
    if not current:
        raise RuntimeError("engine cases are rendered inside a pytest test")
    node = current.rsplit(" (", 1)[0].split("tests/engine/", 1)[-1]
    _calls[node] = _calls.get(node, 0) + 1
    return f"{node}#{_calls[node]}"


@lru_cache(maxsize=1)
def _golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.is_file() else {}


def _check(csl: Style, mode: str, items: list[dict], clusters: list | None, got: dict) -> None:
    key = _case_key()
    case = case_input(csl, mode, items, clusters)
    if os.environ.get(RECORD):
        with open(os.environ[RECORD], "a", encoding="utf-8") as out:
            out.write(json.dumps({"key": key, "digest": digest(case), **case}, ensure_ascii=False) + "\n")
        return
    expected = _golden().get(key)
    assert expected is not None, f"no citeproc-js output for {key}: run scripts/make_engine_goldens.py"
    assert expected["digest"] == digest(case), f"{key} changed since golden.json: run scripts/make_engine_goldens.py"
    assert "error" not in expected, f"citeproc-js fails on {key}: {expected.get('error')}"
    for part in ("ids", "text", "html") if mode == "bibliography" else ("text", "html"):
        assert got[part] == expected[part], (f"{key}: {part} differs from citeproc-js's\n"
                                             f"  annobib:     {got[part]!r}\n  citeproc-js: {expected[part]!r}")

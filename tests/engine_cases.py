"""Small styles and items for the engine's citation tests (tests/test_engine_*.py).

Each case is rendered by annobib's engine and compared with what citeproc-js
prints for it (the expected values in the tests were taken from citeproc-js
1.4 through its processCitationCluster, every item registered first, as the
CSL suite's harness does; the suite fixture named beside a test is the same
evidence at larger size).
"""
from __future__ import annotations

from annobib.engine import Engine


def style(citation: str, layout: str, *, cls: str = "in-text", macros: str = "", bibliography: str = "") -> bytes:
    """A style from the cs:citation attributes and its cs:layout."""
    return (f'<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">'
            '<info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>'
            f'{macros}<citation {citation}>{layout}</citation>{bibliography}</style>').encode()


def person(family: str, given: str = "") -> dict:
    return {"family": family, "given": given} if given else {"family": family}


def book(key: str, authors: list, year: int | None = 2000, **fields) -> dict:
    item = {"id": key, "type": "book", "author": authors, **fields}
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    return item


def cite(style_xml: bytes, items: list[dict], clusters: list, fmt: str = "html") -> list[str]:
    return Engine(style_xml).render_citations(items, clusters, fmt=fmt)


AUTHOR_DATE = ('<layout delimiter="; " prefix="(" suffix=")"><group delimiter=" ">'
               '<names variable="author"><name form="short" and="symbol" initialize-with=". "/></names>'
               '<date variable="issued"><date-part name="year"/></date></group></layout>')

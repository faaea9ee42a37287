"""Rendering a small inline CSL style, for engine unit tests whose expected values are
citeproc-js's output (mostly from the CSL test-suite fixture named in each test)."""
from __future__ import annotations

from annobib.engine import Engine

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>
  {locale}{macros}
  <citation{citation_options}><layout{layout}>{citation}</layout></citation>
  {bibliography}
</style>"""


def style(citation: str = '<text value="x"/>', *, layout: str = "", bibliography: str = "", macros: str = "",
          locale: str = "", citation_options: str = "", cls: str = "note") -> bytes:
    """A style whose citation layout holds ``citation``; ``bibliography`` is a whole cs:bibliography."""
    return _STYLE.format(cls=cls, locale=locale, macros=macros, layout=layout, citation=citation,
                         bibliography=bibliography, citation_options=citation_options).encode()


def cite(csl: bytes, items: list[dict] | None = None, cites: list | None = None, **options) -> str:
    """The HTML of one citation of ``cites`` (default: every item)."""
    items = items or [{"id": "ITEM-1", "type": "book"}]
    cluster = cites or [item["id"] for item in items]
    return Engine(csl, **options).render_citations(items, [cluster])[0]


def bibliography(csl: bytes, items: list[dict], **options) -> list[str]:
    return [entry.html for entry in Engine(csl, blocks=True, **options).render_bibliography(items)]


PIQ = '<locale><style-options punctuation-in-quote="true"/></locale>'

"""What every tests/test_fix_*.py renders through: the engine's text output, the way
citeproc-js's expected values were taken (plain citeproc-js: no Zotero settings)."""
import re
from functools import lru_cache

from annobib.engine import Engine
from annobib.styles import resolve_style


@lru_cache(maxsize=None)
def plain_engine(style):
    return Engine(resolve_style(style), zotero=False)


def bibliography(style, items):
    return [entry.text for entry in plain_engine(style).render_bibliography(items)]


def citations(style, items, clusters):
    return plain_engine(style).render_citations(items, clusters, fmt="text")


def spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

"""What every tests/test_fix_*.py renders through: the engine's text output, the way
citeproc-js's expected values were taken."""
import re

from annobib.render import engine_for


def bibliography(style, items):
    return [entry.text for entry in engine_for(style).render_bibliography(items)]


def citations(style, items, clusters):
    return engine_for(style).render_citations(items, clusters, fmt="text")


def spaced(text):
    """A numbered entry as citeproc-js spaces it: "1. Name" (annobib prints the number without it)."""
    return re.sub(r'^(\d+\.)\s*', r'\1 ', text)

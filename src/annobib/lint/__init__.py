"""``annobib check``: find what is missing or wrong in a bibliography before anyone sees it.

One module per rule family (required, identifiers, dates, duplicates,
annotation, zotero); every rule is registered in :mod:`.registry` with an
id, a severity and a hint. :func:`check_paths` runs them; :mod:`.fix`
writes a normalised copy of a .bib file.
"""
from __future__ import annotations

from . import rules  # noqa: F401  (registers every rule)
from .registry import RULES, Finding, Rule
from .runner import CheckResult, check_loaded, check_paths

__all__ = ["RULES", "Finding", "Rule", "CheckResult", "check_loaded", "check_paths"]

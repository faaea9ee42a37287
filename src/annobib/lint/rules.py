"""Importing this module registers every rule family with the registry."""
from . import annotation, dates, duplicates, identifiers, literal_lists, required, zotero  # noqa: F401

"""A fetched record as the entry ``annobib add`` writes: the bundled bibliography's conventions.

Zotero-ready BibTeX, written by annobib's own BibTeX exporter (so escaping,
names and rich text are the same as in ``annobib export --to bibtex``):
``@article``, ``@book``, ``@incollection``, ``@inproceedings``; data sets and
preprints as ``@online`` (Zotero's BibTeX import has no data-set or preprint
type and imports ``@misc`` as a plain document) with ``url`` and an ISO
``urldate`` (the day it was fetched); arXiv ids in ``eprint`` with
``eprinttype = {arxiv}``; ``doi``, ``pmid``, ``pmcid``; tags in ``keywords``
joined with "; "; the annotation in ``annote``. The line above the entry is
a ``% Source:`` comment naming the registry, the identifier and the date.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date, datetime, timezone

from ..diagnostics import Diagnostics
from ..record import Record
from .resolve import Found

# CSL types written as @online: read on the web, with no Zotero-importable BibTeX type of their own.
ONLINE_TYPES = ("dataset", "article", "software", "webpage", "post", "post-weblog")


def today() -> date:
    """The fetch date: today, or the day of ``$SOURCE_DATE_EPOCH`` (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def bibtex_csl(csl: dict, key: str, fetched: date) -> dict:
    """The item as the .bib entry holds it (and as annobib reads it back)."""
    item = {"id": key, **csl}
    if item.get("type") in ONLINE_TYPES:
        item["type"] = "webpage"
        if not item.get("URL") and item.get("DOI"):
            item["URL"] = f"https://doi.org/{item['DOI']}"
        if item.get("URL"):
            item["accessed"] = {"date-parts": [[fetched.year, fetched.month, fetched.day]]}
    else:
        item.pop("URL", None)  # articles and books are found by DOI, PMID or ISBN, as in the bundled file
    return item


def json_csl(csl: dict, key: str, fetched: date) -> dict:
    """The item as CSL-JSON: the registry's own type (``dataset``, ``article``…), with the access date."""
    item = {"id": key, **csl}
    if item.get("URL"):
        item["accessed"] = {"date-parts": [[fetched.year, fetched.month, fetched.day]]}
    return item


def source_comment(found: Found, fetched: date) -> str:
    remarks = f"; {found.remarks}" if found.remarks else ""
    return f"% Source: {found.source}, fetched {fetched.isoformat()} by annobib add{remarks}."


def entry_text(found: Found, key: str, fetched: date, tags: list[str], annotation: str | None,
               width: int | None = None) -> tuple[str, Diagnostics]:
    """The Source comment and the entry, without a trailing newline; ``width`` aligns the ``=`` signs
    as the file does (the field names padded to that width)."""
    from ..export.bibtex import entry

    record = Record(bibtex_csl(found.csl, key, fetched), annotation or None, list(tags))
    text, diagnostics = entry(record)
    return source_comment(found, fetched) + "\n" + _aligned(text, width), diagnostics


_FIELD_LINE = re.compile(r"^(  )([A-Za-z]+)( *) = ", re.M)


def field_width(text: str) -> int | None:
    """The width a .bib file pads its field names to (``author       = …``: 12), or None."""
    widths = Counter(len(name) + len(pad) for _, name, pad in _FIELD_LINE.findall(text))
    return widths.most_common(1)[0][0] if widths else None


def _aligned(text: str, width: int | None) -> str:
    names = [name for _, name, _ in _FIELD_LINE.findall(text)]
    if width is None or not names:
        return text
    width = max(width, *(len(name) for name in names))
    return _FIELD_LINE.sub(lambda m: f"  {m.group(2).ljust(width)} = ", text)

"""What Zotero's BibTeX import would lose (see the project's zotero.md).

Zotero drops a biblatex ``annotation`` field, an access date that is not
ISO, and every entry of a type its translator does not know; it splits
keywords on ``,`` and ``;`` only. These rules read the raw .bib entry, since
that is what Zotero would import.
"""
from __future__ import annotations

import re

from .dates import to_iso
from .entries import CheckedEntry
from .registry import WARNING, Issue, entry_rule

FAMILY = "zotero"

# The entry types of Zotero's BibTeX translator (bibtex2zoteroTypeMap); any other type is discarded.
ZOTERO_TYPES = {
    "article", "book", "booklet", "collection", "conference", "electronic", "inbook",
    "incollection", "inproceedings", "inreference", "jurisdiction", "legislation", "letter",
    "manual", "mastersthesis", "misc", "movie", "mvbook", "online", "patent", "phdthesis",
    "proceedings", "report", "software", "techreport", "thesis", "unpublished", "artwork",
    "audio", "video",
}
_PHRASE_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$")


@entry_rule("zotero-annotation", FAMILY, WARNING,
            "the annotation is in biblatex's annotation field, which Zotero drops without a word",
            "rename the field to annote ('annotation' -> 'annote'); 'annobib check --fix' does this")
def zotero_annotation(entry: CheckedEntry):
    annotation = entry.raw_field("annotation")
    if not annotation:
        return
    annote = entry.raw_field("annote")
    if annote is None:
        yield Issue("annotation is in the 'annotation' field; Zotero's import drops it", "annotation")
    elif annote != annotation:
        yield Issue("both 'annote' and 'annotation' are set; Zotero keeps annote and drops annotation", "annotation",
                    "merge the two texts into annote and delete the annotation field")


@entry_rule("zotero-urldate", FAMILY, WARNING,
            "an access date (urldate) that is not an ISO date; Zotero discards it",
            "write urldate = {YYYY-MM-DD}")
def zotero_urldate(entry: CheckedEntry):
    value = entry.plain_field("urldate")
    if value and not ISO_DAY.match(value):
        iso = to_iso(value)
        hint = f"write it as {iso} ('annobib check --fix' does this)" if iso and len(iso) == 10 else None
        yield Issue(f"urldate '{value}' is not YYYY-MM-DD; Zotero's import discards it", "urldate", hint)


def split_top_level(value: str) -> list[str]:
    """Split a keywords value at , and ; outside braces."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return parts


@entry_rule("zotero-keywords", FAMILY, WARNING,
            "keywords separated by spaces only; Zotero makes one long tag of them",
            "separate keywords with ';' (or ','): keywords = {pain; ketamine; dosing}")
def zotero_keywords(entry: CheckedEntry):
    value = entry.plain_field("keywords")
    if not value or re.search(r"[,;]", value):
        return
    words = value.split()
    # One keyword may well be a phrase ("neuropathic pain", "Methods for
    # Astrophysics"); three or more words with no word that joins a phrase,
    # or words on separate lines or tab-separated, look like a list.
    is_phrase = any(word.lower() in _PHRASE_WORDS or not word.isalnum() for word in words)
    if (len(words) >= 3 and not is_phrase) or re.search(r"[\t\n]| {2,}", entry.raw_field("keywords") or ""):
        yield Issue(f"keywords '{value}' have no ',' or ';' between them; Zotero would make one tag of them",
                    "keywords")


@entry_rule("zotero-entry-type", FAMILY, WARNING,
            "an entry type Zotero's import discards, or a @misc web page that Zotero imports as a plain document",
            "use a type Zotero knows: @article, @book, @incollection, @online, @report, @thesis, …")
def zotero_entry_type(entry: CheckedEntry):
    kind = entry.bib_type
    if kind is None:
        return
    if kind not in ZOTERO_TYPES:
        yield Issue(f"Zotero's BibTeX import discards @{kind} entries")
    elif kind == "misc" and entry.csl_type == "webpage":
        yield Issue("@misc with a URL: Zotero imports it as a generic document, not a web page", None,
                    "make it @online")

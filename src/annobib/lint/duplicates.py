"""The same work entered twice, and keys that clash.

A reader sees a duplicate as two numbered references to one paper; BibTeX
and biber treat citation keys without regard to case, so ``Smith2020`` and
``smith2020`` cannot both be cited.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from ..map.latex import rich_to_plain
from .entries import CheckedEntry
from .identifiers import DOI_PATTERN, canonical_doi
from .registry import ERROR, WARNING, Issue, collection_rule

FAMILY = "duplicates"
TITLE_SIMILARITY = 0.9  # difflib ratio of normalised titles above which two entries are one work


def _where(entry: CheckedEntry) -> str:
    place = entry.file if entry.line is None else f"{entry.file}:{entry.line}"
    return f"{entry.key} ({place})"


def _doi(entry: CheckedEntry) -> str | None:
    doi = entry.record.csl.get("DOI")
    if not doi:
        return None
    doi = canonical_doi(str(doi)).lower()  # DOIs are case-insensitive
    return doi if DOI_PATTERN.match(doi) else None


def _pmid(entry: CheckedEntry) -> str | None:
    pmid = str(entry.record.csl.get("PMID") or "").strip()
    return pmid if pmid.isdigit() else None


def _same_identifier(entries, identify, label, field_name):
    first_seen: dict[str, CheckedEntry] = {}
    for entry in entries:
        value = identify(entry)
        if not value:
            continue
        if value in first_seen:
            yield entry, Issue(f"same {label} {value} as {_where(first_seen[value])}", field_name)
        else:
            first_seen[value] = entry


@collection_rule("duplicate-doi", FAMILY, ERROR,
                 "two entries with the same DOI",
                 "keep one entry and cite it by one key; merge any annotation into it")
def duplicate_doi(entries: list[CheckedEntry]):
    yield from _same_identifier(entries, _doi, "DOI", "doi")


@collection_rule("duplicate-pmid", FAMILY, ERROR,
                 "two entries with the same PMID",
                 "keep one entry and cite it by one key; merge any annotation into it")
def duplicate_pmid(entries: list[CheckedEntry]):
    yield from _same_identifier(entries, _pmid, "PMID", "pmid")


def _fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _first_author(entry: CheckedEntry) -> str | None:
    for role in ("author", "editor"):
        names = entry.record.csl.get(role) or []
        if names and isinstance(names[0], dict):
            name = names[0].get("family") or names[0].get("literal")
            if name:
                return _fold(rich_to_plain(str(name)))
    return None


def _title(entry: CheckedEntry) -> str | None:
    title = entry.record.csl.get("title")
    return _fold(rich_to_plain(str(title))) if title else None


def _numbers(title: str) -> set[str]:
    """Numbers and part labels, which tell 'Part 1' from 'Part 2'."""
    return {t for t in title.split() if t.isdigit() or re.fullmatch(r"[ivx]+", t)}


def near_identical(a: str, b: str) -> bool:
    if a == b:
        return True
    if _numbers(a) != _numbers(b):
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_SIMILARITY


def _different_places(a: CheckedEntry, b: CheckedEntry) -> bool:
    """Both give a volume, issue or first page, and they differ."""
    for variable in ("volume", "issue", "page"):
        first, second = a.record.csl.get(variable), b.record.csl.get(variable)
        if variable == "page" and first and second:
            first, second = re.split(r"[-\u2013,]", str(first))[0], re.split(r"[-\u2013,]", str(second))[0]
        if first and second and str(first).strip() != str(second).strip():
            return True
    return False


@collection_rule("duplicate-work", FAMILY, WARNING,
                 "two entries with the same first author, year and (nearly) the same title",
                 "if they are one work, keep one entry; if not (a reprint, a second part), "
                 "make the titles tell them apart")
def duplicate_work(entries: list[CheckedEntry]):
    groups: dict[tuple, list[tuple[CheckedEntry, str]]] = defaultdict(list)
    for entry in entries:
        author, year, title = _first_author(entry), entry.record.year(), _title(entry)
        if author and year is not None and title:
            groups[(author, year)].append((entry, title))
    for members in groups.values():
        for i, (entry, title) in enumerate(members):
            for earlier, earlier_title in members[:i]:
                doi_a, doi_b = _doi(entry), _doi(earlier)
                if doi_a and doi_b:
                    continue  # two DOIs: two registered works, or duplicate-doi already said so
                if _different_places(entry, earlier):
                    continue  # a recurring title ("Editorial") in another issue or on other pages
                if near_identical(title, earlier_title):
                    yield entry, Issue(f"looks like the same work as {_where(earlier)} "
                                       "(same first author, year and title)", "title")
                    break


@collection_rule("key-case", FAMILY, ERROR,
                 "citation keys that differ only in letter case",
                 "BibTeX and biber do not tell keys apart by case: rename one of them")
def key_case(entries: list[CheckedEntry]):
    first_seen: dict[str, CheckedEntry] = {}
    for entry in entries:
        folded = entry.key.casefold()
        earlier = first_seen.get(folded)
        if earlier is None:
            first_seen[folded] = entry
        elif earlier.key != entry.key:
            yield entry, Issue(f"key differs only in case from {_where(earlier)}")


@collection_rule("duplicate-key", FAMILY, WARNING,
                 "the same citation key twice (in one file the reader reports it; here, across files)",
                 "rename one of the entries, or remove the copy; the first is the one used")
def duplicate_key(entries: list[CheckedEntry]):
    first_seen: dict[str, CheckedEntry] = {}
    for entry in entries:
        earlier = first_seen.setdefault(entry.key, entry)
        if earlier is not entry:
            yield entry, Issue(f"key is also used by {_where(earlier)}; the first is kept")

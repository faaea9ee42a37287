"""The same work entered twice, and keys that clash.

A reader sees a duplicate as two numbered references to one paper; BibTeX
and biber treat citation keys without regard to case, so ``Smith2020`` and
``smith2020`` cannot both be cited.
"""
from __future__ import annotations

import difflib
import functools
import heapq
import itertools
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
    if not text.isascii():  # ASCII has no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text.casefold()))


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _folded_name(name: str) -> str:
    """A family name folded; the same few names recur in a bibliography, so they are kept."""
    return _fold(rich_to_plain(name))


def _first_author(entry: CheckedEntry) -> str | None:
    for role in ("author", "editor"):
        names = entry.record.csl.get(role) or []
        if names and isinstance(names[0], dict):
            name = names[0].get("family") or names[0].get("literal")
            if name:
                return _folded_name(str(name))
    return None


def _title(entry: CheckedEntry) -> str | None:
    title = entry.record.csl.get("title")
    return _fold(rich_to_plain(str(title))) if title else None


def _numbers(title: str) -> frozenset[str]:
    """Numbers and part labels, which tell 'Part 1' from 'Part 2'."""
    return frozenset(t for t in title.split() if t.isdigit() or _PART_LABEL.fullmatch(t))


_PART_LABEL = re.compile(r"[ivx]+")


def near_identical(a: str, b: str) -> bool:
    if a == b:
        return True
    if _numbers(a) != _numbers(b):
        return False
    return _similar(a, b)


def _similar(a: str, b: str) -> bool:
    """difflib's ratio of ``a`` to ``b`` reaches TITLE_SIMILARITY. Its two cheap upper bounds
    (lengths, then letters in common) go first: below the threshold, the ratio is too."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= TITLE_SIMILARITY and matcher.quick_ratio() >= TITLE_SIMILARITY
            and matcher.ratio() >= TITLE_SIMILARITY)


_PLACES = ("volume", "issue", "page")


def _places(entry: CheckedEntry) -> tuple[str | None, ...]:
    """Volume, issue and first page as two entries are compared on them; None when not given.
    Two entries are in different places when both give one of these and they differ."""
    values = []
    for variable in _PLACES:
        value = entry.record.csl.get(variable)
        if value and variable == "page":
            value = re.split(r"[-\u2013,]", str(value))[0]  # the first page
        values.append(str(value).strip() if value else None)
    return tuple(values)


class _Work:
    """One entry as duplicate-work compares it: its DOI and places are looked up once, when it
    is first compared (most entries have no earlier one to compare with)."""

    __slots__ = ("entry", "title", "_has_doi", "_places")

    def __init__(self, entry: CheckedEntry, title: str):
        self.entry, self.title = entry, title
        self._places: tuple[str | None, ...] | None = None
        self._has_doi = False

    @property
    def places(self) -> tuple[str | None, ...]:
        if self._places is None:
            self._places = _places(self.entry)
            self._has_doi = _doi(self.entry) is not None
        return self._places

    @property
    def has_doi(self) -> bool:
        return self.places is not None and self._has_doi


# Every subset of the three places, as the positions it holds.
_MASKS = [tuple(k for k in range(len(_PLACES)) if mask >> k & 1) for mask in range(1 << len(_PLACES))]


class _EarlierWorks:
    """The works seen so far among entries of one first author, year and title numbers, so that
    a new one is compared only with those it could be a duplicate of: not both with a DOI, and
    no place (volume, issue, first page) that both give and that differs.

    A few works are simply scanned. Past ``SCAN_LIMIT`` they are indexed: each work is filed
    under each subset of its places (8 keys), and a query asks for the works that have, at
    each place the new one gives, either the same value or none. So a run of entries that
    differ only in their pages (a recurring "Editorial") costs a few lookups each, not a pass
    over every earlier one."""

    SCAN_LIMIT = 16

    def __init__(self) -> None:
        self.works: list[_Work] = []
        self.index: dict[tuple, list[int]] | None = None

    def first_duplicate(self, work: _Work) -> _Work | None:
        """The earliest work seen so far that ``work`` is a duplicate of."""
        if not self.works:
            return None
        for earlier in self._candidates(work):
            if near_identical(work.title, earlier.title):
                return earlier
        return None

    def add(self, work: _Work) -> None:
        self.works.append(work)
        if self.index is not None:
            self._file(len(self.works) - 1)
        elif len(self.works) > self.SCAN_LIMIT:
            self.index = defaultdict(list)
            for position in range(len(self.works)):
                self._file(position)

    def _candidates(self, work: _Work):
        """The earlier works, in order, that are not both with a DOI nor in different places."""
        if self.index is None:
            for earlier in self.works:
                if _may_be_one_work(work, earlier):
                    yield earlier
            return
        given = tuple(k for k, value in enumerate(work.places) if value is not None)
        lists = [self.index[key] for key in self._keys(work, given) if key in self.index]
        # Each earlier work is in one list at most (its own values at the places ``work`` gives).
        for position in heapq.merge(*lists) if len(lists) > 1 else (lists[0] if lists else ()):
            yield self.works[position]

    def _file(self, position: int) -> None:
        work = self.works[position]
        assert self.index is not None
        for given in _MASKS:
            self.index[(given, tuple(work.places[k] for k in given), work.has_doi)].append(position)

    @staticmethod
    def _keys(work: _Work, given: tuple[int, ...]):
        """At each place ``work`` gives, an earlier work has its value or none."""
        dois = (False,) if work.has_doi else (False, True)
        for choice in itertools.product(*[(work.places[k], None) for k in given]):
            for has_doi in dois:
                yield (given, choice, has_doi)


def _may_be_one_work(a: _Work, b: _Work) -> bool:
    """Not both with a DOI (two registered works, or duplicate-doi already said so), and no
    place that both give differs (a recurring title such as "Editorial" in another issue)."""
    if a.has_doi and b.has_doi:
        return False
    return all(x is None or y is None or x == y for x, y in zip(a.places, b.places))


@collection_rule("duplicate-work", FAMILY, WARNING,
                 "two entries with the same first author, year and (nearly) the same title",
                 "if they are one work, keep one entry; if not (a reprint, a second part), "
                 "make the titles tell them apart")
def duplicate_work(entries: list[CheckedEntry]):
    # Near-identical titles have the same numbers ("Part 1" is not "Part 2"), so entries are
    # compared only within one (first author, year, title numbers): linear in the number of
    # entries unless one author wrote many same-numbered titles in one year.
    groups: dict[tuple, list[_Work]] = defaultdict(list)
    for entry in entries:
        author, year, title = _first_author(entry), entry.record.year(), _title(entry)
        if author and year is not None and title:
            groups[(author, year)].append(_Work(entry, title))
    for members in groups.values():
        earlier_by_numbers: dict[frozenset[str], _EarlierWorks] = defaultdict(_EarlierWorks)
        for work in members:
            earlier_works = earlier_by_numbers[_numbers(work.title)]
            earlier = earlier_works.first_duplicate(work)
            if earlier is not None:
                yield work.entry, Issue(f"looks like the same work as {_where(earlier.entry)} "
                                        "(same first author, year and title)", "title")
            earlier_works.add(work)


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

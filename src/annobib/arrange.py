"""Ordering and grouping a reading list.

``order_records`` puts records in the order ``--sort`` asks for (the list
is then rendered in that order, so a numbered style numbers it that way);
``group_entries`` splits the rendered list into headed groups. Grouping
never re-renders: each entry keeps the html (and so the Vancouver number)
it has in the whole list, and keeps its place in that list inside its group.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .document import Entry, Group
from .record import Record

SORT_KEYS = ("author", "year", "title", "input")
GROUP_KEYS = ("tag", "type", "year")

UNTAGGED = "Untagged"
UNDATED = "No date"

# Headings for CSL types; any other type gets its name in words.
TYPE_HEADINGS = {
    "article": "Articles",
    "article-journal": "Journal articles",
    "article-magazine": "Magazine articles",
    "article-newspaper": "Newspaper articles",
    "book": "Books",
    "chapter": "Book chapters",
    "dataset": "Datasets",
    "document": "Other documents",
    "entry-dictionary": "Dictionary entries",
    "entry-encyclopedia": "Encyclopedia entries",
    "manuscript": "Manuscripts",
    "pamphlet": "Pamphlets",
    "paper-conference": "Conference papers",
    "patent": "Patents",
    "personal_communication": "Personal communications",
    "post-weblog": "Blog posts",
    "report": "Reports",
    "review": "Reviews",
    "software": "Software",
    "standard": "Standards",
    "thesis": "Theses",
    "webpage": "Web pages",
}

_LEADING_ARTICLE = r"^(the|a|an)\s+"
_LAST = "\uffff"  # sorts after any real text: entries without the key go last


def fold(text: str) -> str:
    """annobib.select.fold, imported on first use: a list neither sorted nor grouped
    loads neither annobib.select nor its patterns (start-up, issue 8)."""
    from .select import fold as select_fold

    return select_fold(text)


def order_records(records: list[Record], sort: str | None) -> list[Record]:
    """``records`` in ``--sort`` order; ``None`` and ``input`` keep the input order."""
    if sort in (None, "input"):
        return list(records)
    if sort not in _SORTERS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORT_KEYS)}")
    return sorted(records, key=_SORTERS[sort])  # stable: ties keep input order


def _first_names(record: Record) -> list[str]:
    """The folded author (else editor) names; an entry with none files under its title, as APA does."""
    names = record.csl.get("author") or record.csl.get("editor") or []
    people = [
        fold(name.get("literal") or " ".join(filter(None, [name.get("family"), name.get("given")])))
        for name in names if isinstance(name, dict)
    ]
    return people or [_title_key(record)[0]]


def _year_of(record: Record) -> int:
    year = record.year()
    return year if year is not None else 10**6  # undated entries go last


def _author_key(record: Record) -> tuple:
    return (_first_names(record), _year_of(record), _title_key(record))


def _year_key(record: Record) -> tuple:
    return (_year_of(record), _first_names(record), _title_key(record))


def _title_key(record: Record) -> tuple:
    title = fold(str(record.csl.get("title") or ""))
    return (re.sub(_LEADING_ARTICLE, "", title) or _LAST,)


_SORTERS: dict[str, Callable[[Record], tuple]] = {
    "author": _author_key,
    "year": _year_key,
    "title": _title_key,
}


def type_heading(csl_type: str) -> str:
    return TYPE_HEADINGS.get(csl_type) or csl_type.replace("_", " ").replace("-", " ").capitalize()


def group_entries(entries: list[Entry], group_by: str | None) -> list[Group]:
    """Split the rendered list into headed groups; ``None`` gives one unheaded group.

    by ``tag``: one group per tag, alphabetical, an entry under each of its
    tags, untagged entries last; by ``type``: alphabetical by heading; by
    ``year``: oldest first, undated last.
    """
    if group_by is None:
        return [Group(None, list(entries))]
    if group_by == "tag":
        return _group_by_tag(entries)
    if group_by == "type":
        return _collect(entries, lambda e: type_heading(e.record.type), key=fold)
    if group_by == "year":
        groups = _collect(entries, lambda e: str(e.record.year() or UNDATED), key=None)
        return sorted(groups, key=_year_order)
    raise ValueError(f"unknown grouping {group_by!r}; choose one of {', '.join(GROUP_KEYS)}")


def _year_order(group: Group) -> tuple[bool, int]:
    """Years in order, the undated group last (the other headings are years)."""
    if group.heading is None or group.heading == UNDATED:
        return True, 0
    return False, int(group.heading)


def _collect(entries: list[Entry], heading_of, key) -> list[Group]:
    groups: dict[str, Group] = {}
    for entry in entries:
        heading = heading_of(entry)
        groups.setdefault(heading, Group(heading, [])).entries.append(entry)
    ordered = list(groups.values())
    return sorted(ordered, key=lambda g: key(g.heading)) if key else ordered


def _group_by_tag(entries: list[Entry]) -> list[Group]:
    groups: dict[str, Group] = {}  # keyed by the folded tag: "Oral" and "oral" are one group
    untagged = Group(UNTAGGED, [])
    for entry in entries:
        seen = set()
        for tag in entry.record.tags:
            folded = fold(tag)
            if not folded or folded in seen:
                continue
            seen.add(folded)
            groups.setdefault(folded, Group(tag, [])).entries.append(entry)
        if not seen:
            untagged.entries.append(entry)
    ordered = [groups[name] for name in sorted(groups)]
    return ordered + ([untagged] if untagged.entries else [])

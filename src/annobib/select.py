"""Stage 3 of the pipeline: keep the Records a reading list asks for.

A ``Selection`` holds the criteria of ``annobib render`` (tags, types, a
year range, authors, search words, keys); ``select`` keeps the records that
meet every criterion given (criteria combine with AND). Text comparisons
are case- and accent-insensitive, so ``--author koder`` finds Köder and
``--search anesthesia`` finds "Anesthésie".

The parsers here (``parse_year_range``, ``resolve_type``) raise ValueError
with a message meant for the user; the CLI turns it into a usage error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .diagnostics import AnnobibError
from .record import Record

# Every item type of CSL 1.0.2: what --type accepts besides BibTeX's names.
CSL_TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter classic
collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
interview legal_case legislation manuscript map motion_picture musical_score pamphlet
paper-conference patent performance periodical personal_communication post post-weblog regulation
report review review-book software song speech standard thesis treaty webpage
""".split())

_YEAR_RANGE = re.compile(r"^\s*(\d{1,4})?\s*(-|–|\.\.)?\s*(\d{1,4})?\s*$")


class EmptySelection(AnnobibError):
    """The criteria matched no entry; the message says which criteria."""


@dataclass(frozen=True)
class Selection:
    tags: tuple[str, ...] = ()
    any_tag: bool = False  # tags combine with OR instead of AND
    types: frozenset[str] = frozenset()  # CSL types; an entry of any of them is kept
    years: tuple[int | None, int | None] | None = None  # inclusive; None = open end
    authors: tuple[str, ...] = ()
    search: str = ""
    keys: tuple[str, ...] = ()
    type_labels: tuple[str, ...] = field(default=(), compare=False)  # as the user wrote them

    def is_empty(self) -> bool:
        return not (self.tags or self.types or self.years or self.authors or self.search.strip() or self.keys)

    def describe(self) -> str:
        """The criteria in words, for the message when nothing matches."""
        parts = []
        if self.keys:
            parts.append("key " + " or ".join(self.keys))
        if self.tags:
            parts.append("tag " + (" or " if self.any_tag else " and ").join(repr(t) for t in self.tags))
        if self.types:
            parts.append("type " + " or ".join(self.type_labels or sorted(self.types)))
        if self.years:
            parts.append("year " + format_year_range(self.years))
        for author in self.authors:
            parts.append(f"author {author!r}")
        if self.search.strip():
            parts.append(f"search {self.search.strip()!r}")
        return ", ".join(parts)


def fold(text: str) -> str:
    """Lower case without accents or markup: the form every comparison uses."""
    text = re.sub(r"<[^>]+>", "", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters NFKD does not split (ø, ß, æ, ł) still compare with their plain forms.
    stripped = stripped.translate(EXTRA_FOLDS)
    return re.sub(r"\s+", " ", stripped).strip()


# Also written into the HTML page's search script (formats/html_page.py), so both fold alike.
EXTRA_FOLDS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
                             "ß": "ss", "ı": "i", "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def parse_year_range(text: str) -> tuple[int | None, int | None]:
    """``2010-2020``, ``2010-``, ``-2020`` or ``2015`` -> (first, last), inclusive."""
    match = _YEAR_RANGE.match(text)
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"{text!r} is not a year or a range of years (write 2015, 2010-2020, 2010- or -2020)")
    first, dash, last = match.groups()
    if not dash:
        if first and last:  # "2010 2020": two numbers with no dash between
            raise ValueError(f"{text!r} is not a year or a range of years (write 2010-2020)")
        year = int(first or last)
        return year, year
    start = int(first) if first else None
    end = int(last) if last else None
    if start is not None and end is not None and start > end:
        raise ValueError(f"{text!r}: the first year is after the last (write {end}-{start})")
    return start, end


def format_year_range(years: tuple[int | None, int | None]) -> str:
    start, end = years
    if start == end:
        return str(start)
    return f"{start if start is not None else ''}-{end if end is not None else ''}"


def resolve_type(name: str) -> frozenset[str]:
    """The CSL types a ``--type`` value stands for: a CSL type, a BibTeX type, or both."""
    from .map.bibtex_to_csl import ENTRY_TYPES

    wanted = name.strip().lower().lstrip("@")
    types = set()
    if wanted in CSL_TYPES:
        types.add(wanted)
    if wanted in ENTRY_TYPES:
        types.add(ENTRY_TYPES[wanted])
    if not types:
        raise ValueError(
            f"unknown type {name!r}; use a CSL type (article-journal, book, chapter, webpage, report, "
            f"thesis, ...) or a BibTeX type (article, inproceedings, online, misc, ...)"
        )
    return frozenset(types)


def select(records: list[Record], selection: Selection) -> list[Record]:
    """The records meeting every criterion, in their input order.

    Raises EmptySelection when none does, and AnnobibError when ``--key``
    names a key that is not in the input at all.
    """
    if selection.keys:
        check_keys(records, selection.keys)
    chosen = [record for record in records if matches(record, selection)]
    if not chosen and records:
        raise EmptySelection(_nothing_matched(records, selection))
    return chosen


def check_keys(records: list[Record], keys: tuple[str, ...] | list[str]) -> None:
    """Raise an error naming every key that is not in ``records``."""
    known = {record.id for record in records}
    unknown = [key for key in dict.fromkeys(keys) if key not in known]
    if not unknown:
        return
    import difflib

    hints = []
    for key in unknown:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hints.append(f"{key} (did you mean {close[0]}?)" if close else key)
    noun = "key" if len(unknown) == 1 else "keys"
    raise AnnobibError(f"unknown {noun}: {', '.join(hints)}")


def matches(record: Record, selection: Selection) -> bool:
    return (
        _matches_keys(record, selection.keys)
        and _matches_tags(record, selection.tags, selection.any_tag)
        and (not selection.types or record.type in selection.types)
        and _matches_years(record, selection.years)
        and all(_matches_author(record, author) for author in selection.authors)
        and _matches_search(record, selection.search)
    )


def _matches_keys(record: Record, keys: tuple[str, ...]) -> bool:
    return not keys or record.id in keys


def _matches_tags(record: Record, tags: tuple[str, ...], any_tag: bool) -> bool:
    if not tags:
        return True
    own = {fold(tag) for tag in record.tags}
    found = [fold(tag) in own for tag in tags]
    return any(found) if any_tag else all(found)


def _matches_years(record: Record, years: tuple[int | None, int | None] | None) -> bool:
    if not years:
        return True
    year = record.year()
    if year is None:  # an undated entry is in no range
        return False
    start, end = years
    return (start is None or year >= start) and (end is None or year <= end)


def author_names(record: Record) -> list[str]:
    """Each author's and editor's name in the forms a reader might type them."""
    forms = []
    for role in ("author", "editor", "translator", "container-author"):
        for name in record.csl.get(role) or []:
            if not isinstance(name, dict):
                continue
            if name.get("literal"):
                forms.append(name["literal"])
                continue
            family = " ".join(filter(None, [name.get("non-dropping-particle"), name.get("family")]))
            given = " ".join(filter(None, [name.get("given"), name.get("dropping-particle")]))
            forms.extend(filter(None, [family, f"{given} {family}".strip(), f"{family}, {given}".strip(", ")]))
    return forms


def _matches_author(record: Record, wanted: str) -> bool:
    """``wanted`` names one of the record's authors or editors.

    A family name alone ("köder", "van den bemt"), or given names and family
    name ("Brigitte Köder", "Patricia van den Bemt", "B. G. Köder"), or
    "Köder, Brigitte": each given word must begin one of the person's given
    names (or be its initial), in order; middle names may be left out.
    """
    needle = fold(wanted).strip(" ,.")
    if not needle:
        return True
    if "," in needle:
        family_part, _, given_part = needle.partition(",")
        splits = [(_words(given_part), _words(family_part))]
    else:
        words = _words(needle)
        splits = [(words[:cut], words[cut:]) for cut in range(len(words))]
        if len(words) > 1 and len(words[-1]) <= 3:  # PubMed's "Koder BG": family name, then initials
            splits.append((list(words[-1]), words[:-1]))
    for name in _person_names(record):
        for given_words, family_words in splits:
            if family_words and _family_matches(name, family_words) and _given_matches(name, given_words):
                return True
    return False


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s.,;]+", text) if word]


def _person_names(record: Record):
    """(given words, family forms) of each author, editor, translator and book author."""
    for role in ("author", "editor", "translator", "container-author"):
        for name in record.csl.get(role) or []:
            if not isinstance(name, dict):
                continue
            if name.get("literal"):  # an organisation: any run of its words
                literal = _words(fold(name["literal"]))
                yield [], [literal[:end] for end in range(1, len(literal) + 1)]
                continue
            family = _words(fold(name.get("family") or ""))
            particle = _words(fold(name.get("non-dropping-particle") or ""))
            given = _words(fold(" ".join(filter(None, [name.get("given"), name.get("dropping-particle")]))))
            yield given, [particle + family, family] if particle else [family]


def _family_matches(name, family_words: list[str]) -> bool:
    _given, forms = name
    # a family name of several words may be given by its last words ("bemt", "den bemt")
    return any(form[-len(family_words):] == family_words for form in forms if len(form) >= len(family_words))


def _given_matches(name, given_words: list[str]) -> bool:
    given, _forms = name
    position = 0
    for word in given_words:
        while position < len(given) and not _begins(given[position], word):
            position += 1
        if position == len(given):
            return False
        position += 1
    return True


def _begins(given: str, word: str) -> bool:
    """``word`` is this given name, its initial, or (hyphenated names) one of its parts."""
    return given == word or (len(word) == 1 and given.startswith(word)) or word in given.split("-")


def searchable_text(record: Record) -> str:
    """Title, annotation, abstract and the full names of the authors and editors, folded."""
    parts = [record.csl.get("title") or "", record.annotation_text or "", record.csl.get("abstract") or "",
             *author_names(record)]
    return fold(" ".join(str(part) for part in parts))


def _matches_search(record: Record, words: str) -> bool:
    """Every word occurs (as the start of a word, so "ketam" finds "ketamine")."""
    terms = fold(words).split()
    if not terms:
        return True
    haystack = searchable_text(record)
    return all(re.search(r"(?<!\w)" + re.escape(term), haystack) for term in terms)


def _nothing_matched(records: list[Record], selection: Selection) -> str:
    message = f"no entry matches the selection ({selection.describe()}) among {len(records)} entries"
    if selection.tags:
        in_use = {fold(tag): tag for record in records for tag in record.tags}
        missing = [tag for tag in selection.tags if fold(tag) not in in_use]
        if missing:
            shown = ", ".join(sorted(in_use.values(), key=fold))
            message += f"; no entry has the tag {', '.join(repr(t) for t in missing)} (tags in use: {shown})"
    return message

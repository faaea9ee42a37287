"""Keep annotation lines that Zotero or citeproc-js would read as fields.

An annotation exported in CSL ``note`` lands in Zotero's Extra. Zotero
(``Zotero.Utilities.Internal.extractExtraFields``) moves every Extra line
matching ``^([a-z][a-z -_]+):(.+)`` (case-insensitive; ``a -_`` is a
character range) whose key, normalised, is a Zotero field, creator type,
CSL variable or ``type`` into that field; citeproc-js takes leading note
lines ``^([-_a-z]+|[A-Z]+):\\s*(.+)$`` and ``{:variable:value}`` as
variables. Either way the line vanishes from the printed annotation.

The rule applied here: such a line gets a WORD JOINER (U+2060, invisible,
not white space, so JavaScript's ``trim()`` keeps it) in front, and ``{:``
becomes ``{`` U+2060 ``:``. Neither pattern then matches, the text prints
unchanged, and annobib's CSL-JSON reader removes the marks again.
"""
from __future__ import annotations

import re

GUARD = "\u2060"

# Zotero item fields (schema 2024/2025) and creator types, CSL 1.0.2 variables, "type".
_ZOTERO_FIELDS = """
title abstractNote artworkMedium medium artworkSize date language shortTitle archive
archiveLocation libraryCatalog callNumber rights extra accessDate url audioRecordingFormat
seriesTitle volume numberOfVolumes place label publisher runningTime ISBN billNumber number
code codeVolume section codePages legislativeBody session history blogTitle publicationTitle
websiteType type series seriesNumber edition numPages bookTitle pages caseName court
dateDecided docketNumber reporter reporterVolume firstPage versionNumber system company
programmingLanguage proceedingsTitle conferenceName DOI dictionaryTitle subject
encyclopediaTitle distributor genre videoRecordingFormat forumTitle postType committee
documentNumber interviewMedium issue seriesText journalAbbreviation ISSN letterType
manuscriptType mapType scale country assignee issuingAuthority patentNumber filingDate
applicationNumber priorityNumbers issueDate references legalStatus episodeNumber
audioFileType presentationType meetingName programTitle network reportNumber reportType
institution nameOfAct codeNumber publicLawNumber dateEnacted thesisType university studio
websiteTitle identifier repository archiveID citationKey organization status format
originalDate originalPublisher originalPlace PMID PMCID arXivID
author contributor editor translator seriesEditor bookAuthor reviewedAuthor artist
performer composer wordsBy sponsor cosponsor counsel commenter director scriptwriter
producer castMember guest host narrator podcaster presenter recipient interviewee
interviewer cartographer inventor attorneyAgent programmer
""".split()
_CSL_VARIABLES = """
abstract annote archive archive_collection archive_location archive-place authority
call-number chapter-number citation-key citation-label citation-number collection-title
collection-number container-title container-title-short dimensions division DOI edition
event event-title event-place event-date first-reference-note-number genre ISBN ISSN
issue issued jurisdiction keyword language license locator medium note number
number-of-pages number-of-volumes original-publisher original-publisher-place
original-title page page-first part part-title PMCID PMID printing publisher
publisher-place references reviewed-genre reviewed-title scale section source status
supplement title title-short URL version volume volume-title volume-title-short
year-suffix accessed available-date original-date submitted categories id type
author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director editor-translator executive-producer guest host
illustrator interviewer narrator organizer original-author performer producer recipient
reviewed-author script-writer series-creator translator
""".split()


def _normalize(key: str) -> str:
    """Zotero's ``_normalizeExtraKey``: fooBar -> foo-bar, lower case, spaces/_ -> hyphens."""
    key = re.sub(r"([a-z])([A-Z])", r"\1-\2", key.strip())
    return re.sub(r"[\s\-_]", "-", key.lower())


KNOWN_KEYS = frozenset(_normalize(name) for name in _ZOTERO_FIELDS + _CSL_VARIABLES)
_ZOTERO_LINE = re.compile(r"^([a-z][\x20-\x5fa-z]+):(.+)", re.I)
_CITEPROC_LINE = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")


def field_key(line: str) -> str | None:
    """The field name Zotero or citeproc-js would take this line for, else None."""
    for pattern in (_ZOTERO_LINE, _CITEPROC_LINE):
        match = pattern.match(line)
        if match and _normalize(match.group(1)) in KNOWN_KEYS:
            return match.group(1).strip()
    return None


def guard_note(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Return the text with field-like lines guarded, and ``[(line_number, key)]`` of those lines."""
    guarded, found = [], []
    for number, line in enumerate(text.split("\n"), 1):
        key = field_key(line)
        if key is not None:
            found.append((number, key))
            line = GUARD + line
        if "{:" in line:
            found.append((number, "{:…}"))
            line = line.replace("{:", "{" + GUARD + ":")
        guarded.append(line)
    return "\n".join(guarded), found


def unguard_note(text: str) -> str:
    """Undo ``guard_note`` (for readers of CSL-JSON that this project wrote)."""
    text = re.sub("(^|\n)" + GUARD, r"\1", text)
    return text.replace("{" + GUARD + ":", "{:")


# CSL variables Zotero has no field for in some item types: its CSL JSON import
# drops them. Written instead as leading note lines ``variable: value``, which
# Zotero keeps in Extra (the field is not valid for the type) and citeproc-js
# reads back into the variable when it renders, removing the line.
ZOTERO_MISSING_FIELDS = {
    "webpage": ("publisher", "publisher-place"),
    "post": ("publisher", "publisher-place"),
    "post-weblog": ("publisher", "publisher-place"),
}


def field_lines(item: dict) -> list[str]:
    """Pop the variables Zotero would drop for this item's type; return them as note lines."""
    lines = []
    for variable in ZOTERO_MISSING_FIELDS.get(item.get("type", ""), ()):
        value = item.get(variable)
        if isinstance(value, str) and value.strip() and "\n" not in value:
            lines.append(f"{variable}: {item.pop(variable)}")
    return lines


_LEADING_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")
_TEXT_VARIABLES = frozenset(v for v in _CSL_VARIABLES if v not in (
    "issued accessed original-date event-date submitted available-date id type categories "
    "author chair collection-editor compiler composer container-author contributor curator director "
    "editor editorial-director editor-translator executive-producer guest host illustrator interviewer "
    "narrator organizer original-author performer producer recipient reviewed-author script-writer "
    "series-creator translator").split())


def note_to_annotation(note: str, item: dict) -> str:
    """A CSL note as the annotation, read the way citeproc-js reads it.

    Leading ``variable: value`` lines (Zotero's Extra convention, and what
    ``field_lines`` writes) set that text variable when the item lacks it and
    are removed; the rest is the annotation, with ``guard_note``'s marks undone.
    """
    lines = note.split("\n")
    while lines:
        match = _LEADING_FIELD.match(lines[0].strip())
        if not match or match.group(1) not in _TEXT_VARIABLES:
            break
        variable, value = match.group(1), match.group(2).strip()
        if item.get(variable) not in (None, "", value):
            break
        item[variable] = value
        lines.pop(0)
    return unguard_note("\n".join(lines).strip("\n"))

"""The types of CSL-JSON input, from the CSL project's schema (csl-data.json).

The CSL project publishes its input schema (citation-style-language/schema,
``schemas/input/csl-data.json``, JSON Schema draft 7) but no package on
PyPI or npm carries it, so its types are written out here: which variables
are strings, which strings or numbers, which name lists and which dates,
and what a name and a date hold. ``FIELD_SCHEMAS`` gives one JSON Schema a
variable; the reader validates each field of an item against its own with
``jsonschema`` and drops only the fields that fail.

Two deliberate differences from the published schema: names and dates
accept keys the schema does not list (other programs add their own, and a
whole author list is not lost for one), and ``keyword`` may also be a list
of strings (several exporters write tags that way).
"""
from __future__ import annotations

STRING = {"type": "string"}
STRING_OR_NUMBER = {"type": ["string", "number"]}
FLAG = {"type": ["string", "number", "boolean"]}

_STRING_VARIABLES = (
    "language", "journalAbbreviation", "shortTitle", "abstract", "annote", "archive", "archive_collection",
    "archive_location", "archive-place", "authority", "call-number", "citation-label", "collection-title",
    "container-title", "container-title-short", "dimensions", "division", "DOI", "event", "event-place", "genre",
    "ISAN", "ISBN", "ISCI", "ISMN", "ISRC", "ISSN", "ISWC", "jurisdiction", "medium", "note", "original-publisher",
    "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher", "publisher-place",
    "references", "reviewed-title", "scale", "section", "source", "status", "title", "title-short",
    "translated-title", "translated-title-short", "URL", "version", "year-suffix", "type",
)
_STRING_OR_NUMBER_VARIABLES = (
    "id", "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part", "printing",
    "supplement", "volume",
)
_NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
    "director", "editor", "editorial-director", "executive-producer", "interviewer", "illustrator", "organizer",
    "original-author", "performer", "producer", "recipient", "reviewed-author", "translator",
)
DATE_VARIABLES = ("accessed", "available-date", "container", "event-date", "issued", "original-date", "submitted")

NAME = {
    "type": "object",
    "properties": {
        **{part: STRING for part in ("family", "given", "dropping-particle", "non-dropping-particle", "suffix",
                                     "literal")},
        **{flag: FLAG for flag in ("comma-suffix", "static-ordering", "parse-names")},
    },
}
DATE_OBJECT = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array", "minItems": 1, "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": STRING_OR_NUMBER},
        },
        "season": STRING_OR_NUMBER,
        "circa": FLAG,
        "literal": STRING,
        "raw": STRING,
        "edtf": STRING,
    },
}

FIELD_SCHEMAS: dict[str, dict] = {
    **{name: STRING for name in _STRING_VARIABLES},
    **{name: STRING_OR_NUMBER for name in _STRING_OR_NUMBER_VARIABLES},
    **{name: {"type": "array", "items": NAME} for name in _NAME_VARIABLES},
    # A date given as a string (EDTF) is parsed by the reader before it is checked.
    **{name: DATE_OBJECT for name in DATE_VARIABLES},
    "categories": {"type": "array", "items": STRING},
    "keyword": {"anyOf": [STRING, {"type": "array", "items": STRING}]},
    "custom": {"type": "object"},
}

# What a field is, in words, for the diagnostic that drops it.
def expected(name: str) -> str:
    if name in _NAME_VARIABLES:
        return "a list of names (objects with family/given or literal)"
    if name in DATE_VARIABLES:
        return "a date (an object with date-parts, or an EDTF string)"
    if name in _STRING_OR_NUMBER_VARIABLES:
        return "a string or a number"
    if name == "keyword":
        return "a string"
    if name == "categories":
        return "a list of strings"
    if name == "custom":
        return "an object"
    return "a string"

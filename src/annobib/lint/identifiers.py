"""Identifiers that do not have the form they must have: DOI, PMID, PMCID, ISBN, ISSN, URL.

Check digits are computed, so a mistyped ISBN or ISSN is caught even when
it looks right. For .bib input the raw field is checked (with its line);
for other formats the CSL variable.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .entries import CheckedEntry
from .registry import ERROR, WARNING, Issue, entry_rule

FAMILY = "identifiers"

# Crossref's pattern covers nearly every DOI ever registered; the few older
# ones with other characters still start "10.NNNN/" and have no spaces.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|https?://doi\.acm\.org/|doi:\s*|DOI\s+)", re.I)


def verbatim(value: str) -> str:
    """A URL or DOI as BibTeX means it: without \\url{}, braces and escapes (spaces kept, to be reported)."""
    value = re.sub(r"^\s*\\(?:url|href)\s*\{(.*?)\}(?:\{.*\})?\s*$", r"\1", value.strip(), flags=re.S)
    value = re.sub(r"\\([_%#&$~])", r"\1", value)
    return value.replace("{", "").replace("}", "").strip()


def canonical_doi(value: str) -> str:
    """The bare DOI (``10.xxxx/…``) from a DOI written as a link or with ``doi:``."""
    return DOI_PREFIX.sub("", verbatim(value)).strip()


def _identifier(entry: CheckedEntry, field_name: str, variable: str) -> tuple[str | None, str]:
    """The raw value of a .bib field, else the CSL variable, with the field to point at."""
    if entry.raw is not None:
        value = entry.raw_field(field_name)
        return (verbatim(value) if value else None), field_name
    value = entry.record.csl.get(variable)
    return (str(value).strip() if value not in (None, "") else None), field_name


@entry_rule("doi-syntax", FAMILY, ERROR,
            "a DOI that is not of the form 10.NNNN/suffix",
            "a DOI starts with 10., has a registrant number, a slash and a suffix, "
            "and no spaces; copy it from the article's landing page")
def doi_syntax(entry: CheckedEntry):
    value, field_name = _identifier(entry, "doi", "DOI")
    if not value:
        return
    doi = canonical_doi(value)
    if re.search(r"\s", doi):
        yield Issue(f"DOI '{doi}' contains a space", field_name)
    elif not DOI_PATTERN.match(doi):
        yield Issue(f"DOI '{doi}' is not of the form 10.NNNN/suffix", field_name)
    elif doi[-1] in ".,;":
        yield Issue(f"DOI '{doi}' ends in '{doi[-1]}', most likely punctuation copied with it", field_name,
                    "remove the trailing punctuation")


@entry_rule("doi-form", FAMILY, WARNING,
            "a DOI written as a link or with a doi: prefix",
            "write the bare DOI (10.…); styles add https://doi.org/ themselves. "
            "'annobib check --fix' does this")
def doi_form(entry: CheckedEntry):
    if entry.raw is None:
        return
    value = entry.raw_field("doi")
    if value and DOI_PREFIX.match(verbatim(value)):
        yield Issue(f"DOI written as '{verbatim(value)}'; the field should hold only '{canonical_doi(value)}'", "doi")


@entry_rule("pmid-syntax", FAMILY, ERROR,
            "a PMID that is not a number",
            "a PubMed ID is digits only (e.g. pmid = {23432384}); drop any 'PMID:' prefix")
def pmid_syntax(entry: CheckedEntry):
    value, field_name = _identifier(entry, "pmid", "PMID")
    if not value and entry.raw is not None and (entry.raw_field("eprinttype") or "").lower() == "pubmed":
        value, field_name = verbatim(entry.raw_field("eprint") or "") or None, "eprint"
    if value and not re.fullmatch(r"[1-9]\d{0,8}", value):
        yield Issue(f"PMID '{value}' is not a PubMed ID (a number of at most 9 digits)", field_name)


@entry_rule("pmcid-syntax", FAMILY, ERROR,
            "a PMCID that is not PMC followed by digits",
            "a PubMed Central ID is 'PMC' and digits (e.g. pmcid = {PMC4014022})")
def pmcid_syntax(entry: CheckedEntry):
    value, field_name = _identifier(entry, "pmcid", "PMCID")
    if value and not re.fullmatch(r"PMC\d+", value):
        hint = f"write it as PMC{value}" if value.isdigit() else None
        yield Issue(f"PMCID '{value}' is not 'PMC' followed by digits", field_name, hint)


def isbn_problem(isbn: str) -> str | None:
    """Why an ISBN (hyphens and spaces removed) is wrong, or None when its check digit holds."""
    isbn = isbn.upper()
    if re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return None if total % 11 == 0 else "its ISBN-10 check digit is wrong"
    if re.fullmatch(r"\d{13}", isbn):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(isbn))
        if not isbn.startswith(("978", "979")):
            return "an ISBN-13 starts with 978 or 979"
        return None if total % 10 == 0 else "its ISBN-13 check digit is wrong"
    return "an ISBN has 10 or 13 digits"


def issn_problem(issn: str) -> str | None:
    issn = issn.upper()
    if not re.fullmatch(r"\d{7}[\dX]", issn):
        return "an ISSN has 8 characters, NNNN-NNNC"
    total = sum((8 - i) * int(c) for i, c in enumerate(issn[:7]))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return None if issn[7] == expected else "its check digit is wrong"


def _numbers(value: str, label: str) -> list[tuple[str, str]]:
    """Split a field that may hold several ISBNs/ISSNs; return (as written, compact) pairs.

    A remark in parentheses ("(pbk.)") and a leading "ISBN" label are allowed.
    """
    found: list[tuple[str, str]] = []
    # Mendeley writes the line breaks between several numbers as "$\backslash$r".
    value = re.sub(r"\$\\backslash\$[rn]|\\[rn]", " ", value)
    for part in re.split(r"[,;/]|\s+and\s+", value):
        part = re.sub(r"\([^)]*\)", "", part)
        part = re.sub(rf"^\s*{label}(?:-1[03]|-L)?\s*:?\s*", "", part, flags=re.I).strip()
        if not part:
            continue
        tokens = part.split()
        compacts = [_compact(token) for token in tokens]
        if len(tokens) > 1 and all(len(c) in (8, 10, 13) for c in compacts):
            found.extend(zip(tokens, compacts))  # several numbers separated by spaces
        else:
            found.append((part, _compact(part)))
    return found


def _compact(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u2013]", "", text)


@entry_rule("isbn-checksum", FAMILY, ERROR,
            "an ISBN with the wrong length or check digit",
            "copy the ISBN from the book's imprint page or a library catalogue; "
            "its last digit is a check digit, so one typo shows")
def isbn_checksum(entry: CheckedEntry):
    value, field_name = _identifier(entry, "isbn", "ISBN")
    if not value:
        return
    for written, compact in _numbers(value, "ISBN"):
        problem = isbn_problem(compact)
        if problem and issn_problem(compact) is None:
            yield Issue(f"'{written}' in the ISBN field is an ISSN", field_name, "move it to issn = {…}")
        elif problem:
            yield Issue(f"ISBN '{written}' is not valid: {problem}", field_name)


@entry_rule("issn-checksum", FAMILY, ERROR,
            "an ISSN with the wrong form or check digit",
            "copy the ISSN from the journal's site or the ISSN portal (https://portal.issn.org)")
def issn_checksum(entry: CheckedEntry):
    value, field_name = _identifier(entry, "issn", "ISSN")
    if not value:
        return
    for written, compact in _numbers(value, "ISSN"):
        problem = issn_problem(compact)
        if problem:
            yield Issue(f"ISSN '{written}' is not valid: {problem}", field_name)


@entry_rule("url-scheme", FAMILY, WARNING,
            "a URL that is not an http(s) address",
            "give the whole address starting with https:// (or http://); "
            "put a DOI in the doi field")
def url_scheme(entry: CheckedEntry):
    value, field_name = _identifier(entry, "url", "URL")
    if not value:
        return
    if re.search(r"\s", value):
        yield Issue(f"URL '{value}' contains spaces (two URLs, or a broken line?)", field_name,
                    "keep one address per url field; encode a space in an address as %20")
        return
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return
    if DOI_PATTERN.match(value) or value.lower().startswith("doi:"):
        yield Issue(f"URL '{value}' is a DOI", field_name, "move it to doi = {…}")
    elif not parts.scheme:
        yield Issue(f"URL '{value}' has no scheme", field_name, f"write it as https://{value}")
    else:
        yield Issue(f"URL '{value}' is not an http(s) address", field_name)

"""What kind of identifier the user typed, in its canonical form, checked before anything is asked.

A DOI (bare, ``doi:`` or a doi.org link), a PMID (``pmid:`` or digits, or a
pubmed.ncbi.nlm.nih.gov link), a PMCID (``PMC…``), an arXiv id (new style
``2104.12255``, old style ``quant-ph/0201082``, either with a version ``v2``,
with or without ``arXiv:`` or an arxiv.org link) or an ISBN-10/13 (hyphens
allowed; an ISBN-10 becomes its ISBN-13). Malformed ones (bad DOI syntax, a
wrong ISBN check digit, a PMID that is not digits, an arXiv month 13) are
refused here, so no registry is asked about them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from ..lint.identifiers import DOI_PATTERN, canonical_doi, isbn_problem

KINDS = ("doi", "pmid", "pmcid", "arxiv", "isbn")
LABELS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "arxiv": "arXiv", "isbn": "ISBN"}

_PREFIXES = re.compile(r"^(doi|pmid|pmcid|arxiv|isbn)\s*:\s*", re.I)
_PUBMED_LINK = re.compile(r"^https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/"
                          r"(\d+)/?$", re.I)
_PMC_LINK = re.compile(r"^https?://(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pmc/articles|pmc\.ncbi\.nlm\.nih\.gov/articles)/"
                       r"(PMC\d+)/?$", re.I)
_ARXIV_LINK = re.compile(r"^https?://(?:export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", re.I)
_DOI_LINK = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|https?://doi\.acm\.org/)", re.I)
# arXiv: new style YYMM.NNNN (from 2007-04) or YYMM.NNNNN (from 2015-01); old style archive(.XX)/YYMMNNN.
_ARXIV_NEW = re.compile(r"^(\d{2})(\d{2})\.(\d{4,5})(v[1-9]\d*)?$")
_ARXIV_OLD = re.compile(r"^([a-z]+(?:-[a-z]+)?)(\.[A-Z]{2})?/(\d{2})(\d{2})(\d{3})(v[1-9]\d*)?$")
_ISBNISH = re.compile(r"^(?:97[89][\s-]?)?\d[\d\s-]{7,15}[\dXx]$")


class IdentifierError(ValueError):
    """An identifier that is malformed or of no kind annobib knows; the message names it."""


@dataclass(frozen=True)
class Identifier:
    kind: str    # one of KINDS
    value: str   # canonical: bare DOI, digits, PMC123, arXiv id as given (with its version), ISBN-13
    typed: str = field(compare=False)  # what the user typed, for messages (doi:X and X are one identifier)

    @property
    def label(self) -> str:
        """``DOI 10.1/x``, ``PMID 123``: how messages and the Source comment name it."""
        if self.kind == "arxiv":
            return f"arXiv:{self.value}"
        return f"{LABELS[self.kind]} {self.value}"

    @property
    def unversioned(self) -> str:
        """An arXiv id without its version (other kinds: the value)."""
        return re.sub(r"v\d+$", "", self.value) if self.kind == "arxiv" else self.value


def parse_identifier(text: str, kind: str | None = None) -> Identifier:
    """The Identifier ``text`` stands for; ``kind`` (from --doi, --pmid, …) skips the guessing."""
    typed = text
    text = text.strip()
    prefix = _PREFIXES.match(text)
    if prefix:
        named = prefix.group(1).lower()
        if kind and kind != named:
            raise IdentifierError(f"'{typed}' is written as a {LABELS[named]} but was given as --{kind}")
        kind, text = named, text[prefix.end():].strip()
    kind = kind or _guess_kind(text)
    if kind is None:
        raise IdentifierError(f"'{typed}' is not a DOI, PMID, PMCID, arXiv id or ISBN; "
                              "name its kind with --doi, --pmid, --pmcid, --arxiv or --isbn")
    return Identifier(kind, _CANONICAL[kind](text, typed), typed)


def _guess_kind(text: str) -> str | None:
    if _DOI_LINK.match(text) or text.startswith("10."):
        return "doi"
    if _PUBMED_LINK.match(text):
        return "pmid"
    if _PMC_LINK.match(text) or re.fullmatch(r"PMC\d+", text, re.I):
        return "pmcid"
    if _ARXIV_LINK.match(text) or _ARXIV_NEW.match(text) or _ARXIV_OLD.match(text):
        return "arxiv"
    compact = re.sub(r"[\s-]", "", text)
    if re.fullmatch(r"\d{1,9}", text):
        return "pmid"  # up to 9 digits; an ISBN has 10 or 13
    if _ISBNISH.match(text) and len(compact) in (10, 13):
        return "isbn"
    return None


def _doi(text: str, typed: str) -> str:
    doi = canonical_doi(_DOI_LINK.sub("", text))
    doi = unquote(doi) if "%" in doi else doi  # a DOI copied from a link may be percent-encoded
    if re.search(r"\s", doi):
        raise IdentifierError(f"DOI '{typed}' contains a space")
    if not DOI_PATTERN.match(doi):
        raise IdentifierError(f"'{typed}' is not a DOI: a DOI is 10.NNNN/suffix (e.g. 10.1111/bcp.12094)")
    if doi[-1] in ".,;":
        raise IdentifierError(f"DOI '{typed}' ends in '{doi[-1]}', most likely punctuation copied with it")
    return doi


def _pmid(text: str, typed: str) -> str:
    link = _PUBMED_LINK.match(text)
    value = link.group(1) if link else text
    if not re.fullmatch(r"[1-9]\d{0,8}", value):
        raise IdentifierError(f"PMID '{typed}' is not a PubMed ID: a PMID is a number of at most 9 digits")
    return value


def _pmcid(text: str, typed: str) -> str:
    link = _PMC_LINK.match(text)
    value = (link.group(1) if link else text).upper()
    if re.fullmatch(r"\d+", value):
        value = "PMC" + value
    if not re.fullmatch(r"PMC[1-9]\d{0,9}", value):
        raise IdentifierError(f"PMCID '{typed}' is not 'PMC' followed by digits (e.g. PMC4014022)")
    return value


def _arxiv(text: str, typed: str) -> str:
    link = _ARXIV_LINK.match(text)
    value = link.group(1) if link else text
    new = _ARXIV_NEW.match(value)
    if new:
        year, month, number = int(new.group(1)), int(new.group(2)), new.group(3)
        problem = _arxiv_month_problem(month)
        if problem is None and (year, month) < (7, 4):
            problem = "new-style ids start in April 2007 (0704.)"
        if problem is None and (len(number) == 5) != ((year, month) >= (15, 1)):
            problem = ("ids from 2015 on have 5 digits after the dot" if len(number) == 4
                       else "ids before 2015 have 4 digits after the dot")
        if problem:
            raise IdentifierError(f"arXiv id '{typed}' is malformed: {problem}")
        return value
    old = _ARXIV_OLD.match(value)
    if old:
        problem = _arxiv_month_problem(int(old.group(4)))
        if problem:
            raise IdentifierError(f"arXiv id '{typed}' is malformed: {problem}")
        return value
    raise IdentifierError(f"'{typed}' is not an arXiv id: new style 2104.12255 or old style quant-ph/0201082, "
                          "optionally with a version (v2)")


def _arxiv_month_problem(month: int) -> str | None:
    if not 1 <= month <= 12:
        return f"month {month:02d} (YYMM) is not 01-12"
    return None


def _isbn(text: str, typed: str) -> str:
    compact = re.sub(r"[\s\-\u2010\u2011]", "", text).upper()
    problem = isbn_problem(compact)
    if problem:
        raise IdentifierError(f"ISBN '{typed}' is not valid: {problem}")
    return isbn13(compact)


def isbn13(isbn: str) -> str:
    """The ISBN-13 of a valid ISBN-10 or ISBN-13 (hyphen-free)."""
    if len(isbn) == 13:
        return isbn
    stem = "978" + isbn[:9]
    check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(stem)) % 10) % 10
    return stem + str(check)


_CANONICAL = {"doi": _doi, "pmid": _pmid, "pmcid": _pmcid, "arxiv": _arxiv, "isbn": _isbn}

"""What APA 7 and Vancouver print for a reference and the entry does not give.

These rules read the Record (the CSL item), so they apply to every input
format and follow annobib's own type mapping (a @misc with a URL is a web
page, a @techreport a report).
"""
from __future__ import annotations

from .entries import CheckedEntry
from .registry import WARNING, Issue, entry_rule

FAMILY = "required"


def _in_press(entry: CheckedEntry) -> bool:
    """An article not yet published has no volume or pages to give."""
    return bool(entry.record.csl.get("status"))


@entry_rule("article-volume", FAMILY, WARNING,
            "a journal article has no volume",
            "add volume = {…}; APA and Vancouver print it after the journal title")
def article_volume(entry: CheckedEntry):
    if entry.csl_type == "article-journal" and not entry.record.csl.get("volume") and not _in_press(entry):
        yield Issue("journal article has no volume", "journal")


@entry_rule("article-pages", FAMILY, WARNING,
            "a journal article has neither pages nor an article number",
            "add pages = {first--last}, or eid = {…} for an article number")
def article_pages(entry: CheckedEntry):
    if entry.csl_type != "article-journal" or entry.record.csl.get("page") or _in_press(entry):
        return
    if entry.raw_field("eid") or entry.raw_field("articleno"):
        return
    yield Issue("journal article has no pages or article number", "journal")


@entry_rule("article-locator", FAMILY, WARNING,
            "a journal article has no DOI, and no PMID, PMCID or URL either",
            "add doi = {10.…} (look it up at https://search.crossref.org); "
            "without one, a PMID or URL lets readers find it")
def article_locator(entry: CheckedEntry):
    csl = entry.record.csl
    if entry.csl_type != "article-journal":
        return
    if any(csl.get(name) for name in ("DOI", "PMID", "PMCID", "URL")):
        return
    yield Issue("journal article has no DOI (nor PMID, PMCID or URL)", "journal")


@entry_rule("book-publisher", FAMILY, WARNING,
            "a book has no publisher",
            "add publisher = {…}; APA 7 prints it in place of the city")
def book_publisher(entry: CheckedEntry):
    if entry.csl_type == "book" and not entry.record.csl.get("publisher"):
        yield Issue("book has no publisher", "title")


@entry_rule("webpage-url", FAMILY, WARNING,
            "a web page has no URL",
            "add url = {https://…}; a web page is cited by its address")
def webpage_url(entry: CheckedEntry):
    if entry.csl_type == "webpage" and not entry.record.csl.get("URL"):
        yield Issue("web page has no URL", "title")


@entry_rule("report-institution", FAMILY, WARNING,
            "a report has no issuing institution",
            "add institution = {…} (the body that issued the report)")
def report_institution(entry: CheckedEntry):
    if entry.csl_type == "report" and not entry.record.csl.get("publisher"):
        yield Issue("report has no institution", "title")


@entry_rule("no-date", FAMILY, WARNING,
            "an entry has no date at all (APA prints n.d.; Vancouver prints nothing)",
            "add year = {…} or date = {YYYY-MM-DD}; an undated web page needs "
            "urldate = {YYYY-MM-DD} instead, so APA can say when it was retrieved")
def no_date(entry: CheckedEntry):
    csl = entry.record.csl
    if csl.get("issued") or csl.get("status"):  # "in press" is a date APA prints
        return
    # APA 7 cites an undated web page as (n.d.) with its retrieval date: complete as it stands.
    if entry.csl_type == "webpage" and csl.get("accessed"):
        return
    if entry.raw_field("month") and not entry.raw_field("year"):
        yield Issue("entry has a month but no year, so no date at all", "month")
    else:
        yield Issue("entry has no date")

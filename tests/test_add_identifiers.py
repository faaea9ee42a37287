"""Identifier recognition and the checks made before any registry is asked."""
from __future__ import annotations

import pytest
from tests.add_helpers import add, network_guard_fixture, replay_fixture  # noqa: F401  (fixtures)

from annobib.sources.identifiers import IdentifierError, isbn13, parse_identifier


@pytest.mark.parametrize("typed, kind, value", [
    ("10.1111/bcp.12094", "doi", "10.1111/bcp.12094"),
    ("doi:10.1111/bcp.12094", "doi", "10.1111/bcp.12094"),
    ("DOI: 10.1111/bcp.12094", "doi", "10.1111/bcp.12094"),
    ("https://doi.org/10.1111/bcp.12094", "doi", "10.1111/bcp.12094"),
    ("http://dx.doi.org/10.1016/S0885-3924(01)00253-6", "doi", "10.1016/S0885-3924(01)00253-6"),
    ("https://doi.org/10.1890/0012-9615%281999%29069%5B0569%3AEDILSA%5D2.0.CO%3B2", "doi",
     "10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2"),
    ("7784107", "pmid", "7784107"),
    ("pmid:7784107", "pmid", "7784107"),
    ("PMID: 9997", "pmid", "9997"),
    ("https://pubmed.ncbi.nlm.nih.gov/23432384/", "pmid", "23432384"),
    ("PMC4014022", "pmcid", "PMC4014022"),
    ("pmc4014022", "pmcid", "PMC4014022"),
    ("pmcid:PMC4014022", "pmcid", "PMC4014022"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4014022/", "pmcid", "PMC4014022"),
    ("2104.12255", "arxiv", "2104.12255"),
    ("2104.12255v1", "arxiv", "2104.12255v1"),
    ("1605.08386", "arxiv", "1605.08386"),
    ("0704.0001", "arxiv", "0704.0001"),
    ("arXiv:1707.08567v2", "arxiv", "1707.08567v2"),
    ("quant-ph/0201082v1", "arxiv", "quant-ph/0201082v1"),
    ("astro-ph/0601001", "arxiv", "astro-ph/0601001"),
    ("math.GT/0309136", "arxiv", "math.GT/0309136"),
    ("https://arxiv.org/abs/2104.12255v1", "arxiv", "2104.12255v1"),
    ("https://arxiv.org/pdf/1605.08386.pdf", "arxiv", "1605.08386"),
    ("9780099560432", "isbn", "9780099560432"),
    ("978-0-00-811749-8", "isbn", "9780008117498"),
    ("0008117497", "isbn", "9780008117498"),     # ISBN-10 -> its ISBN-13
    ("isbn:0-918024-56-0", "isbn", "9780918024565"),
    ("080442957X", "isbn", "9780804429573"),
])
def test_recognised(typed, kind, value):
    identifier = parse_identifier(typed)
    assert (identifier.kind, identifier.value) == (kind, value)


@pytest.mark.parametrize("typed, kind, message", [
    ("10.1111/bcp.12094.", None, "ends in '.'"),
    ("10.11/x", None, "is not a DOI"),
    ("10.1111/bcp 12094", None, "contains a space"),
    ("12a45", "pmid", "not a PubMed ID"),
    ("0123", "pmid", "not a PubMed ID"),
    ("PMCX12", "pmcid", "is not 'PMC' followed by digits"),
    ("0000.0000", None, "month 00"),
    ("1613.00001", None, "month 13"),
    ("0808.05394", None, "before 2015 have 4 digits"),
    ("1707.0856", None, "from 2015 on have 5 digits"),
    ("0612.0001", None, "start in April 2007"),
    ("abc", "arxiv", "is not an arXiv id"),
    ("9780099560433", None, "ISBN-13 check digit is wrong"),
    ("0008117498", None, "ISBN-10 check digit is wrong"),
    ("9790099560432x", "isbn", "10 or 13 digits"),
    ("abc", None, "is not a DOI, PMID, PMCID, arXiv id or ISBN"),
    ("pmid:10.1111/x", "doi", "written as a PMID but was given as --doi"),
])
def test_malformed_refused_with_the_reason(typed, kind, message):
    with pytest.raises(IdentifierError) as caught:
        parse_identifier(typed, kind)
    assert message in str(caught.value) and typed in str(caught.value)


def test_named_kind_wins_over_the_guess():
    assert parse_identifier("0008117497", "isbn").kind == "isbn"
    assert parse_identifier("1605.08386", "arxiv").kind == "arxiv"
    assert parse_identifier("7784107", "pmid").value == "7784107"
    assert parse_identifier("4014022", "pmcid").value == "PMC4014022"


def test_isbn10_to_13_matches_the_books_own_pair():
    # Google Books lists both numbers of each recorded book.
    assert isbn13("0099560437") == "9780099560432"
    assert isbn13("0918024560") == "9780918024565"


def test_malformed_ids_are_not_asked_and_the_file_is_untouched(replay, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"% my file\n")
    for typed, option in (("10.1111/bcp.12094.", None), ("12a45", "--pmid"), ("9780099560433", None),
                          ("0808.05394", None), ("abc", None)):
        result = add(bib, *([option, typed] if option else [typed]))
        assert result.exit_code == 1, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and typed in lines[0] and "nothing was asked" in lines[0]
    assert replay.log == []
    assert bib.read_bytes() == b"% my file\n"

"""Hold the bundled references.bib to its rules.

The file is parsed with bibtexparser 2 directly (default middlewares), so
these tests do not depend on annobib's own code.
"""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest

BIB_PATH = Path(__file__).parents[1] / "references.bib"

# Article first, then its references in the article's numbered order, each
# primary source right after the secondary entry it stands behind.
EXPECTED_KEYS = [
    "justusnd",
    "persson1995",
    "blonk2010",
    "mitchell2001",
    "uic2022",
    "bredlau2013",
    "niesters2014",
    "painmedicinenews2018",
    "cohen2018",
    "schwenk2018",
    "cha2019",
]

WEB_PAGES = {"justusnd", "uic2022", "painmedicinenews2018", "cha2019"}
CORPORATE_AUTHORS = {"uic2022", "cha2019"}
NO_AUTHOR = {"painmedicinenews2018"}

ROUTE = {"oral", "intravenous", "subcutaneous"}
EVIDENCE = {
    "case report",
    "review",
    "systematic review",
    "guideline",
    "news",
    "clinical tip sheet",
    "personal account",
}
TOPIC = {"allodynia", "neuropathic pain", "cancer pain", "dosing", "safety"}
VOCABULARY = ROUTE | EVIDENCE | TOPIC

# Every dose each source reports, written as /work/shared/sources.md gives it
# (hyphen for ranges). Each phrase must appear in that entry's annotation,
# and every dose figure in the annotation must come from these phrases.
DOSES: dict[str, set[str]] = {
    "justusnd": {
        "oral ketamine 150-200 mg/day",
        "2-hour infusion of 0.5-1 mg/kg",
        "75 mg/day",
        "over 400 mg/day for 2-4 years",
        "over 1000 mg/day",
    },
    "persson1995": set(),
    "blonk2010": {"0.5 mg/kg racemic ketamine or 0.25 mg/kg S-ketamine"},
    "mitchell2001": {"subcutaneous ketamine infusion of 200 mg/24 h"},
    "uic2022": {"0.75-1.5 mg/kg/day", "150 mg/day or 0.5 mg/kg every 6 hours"},
    "bredlau2013": {"0.75-1.5 mg/kg/day"},
    "niesters2014": set(),
    "painmedicinenews2018": {
        "bolus of up to 0.35 mg/kg",
        "infusion of 0.5-2 mg/kg per hour",
    },
    "cohen2018": {
        "bolus of up to 0.35 mg/kg",
        "infusion of 0.5-2 mg/kg per hour",
        "150 mg/day or 0.5 mg/kg every 6 hours",
    },
    "schwenk2018": set(),
    "cha2019": {"25-50 mg three times daily", "25-50 mg per dose"},
}

_NUMBER = r"\d+(?:\.\d+)?"
# A number or range (hyphen or en dash), then a unit that starts with "mg":
# mg, mg/kg, mg/day, mg/24 h, mg/kg/day, and "mg/kg per hour".
DOSE_RE = re.compile(
    rf"(?<![\w.])({_NUMBER}(?:\s*[-\u2013]\s*{_NUMBER})?)"
    r"\s*(mg(?:/(?:24\s*h\b|[A-Za-z]+))*(?:\s+per\s+hour\b)?)"
    r"(?![A-Za-z/])"
)
KNOWN_UNITS = {"mg", "mg/kg", "mg/day", "mg/24 h", "mg/kg/day", "mg/kg per hour"}
# Dose units this bibliography does not use; their appearance means a dose
# slipped past DOSE_RE.
OTHER_UNIT_RE = re.compile(
    r"\d\s*(?:mcg|µg|ug|g|milligrams?|micrograms?|grams?|ml|mL)\b"
)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2013", "-")).strip()


def extract_doses(text: str) -> list[str]:
    """Every dose figure (number or range plus unit) in text, normalised."""
    found = []
    for amount, unit in DOSE_RE.findall(_normalise(text)):
        amount = re.sub(r"\s*-\s*", "-", amount)
        found.append(f"{amount} {_normalise(unit)}")
    return found


@pytest.fixture(scope="module")
def raw() -> str:
    return BIB_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def library():
    return bibtexparser.parse_file(str(BIB_PATH))


@pytest.fixture(scope="module")
def entries(library):
    return {e.key: e for e in library.entries}


def _value(entry, name):
    field = entry.fields_dict.get(name)
    return None if field is None else str(field.value)


def _annote(entry) -> str:
    return _normalise(_value(entry, "annote") or "")


# --- the dose extractor itself ------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "a bolus of up to 0.35 mg/kg and an infusion of 0.5-2 mg/kg per hour",
            ["0.35 mg/kg", "0.5-2 mg/kg per hour"],
        ),
        ("200 mg/24 h subcutaneous", ["200 mg/24 h"]),
        ("0.75\u20131.5 mg/kg/day", ["0.75-1.5 mg/kg/day"]),
        ("25 - 50 mg three times daily", ["25-50 mg"]),
        ("over 400 mg/day for 2-4 years; over 1000 mg/day", ["400 mg/day", "1000 mg/day"]),
        ("150 mg/day or 0.5 mg/kg every 6 hours", ["150 mg/day", "0.5 mg/kg"]),
        ("a 17-year-old; 4-14 days; 3 months; 3-4 times daily", []),
        ("1.5mg/kg/h", ["1.5 mg/kg/h"]),
    ],
)
def test_extract_doses(text, expected):
    assert extract_doses(text) == expected


def test_extract_doses_catches_a_wrong_dose():
    figures = set(extract_doses("start at 30 mg three times daily"))
    allowed = {f for phrase in DOSES["cha2019"] for f in extract_doses(phrase)}
    assert figures and not figures <= allowed


def test_dose_table_phrases_parse():
    for key, phrases in DOSES.items():
        for phrase in phrases:
            figures = extract_doses(phrase)
            assert figures, (key, phrase)
            for figure in figures:
                assert figure.split(" ", 1)[1] in KNOWN_UNITS, (key, figure)


# --- structure ------------------------------------------------------------------


def test_parses_cleanly(library):
    assert library.failed_blocks == []


def test_exact_keys_in_order(library):
    assert [e.key for e in library.entries] == EXPECTED_KEYS


def test_entry_types(entries):
    for key, entry in entries.items():
        expected = "online" if key in WEB_PAGES else "article"
        assert entry.entry_type == expected, key


def test_provenance_comment_directly_above_each_entry(raw):
    lines = raw.splitlines()
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("@")]
    assert len(starts) == len(EXPECTED_KEYS)
    for i in starts:
        above = lines[i - 1].strip() if i > 0 else ""
        assert above.startswith("% Source:"), lines[i]
        assert "verified" in above or "reference knowledge" in above, lines[i]


def test_forbidden_fields(entries):
    for key, entry in entries.items():
        names = {f.key.lower() for f in entry.fields}
        assert "annotation" not in names, key
        assert "note" not in names, key
        assert "extra" not in names and "addendum" not in names, key


def test_required_fields(entries):
    for key, entry in entries.items():
        names = {f.key for f in entry.fields}
        assert {"title", "annote", "keywords"} <= names, key
        if key in NO_AUTHOR:
            assert "author" not in names, key
        else:
            assert "author" in names, key
        if key in WEB_PAGES:
            assert {"url", "urldate"} <= names, key
        else:
            assert {"journal", "shortjournal", "year", "volume", "pages"} <= names, key
            assert "urldate" not in names, key


def test_corporate_authors_are_braced(entries):
    for key in CORPORATE_AUTHORS:
        author = _value(entries[key], "author")
        assert author.startswith("{") and author.endswith("}"), key
        assert " and " not in author, key


def test_dates(entries):
    months = {"jan", "feb", "mar", "apr", "may", "jun",
              "jul", "aug", "sep", "oct", "nov", "dec"}
    for key, entry in entries.items():
        year = _value(entry, "year")
        month = _value(entry, "month")
        if year is not None:
            assert re.fullmatch(r"\d{4}", year), key
            assert key.endswith(year), key
        if month is not None:
            assert year is not None, key  # Zotero loses a month without a year
            assert month in months, key
    # Dates the sources do not establish are left out.
    for key in ("justusnd", "cha2019"):
        names = {f.key for f in entries[key].fields}
        assert not names & {"year", "month", "date"}, key


def test_pages_use_double_hyphen(entries):
    for key, entry in entries.items():
        pages = _value(entry, "pages")
        if pages is not None:
            assert re.fullmatch(r"\d+--\d+", pages), key


# --- identifiers ----------------------------------------------------------------


def test_identifiers_well_formed(entries):
    seen = 0
    for key, entry in entries.items():
        doi, pmid, pmcid = (_value(entry, n) for n in ("doi", "pmid", "pmcid"))
        url, urldate = _value(entry, "url"), _value(entry, "urldate")
        if doi is not None:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", doi), key
            seen += 1
        if pmid is not None:
            assert re.fullmatch(r"\d+", pmid), key
        if pmcid is not None:
            assert re.fullmatch(r"PMC\d+", pmcid), key
        if url is not None:
            assert url.startswith("https://"), key
            assert "?" not in url, key
        if urldate is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", urldate), key
    assert seen >= 1


def test_known_identifiers(entries):
    expected = {
        "persson1995": {"pmid": "7784107"},
        "blonk2010": {"pmid": "19879174", "doi": "10.1016/j.ejpain.2009.09.005"},
        "niesters2014": {"pmid": "23432384", "pmcid": "PMC4014022", "doi": "10.1111/bcp.12094"},
        "schwenk2018": {"pmid": "29870457", "doi": "10.1097/AAP.0000000000000806"},
        "cohen2018": {"doi": "10.1097/AAP.0000000000000808"},
        "bredlau2013": {"doi": "10.1111/pme.12182"},
    }
    for key, fields in expected.items():
        for name, value in fields.items():
            assert _value(entries[key], name) == value, (key, name)
    # Unknown identifiers stay out.
    assert _value(entries["persson1995"], "doi") is None
    assert _value(entries["cohen2018"], "pmid") is None


# --- keywords and annotations -------------------------------------------------


def test_keywords_from_vocabulary(entries):
    for key, entry in entries.items():
        raw_keywords = _value(entry, "keywords")
        assert "," not in raw_keywords, key
        keywords = [k.strip() for k in raw_keywords.split(";")]
        assert all(keywords), key
        assert len(keywords) == len(set(keywords)), key
        assert set(keywords) <= VOCABULARY, (key, set(keywords) - VOCABULARY)
        assert len(set(keywords) & EVIDENCE) == 1, key


def test_annotation_length(entries):
    for key, entry in entries.items():
        words = len(_annote(entry).split())
        assert 60 <= words <= 150, (key, words)


def test_annotation_has_no_unescaped_latex_specials(entries):
    for key, entry in entries.items():
        for name in ("annote", "title"):
            assert not re.search(r"(?<!\\)[%&$#_]", _value(entry, name)), (key, name)


def test_annotation_dashes_consistent(entries):
    for key, entry in entries.items():
        assert "\u2013" not in _value(entry, "annote"), key


def test_no_stray_dose_units(entries):
    for key, entry in entries.items():
        annote = _annote(entry)
        assert not OTHER_UNIT_RE.search(annote), key
        # every "mg" in the annotation belongs to a recognised dose figure
        assert len(re.findall(r"\bmg\b", annote)) == len(extract_doses(annote)), key


def test_annotation_doses_come_from_sources(entries):
    assert set(DOSES) == set(EXPECTED_KEYS)
    for key, entry in entries.items():
        allowed = {f for phrase in DOSES[key] for f in extract_doses(phrase)}
        for figure in extract_doses(_annote(entry)):
            assert figure.split(" ", 1)[1] in KNOWN_UNITS, (key, figure)
            assert figure in allowed, (key, figure)


def test_annotation_doses_complete(entries):
    for key, entry in entries.items():
        annote = _annote(entry).lower()
        for phrase in DOSES[key]:
            assert _normalise(phrase).lower() in annote, (key, phrase)


def test_primary_sources_say_what_they_stand_behind(entries):
    behind = {
        "bredlau2013": "uic2022",
        "cohen2018": "painmedicinenews2018",
        "schwenk2018": "painmedicinenews2018",
    }
    for key, secondary in behind.items():
        # cited as an entry (issue 15), so the style prints "(Pain Medicine News, 2018)" or "(8)"
        assert re.search(r"^Primary source behind [^.\\]*\\cite\{" + secondary + r"\}", _annote(entries[key])), key


CITE = re.compile(r"\\cite\{([^}]*)\}")


def test_annotations_cite_entries_not_bare_keys(entries):
    """Another entry is named by \\cite{key}, never by its bare key, and every cited key exists."""
    for key, entry in entries.items():
        annote = _annote(entry)
        cited = {k.strip() for group in CITE.findall(annote) for k in group.split(",")}
        assert cited <= set(EXPECTED_KEYS), (key, cited - set(EXPECTED_KEYS))
        bare = CITE.sub("", annote)
        for other in EXPECTED_KEYS:
            assert not re.search(rf"\b{other}\b", bare), (key, other)
    assert {"bredlau2013", "cohen2018", "schwenk2018", "painmedicinenews2018", "uic2022"} == {
        key for key, entry in entries.items() if CITE.search(_annote(entry))}


# Words a title keeps capitalised after the first (and after a colon): proper nouns, acronyms, and
# the article's own title as published (sources.md: "capitalisation as published").
PROPER = {"IV", "American", "Society", "Regional", "Anesthesia", "Pain", "Medicine", "Academy",
          "Anesthesiologists", "NMDA"}
AS_PUBLISHED = {"justusnd": {"Ketamine"}}


def test_titles_in_sentence_case_with_proper_nouns_braced(entries):
    """Titles as Zotero's library stores them (issue 15): sentence case, a capital after a colon,
    and every capitalised word after that a braced proper noun or acronym."""
    for key, entry in entries.items():
        title = _value(entry, "title")
        braced = " ".join(re.findall(r"\{([^{}]*)\}", title)).split()
        for sentence in re.split(r":\s+", title):
            first, *rest = sentence.split()
            assert first[0].isupper(), (key, first)  # APA: a capital after a colon too
            for word in rest:
                bare = word.strip("{},.?")
                if bare[:1].isupper():
                    assert bare in AS_PUBLISHED.get(key, set()) or (bare in PROPER and bare in braced), (key, word)


def test_article_entry_cautions(entries):
    annote = _annote(entries["justusnd"]).lower()
    assert "personal account" in annote
    assert "informational" in annote
    assert "not medical advice" in annote


def test_file_header_disclaims_medical_advice(raw):
    header = re.split(r"^@", raw, maxsplit=1, flags=re.M)[0].lower()
    assert "not medical advice" in header

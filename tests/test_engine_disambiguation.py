"""Disambiguation (engine/disambiguation.py, ambiguity.py, namesets.py) against citeproc-js.

Expected values: citeproc-js's HTML for the same style, items and citations
(it writes "&" as "&#38;", annobib as "&amp;": the same HTML). The suite
fixture of each case is named in its docstring.
"""
from __future__ import annotations

import random

import pytest
from tests.engine_cases import AUTHOR_DATE, book, cite, person, style

from annobib.engine import ambiguity

P = person
BY_CITE = style('et-al-min="3" et-al-use-first="2" disambiguate-add-names="true" disambiguate-add-givenname="true" '
                'givenname-disambiguation-rule="by-cite"', AUTHOR_DATE)
APA_LIKE = style('et-al-min="3" et-al-use-first="1" disambiguate-add-names="true" disambiguate-add-givenname="true" '
                 'givenname-disambiguation-rule="primary-name-with-initials" disambiguate-add-year-suffix="true"',
                 AUTHOR_DATE)


def test_names_are_added_then_initials_where_they_tell_cites_apart():
    """disambiguate_AndreaEg*: a third name, then its initial (by-cite), only where needed."""
    items = [book("a", [P("Smith", "John"), P("Brown", "Bob"), P("Jones", "Jane")], 1980),
             book("b", [P("Smith", "John"), P("Brown", "Bob"), P("Jones", "Alan")], 1980),
             book("c", [P("Smith", "John"), P("Benson", "Bill"), P("Kay", "Kim")], 1980)]
    assert cite(BY_CITE, items, [["a"], ["b"], ["c"]]) == [
        "(Smith, Brown, &amp; J. Jones 1980)", "(Smith, Brown, &amp; A. Jones 1980)", "(Smith, Benson, et al. 1980)"]


def test_all_names_rule_gives_full_given_names_to_people_sharing_initials():
    """disambiguate_AllNamesSimpleSequence: the rule acts on every cite, ambiguous or not."""
    s = style('disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"',
              '<layout delimiter="; "><names variable="author"><name form="short" and="text"/></names></layout>')
    items = [book("a", [P("Doe", "John")]), book("b", [P("Doe", "Jack")]), book("c", [P("Roe", "Jane")])]
    assert cite(s, items, [["a", "b", "c"]]) == ["John Doe; Jack Doe; Roe"]


def test_an_items_first_rendering_takes_the_styles_own_name_form():
    """citeproc-js compares cites first as the style prints them ("Smith 2000" for all
    three), so K. Smith, though told apart by initials, gets a year suffix too."""
    items = [book("a", [P("Smith", "John")], title="Alpha"), book("b", [P("Smith", "Jane")], title="Beta"),
             book("c", [P("Smith", "Kate")], title="Gamma")]
    s = style('disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name-with-initials" '
              'disambiguate-add-year-suffix="true"', AUTHOR_DATE)
    assert cite(s, items, [["a"], ["b"], ["c"]]) == ["(J. Smith 2000a)", "(J. Smith 2000b)", "(K. Smith 2000c)"]


def test_the_disambiguate_condition_holds_one_test_at_a_time():
    """disambiguate_IncrementalExtraText: the first disambiguate="true" test is enough for
    two works, the second one is needed for the other two."""
    s = style('', '<layout delimiter="; "><group delimiter=", "><names variable="author"><name form="short"/></names>'
                  '<choose><if disambiguate="true"><text variable="title"/></if></choose>'
                  '<choose><if disambiguate="true"><text variable="edition" prefix="ed. "/></if></choose>'
                  '</group></layout>')
    items = [book("a", [P("Smith", "John")], title="Book One", edition="3"),
             book("b", [P("Smith", "John")], title="Book Two", edition="4"),
             book("c", [P("Smith", "John")], title="Works", edition="5"),
             book("d", [P("Smith", "John")], title="Works", edition="6")]
    assert cite(s, items, [["a"], ["b"], ["c"], ["d"]]) == [
        "Smith, Book One", "Smith, Book Two", "Smith, Works, ed. 5", "Smith, Works, ed. 6"]


def test_cites_are_compared_in_their_subsequent_form():
    """disambiguate_BasedOnEtAlSubsequent: et-al-subsequent decides what is ambiguous."""
    s = style('et-al-min="6" et-al-use-first="6" et-al-subsequent-min="3" et-al-subsequent-use-first="1" '
              'disambiguate-add-names="true" disambiguate-add-year-suffix="true"', AUTHOR_DATE)
    items = [book("a", [P("Baur"), P("Fröberg"), P("Baur"), P("Kay")]),
             book("b", [P("Baur"), P("Schileyko"), P("Baur")]), book("c", [P("Doe")])]
    assert cite(s, items, [["a", "b", "c"], ["a", "b"]]) == [
        "(Baur, Fröberg, Baur, &amp; Kay 2000; Baur, Schileyko, &amp; Baur 2000; Doe 2000)",
        "(Baur, Fröberg, et al. 2000; Baur, Schileyko, et al. 2000)"]


def test_citation_label_takes_the_year_suffix():
    """disambiguate_Trigraph, disambiguate_CitationLabelInData."""
    s = style('disambiguate-add-year-suffix="true"',
              '<layout delimiter="; "><text variable="citation-label"/></layout>')
    items = [book("a", [P("Asthma", "Albert")], 1900), book("b", [P("Asthma", "Albert")], 1900),
             book("c", [P("Bronchitis")], 2000), book("d", [P("Brown"), P("Chase")], 1998),
             book("e", [P("Doe"), P("Ernst"), P("Fox"), P("Gray")], 1926),
             {"id": "f", "type": "book", "title": "The Art of Noise", "issued": {"date-parts": [[1971]]}},
             book("g", [P("Smith")], 1950, **{"citation-label": "Own1950"})]
    assert cite(s, items, [list("abcdefg")]) == ["Asth00a; Asth00b; Bron00; BrCh98; DEFG26; Thea71; Own1950"]


# -- long author lists (issue 18) ----------------------------------------------------------------

def _shared(count: int, last=None) -> list[dict]:
    authors = [P(f"Au{i:04d}", "Ann") for i in range(count)]
    return authors[:-1] + [last] if last else authors


def test_lists_differing_late_are_told_apart_as_citeproc_js_does():
    """Where the lists part decides how many names show (citeproc-js, 30 authors)."""
    authors = [P(f"Au{i:02d}", "Ann") for i in range(30)]
    items = [book("a", authors, title="A"), book("b", authors[:-1] + [P("Other", "Otto")], title="B"),
             book("c", authors, title="C"), book("d", authors[:12] + [P("Zed", "Zoe")], title="D")]
    shown = ", ".join(f"Au{i:02d}" for i in range(13))
    assert cite(APA_LIKE, items, [["a"], ["b"], ["c"], ["d"]]) == [
        f"({shown}, et al. 2000a)", f"({shown}, et al. 2000b)", f"({shown}, et al. 2000c)",
        f"({shown[:-6]}, &amp; Zed 2000)"]


def test_two_entries_sharing_3000_authors_take_a_few_comparisons(monkeypatch):
    """citeproc-js adds one name per step (quadratic: 260 s for 3,000 authors); steps that
    cannot change a comparison are skipped, so the work grows with the list, not its square."""
    calls = []
    original = ambiguity.ambiguous_cite

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(ambiguity, "ambiguous_cite", counting)
    items = [book("a", _shared(3000), 2020, title="Alpha"), book("b", _shared(3000), 2020, title="Beta")]
    assert cite(APA_LIKE, items, [["a"], ["b"]], fmt="text") == ["(Au0000 et al. 2020a)", "(Au0000 et al. 2020b)"]
    assert len(calls) < 30
    calls.clear()
    items[1]["author"] = _shared(3000, P("Other", "Otto"))
    texts = cite(APA_LIKE, items, [["a"], ["b"]], fmt="text")
    assert texts[0].endswith("Au2998, & Au2999 2020)") and texts[1].endswith("Au2998, & Other 2020)")
    assert len(calls) < 30


@pytest.mark.slow
def test_skipping_steps_changes_no_result(monkeypatch):
    """Random author lists sharing beginnings: the same cites with and without the shortcut."""
    jumps = []
    skip = ambiguity.Group.skip_unchanging_steps

    def counted(group, entry):
        before = group.gname
        skip(group, entry)
        jumps.append(group.gname != before)

    monkeypatch.setattr(ambiguity.Group, "skip_unchanging_steps", counted)
    rng = random.Random(7)
    pool = [P(f"F{i}", given) for i in range(5) for given in ("Ann", "Bob")]
    for _ in range(60):
        shared = [rng.choice(pool) for _ in range(rng.randint(3, 25))]
        items = []
        for key in range(rng.randint(2, 4)):
            cut = rng.randint(1, len(shared))
            tail = [rng.choice(pool) for _ in range(rng.randint(0, 3))]
            items.append(book(f"i{key}", shared[:cut] + tail, 2000 + rng.randint(0, 1), title=f"T{key}"))
        clusters = [[item["id"]] for item in items]
        for s in (APA_LIKE, BY_CITE):
            fast = cite(s, items, clusters)
            monkeypatch.setattr(ambiguity.Group, "shortcut", False)
            slow = cite(s, items, clusters)
            monkeypatch.setattr(ambiguity.Group, "shortcut", True)
            assert fast == slow, items
    assert sum(jumps) > 20  # the shortcut was taken

"""One engine renders many lists (engine/__init__.py's Engine, context.py): nothing from one
list may leak into the next."""
from __future__ import annotations

from annobib.engine import Engine
from annobib.styles import resolve_style


def book(key, family, title, year=2020):
    return {"id": key, "type": "book", "title": title, "author": [{"family": family, "given": "A."}],
            "issued": {"date-parts": [[year]]}}


def test_a_second_list_renders_as_it_would_alone():
    # The first list needs year suffixes and given names; the second, under the
    # same internal ids, needs neither.
    first = [book("x1", "Smith", "Zeta"), book("x2", "Smith", "Alpha"), book("x3", "Smith", "Beta")]
    second = [book("y1", "Jones", "Gamma", 2019), book("y2", "Brown", "Delta", 2021), book("y3", "Adams", "Eta", 2018)]
    shared = Engine(resolve_style("apa"))
    shared.render_bibliography(first)
    after_first = shared.render_bibliography(second)
    alone = Engine(resolve_style("apa")).render_bibliography(second)
    assert after_first == alone
    assert [e.id for e in alone] == ["y3", "y2", "y1"]
    assert all("a)" not in e.text and "b)" not in e.text for e in alone)


def test_year_suffixes_follow_bibliography_order():
    entries = Engine(resolve_style("apa")).render_bibliography(
        [book("x1", "Smith", "Zeta"), book("x2", "Smith", "Alpha"), book("x3", "Smith", "Beta")]
    )
    assert [e.text[:22] for e in entries] == [
        "Smith, A. (2020a). Alp", "Smith, A. (2020b). Bet", "Smith, A. (2020c). Zet"]

"""Fix: citeproc-js collation in cs:sort (fixes/sorting.py). Expected values: citeproc-js 2.4.63's text output."""
from annobib.render import engine_for
from tests.fix_helpers import bibliography, citations, spaced as _spaced


ITEMS_SORTING = [{"id": "k1", "type": "book", "title": "B", "author": [{"family": "Bykov", "given": "Andrei"}], "publisher": "P", "issued": {"date-parts": [[2000]]}}, {"id": "k2", "type": "book", "title": "A", "author": [{"family": "Büyükbeşe", "given": "Tuba"}], "publisher": "P", "issued": {"date-parts": [[2000]]}}]


def test_sorting_bibliography():
    got = [' '.join(t.split()) for t in bibliography('apa', ITEMS_SORTING)]
    assert [_spaced(t) for t in got] == ['Büyükbeşe, T. (2000). A. P.', 'Bykov, A. (2000). B. P.']


def test_sorting_citations():
    assert citations('apa', ITEMS_SORTING, [["k1", "k2"]]) == ['(Büyükbeşe, 2000; Bykov, 2000)']


def test_a_word_end_sorts_before_letters_and_digits():
    """citeproc-js's sort keys join words with "|": "TUG membership" before "TUG'97"."""
    base = {"type": "article-journal", "author": [{"literal": "Anonymous"}], "container-title": "TUGboat",
            "issued": {"date-parts": [[1997, 6]]}}
    items = [dict(base, id="a1", title="TUG'97 preliminary program"), dict(base, id="a2", title="TUG membership application")]
    assert bibliography("apa", items) == ["Anonymous. (1997a). TUG membership application. TUGboat.",
                                          "Anonymous. (1997b). TUG’97 preliminary program. TUGboat."]


def test_an_editor_label_is_no_part_of_the_sort_key():
    editor = [{"family": "Gaonkar", "given": "Dilip Parameshwar"}]
    items = [{"id": "in", "type": "chapter", "title": "On Alternative Modernities", "container-title": "Alternative Modernities",
              "author": editor, "editor": editor, "page": "1-23", "publisher": "Duke University Press",
              "issued": {"date-parts": [[2001]]}},
             {"id": "ed", "type": "book", "title": "Alternative Modernities", "editor": editor,
              "publisher": "Duke University Press", "issued": {"date-parts": [[2001]]}}]
    assert bibliography("apa", items) == [
        "Gaonkar, D. P. (Ed.). (2001a). Alternative Modernities. Duke University Press.",
        "Gaonkar, D. P. (2001b). On Alternative Modernities. In D. P. Gaonkar (Ed.), Alternative Modernities "
        "(pp. 1–23). Duke University Press."]


def test_keys_rendered_only_for_ties_give_the_order_of_all_keys():
    """engine/elements/sorting.py computes a sort key only for items that tie on every key
    before it; the order must be exactly that of comparing every key of every item."""
    import random
    from functools import cmp_to_key

    from annobib.engine.context import Cite, Scope
    from annobib.engine.process import make_items, sort_order
    from annobib.engine.context import RenderContext

    rng = random.Random(8)
    items = []
    for n in range(120):
        item = {"id": f"k{n}", "type": rng.choice(["book", "article-journal", "chapter"]),
                "title": rng.choice(["Alpha", "beta", "Gamma study", "", "Ätna"]),
                "publisher": "P", "container-title": "J", "volume": rng.choice(["1", "2", "10"])}
        if rng.random() < 0.8:
            item["author"] = [{"family": rng.choice(["Smith", "Smyth", "Öz", "de Boer"]),
                               "given": rng.choice(["Ann", "Bob"])}]
        if rng.random() < 0.85:
            item["issued"] = {"date-parts": [[rng.choice([1999, 2000, 2001]), rng.choice([1, 5])]]}
        items.append(item)
    for style in ("apa", "accident-analysis-and-prevention"):  # the second sorts a key descending
        root = engine_for(style).root
        made = make_items(items)
        context = RenderContext(style=root, items={item.id: item for item in made})
        ids = [item.id for item in made]
        lazy = sort_order(context, ids, "bibliography")

        keys = root.section("bibliography").sort_element().keys()
        columns = [[key.value(Scope(context, Cite(context.items[i]), "bibliography", sorting=True)) for i in ids]
                   for key in keys]
        descending = [key.descending() for key in keys]

        def compare(a, b):
            for column, desc in zip(columns, descending):
                x, y = column[a], column[b]
                if x == y:
                    continue
                if x is None or y is None:  # empty keys last, whatever the direction
                    return 1 if x is None else -1
                return (-1 if x < y else 1) * (-1 if desc else 1)
            return (a > b) - (a < b)  # registration order breaks ties

        full = [ids[i] for i in sorted(range(len(ids)), key=cmp_to_key(compare))]
        assert lazy == full, style

"""One citation: its (sorted, engine/cite_sort.py) cites rendered, collapsed and joined
as citeproc-js does.

- Collapsing (``collapse``): a cite whose names read as the cite before it
  drops them ("Smith 2000, 2001"); with ``year-suffix`` it also drops a year
  printed again ("2000a, b"), and ``year-suffix-ranged`` turns three or more
  consecutive suffixes into a range ("2000a–c"); ``citation-number`` turns
  three or more consecutive numbers into a range ("[1]–[3]").
- Delimiters between cites: the layout delimiter, ``cite-group-delimiter``
  inside an author's group (", " in an in-text style), and
  ``after-collapse-delimiter`` after a group or a locator; a delimiter is cut
  back when the cite before ends in punctuation or the next cite's prefix
  starts with it ("Book A. He said …").
- A cite's prefix and suffix are rich text, spaced from the cite as citeproc-js
  spaces them; a term that opens a note style's citation is capitalised
  ("Ibid."), also after a prefix that ends a sentence.
- ``author-only`` prints only the cite's names (without the layout's affixes
  and formatting); ``suppress-author`` drops them.
- A cite the engine fails on (or of an id not among the items) prints as
  citeproc-js prints a reference with no printed form, and is named in the
  context's ``problems``; the other cites print as usual.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .ambiguity import CITE_FAILED
from .context import Cite, RenderContext, Scope
from .elements.base import CSL
from .elements.text import year_suffix_letters
from .output import Node, Span, Text, plain
from .richtext import parse_rich

NO_PRINTED_FORM = "[CSL STYLE ERROR: reference with no printed form.]"
EMPTY_CITATION = "[NO_PRINTED_FORM]"  # what citeproc-js prints for a citation that prints nothing
NOT_GIVEN = "cited, but not among the items given; its citations show a reference with no printed form"

_TERMINAL = ":.;!?"
_ROMANESQUE = "&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff" \
              "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
_ENDS_ROMANESQUE = re.compile(f"[.;:{_ROMANESQUE}]$")
_STARTS_ROMANESQUE = re.compile(f"^[{_ROMANESQUE}]")
_TRAILING_QUOTES = re.compile("[\"'\u201d\u2019\u00bb\u202f\u00a0 ]+$")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Facts:
    """What the style's cs:citation says about joining cites (read once per style)."""

    mode: str  # collapse: "", "year", "year-suffix", "year-suffix-ranged", "citation-number"
    in_text: bool
    numeric: bool  # the citation prints citation numbers
    delimiter: str
    after_collapse: str | None
    group_delimiter: str | None
    suffix_delimiter: str | None
    range_delimiter: str
    year_suffixes: bool  # disambiguate-add-year-suffix
    grouped_sort: bool


def facts(context: RenderContext) -> Facts:
    style = context.style
    found = style.memo(style, "cluster-facts")
    if found is None:
        citation = style.section("citation")
        layout = citation.layout_element
        in_text = (style.get("class") or "") == "in-text"
        numeric = any(e.get("variable") == "citation-number" for e in citation.iter(f"{CSL}text"))
        positions = any("position" in e.attrib for e in style.iter(f"{CSL}if", f"{CSL}else-if"))
        subsequent = any(citation.get(f"et-al-subsequent-{o}") not in (None, citation.get(f"et-al-{o}"))
                         for o in ("min", "use-first"))
        mode = (citation.get("collapse") or "").strip().lower()
        group_delimiter = citation.get("cite-group-delimiter")
        found = style.remember(style, "cluster-facts", Facts(
            mode=mode, in_text=in_text, numeric=numeric,
            delimiter=layout.get("delimiter", "") if layout is not None else "",
            after_collapse=citation.get("after-collapse-delimiter"),
            group_delimiter=group_delimiter,
            suffix_delimiter=citation.get("year-suffix-delimiter"),
            range_delimiter=style.term("citation-range-delimiter") or "\u2013",
            year_suffixes=(citation.get("disambiguate-add-year-suffix") or "").lower() == "true",
            # citeproc-js: an in-text style that collapses, or one with a cite-group-delimiter
            # that prints neither positions nor numbers
            grouped_sort=bool((in_text and mode) or (group_delimiter and not (positions or subsequent)
                                                       and not numeric))))
    return found


def record_failure(context: RenderContext, cite: Cite) -> None:
    """The cite's item is named in the context's problems (when the caller asked for them)."""
    if context.problems is not None:
        context.problems.setdefault(cite.item.id, NOT_GIVEN if cite.missing else CITE_FAILED)


# -- rendering -------------------------------------------------------------------------------

@dataclass
class RenderedCite:
    cite: Cite
    node: Span
    collapsed: bool  # citeproc-js's have_collapsed after this cite
    group_delimiter: bool  # its names repeated the cite before's and cite-group-delimiter is set
    suffix: int | None = None  # the year suffix its text ends with
    suffix_only: bool = False  # all it prints is its year suffix ("b" after "2000a")
    number: int | None = None  # its citation number, when that is all it prints

    @property
    def plain_affixes(self) -> bool:
        return not (self.cite.prefix or self.cite.suffix)


@dataclass
class _Walk:
    """What citeproc-js carries from one cite of a citation to the next."""

    names: str | None = None  # the last names string printed
    years: list = field(default_factory=list)  # the years the cite before printed
    group_delimiter: bool = False
    predecessor: bool = False  # something was printed (a term that follows is not capitalised)


def render_cluster(context: RenderContext, cluster: list[Cite]) -> Span:
    """The citation's output tree; ``cluster`` is sorted."""
    citation = context.style.section("citation")
    layout = citation.layout_element
    only = next((cite for cite in cluster if cite.author_only), None)
    if only is not None:  # citeproc-js prints the author-only cite alone, undecorated
        return _guarded(context, only, lambda: _author_only(context, layout, only)) or Span([Text(EMPTY_CITATION)])
    known = facts(context)
    walk = _Walk()
    rendered: list[RenderedCite] = []
    for position, cite in enumerate(cluster):
        entry = _guarded(context, cite, lambda cite=cite: _render_one(context, layout, cite, known, walk))
        if isinstance(entry, Span):  # the failure marker
            rendered.append(RenderedCite(cite, entry, False, False))
            continue
        if entry is None:
            if position == 0 and not cite.suppress_author:
                rendered.append(RenderedCite(cite, Span([Text(NO_PRINTED_FORM)]), False, False))
            continue
        rendered.append(entry)
    joined = join_cites(known, rendered)
    if joined is None:
        return Span([Text(EMPTY_CITATION)])
    prefix, suffix = (layout.get("prefix", ""), layout.get("suffix", ""))
    if suffix[:1] and suffix[:1] in _TERMINAL:
        suffix = suffix[:1]  # citeproc-js keeps only the punctuation of such a suffix
    inner = Span([joined], prefix=prefix, suffix=suffix) if prefix or suffix else joined
    # a citation's layout formats its affixes too ("<b>([1]–[3])</b>")
    return layout.decorate(inner, Scope(context, cluster[0], "citation"), affixes=False, cased=False)


def _guarded(context: RenderContext, cite: Cite, render):
    """``render()``, or the marker of a reference with no printed form when the engine fails
    on the cite's item (or the item is not there); the failure is named in the problems."""
    if cite.missing:
        record_failure(context, cite)
        return Span([Text(NO_PRINTED_FORM)])
    try:
        return render()
    except Exception:  # one item's failure stays that item's
        record_failure(context, cite)
        return Span([Text(NO_PRINTED_FORM)])


def _render_one(context: RenderContext, layout, cite: Cite, known: Facts, walk: _Walk) -> RenderedCite | None:
    capitalise = not known.in_text and not walk.predecessor
    if cite.prefix:
        capitalise = not known.in_text and _prefix_ends_sentence(cite.prefix)
    scope = Scope(context, cite, "citation", drop_names=cite.suppress_author, capitalise_terms=capitalise)
    node = layout.render_item(scope)
    names = plain(scope.first_names) if scope.first_names is not None else None
    years = scope.years_used
    # citeproc-js counts a cite as collapsed until it prints new names or reaches a text variable
    collapsed = bool(known.mode) and not scope.text_variable_called
    drop_names = cite.suppress_author
    if (known.mode or known.group_delimiter) and names is not None:
        if names == walk.names:
            drop_names = drop_names or bool(known.mode)
            walk.group_delimiter = bool(known.group_delimiter)
        else:
            walk.names = names
            collapsed = False
            walk.group_delimiter = False
    drop_years = None
    if (known.mode.startswith("year-suffix") and known.year_suffixes and collapsed
            and any(i < len(walk.years) and walk.years[i] == year for i, year in enumerate(years))):
        drop_years = walk.years
    if drop_names != cite.suppress_author or drop_years is not None:
        scope = Scope(context, cite, "citation", drop_names=drop_names, drop_years=drop_years,
                      capitalise_terms=capitalise)
        node = layout.render_item(scope)
    walk.years = years
    if node is None:
        return None
    walk.predecessor = True
    entry = RenderedCite(cite, node, collapsed, walk.group_delimiter)
    index = scope.item_state.year_suffix
    text = plain(node)
    if index is not None and scope.suffix_printed and not cite.suffix:
        letters = year_suffix_letters(index)
        if text.endswith(letters):
            entry.suffix = index
            entry.suffix_only = scope.year_dropped and text == letters and entry.plain_affixes
    number = context.numbers.get(cite.item.id)
    if known.mode == "citation-number" and number is not None \
            and not re.search(r"\w", text.replace(str(number), "", 1)):  # it prints its number alone
        entry.number = number  # a prefix may open a range and a suffix close one (_runs)
    return entry


def _author_only(context: RenderContext, layout, cite: Cite) -> Span | None:
    scope = Scope(context, cite, "citation")
    layout.render_item(scope)
    if scope.first_names is None:  # no names: the affixes alone, if any
        return with_affixes(cite, Span()) if cite.prefix or cite.suffix else None
    return with_affixes(cite, undecorated(scope.first_names))


def undecorated(node: Node) -> Node:
    """The node without formatting (citeproc-js suppresses decorations for author-only)."""
    if isinstance(node, Text):
        return node
    return replace(node, fmt=(), children=[undecorated(child) for child in node.children])


# -- a cite's own prefix and suffix ------------------------------------------------------------

def _prefix_test(prefix: str) -> str:
    return _TRAILING_QUOTES.sub("", _TAG.sub("", prefix))


def _prefix_ends_sentence(prefix: str) -> bool:
    """A prefix of more than one word that ends a sentence: the cite's first term is capitalised."""
    test = _prefix_test(prefix)
    return bool(test) and test[-1] in _TERMINAL and " " in prefix.strip()


def spaced_prefix(prefix: str) -> str:
    """The prefix and the space citeproc-js puts after it (after a word, punctuation, a bracket
    or a digit)."""
    test = _prefix_test(prefix)
    space = ""
    if test and (_ENDS_ROMANESQUE.search(test) or test[-1] in _TERMINAL or test[-1] in ")],0123456789"):
        space = " "
    return re.sub(r"\s+", " ", prefix + space)


def spaced_suffix(suffix: str) -> str:
    if _STARTS_ROMANESQUE.match(suffix) or suffix[:1] in ("[", "("):
        return " " + suffix
    return suffix


def _rich(text: str) -> Span:
    """An affix as rich text; its leading white space is kept as it is."""
    body = text.lstrip()
    lead = text[:len(text) - len(body)]
    return Span([Text(lead), parse_rich(body)]) if lead else parse_rich(body)


def with_affixes(cite: Cite, node: Node) -> Span:
    if not (cite.prefix or cite.suffix):
        return node if isinstance(node, Span) else Span([node])
    children: list[Node] = []
    if cite.prefix:
        children.append(_rich(spaced_prefix(cite.prefix)))
    children.append(node)
    if cite.suffix:
        children.append(_rich(spaced_suffix(cite.suffix)))
    return Span(children)


# -- joining ---------------------------------------------------------------------------------

def _splice(known: Facts, before: RenderedCite, after: RenderedCite) -> str:
    """The delimiter between two cites (citeproc-js's getSpliceDelimiter and its affix rule)."""
    if known.after_collapse is not None:
        if before.cite.locator is not None:
            delimiter = known.after_collapse
        elif before.collapsed and not after.collapsed:
            delimiter = known.after_collapse
        elif not before.collapsed and not after.collapsed and known.mode != "year-suffix":
            delimiter = known.after_collapse
        else:
            delimiter = known.delimiter
    elif after.group_delimiter and known.group_delimiter is not None:
        delimiter = known.group_delimiter
    elif after.collapsed and known.in_text and not known.numeric:
        delimiter = ", "
    else:
        delimiter = known.delimiter
    ends = before.cite.suffix[-1:] in (";", ".", ",") and bool(before.cite.suffix)
    starts = not before.cite.suffix and after.cite.prefix[:1] in (";", ".", ",") and bool(after.cite.prefix)
    if ends or starts:
        space = delimiter.find(" ")
        delimiter = delimiter[space:] if space > -1 and not starts else ""
    return delimiter


def _runs(known: Facts, rendered: list[RenderedCite]) -> list[list[RenderedCite]]:
    """Cites that join as numbers: a year suffix and the bare suffixes after it, or citation
    numbers side by side; every other cite stands alone."""
    runs: list[list[RenderedCite]] = []
    for entry in rendered:
        previous = runs[-1] if runs else None
        if previous is not None and known.mode.startswith("year-suffix") and entry.suffix_only \
                and previous[-1].suffix is not None and previous[-1].plain_affixes:
            previous.append(entry)
        elif previous is not None and entry.number is not None and previous[-1].number is not None \
                and not entry.cite.prefix and not previous[-1].cite.suffix:
            # citeproc-js ranges numbers under the first cite's prefix and the last one's suffix:
            # "(e.g., 8–10)"
            previous.append(entry)
        else:
            runs.append([entry])
    return runs


def _chains(numbers: list[int]) -> list[tuple[int, int]]:
    """(start, end) index pairs of the runs of consecutive numbers."""
    chains = []
    start = 0
    for index in range(1, len(numbers) + 1):
        if index == len(numbers) or numbers[index] != numbers[index - 1] + 1:
            chains.append((start, index - 1))
            start = index
    return chains


def join_cites(known: Facts, rendered: list[RenderedCite]) -> Span | None:
    out: list[Node] = []
    last: RenderedCite | None = None
    for run in _runs(known, rendered):
        numbers = [entry.number if entry.number is not None else entry.suffix for entry in run]
        ranged = known.mode in ("year-suffix-ranged", "citation-number")
        if known.mode.startswith("year-suffix") and len(run) > 1:
            successor = known.group_delimiter or (known.suffix_delimiter if known.suffix_delimiter is not None
                                                  else known.delimiter)
        else:
            successor = None
        for start, end in _chains([n if n is not None else -9 for n in numbers]):
            pieces = [run[start]] if ranged and end - start >= 2 else run[start:end + 1]
            for entry in pieces:
                if last is not None:
                    if successor is not None and entry is not run[0]:
                        out.append(Text(successor))
                    else:
                        out.append(Text(_splice(known, last, entry)))
                out.append(with_affixes(entry.cite, entry.node))
                last = entry
            if ranged and end - start >= 2:
                out.append(Text(known.range_delimiter))
                out.append(with_affixes(run[end].cite, run[end].node) if run[end].cite.suffix else run[end].node)
                last = run[end]
    if not out:
        return None
    return Span(out)



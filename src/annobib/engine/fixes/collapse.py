"""cs:citation collapse="year" / "citation-number" (CSL 1.0.2 "Cite Collapsing").

citeproc-py declares ``collapse`` but ``Layout.render_citation`` ignores it,
so APA prints "(Masterly, 1988a; Masterly, 1988b)" where citeproc-js prints
"(Masterly, 1988a, 1988b)", and Vancouver "(1,2,3)" for "(1–3)". This
replacement renders each cite with the engine state set for citations
(disambiguation applies), then collapses:
- year: consecutive cites whose first cs:names printed the same are joined
  with ``cite-group-delimiter`` (", "), the names shown once; a cite that
  prints no names at all joins the group before it (citeproc-js does so);
- citation-number: three or more consecutive numbers become "first–last".
Groups are joined with ``after-collapse-delimiter`` after a collapsed group,
else with the layout delimiter, as citeproc-js does.
"""
from __future__ import annotations

import re

from ..state import CURRENT


def apply() -> None:
    from citeproc import model

    model.Layout.render_citation = render_citation


def _render(layout, item, suppress_names: bool):
    layout.repressed = {}
    CURRENT.names_seen = False
    CURRENT.first_names_key = None
    CURRENT.suppress_names = suppress_names
    try:
        return layout.render_children(item)
    finally:
        CURRENT.suppress_names = False


def render_citation(self, citation, callback):
    from citeproc.source import VariableError
    from citeproc.string import join

    citation_element = self.getparent()
    good = [cite for cite in citation.cites if not cite.is_bad()]
    bad = [cite for cite in citation.cites if cite.is_bad()]
    # citeproc-js keeps the cited order where the citation sort has no say (equal keys)
    if citation_element.sort is not None:
        saved = CURRENT.in_citation
        CURRENT.in_citation = True  # the sort keys see the names disambiguation added
        try:
            good = citation_element.sort.sort(good, self)
        finally:
            CURRENT.in_citation = saved
    delimiter = self.get("delimiter", "")
    collapse = (citation_element.get("collapse") or "").lower()
    rendered = []  # [cite, text, names key]
    saved = CURRENT.in_citation
    CURRENT.in_citation = True
    try:
        for cite in good:
            try:
                body = _render(self, cite, False)
            except VariableError:
                continue
            if body is None:
                continue
            key = CURRENT.first_names_key
            citation_element.cites.append(cite)
            plain = not (cite.get("prefix") or cite.get("suffix"))
            if collapse.startswith("year") and rendered and plain and key is None and rendered[-1][3] \
                    and not re.search(r" (&|&amp;) ", str(rendered[-1][2] or "")):
                # a cite that prints no names joins the group before it, as citeproc-js does
                # (observed: not after a list joined by "&")
                rendered.append([cite, body, rendered[-1][2], plain, True])
                continue
            if collapse.startswith("year") and rendered and plain and key is not None \
                    and rendered[-1][2] == key and rendered[-1][3]:
                try:
                    short = _render(self, cite, True)
                except VariableError:
                    short = None
                if short is not None:
                    rendered.append([cite, short, key, plain, True])
                    continue
            rendered.append([cite, cite.get("prefix", "") + body + cite.get("suffix", ""), key, plain, False])
    finally:
        CURRENT.in_citation = saved
    if collapse == "citation-number":
        pieces = _number_ranges(self, rendered)
    else:
        pieces = _year_groups(citation_element, rendered)
    after = citation_element.get("after-collapse-delimiter", delimiter)
    out = None
    previous_collapsed = False
    for text, collapsed in pieces:
        if out is None:
            out = text
        else:
            out = join([out, text], after if previous_collapsed else delimiter)
        previous_collapsed = collapsed
    out = [out] if out is not None else []
    for cite in bad:
        out.append(callback(cite) or "{}?".format(cite.key))
    return self.format(self.wrap(self.join(out)))


def _year_groups(citation_element, rendered):
    from citeproc.string import join

    group_delimiter = citation_element.get("cite-group-delimiter", ", ")
    pieces = []
    for cite, text, _key, _plain, continues in rendered:
        if continues and pieces:
            pieces[-1] = (join([pieces[-1][0], text], group_delimiter), True)
        else:
            pieces.append((text, False))
    return pieces


def _number_ranges(layout, rendered):
    from citeproc.string import join

    dash = layout.unicode_character("EN DASH")
    pieces, run = [], []

    def flush():
        if len(run) >= 3:
            pieces.append((join([run[0][1], run[-1][1]], dash), True))
        else:
            pieces.extend((text, False) for _cite, text in run)
        run.clear()

    for cite, text, _key, plain, _continues in rendered:
        if plain and "locator" not in cite and run and cite.number == run[-1][0].number + 1:
            run.append((cite, text))
            continue
        flush()
        if plain and "locator" not in cite:
            run.append((cite, text))
        else:
            pieces.append((text, False))
    flush()
    return pieces

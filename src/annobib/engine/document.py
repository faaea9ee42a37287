"""A document's citations: cites read, sorted, positioned and rendered in order.

Positions (first, subsequent, ibid, ibid-with-locator, near-note,
first-reference-note-number) are worked out over the document as
citeproc-js does: citations in the running text and in notes apart, ibid
only after a note that holds that one cite, a locator compared together with
its label; a cite that comes with a position keeps it (citeproc-js's
makeCitationCluster).
"""
from __future__ import annotations

from .cite_sort import sort_cluster
from .cluster import render_cluster
from .context import Cite, RenderContext
from .items import Item
from .output import Span

_POSITIONS = {0: "first", 1: "subsequent", 2: "ibid", 3: "ibid-with-locator",
              "first": "first", "subsequent": "subsequent", "ibid": "ibid", "ibid-with-locator": "ibid-with-locator"}


def cite_from(context: RenderContext, data) -> Cite:
    """A cite from its CSL-JSON form (an id, or a dict as citeproc-js's citationItems)."""
    if not isinstance(data, dict):  # an id (citeproc-js ids may be numbers)
        data = {"id": data}
    key = str(data.get("id"))
    item = context.items.get(key)
    locator = data.get("locator")
    locator = None if locator in (None, "") else str(locator).rstrip()
    label = str(data.get("label") or "").strip().replace(" ", "-") or None  # "sub verbo": CSL 1.0.2's "sub-verbo"
    cite = Cite(item=item if item is not None else Item({"id": key, "type": "document"}),
                locator=locator or None, label=label or ("page" if locator else None),
                prefix=str(data.get("prefix") or ""), suffix=str(data.get("suffix") or ""),
                suppress_author=bool(data.get("suppress-author")), author_only=bool(data.get("author-only")),
                missing=item is None)
    if data.get("position") in _POSITIONS:  # citeproc-js takes a position the caller gives
        cite.given_position = _POSITIONS[data["position"]]
    if "near-note" in data:
        cite.given_near_note = bool(data["near-note"])
    return cite


def read_clusters(clusters: list) -> list[tuple[list, int]]:
    """(cites, note number) of each cluster: a list of cites, or a citeproc-js citation
    ``{"citationItems": [...], "properties": {"noteIndex": n}}``."""
    out = []
    for cluster in clusters:
        if isinstance(cluster, dict):
            cites = cluster.get("citationItems") or []
            try:
                note = int((cluster.get("properties") or {}).get("noteIndex") or 0)
            except (TypeError, ValueError):
                note = 0
        else:
            cites, note = cluster, 0
        out.append((list(cites), note))
    return out


def first_notes(clusters: list[tuple[list, int]]) -> dict[str, int]:
    """The note each item is first cited in (citeproc-js's first-reference-note-number)."""
    found: dict[str, int] = {}
    for cites, note in clusters:
        for data in cites:
            key = str(data.get("id") if isinstance(data, dict) else data)
            found.setdefault(key, note)
    return found


def assign_positions(context: RenderContext, clusters: list[list[Cite]], notes: list[int]) -> None:
    """Each cite's position, as citeproc-js works it out walking the document: citations in
    the running text and citations in notes are two sequences; ibid needs the cite just
    before to be the same item (in the same citation, or alone in the note before or the
    same note); a locator is compared together with its label."""
    citation = context.style.section("citation")
    try:
        distance = int(citation.get("near-note-distance", "5"))
    except ValueError:
        distance = 5
    for in_notes in (False, True):
        sequence = [(cites, note) for cites, note in zip(clusters, notes) if bool(note) == in_notes]
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        per_note: dict[int, int] = {}
        for index, (cites, note) in enumerate(sequence):
            if index and note and sequence[index - 1][1] > note:  # notes numbered afresh
                first, last, per_note = {}, {}, {}
            per_note[note] = per_note.get(note, 0) + len(cites)
            for position, cite in enumerate(cites):
                _position(cite, position, cites, sequence[index - 1] if index else None, note, first, last,
                          per_note)
                cite.note = note
                if note:
                    cite.near_note = cite.position != "first" and note - last[cite.item.id] <= distance
                    last[cite.item.id] = note
                else:
                    cite.near_note = cite.position != "first"
    for cites in clusters:  # a cite that comes with its position is taken as it is (makeCitationCluster)
        for cite in cites:
            if cite.given_position is not None:
                cite.position = cite.given_position
                cite.near_note = bool(cite.given_near_note)
                cite.first_note = None
            elif cite.given_near_note is not None:
                cite.near_note = cite.given_near_note


def _locator(cite: Cite) -> str | None:
    return cite.locator + (cite.label or "") if cite.locator else None


def _position(cite: Cite, position: int, cites: list[Cite], previous, note: int, first: dict, last: dict,
              per_note: dict) -> None:
    key = cite.item.id
    cite.first_note = None
    if key not in last:
        first[key] = last[key] = note
        cite.position = "first"
        return
    ibid = False
    before = None
    if position:
        ibid = cites[position - 1].item.id == key
        before = cites[position - 1]
    elif previous is not None:
        previous_cites, previous_note = previous
        if previous_note != note:
            ibid = bool(previous_cites) and previous_cites[0].item.id == key and previous_note >= note - 1 \
                and (per_note.get(previous_note) == 1 or previous_note == 0)
        else:
            ibid = bool(previous_cites) and previous_cites[-1].item.id == key
        before = previous_cites[0] if previous_cites else None
    cite.position = "subsequent"
    if ibid and before is not None:
        was, now = _locator(before), _locator(cite)
        if not was:
            cite.position = "ibid-with-locator" if now else "ibid"
        elif now == was:
            cite.position = "ibid"
        elif now:
            cite.position = "ibid-with-locator"
    if first[key] != note:
        cite.first_note = first[key] or None


def render_document(context: RenderContext, clusters: list) -> list[Span | None]:
    """Each citation of a document, in order: cites read, sorted, positioned and rendered."""
    read = read_clusters(clusters)
    cite_lists = [sort_cluster(context, [cite_from(context, data) for data in cites]) for cites, _ in read]
    assign_positions(context, cite_lists, [note for _, note in read])
    return [render_cluster(context, cites) if cites else None for cites in cite_lists]

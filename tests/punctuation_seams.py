"""Where two punctuation marks meet, in every position citeproc-js treats differently.

Four layouts, each over six items whose title starts (or ends) with one of
".,;:!?": the mark before the title comes from a group delimiter, from the
title's own prefix, from the previous text's suffix (directly or across a
group), or the title's last mark meets a delimiter or suffix after it.
citeproc-js keeps or drops marks differently in each (its output is in
tests/golden_seams/expected.json, made by scripts/make_seam_golden.py).
"""
from __future__ import annotations

MARKS = ".,;:!?"


def _style(groups: list[str]) -> bytes:
    layout = "\n".join(groups)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Seams</title><id>seams</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>""".encode()


def cases() -> dict[str, tuple[bytes, list[dict]]]:
    """Case name -> (style, items)."""
    leading = [{"id": f"i{n}", "type": "book", "title": f"{mark}x", "volume": "2"} for n, mark in enumerate(MARKS)]
    trailing = [{"id": f"i{n}", "type": "book", "title": f"x{mark}", "volume": "2"} for n, mark in enumerate(MARKS)]
    return {
        "delimiter before a field": (_style(
            [f'<group delimiter="{m}" prefix=" [{m}]"><text variable="volume"/><text variable="title"/></group>'
             for m in MARKS]), leading),
        "own prefix, previous suffix, suffix across a group": (_style(
            [f'<group prefix=" [{m}]"><text variable="volume"/><text variable="title" prefix="{m}"/></group>'
             for m in MARKS]
            + [f'<group prefix=" {{{m}}}"><text variable="volume" suffix="{m}"/><text variable="title"/></group>'
               for m in MARKS]
            + [f'<group prefix=" |{m}|"><text variable="volume" suffix="{m}"/><group><text variable="title"/>'
               '</group></group>' for m in MARKS]), leading),
        "a field's last mark, then a delimiter or an affix": (_style(
            [f'<group delimiter="{m}" prefix=" [{m}]"><text variable="title"/><text variable="volume"/></group>'
             for m in MARKS]
            + [f'<group prefix=" {{{m}}}"><text variable="title" suffix="{m}"/><text variable="volume" '
               f'prefix="{m}"/></group>' for m in MARKS]), trailing),
        "page and number variables": (_style(
            ['<group delimiter=":"><text variable="volume"/><text variable="page"/></group>',
             '<group delimiter=":" prefix=" A"><text variable="volume"/><number variable="issue"/></group>']),
            [{"id": "a", "type": "book", "title": "T", "page": "??-??", "volume": "2", "issue": "??-??"},
             {"id": "b", "type": "book", "title": "T", "page": "?x", "volume": "2", "issue": "?x"}]),
    }

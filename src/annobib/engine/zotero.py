"""What Zotero asks of citeproc-js beyond plain CSL: capitalised subtitles in the APA family.

Zotero gives citeproc-js ``uppercase_subtitles`` when the style's short id
(the last part of its cs:id, or of its independent parent's) matches
``^apa($|-)|^academy-of-management($|-)|^freshwater-science`` (Zotero's
style.js). citeproc-js then, for a cs:text printing ``title`` or
``container-title`` without a text-case (or with "normal"):
- splits the title at its subtitle marks (". ", "! ", "? ", ": ", "—",
  " - ", "--"), except after a capital letter ("U.S. Army", "TeX: a primer"),
  unless markup stands between them ("<nocase>LuaTeX</nocase>: a primer");
- with one mark (for ``title``; also when the short title is the part
  before the first mark), capitalises the first word of the subtitle when
  it is all lower case, and writes the mark ": " (a dash mark "—", and a
  "?" or "!" stays with the main title);
- with none or several, capitalises the first word of every part,
  the first included, and writes ": ", "? ", "! " and dashes as above.
A word with a capital anywhere, or that a nocase span begins with, is left as
it is (a nocase span around the whole title does not protect its subtitle).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .output import Node, Span, Text
from .textcase import capitalize_word

_UPPERCASE_SUBTITLES = re.compile(r"^apa($|-)|^academy-of-management($|-)|^(freshwater-science)")
_MARKS = r"\s*\.\s+|\s*!\s+|\s*\?\s+|\s*::*\s+|\s*—\s*|\s+-\s+|\s*--+\s*"
_MARK = re.compile(_MARKS)
_MARK_AT_START = re.compile(f"^({_MARKS})")


def _short_id(url: str | None) -> str:
    match = re.search(r"/?([^/]+)$", (url or "").strip())
    return match.group(1) if match else ""


def uppercase_subtitles(style_root) -> bool:
    """Whether Zotero gives this style citeproc-js's uppercase_subtitles."""
    ns = "{http://purl.org/net/xbiblio/csl}"
    info = style_root.find(f"{ns}info")
    if info is None:
        return False
    ids = [info.findtext(f"{ns}id")]
    ids += [link.get("href") for link in info.iterfind(f"{ns}link") if link.get("rel") == "independent-parent"]
    return any(_UPPERCASE_SUBTITLES.search(_short_id(url)) for url in ids)


def split_title(text: str, owner: list[int] | None = None) -> list[tuple[int, int]]:
    """The title cut as citeproc-js's TITLE_SPLIT cuts it: (start, end) of each part and mark in
    turn (part, mark, part, …); no mark cuts after a capital letter ("U.S. Army", "TeX: a
    primer", "LIBERTY - modeling"). citeproc-js looks at the title's markup: after a span
    closes ("<nocase>LuaTeX</nocase>: a") the last character is ">", so it cuts; ``owner``
    (the text node of each character) tells where markup stands between two characters."""
    marks = [(m.start(), m.end()) for m in _MARK.finditer(text)]
    values = []
    position = 0
    for start, end in marks:
        values.append((position, start))
        position = end
    values.append((position, len(text)))
    out: list[tuple[int, int]] = [values[-1]]
    for i in range(len(values) - 2, -1, -1):
        piece = text[values[i][0]:values[i][1]].strip()
        if piece and piece[-1:].lower() != piece[-1:] and not _markup_between(text, owner, values[i], marks[i]):
            out[0] = (values[i][0], out[0][1])  # the mark and the next part join this one
        else:
            out[:0] = [values[i], marks[i]]
    return out


def _markup_between(text: str, owner: list[int] | None, piece: tuple[int, int], mark: tuple[int, int]) -> bool:
    """Whether a tag stands between the part's last character and the mark's first one that is
    not a space, in the title's markup (the characters belong to different text nodes)."""
    if owner is None:
        return False
    last = piece[1] - 1
    while last > piece[0] and text[last].isspace():
        last -= 1
    first = mark[0]
    while first < mark[1] - 1 and text[first].isspace():
        first += 1
    return owner[last] != owner[first]


def _joiner(mark: str, single: bool) -> str:
    """The mark as citeproc-js writes it between parts."""
    mark = re.sub(r"^\s+(?=[.!?])", "", mark)  # "Mart . ex" -> "Mart. Ex"
    if single:
        if "?" in mark or "!" in mark:
            return mark
        if ":" in mark:
            return ": "
    else:
        colon = re.search(r"([:?!] )", mark)
        if colon:
            mark = colon.group(1)
    return "\u2014" if "-" in mark or "\u2014" in mark else mark


def _cuts(text: str, variable: str, short: str | None, owner: list[int]) -> list[tuple[int, int]]:
    if variable == "title" and short and short.lower() != text.lower():
        length = len(short.rstrip("?!"))
        mark = _MARK_AT_START.match(text[length:])
        if mark and text[:length].strip().lower() == short.rstrip("?!").lower():
            return [(0, length), (length, length + mark.end()), (length + mark.end(), len(text))]
    return split_title(text, owner)


def capitalise_subtitles(node: Span, variable: str, short: str | None = None) -> Span:
    """The title ``node`` as citeproc-js prints it with uppercase_subtitles (``short``: the
    item's short title, which may say where the subtitle starts)."""
    leaves: list[Text] = []
    _collect(node, leaves)
    text = "".join(leaf.text for leaf in leaves)
    if not text:
        return node
    owner = [index for index, leaf in enumerate(leaves) for _ in leaf.text]  # each character's leaf
    cuts = _unprotected(_cuts(text, variable, short, owner), owner, [leaf.nocase or leaf.raw for leaf in leaves])
    single = variable == "title" and len(cuts) == 3
    # a word is kept as written when a nocase span begins with it ("foo: <nocase>bar</nocase>");
    # a span around the whole title does not keep its subtitle's first word (citeproc-js)
    locked = [(leaves[i].nocase or leaves[i].raw) and (at == 0 or owner[at - 1] != i) for at, i in enumerate(owner)]
    chars = list(text)
    for number, (start, end) in enumerate(cuts):
        if number % 2 == 0 and (number == 2 or not single):
            _capitalise_at(chars, locked, owner, start, end)
    out = [""] * len(leaves)
    for number, (start, end) in enumerate(cuts):
        if number % 2:
            mark = _joiner(text[start:end], single)
            out[owner[start]] += mark
        else:
            for position in range(start, end):
                out[owner[position]] += chars[position]
    rebuilt = _rebuild(node, {id(leaf): value for leaf, value in zip(leaves, out)})
    return rebuilt if isinstance(rebuilt, Span) else Span([rebuilt])


def _unprotected(cuts: list[tuple[int, int]], owner: list[int], protected: list[bool]) -> list[tuple[int, int]]:
    """The cuts without those whose mark begins inside a nocase span and ends after it
    ("<nocase>TeX&Co.</nocase> on the ST" is one part, as citeproc-js keeps it)."""
    out = [cuts[0]]
    for index in range(1, len(cuts) - 1, 2):
        (start, end), part = cuts[index], cuts[index + 1]
        if protected[owner[start]] and owner[end - 1] != owner[start]:
            out[-1] = (out[-1][0], part[1])
        else:
            out += [cuts[index], part]
    return out


def _collect(node: Node, leaves: list[Text]) -> None:
    if isinstance(node, Text):
        leaves.append(node)
        return
    for child in node.children:
        _collect(child, leaves)


def _capitalise_at(chars: list[str], locked: list[bool], owner: list[int], start: int, end: int) -> None:
    """The part's first word capitalised when it is all lower case and not protected. The word
    ends at a space, a hyphen ("k-Tuple": "k") or markup ("l3build<nocase>A …": "l3build"), as
    citeproc-js's case engine, which works between tags, ends it."""
    while start < end and chars[start].isspace():
        start += 1
    stop = start
    while stop < end and not chars[stop].isspace() and chars[stop] != "-" and owner[stop] == owner[start]:
        stop += 1
    word = "".join(chars[start:stop])
    if not word or locked[start] or word != word.lower():
        return
    chars[start:stop] = list(capitalize_word(word))


def _rebuild(node: Node, values: dict) -> Node:
    if isinstance(node, Text):
        value = values.get(id(node), node.text)
        return node if value == node.text else replace(node, text=value)
    return replace(node, children=[_rebuild(child, values) for child in node.children])

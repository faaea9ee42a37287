"""Field text as citeproc-js parses it: rich-text tags, quotes and apostrophes.

citeproc-js runs every string it prints through its "flip-flopper"
(``CSL.Util.FlipFlopper.processTags``): CSL rich-text tags and quote marks
are one nesting grammar. A straight or curly quote after a space or "(" opens
a quote, one elsewhere closes it; a quote that closes nothing is an
apostrophe; tags that do not pair are printed as typed. Quotes that pair are
rendered as the locale's quotes, alternating outer and inner by nesting,
whatever mark the data used (``'A'`` prints “A”). This module reproduces
that parse; ``richtext.py`` turns its result into the output tree.
"""
from __future__ import annotations

import re

OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
OPEN_INNER, CLOSE_INNER = "\u2018", "\u2019"

# opener -> (kind, closer); the order is citeproc-js's (it decides which alternative a regex match takes)
OPENERS = {
    '<span class="nocase">': ("nocase", "</span>"),
    '<span class="nodecor">': ("nodecor", "</span>"),
    '<span style="font-variant:small-caps;">': ("sc", "</span>"),
    "<sc>": ("sc", "</sc>"),
    "<i>": ("i", "</i>"),
    "<b>": ("b", "</b>"),
    "<sup>": ("sup", "</sup>"),
    "<sub>": ("sub", "</sub>"),
    ' "': ("double", '"'),
    " '": ("single", "'"),
    '("': ("double", '"'),
    "('": ("single", "'"),
    OPEN_QUOTE: ("curly", CLOSE_QUOTE),
    OPEN_INNER: ("curly-inner", CLOSE_INNER),
}
CLOSERS = ["</span>", "</sc>", "</i>", "</b>", "</sup>", "</sub>", '"', "'", CLOSE_QUOTE, CLOSE_INNER]
TAG = re.compile("(" + "|".join(re.escape(t) for t in list(OPENERS) + CLOSERS) + ")")
# citeproc-js's ROMANESQUE_REGEXP, roughly: a typographic apostrophe between two letters is re-read
_LETTER = r"[-0-9a-zA-Z\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u1f00-\u1fff\u0600-\u06ff]"
_INNER_APOSTROPHE = re.compile(f"({_LETTER})\u2019({_LETTER})")


def _normalise_markup(text: str) -> str:
    text = re.sub(r'(<span)\s+(style="font-variant:)\s*(small-caps);?"[^>]*(>)', r'\1 \2\3;"\4', text)
    return re.sub(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)', r"\1 \2\3", text)


def parse(text: str) -> list[tuple[str, str]]:
    """``text`` as a list of ("text", s), ("open", kind) and ("close", kind) events.

    kind is a tag name (nocase, nodecor, sc, i, b, sup, sub) or "quote" /
    "inner-quote" for a quote pair at its nesting level.
    """
    leading_space = text.startswith(" ") and not re.match(r"^\s+['\"]", text)
    text = re.sub(r"\s+'", " '", text)  # citeproc-js's output queue does this before parsing
    text = " " + _INNER_APOSTROPHE.sub(r"\1'\2", _normalise_markup(text))
    pieces = TAG.split(text)
    strings, tags = pieces[0::2], pieces[1::2]
    if not tags:
        return [("text", text[1:])]
    forced = _force_quote_openers(tags, strings)
    _pair_tags(tags, strings, forced)
    kept_tags, kept_strings = _drop_emptied(tags, strings)
    _restore_quote_spaces(kept_tags, kept_strings, forced)
    events = _events(kept_tags, kept_strings, (" " if leading_space else "") + kept_strings[0])
    _strip_first_string(events)
    return [event for event in events if event != ("text", "")]


def _force_quote_openers(tags: list[str], strings: list[str]) -> list[bool]:
    """A straight quote right after an opening tag opens a quote (citeproc-js reads it with an
    added space); per opening tag, whether that happened."""
    forced = []
    for i in range(len(tags) - 1):
        if tags[i] in OPENERS:
            forced.append(strings[i + 1] == "" and tags[i + 1] in ('"', "'"))
            if forced[-1]:
                tags[i + 1] = " " + tags[i + 1]
    return forced


def _pair_tags(tags: list[str], strings: list[str], forced: list[bool]) -> None:
    """Pair openers and closers; a tag that pairs with nothing becomes text ("" in ``tags``),
    a stray single quote an apostrophe."""
    stack: list[tuple[str, int]] = []  # (opener tag, position)
    for i, tag in enumerate(tags):
        following = strings[i + 1]
        if tag == "'" and following and following[0] not in ",.?:; ":
            strings[i + 1], tags[i] = "\u2019" + following, ""
        elif tag == " '" and following.startswith(" "):
            strings[i + 1], tags[i] = " \u2019" + following, ""
        elif tag in OPENERS:
            stack.append((tag, i))
        else:
            _close_tag(stack, tags, strings, forced, i)
    for opener, position in reversed(stack):  # openers never closed
        literal = " \u2019" if opener in (" '", "'") else tags[position]
        strings[position + 1], tags[position] = literal + strings[position + 1], ""


def _close_tag(stack: list, tags: list[str], strings: list[str], forced: list[bool], i: int) -> None:
    tag = tags[i]
    info = None
    while True:
        info = _close(stack, tag, i)
        if info is None or info == "nocase":
            break
        failed = info
        if tag == "'":
            strings[i + 1], tags[i] = "\u2019" + strings[i + 1], ""
        else:
            literal = tags[failed]
            if 0 <= failed - 1 < len(forced) and forced[failed - 1]:
                literal = literal[1:]
            strings[failed + 1], tags[failed] = literal + strings[failed + 1], ""
        if not stack or tag == "'":
            break
        stack.pop()
    if isinstance(info, int):
        strings[i + 1], tags[i] = tags[i] + strings[i + 1], ""


def _drop_emptied(tags: list[str], strings: list[str]) -> tuple[list[str], list[str]]:
    """The tags that stay, and the strings between them (an emptied tag joins its neighbours)."""
    kept_strings, kept_tags = [strings[0]], []
    for tag, string in zip(tags, strings[1:]):
        if tag:
            kept_tags.append(tag)
            kept_strings.append(string)
        else:
            kept_strings[-1] += string
    return kept_tags, kept_strings


def _events(tags: list[str], strings: list[str], first: str) -> list[tuple[str, str]]:
    # the first straight-quote opener sets which kind prints as the outer quote
    outer_kind = next((OPENERS[tag][0] for tag in tags if tag in (' "', " '", '("', "('")), "double")
    events: list[tuple[str, str]] = [("text", first)]
    open_kinds: list[str] = []
    for tag, string in zip(tags, strings[1:]):
        if tag in OPENERS:
            kind = _quote_kind(OPENERS[tag][0], open_kinds, outer_kind)
            open_kinds.append(kind)
            events.append(("open", kind))
        else:
            events.append(("close", open_kinds.pop() if open_kinds else "?"))
        if string:
            events.append(("text", string))
    return events


def _quote_kind(kind: str, open_kinds: list[str], outer_kind: str) -> str:
    """A quote inside a quote takes the other marks; else straight quotes of the first kind
    seen and curly double quotes are outer, the others inner."""
    if kind not in ("double", "single", "curly", "curly-inner"):
        return kind
    enclosing = [k for k in open_kinds if k in ("quote", "inner-quote")]
    if enclosing:
        return "inner-quote" if enclosing[-1] == "quote" else "quote"
    if kind in ("double", "single"):
        return "quote" if kind == outer_kind else "inner-quote"
    return "quote" if kind == "curly" else "inner-quote"


def _restore_quote_spaces(tags: list[str], strings: list[str], forced: list[bool]) -> None:
    """An opening straight quote gives back the space (or "(") it was read with, unless the
    space was added to read it. citeproc-js looks the "added" flag up by the quote's place
    among the tags other than nocase spans, less one (an off-by-one kept here, as it decides
    the output)."""
    nocase = _nocase_tags(tags)
    place = 0
    for index, tag in enumerate(tags):
        if nocase[index]:
            continue
        if tag in (' "', " '", '("', "('") and not (0 < place <= len(forced) and forced[place - 1]):
            strings[index] += tag[0]
        place += 1


def _nocase_tags(tags: list[str]) -> list[bool]:
    """Which tags open or close a nocase span (citeproc-js has dropped them by then)."""
    marks, stack = [], []
    for tag in tags:
        if tag in OPENERS:
            stack.append(OPENERS[tag][0] == "nocase")
            marks.append(stack[-1])
        elif tag in ("</span>", "</sc>", "</i>", "</b>", "</sup>", "</sub>"):
            marks.append(stack.pop() if stack else False)
        else:
            if stack:
                stack.pop()
            marks.append(False)
    return marks


def _strip_first_string(events: list[tuple[str, str]]) -> None:
    """The text before the first tag (nocase spans aside) loses up to two leading spaces:
    the one added to read the string and the data's own, which came back in front."""
    remaining = 2
    for index, (event, value) in enumerate(events):
        if event != "text":
            if value == "nocase":
                continue
            return
        while remaining and value.startswith(" "):
            value, remaining = value[1:], remaining - 1
        events[index] = ("text", value)
        if value or not remaining:
            return


def _close(stack: list, tag: str, position: int):
    """A closing tag against the open ones: None (it pairs), "nocase" (it closes a nocase
    span), or the position of the tag that fails (the open one, else this one)."""
    if stack and OPENERS[stack[-1][0]][1] == tag:
        opener, _ = stack.pop()
        return "nocase" if OPENERS[opener][0] == "nocase" else None
    return stack[-1][1] if stack else position


def plain(text: str) -> str:
    """The text with quotes and apostrophes as citeproc-js prints them, tags dropped."""
    out = []
    for kind, value in parse(text):
        if kind == "text":
            out.append(value)
        elif value == "quote":
            out.append(OPEN_QUOTE if kind == "open" else CLOSE_QUOTE)
        elif value == "inner-quote":
            out.append(OPEN_INNER if kind == "open" else CLOSE_INNER)
    return "".join(out)

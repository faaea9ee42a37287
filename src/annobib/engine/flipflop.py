"""Field text as citeproc-js parses it: rich-text tags, quotes and apostrophes.

citeproc-js runs every string it prints through its "flip-flopper"
(``CSL.Util.FlipFlopper.processTags``): CSL rich-text tags and quote marks
are one nesting grammar. A straight or curly quote after a space or "(" opens
a quote, one elsewhere closes it; a quote that closes nothing is an
apostrophe; tags that do not pair are printed as typed. Quotes that pair are
rendered as the locale's quotes, alternating outer and inner by nesting,
whatever mark the data used (``'A'`` prints “A”). This module reproduces
that parse; ``fixes/rich_text.py`` turns its result into citeproc-py strings.
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
    forced = []
    for i in range(len(tags) - 1):
        if tags[i] in OPENERS:
            if strings[i + 1] == "" and tags[i + 1] in ('"', "'"):
                tags[i + 1] = " " + tags[i + 1]
                forced.append(True)
            else:
                forced.append(False)

    def forced_space(index: int) -> bool:
        return 0 <= index < len(forced) and forced[index]

    stack: list[tuple[str, int]] = []  # (opener tag, position)
    for i, tag in enumerate(tags):
        following = strings[i + 1]
        if tag == "'" and following and following[0] not in ",.?:; ":
            strings[i + 1] = "\u2019" + following
            tags[i] = ""
            continue
        if tag == " '" and following.startswith(" "):
            strings[i + 1] = " \u2019" + following
            tags[i] = ""
            continue
        if tag in OPENERS:
            stack.append((tag, i))
            continue
        info = None
        while True:
            info = _close(stack, tag, i)
            if info is None or info == "nocase":
                break
            failed = info
            if tag == "'":
                strings[i + 1] = "\u2019" + strings[i + 1]
                tags[i] = ""
            else:
                literal = tags[failed]
                if forced_space(failed - 1):
                    literal = literal[1:]
                strings[failed + 1] = literal + strings[failed + 1]
                tags[failed] = ""
            if not stack or tag == "'":
                break
            stack.pop()
        if isinstance(info, int):
            strings[i + 1] = tags[i] + strings[i + 1]
            tags[i] = ""
    for opener, position in reversed(stack):  # openers never closed
        if opener in (" '", "'"):
            strings[position + 1] = " \u2019" + strings[position + 1]
        else:
            strings[position + 1] = tags[position] + strings[position + 1]
        tags[position] = ""
    # drop emptied tags, joining their strings
    kept_strings, kept_tags = [strings[0]], []
    for tag, string in zip(tags, strings[1:]):
        if tag:
            kept_tags.append(tag)
            kept_strings.append(string)
        else:
            kept_strings[-1] += string
    # the first straight-quote opener sets which kind prints as the outer quote
    outer_kind = "double"
    for tag in kept_tags:
        if tag in (' "', " '", '("', "('"):
            outer_kind = OPENERS[tag][0]
            break
    for index, tag in enumerate(kept_tags):
        if tag in (' "', " '", '("', "('"):
            kept_strings[index] += tag[0]
    events: list[tuple[str, str]] = []
    # the first piece loses up to two leading spaces (the one added above and the data's);
    # the data's one comes back unless it stood before a quote
    first = kept_strings[0]
    first = first[1:] if first.startswith(" ") else first
    first = first[1:] if first.startswith(" ") else first
    events.append(("text", (" " if leading_space else "") + first))
    open_kinds: list[str] = []
    for tag, string in zip(kept_tags, kept_strings[1:]):
        if tag in OPENERS:
            kind = OPENERS[tag][0]
            if kind in ("double", "single", "curly", "curly-inner"):
                enclosing = [k for k in open_kinds if k in ("quote", "inner-quote")]
                if enclosing:
                    kind = "inner-quote" if enclosing[-1] == "quote" else "quote"
                elif kind in ("double", "single"):
                    kind = "quote" if kind == outer_kind else "inner-quote"
                else:
                    kind = "quote" if kind == "curly" else "inner-quote"
            open_kinds.append(kind)
            events.append(("open", kind))
        else:
            events.append(("close", open_kinds.pop() if open_kinds else "?"))
        if string:
            events.append(("text", string))
    return [event for event in events if event != ("text", "")]


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

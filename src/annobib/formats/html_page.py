"""A whole, self-contained HTML page (``--format html --standalone``).

One file with its CSS and script inline and nothing fetched from the
network, so it works opened straight from disk. The list keeps the
document's groups; each entry shows its reference (citeproc's HTML, with a
hanging indent), its annotation and its tags. A search box and tag buttons
narrow the list as the reader types or clicks, and a line counts what is
shown. Without JavaScript the page is the plain list: the controls stay
hidden. Every piece of user text added here (title, headings, annotations,
tags, keys) is escaped.
"""
from __future__ import annotations

import json
from html import escape

from ..document import Document
from ..select import EXTRA_FOLDS, author_names, fold
from .html_parts import annotation_html

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --line: #d9d9d9; --accent: #1f4e79; --chip: #eef3f8; }
[hidden] { display: none !important; }
body { font-family: Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: var(--ink); background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 1rem; }
h2.group-heading { font-size: 1.25rem; margin: 2rem 0 0.75rem; padding-bottom: 0.2rem;
                   border-bottom: 1px solid var(--line); }
.controls { font-family: system-ui, sans-serif; font-size: 0.9rem; margin-bottom: 1rem; padding: 0.75rem;
            border: 1px solid var(--line); border-radius: 6px; background: #fafafa; }
.no-js .controls { display: none; }
.search-row { display: flex; gap: 0.5rem; align-items: center; }
.search-row input { flex: 1; font: inherit; font-size: 1rem; padding: 0.35rem 0.5rem;
                    border: 1px solid #999; border-radius: 4px; }
.tag-filters { margin-top: 0.6rem; display: flex; flex-wrap: wrap; gap: 0.35rem; }
.tag-filters .label { color: var(--muted); margin-right: 0.25rem; align-self: center; }
button.tag { font: inherit; font-family: system-ui, sans-serif; font-size: 0.8rem; cursor: pointer;
             padding: 0.1rem 0.55rem; border: 1px solid #b7c7d8; border-radius: 999px;
             background: var(--chip); color: var(--accent); }
button.tag[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
button.tag .n { color: inherit; opacity: 0.7; margin-left: 0.2rem; }
button.clear { font: inherit; cursor: pointer; padding: 0.3rem 0.7rem; border: 1px solid #999;
               border-radius: 4px; background: #fff; }
.count { font-family: system-ui, sans-serif; font-size: 0.9rem; color: var(--muted); margin: 0.5rem 0 0; }
.entry { margin: 0 0 1.1rem; }
.csl-entry { padding-left: 2.5em; text-indent: -2.5em; }
.annotation { margin: 0.3rem 0 0 2.5em; color: #333; }
.annotation p { margin: 0.3rem 0; }
ul.tags { list-style: none; margin: 0.3rem 0 0 2.5em; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
.no-match { font-style: italic; color: var(--muted); }
footer { margin-top: 2.5rem; font-family: system-ui, sans-serif; font-size: 0.8rem; color: var(--muted); }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; line-height: 1.35; }
  .controls, footer, .no-match { display: none !important; }
  .count { color: #000; font-size: 9pt; }
  ul.tags { display: block; font-size: 8.5pt; color: #444; }
  ul.tags li { display: inline; }
  ul.tags li + li::before { content: "; "; }
  button.tag { all: unset; }
  .entry { break-inside: avoid; page-break-inside: avoid; }
  h2.group-heading { break-after: avoid; page-break-after: avoid; border-color: #000; }
  a { color: inherit; text-decoration: none; }
}
"""

# Narrows the list: every search word must occur in the entry's text or its
# authors' and editors' full names (case and accents ignored, letters like
# ø, ł, æ, ß and curly apostrophes folded as annobib.select.fold does: the
# table is written into the script) and the entry must have every tag
# switched on.
_SCRIPT = """
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  var search = document.getElementById("search");
  var count = document.getElementById("count");
  var clear = document.getElementById("clear");
  var noMatch = document.getElementById("no-match");
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));
  var tagButtons = Array.prototype.slice.call(document.querySelectorAll("button.tag"));
  var active = [];
  var extra = /*EXTRA_FOLDS*/;
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/[^\\u0000-\\u007f]/g, function (c) { return extra.hasOwnProperty(c) ? extra[c] : c; })
      .replace(/\\s+/g, " ").trim();
  }
  var total = new Set(entries.map(function (e) { return e.dataset.key; })).size;
  var firstOf = {};
  entries.forEach(function (entry) {
    if (entry.dataset.repeat) { return; }
    entry.searchText = fold(entry.textContent + " " + (entry.dataset.names || ""));
    entry.tagSet = new Set(Array.prototype.map.call(entry.querySelectorAll("button.tag"),
      function (b) { return b.dataset.tag; }));
    firstOf[entry.dataset.key] = entry;
  });
  entries.forEach(function (entry) {  // a repeat (an entry under another tag) has the first's tags and words
    if (entry.dataset.repeat) {
      entry.searchText = firstOf[entry.dataset.key].searchText;
      entry.tagSet = firstOf[entry.dataset.key].tagSet;
    }
  });
  function apply() {
    var terms = fold(search.value).split(" ").filter(Boolean);
    var shown = new Set();
    entries.forEach(function (entry) {
      var ok = terms.every(function (t) { return entry.searchText.indexOf(t) !== -1; }) &&
               active.every(function (t) { return entry.tagSet.has(t); });
      entry.hidden = !ok;
      if (ok) { shown.add(entry.dataset.key); }
    });
    groups.forEach(function (group) { group.hidden = !group.querySelector(".entry:not([hidden])"); });
    tagButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(active.indexOf(b.dataset.tag) !== -1)); });
    count.textContent = "Showing " + shown.size + " of " + total + (total === 1 ? " entry" : " entries") +
      (active.length ? " \\u00b7 tags: " + active.join(", ") : "");
    noMatch.hidden = shown.size > 0;
    clear.hidden = !(terms.length || active.length);
  }
  function toggle(tag) {
    var at = active.indexOf(tag);
    if (at === -1) { active.push(tag); } else { active.splice(at, 1); }
    apply();
  }
  search.addEventListener("input", apply);
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.tag");
    if (button) { toggle(button.dataset.tag); }
  });
  clear.addEventListener("click", function () { search.value = ""; active = []; apply(); search.focus(); });
  apply();
})();
"""


def _script() -> str:
    """The page's script, with the same extra folds as annobib.select.fold."""
    table = json.dumps({chr(code): text for code, text in EXTRA_FOLDS.items()}, ensure_ascii=True)
    return _SCRIPT.replace("/*EXTRA_FOLDS*/", table)


def default_title(document: Document) -> str:
    """The title a list without ``--title`` gets: it says "Annotated" only when it is."""
    return "Annotated bibliography" if document.annotations else "References"


def page(document: Document) -> str:
    title = document.title or default_title(document)
    entries = document.entries()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en" class="no-js">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        _controls(document),
        f'<p class="count" id="count" aria-live="polite">{_count_text(len(entries))}</p>',
        "</header>",
        "<main>",
        _groups(document),
        '<p class="no-match" id="no-match" hidden>No entry matches the search and tags chosen.</p>',
        "</main>",
        f"<footer>{_footer(document)}</footer>",
        f"<script>{_script()}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _count_text(total: int) -> str:
    return f"Showing {total} of {total} {'entry' if total == 1 else 'entries'}"


def _controls(document: Document) -> str:
    """The search box and one button per tag, with how many entries carry it."""
    counts: dict[str, list] = {}  # folded tag -> [label, count]
    for entry in document.entries():
        labels: dict[str, str] = {}  # folded tag -> its first spelling (one pass: 2,000 tags stay linear)
        for tag in entry.record.tags:
            if tag.strip():
                labels.setdefault(fold(tag), tag)
        for tag, label in labels.items():
            counts.setdefault(tag, [label, 0])[1] += 1
    buttons = "".join(
        f'<button type="button" class="tag" data-tag="{escape(tag, quote=True)}" aria-pressed="false">'
        f'{escape(label)}<span class="n">{number}</span></button>'
        for tag, (label, number) in sorted(counts.items())
    )
    tag_row = (
        f'<div class="tag-filters" role="group" aria-label="Filter by tag">'
        f'<span class="label">Tags:</span>{buttons}</div>' if buttons else ""
    )
    return (
        '<div class="controls">'
        '<div class="search-row"><label for="search">Search</label>'
        '<input type="search" id="search" autocomplete="off" '
        'placeholder="Words in the references, annotations and tags">'
        '<button type="button" class="clear" id="clear" hidden>Show all</button></div>'
        f"{tag_row}</div>"
    )


def _groups(document: Document) -> str:
    seen: set[str] = set()
    blocks = []
    for group in document.groups:
        lines = ['<section class="group">']
        if group.heading:
            lines.append(f'<h2 class="group-heading">{escape(group.heading)}</h2>')
        for entry in group.entries:
            first = entry.id not in seen  # an entry under several tags gets its id once
            seen.add(entry.id)
            lines.append(_entry(entry, document.annotations, first))
        lines.append("</section>")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _entry(entry, with_annotation: bool, first: bool) -> str:
    key = escape(entry.id, quote=True)
    # An entry repeated under another tag lists its tags once, at its first place: the
    # page stays linear in size when one entry has thousands of tags.
    anchor = f' id="{key}"' if first else ' data-repeat="1"'
    names = escape(" ; ".join(dict.fromkeys(author_names(entry.record))), quote=True)
    lines = [f'<article class="entry" data-key="{key}" data-names="{names}"{anchor}>',
             f'<div class="csl-entry">{entry.html}</div>']
    if with_annotation and entry.annotation:
        lines.append(f'<div class="annotation">{annotation_html(entry)}</div>')
    tags = [tag for tag in entry.record.tags if tag.strip()]
    if tags and first:
        items = "".join(
            f'<li><button type="button" class="tag" data-tag="{escape(fold(tag), quote=True)}" '
            f'aria-pressed="false">{escape(tag)}</button></li>'
            for tag in tags
        )
        lines.append(f'<ul class="tags" aria-label="Tags">{items}</ul>')
    lines.append("</article>")
    return "\n".join(lines)


def _footer(document: Document) -> str:
    from ..styles import style_title

    title = style_title(document.style_name) if document.style_name else ""
    style = f" in the style {escape(title)}" if title else ""
    return f"{default_title(document)}{style}, made with annobib."

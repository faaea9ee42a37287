"""Speed-ups for citeproc-py: memoised static lookups, linear bookkeeping.

citeproc-py answers the same questions about the style tree over and over
while rendering: it compiles an XPath expression on every search, looks a
macro up by XPath for every ``<text macro>`` and, mostly, from
``calls_variable()``, which re-walks whole macro trees; it searches the locale
for a term each time a term is printed. Every one of these answers depends
only on the parsed style and locale trees, which do not change while
rendering, so each is computed once and kept on the element it was asked of
(the caches die with the style; nothing here keeps a style alive).

Three costs also grew faster than the list: ``register()`` tested membership
in a list, ``CitationItem.number`` searched the key list, and a ``cs:names``
without ``cs:name`` gained one default ``Name`` node per rendered entry.

The patches change no rendering logic, so the project's fixes in
``engine/fixes/`` (which replace render methods) compose with them. They are
applied once by ``apply()``; ``ANNOBIB_NO_SPEEDUPS=1`` leaves citeproc-py as
it comes (used by the benchmark's "before" column and by the tests that
compare both).

Optional render hooks (``RenderHooks``) let the caller attach an entry cache,
``--jobs`` workers and a progress bar to one render; see ``hooks_for``.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from ..cache import MISSING

_applied = False
_MISSING = object()


def enabled() -> bool:
    return not os.environ.get("ANNOBIB_NO_SPEEDUPS")


def apply() -> None:
    """Patch citeproc-py once (idempotent); a no-op under ANNOBIB_NO_SPEEDUPS=1."""
    global _applied
    if _applied or not enabled():
        return
    _applied = True
    from citeproc import frontend, model, source
    from citeproc.source import json as source_json

    _patch_xpath(model)
    _patch_tree_lookups(model)
    _patch_calls_variable(model)
    _patch_terms(model)
    _patch_formatting(model)
    _patch_names_leak(model)
    _patch_items(frontend, source)
    _patch_render_hooks(model)
    _patch_source(source_json)
    _patch_disambiguation()


def _memo(element) -> dict:
    """The per-element cache dict (lives in the lxml proxy's own __dict__)."""
    d = element.__dict__
    memo = d.get("_annobib_memo")
    if memo is None:
        memo = d["_annobib_memo"] = {}
    return memo


# -- XPath: compiled once per expression, answered once per element ----------

_compiled: dict = {}


def _patch_xpath(model) -> None:
    from lxml import etree

    nsmap = model.SomewhatObjectifiedElement.nsmap

    def xpath_search(self, expression):
        memo = _memo(self)
        key = ("xpath", expression)
        found = memo.get(key)
        if found is None:
            compiled = _compiled.get(expression)
            if compiled is None:
                if len(_compiled) > 4096:  # bounded: expressions carry macro and term names
                    _compiled.clear()
                compiled = _compiled[expression] = etree.XPath(expression, namespaces=nsmap)
            found = memo[key] = compiled(self)
        return found

    model.CitationStylesElement.xpath_search = xpath_search


# -- root, layout, macros, locale options -----------------------------------

def _patch_tree_lookups(model) -> None:
    Style, Locale = model.Style, model.Locale
    original_option = model.CitationStylesElement.get_locale_option

    def get_root(self):
        cache = self.__dict__  # not _memo(): asked ~70 times an entry, one call saved each time
        root = cache.get("_annobib_root")
        if root is None:
            root = self.getroottree().getroot()
            if not isinstance(root, (Style, Locale)):
                return root  # a detached node (a Name being built): do not remember
            _keep_proxies_alive(root)
            cache["_annobib_root"] = root
        return root

    def get_layout(self):
        memo = _memo(self)
        layout = memo.get("layout")
        if layout is None:
            layout = memo["layout"] = self.xpath_search("./ancestor-or-self::cs:layout[1]")[0]
        return layout

    def get_macro(self, name):
        macros = _memo(self.get_root()).setdefault("macros", {})
        macro = macros.get(name)
        if macro is None:
            expression = "cs:macro[@name='{}'][1]".format(name)
            macro = macros[name] = self.get_root().xpath_search(expression)[0]
        return macro

    def get_locale_option(self, name):
        options = _memo(self.get_root()).setdefault("locale_options", {})
        value = options.get(name, _MISSING)
        if value is _MISSING:
            value = options[name] = original_option(self, name)
        return value

    model.CitationStylesElement.get_root = get_root
    model.CitationStylesElement.get_layout = get_layout
    model.CitationStylesElement.get_macro = get_macro
    model.CitationStylesElement.get_locale_option = get_locale_option


def _keep_proxies_alive(root) -> None:
    """lxml drops a Python proxy when nothing refers to it, and with it the
    memo stored on it; the root holds every proxy of its tree, so the memos
    live exactly as long as the parsed style (or locale)."""
    d = root.__dict__
    if "_annobib_proxies" not in d:
        d["_annobib_proxies"] = list(root.iter())


# -- calls_variable: a pure function of the static tree ----------------------

def _patch_calls_variable(model) -> None:
    for cls in (model.Parent, model.Text, model.Label):
        original = cls.__dict__["calls_variable"]

        def calls_variable(self, _original=original):
            memo = _memo(self)
            value = memo.get("calls_variable")
            if value is None:
                value = memo["calls_variable"] = bool(_original(self))
            return value

        cls.calls_variable = calls_variable


# -- terms -------------------------------------------------------------------

def _patch_terms(model) -> None:
    Locale, String = model.Locale, model.String
    locale_get_term = Locale.get_term
    style_get_term = model.CitationStylesElement.get_term
    single, multiple = model.Term.single.fget, model.Term.multiple.fget

    def locale_term(self, name, form=None, zero_padded=False):
        terms = _memo(self).setdefault("terms", {})
        key = (name, form, zero_padded)
        term = terms.get(key, _MISSING)
        if term is _MISSING:
            try:
                term = locale_get_term(self, name, form, zero_padded)
            except IndexError:
                term = None
            terms[key] = term
        if term is None:
            raise IndexError  # "not in this locale": the caller tries the next one
        return term

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        terms = _memo(self.get_root()).setdefault("style_terms", {})
        key = (name, form, fallback_locale, zero_padded)
        term = terms.get(key, _MISSING)
        if term is _MISSING:
            term = terms[key] = style_get_term(self, name, form, fallback_locale, zero_padded)
        return term

    def term_text(getter, label):
        # The text depends on the formatter (preformat), which a later
        # bibliography may change: cached per formatter, a fresh String each time.
        def text(self):
            formatter = self.get_formatter()
            cache = _memo(self).setdefault(label, {})
            value = cache.get(formatter)
            if value is None:
                value = cache[formatter] = str(getter(self))
            return String(value)
        return property(text)

    Locale.get_term = locale_term
    model.CitationStylesElement.get_term = get_term
    model.Term.single = term_text(single, "single")
    model.Term.multiple = term_text(multiple, "multiple")


# -- Formatted.format: nothing to do when no formatting attribute is set -----

_FORMAT_ATTRIBUTES = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


def _patch_formatting(model) -> None:
    original = model.Formatted.format

    def format(self, string):
        cache = self.__dict__  # not _memo(): called for nearly every node rendered
        formats = cache.get("_annobib_formats")
        if formats is None:
            attrib = self.attrib
            formats = cache["_annobib_formats"] = any(name in attrib for name in _FORMAT_ATTRIBUTES)
        if formats:
            return original(self, string)
        return str(string) if isinstance(string, (int, float)) else string

    model.Formatted.format = format


# -- the default Name of a cs:names without cs:name --------------------------

def _patch_names_leak(model) -> None:
    """citeproc inserts a fresh namespace-less ``Name`` into such a cs:names on
    every render and never finds it again (it looks for cs:name), so the tree
    grew by one node per entry. Keeping only the newest one at index 0 gives
    the same output: the nodes are identical and the newest is always first."""
    Name = model.Name

    def insert(self, index, element):
        if type(element) is Name and element.tag == "Name":
            for old in [child for child in self if child.tag == "Name" and child is not element]:
                self.remove(old)
        super(model.Names, self).insert(index, element)

    model.Names.insert = insert


# -- register(), CitationItem.number / .reference / is_bad --------------------

def _key_positions(bibliography) -> dict:
    """Each registered key's first position, kept until the key list changes."""
    keys = bibliography.keys
    cached = bibliography.__dict__.get("_annobib_key_index")
    if cached is None or cached[0] is not keys or cached[1] != len(keys):
        index = {}
        for position, key in enumerate(keys):
            index.setdefault(key, position)
        cached = bibliography._annobib_key_index = (keys, len(keys), index)
    return cached[2]


def _patch_items(frontend, source) -> None:
    Bibliography = frontend.CitationStylesBibliography
    CitationItem = source.CitationItem
    original_reference = CitationItem.reference.fget
    get = dict.__getitem__

    def register(self, citation, callback=None):
        citation.bibliography = self
        known = self.__dict__.get("_annobib_keyset")
        if known is None or len(known) != len(self.keys):
            known = self._annobib_keyset = set(self.keys)
        for item in citation.cites:
            if item.key in self.source:
                if item.key not in known:
                    known.add(item.key)
                    self.keys.append(item.key)
                    self.items.append(item)
            elif callback is not None:
                callback(item)

    def number(self):
        bibliography = self.bibliography
        position = _key_positions(bibliography).get(self.key)
        if position is None or bibliography.keys[position] != self.key:
            return bibliography.keys.index(self.key) + 1  # raises as before
        return position + 1

    def is_bad(self):
        return self.key not in _key_positions(self.bibliography)

    def reference_fast(self):
        # Read a few hundred times an entry: kept on the item (its own __dict__,
        # not its dict keys, which fingerprint() reads), once it can be found.
        reference = self.__dict__.get("_annobib_reference")
        if reference is None:
            try:
                bibliography = get(get(self, "citation"), "bibliography")
                reference = get(bibliography.source, get(self, "key"))
            except (KeyError, AttributeError, TypeError):
                return original_reference(self)  # the original raises the right error
            self.__dict__["_annobib_reference"] = reference
        return reference

    Bibliography.register = register
    CitationItem.number = property(number)
    CitationItem.is_bad = is_bad
    CitationItem.reference = property(reference_fast)


# -- optional render hooks: entry cache, workers, progress ---------------------

@dataclass
class RenderHooks:
    """What one render may use besides the engine itself.

    ``entry_store``: a mapping-like store (see annobib.cache.EntryStore) of
    rendered entries and sort keys by fingerprint; ``jobs``: worker processes
    for the per-entry work; ``progress``: show a bar on stderr (TTY only) when
    the work runs longer than a second.
    """

    entry_store: object | None = None
    jobs: int = 1
    progress: bool = False
    stats: dict = field(default_factory=lambda: {"rendered": 0, "cached": 0, "sort_cached": 0,
                                                 "cites_rendered": 0, "cites_cached": 0})


def _hooks(element) -> RenderHooks | None:
    return element.get_root().__dict__.get("_annobib_hooks")


@contextmanager
def hooks_for(style, hooks: RenderHooks):
    """Attach ``hooks`` to a parsed CitationStylesStyle for the duration of a render."""
    root = style.root
    root.__dict__["_annobib_hooks"] = hooks
    try:
        yield hooks
    finally:
        root.__dict__.pop("_annobib_hooks", None)


def _style_facts(root) -> dict:
    """Facts about a style that decide whether entries may be cached or split
    across processes: both need an entry to depend only on its own data."""
    memo = _memo(root)
    facts = memo.get("facts")
    if facts is None:
        from lxml import etree

        ns = {"cs": "http://purl.org/net/xbiblio/csl"}
        text = etree.tostring(root, encoding="unicode")
        facts = memo["facts"] = {
            # the previous entry's names decide this one's: order-dependent
            "substitutes_authors": bool(root.xpath("//cs:bibliography[@subsequent-author-substitute]",
                                                   namespaces=ns)),
            # citeproc copies such date-part overrides into the shared locale
            # (Date_Part.process), so an entry can depend on earlier renders
            "mutates_locale": bool(root.xpath("//cs:date[@form][cs:date-part][not(ancestor::cs:locale)]",
                                               namespaces=ns)),
            "numbered": "citation-number" in text,
        }
    return facts


class SortKey(str):
    """A macro sort key as plain data: its text, and the text of its
    ``lower()`` (citeproc's String and MixedString lower-case all but their
    nocase parts, which the comparator relies on)."""

    def __new__(cls, text: str, lowered: str):
        key = super().__new__(cls, text)
        key.lowered = lowered
        return key

    def lower(self):
        return self.lowered

    def __reduce__(self):
        return (SortKey, (str(self), self.lowered))


def _portable_sort_key(value):
    if value is None:
        return None
    if not hasattr(value, "lower"):
        return value  # numbers stay numbers
    return SortKey(str(value), str(value.lower()))


def fingerprint(item, numbered: bool) -> str:
    """All an entry's rendering can depend on: the item's CSL-JSON data, any
    variable a later pass added to its reference (a year-suffix, say), any
    state stored on the citation item, and in a numbered style its number.
    The item's key is left out, so moving an entry in an unnumbered list
    does not invalidate it. (Contract with the engine layer: state that
    changes how an entry renders is stored on the item or its reference.)"""
    get = dict.__getitem__
    source = get(get(item, "citation"), "bibliography").source
    # A bare item holds only its key and citation; anything more is state.
    return _fingerprint(source, get(item, "key"), item if len(item) > 2 else None,
                        item.number if numbered else None, item)


def _fingerprint(source, key: str, state_item, number, item=None) -> str:
    get = dict.__getitem__
    raw = source.__dict__.get("_annobib_raw")
    if raw is not None and key in raw:
        digest = data_digest(source, key)
        reference = dict.get(source, key)  # None: not built yet (lazy_source), so nothing added
        added = ()
        if reference is not None:
            base = source.__dict__["_annobib_base_keys"][key]
            added = () if reference.keys() == base else set(reference) - base  # (compared without a new set)
            if len(reference) != len(base) + len(added):  # a variable was removed: read it all
                parts = []
                _walk(reference, parts, skip="key")
                added, digest = (), _digest(digest + "\x1f".join(parts))
        if added or state_item is not None:  # state added after the source was built: always read afresh
            parts = [digest]
            for name in sorted(added):
                parts.append(name)
                _walk(get(reference, name), parts)
            if state_item is not None:
                _walk(state_item, parts, skip=("citation", "key"))
            digest = _digest("\x1f".join(parts))
    else:
        parts = []
        _walk(item.reference, parts, skip="key")
        _walk(item, parts, skip=("citation", "key"))
        digest = _digest("\x1f".join(parts))
    state = _engine_state(key)
    if state:
        digest = _digest(digest + "\x1f" + state)
    if number is not None:
        return f"{digest}#{number}"
    return digest


def data_digest(source, key: str) -> str:
    """A digest of the item's CSL-JSON as given (its id left out), once per source."""
    statics = source.__dict__.setdefault("_annobib_fingerprints", {})
    digest = statics.get(key)
    if digest is None:
        # repr: deterministic for JSON data and twice as fast as json.dumps (a
        # different key order is only a cache miss)
        digest = statics[key] = _digest(repr([(k, v) for k, v in source._annobib_raw[key].items() if k != "id"]))
    return digest


def _engine_state(key: str) -> str:
    """What the engine layer decided for this item outside citeproc's own
    objects (engine/state.py: year suffix, names shown, ...), if it exists."""
    current = _current_state()
    if current is None:
        return ""
    items = current.items
    return f"{items.get(key) if items else None!r}|{(current.in_citation, current.sorting)!r}"


_state = []


def _current_state():
    """engine/state.py's CURRENT once it has been imported (read for every fingerprint)."""
    if not _state:
        module = sys.modules.get("annobib.engine.state")
        if module is None:
            return None
        _state.append(module.CURRENT)
    return _state[0]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def lazy_source(CiteProcJSON, items: list[dict]):
    """A ``CiteProcJSON`` of ``items`` whose references are built when first read.

    Building a reference parses every field (the rich-text and quote parser
    of fixes/rich_text.py): about 0.1 ms an item, the largest cost of a warm
    re-render of a big library in which the sort keys, cites and entries of
    almost every item come from the cache and its reference is never read.
    Each reference is built by a one-item ``CiteProcJSON``, so every fix of
    the source applies exactly as in an eager build."""
    source = CiteProcJSON([])
    pending = {}
    for item in items:
        pending[str(item["id"]).lower()] = item  # the last of duplicates wins, as in the source
    source._annobib_pending = pending
    source._annobib_raw = dict(pending)
    source._annobib_base_keys = {}
    source._annobib_fingerprints = {}
    return source


def _patch_source(source_json) -> None:
    """Remember each reference's CSL-JSON (for fingerprints) and its variables
    as built (so variables added later are seen); build lazy_source's
    references on first read."""
    CiteProcJSON = source_json.CiteProcJSON
    original = CiteProcJSON.__init__

    def __missing__(self, key):
        pending = self.__dict__.get("_annobib_pending")
        if not pending or key not in pending:
            raise KeyError(key)
        import warnings

        with warnings.catch_warnings():  # citeproc-py warns about CSL variables it does not know
            warnings.simplefilter("ignore")
            built = type(self)([pending[key]])
        reference = dict.__getitem__(built, key)
        del pending[key]
        dict.__setitem__(self, key, reference)
        self._annobib_base_keys[key] = built._annobib_base_keys[key]
        return reference

    def __contains__(self, key):
        return dict.__contains__(self, key) or key in (self.__dict__.get("_annobib_pending") or ())

    CiteProcJSON.__missing__ = __missing__
    CiteProcJSON.__contains__ = __contains__

    def __init__(self, json_data):
        json_data = list(json_data)
        original(self, json_data)
        raw = {}
        for ref in json_data:
            if isinstance(ref, dict) and "id" in ref:
                raw[str(ref["id"]).lower()] = ref  # the last of duplicates wins, as in the source
        self._annobib_raw = raw
        self._annobib_base_keys = {key: frozenset(reference.keys()) for key, reference in self.items()}

    CiteProcJSON.__init__ = __init__


def _walk(value, parts: list, skip=()) -> None:
    parts.append(type(value).__name__)
    if isinstance(value, str):
        parts.append(value)
    elif isinstance(value, dict):
        for key in sorted(value):
            if key in skip:
                continue
            parts.append(key)
            _walk(dict.__getitem__(value, key), parts)
        parts.append("}")
    elif isinstance(value, (list, tuple)):
        for element in value:
            _walk(element, parts)
        parts.append("]")
    else:
        parts.append(repr(value))


def _patch_render_hooks(model) -> None:
    Layout, Key = model.Layout, model.Key
    render_all = Layout.render_bibliography
    sort_keys = Key.sort_keys

    def render_one(layout, item):
        layout.repressed = {}
        text = layout.format(layout.wrap(layout.render_children(item)))
        return None if text is None else str(text)

    def render_bibliography(self, citation_items):
        hooks = _hooks(self)
        if hooks is None or not independent_entries_root(self.get_root()):
            return render_all(self, citation_items)
        numbered = _style_facts(self.get_root())["numbered"]
        store = hooks.entry_store
        results, prints, todo = _from_store(citation_items, store and store.get_entry,
                                            lambda item: fingerprint(item, numbered))
        hooks.stats["cached"] += len(citation_items) - len(todo)
        rendered = _map_items(lambda item: render_one(self, item),
                              [citation_items[i] for i in todo], hooks, "rendering")
        hooks.stats["rendered"] += len(todo)
        for index, text in zip(todo, rendered):
            results[index] = text
            if store is not None:
                store.put_entry(prints[index], text)
        return [text for text in results if text is not None]

    def key_sort_keys(self, items, context):
        hooks = _hooks(self)
        # A variable key is cheap to read but builds the item's reference
        # (lazy_source); only a citation number depends on more than the item.
        per_item = "macro" in self.attrib or self.get("variable") not in (None, "citation-number")
        if hooks is None or not per_item or not independent_entries_root(self.get_root()):
            return sort_keys(self, items, context)
        store = hooks.entry_store
        memo = _memo(self)
        name = memo.get("path")
        if name is None:
            name = memo["path"] = self.getroottree().getpath(self)
        values: list = [None] * len(items)
        todo: list[int] = []
        prints: list = [None] * len(items)
        prints_seen = _sort_pass_prints if _sort_pass_prints is not None else {}
        stored = store.sort_table(name) if store is not None else None
        for index, item in enumerate(items):
            if stored is not None:
                print_ = prints_seen.get(id(item))
                if print_ is None:
                    print_ = prints_seen[id(item)] = fingerprint(item, numbered=False)
                prints[index] = print_
                found = stored.get(print_, _MISSING_ENTRY)
                if found is not _MISSING_ENTRY:
                    values[index] = found
                    continue
            todo.append(index)
        hooks.stats["sort_cached"] += len(items) - len(todo)

        def one_key(item):
            return _portable_sort_key(sort_keys(self, [item], context)[0])

        computed = _map_items(one_key, [items[i] for i in todo], hooks, "sorting")
        for index, value in zip(todo, computed):
            values[index] = value
            if store is not None:
                store.put_sort_key(name, prints[index], value)
        return values

    Layout.render_bibliography = render_bibliography
    Key.sort_keys = key_sort_keys


# Fingerprints by id(item) while one list is sorted (sort_pass): an item's key
# is read for each sort key it ties on, and nothing it depends on changes
# while the list is sorted.
_sort_pass_prints: dict | None = None


@contextmanager
def sort_pass():
    """Around the sorting of one list (fixes/sorting.py): fingerprints are computed once an item."""
    global _sort_pass_prints
    saved, _sort_pass_prints = _sort_pass_prints, {}
    try:
        yield
    finally:
        _sort_pass_prints = saved


def _from_store(things: list, lookup, fingerprint_of) -> tuple[list, list, list[int]]:
    """``(results, fingerprints, todo)``: each thing's stored result where the
    store (``lookup``: fingerprint -> result or MISSING) has it, and the
    indices of the things still to compute. No store: everything is to do."""
    results: list = [None] * len(things)
    prints: list = [None] * len(things)
    if not lookup:
        return results, prints, list(range(len(things)))
    todo = []
    for index, thing in enumerate(things):
        prints[index] = print_ = fingerprint_of(thing)
        found = lookup(print_)
        if found is _MISSING_ENTRY:
            todo.append(index)
        else:
            results[index] = found
    return results, prints, todo


def _patch_disambiguation() -> None:
    """Disambiguation renders every item's cite at least once (10,000 cites for
    10,000 entries) to find the cites that look alike, and again for each
    change it tries. A cite is a pure function of the item's data, what the
    engine decided for it (engine/state.py, including the render flags) and,
    in a numbered style, its number; with an entry store attached the
    result is kept under exactly that, so a warm render only renders the
    cites of changed items (or of items whose state changed)."""
    from . import disambiguation

    original = getattr(disambiguation, "render_cite", None)
    if original is None or getattr(original, "_annobib_cached", False):
        return

    def render_cite(layout, bibliography, key):
        hooks = _hooks(layout)
        store = hooks.entry_store if hooks is not None else None
        if store is None or not independent_entries_root(layout.get_root()):
            return original(layout, bibliography, key)
        print_ = cite_fingerprint(layout, bibliography, key)
        found = store.get_cite(print_)
        if found is not _MISSING_ENTRY:
            hooks.stats["cites_cached"] += 1
            return found
        text = original(layout, bibliography, key)
        hooks.stats["cites_rendered"] += 1
        if isinstance(text, str) and not text.startswith("\x00"):  # a failure names the item's key: not kept
            store.put_cite(print_, text)
        return text

    def render_cites(layout, bibliography, keys):
        # The first pass renders every item's cite: cached ones are looked up,
        # the rest are rendered by the --jobs workers like entries.
        hooks = _hooks(layout)
        if hooks is None or not independent_entries_root(layout.get_root()):
            return [disambiguation.render_cite(layout, bibliography, key) for key in keys]
        store = hooks.entry_store
        flags = _render_flags()
        texts, prints, todo = _from_store(keys, store and store.get_cite,
                                          lambda key: cite_fingerprint(layout, bibliography, key, flags))
        hooks.stats["cites_cached"] += len(keys) - len(todo)
        rendered = _map_items(lambda key: original(layout, bibliography, key),
                              [keys[i] for i in todo], hooks, "disambiguating")
        hooks.stats["cites_rendered"] += len(todo)
        for index, text in zip(todo, rendered):
            texts[index] = text
            if store is not None and isinstance(text, str) and not text.startswith("\x00"):
                store.put_cite(prints[index], text)
        return texts

    def by_item_data(kind, function):
        # Facts disambiguation reads from every item's names: from the cache,
        # the item's reference need not even be built (lazy_source).
        def cached(bibliography, key):
            hooks = _hooks(bibliography.style.root)
            store = hooks.entry_store if hooks is not None else None
            source = bibliography.source
            if store is None or key not in (source.__dict__.get("_annobib_raw") or ()):
                return function(bibliography, key)
            print_ = data_digest(source, key)
            found = store.get_fact(kind, print_)
            if found is _MISSING_ENTRY:
                found = function(bibliography, key)
                store.put_fact(kind, print_, found)
            return found

        return cached

    render_cite._annobib_cached = True
    disambiguation.render_cite = render_cite
    disambiguation.render_cites = render_cites
    disambiguation.first_person = by_item_data("person", disambiguation.first_person)
    disambiguation.name_count = by_item_data("names", disambiguation.name_count)


def cite_fingerprint(layout, bibliography, key: str, flags: str | None = None) -> str:
    """Everything one disambiguation cite of ``key`` depends on (see above).
    ``flags``: _render_flags(), when the caller has it for a whole batch."""
    source = bibliography.source
    numbered = _style_facts(layout.get_root())["numbered"]
    position = _key_positions(bibliography).get(key)
    if key in (source.__dict__.get("_annobib_raw") or ()) and position is not None:
        print_ = _fingerprint(source, key, None, position + 1 if numbered else None)
    else:
        from citeproc import Citation, CitationItem

        item = CitationItem(key)
        Citation([item]).bibliography = bibliography
        print_ = fingerprint(item, numbered)
    return _digest("cite\x1f" + print_ + "\x1f" + (_render_flags() if flags is None else flags))


# RenderState fields that are not inputs of a disambiguation cite: the per-item
# decisions (fingerprint() reads the item's own), ``names_seen`` (render_cite
# resets it first), ``entry_started`` (Layout.render_children resets it, see
# fixes/terms.py; sort-key renders leave it set, so keeping it would make
# every cite miss after a warm sort) and ``first_names_key`` (written while
# rendering, read only by cite collapsing afterwards). Every other field,
# including any added later, is part of the key: an unknown flag costs hits,
# never correctness.
_NOT_CITE_INPUTS = frozenset({"items", "names_seen", "entry_started", "first_names_key"})


def _render_flags() -> str:
    """The engine layer's render flags that a cite may read (engine/state.py)."""
    current = _current_state()
    if current is None:
        return ""
    return repr(sorted((k, repr(v)) for k, v in vars(current).items() if k not in _NOT_CITE_INPUTS))


def independent_entries_root(root) -> bool:
    facts = _style_facts(root)
    return not facts["substitutes_authors"] and not facts["mutates_locale"]


_MISSING_ENTRY = MISSING  # what an entry store returns for "not stored"

# Below this many entries a fork costs more than it saves.
PARALLEL_MINIMUM = 200


def _map_items(function: Callable, items: list, hooks: RenderHooks, label: str) -> list:
    if hooks.jobs > 1 and len(items) >= PARALLEL_MINIMUM:
        from ..parallel import fork_map

        return fork_map(function, items, hooks.jobs,
                        progress=_progress(hooks, label, len(items) // hooks.jobs + 1))
    report = _progress(hooks, label, len(items))
    out = []
    for done, item in enumerate(items, 1):
        out.append(function(item))
        if report is not None:
            report(done)
    if report is not None:
        report(None)
    return out


def _progress(hooks: RenderHooks, label: str, total: int):
    """A reporter ``report(done)`` that draws a bar on stderr once the work has
    run for a second, only when stderr is a terminal; ``report(None)`` ends it."""
    if not hooks.progress or total == 0 or not sys.stderr.isatty():
        return None
    start = time.monotonic()
    state = {"drawn": 0.0}

    def report(done):
        now = time.monotonic()
        if done is None:
            if state["drawn"]:
                sys.stderr.write("\r\x1b[K")
                sys.stderr.flush()
            return
        if now - start < 1.0 or (now - state["drawn"] < 0.1 and done < total):
            return
        state["drawn"] = now
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()

    return report

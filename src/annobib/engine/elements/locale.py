"""The style's root and its locales: terms, locale options, localized date formats.

citeproc-py looks a term up by XPath on every use and knows no form
fallback (``verb-short`` -> ``verb`` -> ``long``, ``symbol`` -> ``short``),
no gendered ordinals and no ``match`` rules for them. annobib's ``Style``
indexes each locale's terms once and answers from the index, following CSL
1.0.2's locale fallback: the in-style locales, then the locale files, for
the requested form, then for each fallback form.

``Style`` also holds the per-element memo of static facts (what an element
renders depends on its attributes, which never change), so nothing is kept
on citeproc-py's objects.
"""
from __future__ import annotations

from citeproc import model

from .base import CSL_NS, XML_LANG

_TERM = f"{{{CSL_NS}}}term"
_FORM_FALLBACK = {
    "long": ("long",),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "verb-short": ("verb-short", "verb", "long"),
    "symbol": ("symbol", "short", "long"),
}


class Term(model.Term):
    def texts(self) -> tuple[str, str]:
        """(singular, plural) as written in the locale."""
        single = self.find(f"{{{CSL_NS}}}single")
        multiple = self.find(f"{{{CSL_NS}}}multiple")
        if single is None and multiple is None:
            value = _content(self.text)
            return value, value
        return (_content(single.text) if single is not None else "",
                _content(multiple.text) if multiple is not None else "")


def _content(text: str | None) -> str:
    """A term's text; white space alone (a term written over two lines) is empty, as in citeproc-js."""
    return text if text and text.strip() else ""


class Locale(model.Locale):
    def term_index(self) -> dict:
        """{(name, form, gender-form): Term} for the terms this locale defines."""
        index = self.__dict__.get("_terms")
        if index is None:
            index = {}
            for terms in self.iterchildren(f"{{{CSL_NS}}}terms"):
                for term in terms.iterchildren(_TERM):
                    key = (term.get("name"), term.get("form", "long"), term.get("gender-form"))
                    index.setdefault(key, term)
            self.__dict__["_terms"] = index
        return index

    def style_option(self, name: str) -> str | None:
        for options in self.iterchildren(f"{{{CSL_NS}}}style-options"):
            if name in options.attrib:
                return options.get(name)
        return None

    def date_format(self, form: str):
        for date in self.iterchildren(f"{{{CSL_NS}}}date"):
            if date.get("form") == form:
                return date
        return None


class Style(model.Style):
    """The root of a parsed style."""

    # -- static facts of elements, kept for the life of the style ----------
    def memo(self, element, key: str):
        return self.memo_table().get((element, key))

    def remember(self, element, key: str, value):
        self.memo_table()[(element, key)] = value
        return value

    def memo_table(self) -> dict:
        """{(element, fact): value}: the static facts of this style's elements (a render keeps a
        reference to it in its RenderContext, the hot paths read it from there)."""
        return self.__dict__.setdefault("_memo", {})

    def macro(self, name: str):
        macros = self.__dict__.get("_macros")
        if macros is None:
            macros = self.__dict__["_macros"] = {m.get("name"): m for m in self.iterchildren(f"{{{CSL_NS}}}macro")}
        return macros.get(name)

    def renders_year_suffix(self) -> bool:
        """Whether the style prints the year suffix itself (else it follows the first year)."""
        found = self.__dict__.get("_renders_suffix")
        if found is None:
            found = self.__dict__["_renders_suffix"] = any(
                e.get("variable") in ("year-suffix", "citation-label") for e in self.iter(f"{{{CSL_NS}}}text"))
        return found

    def numbered(self) -> bool:
        """Whether the style prints citation numbers (an entry then depends on its place)."""
        found = self.__dict__.get("_numbered")
        if found is None:
            found = self.__dict__["_numbered"] = any(
                e.get("variable") == "citation-number" for e in self.iter(f"{{{CSL_NS}}}text", f"{{{CSL_NS}}}number"))
        return found

    def uses_disambiguate_condition(self) -> bool:
        found = self.__dict__.get("_uses_disambiguate")
        if found is None:
            found = self.__dict__["_uses_disambiguate"] = any(
                "disambiguate" in e.attrib for e in self.iter(f"{{{CSL_NS}}}if", f"{{{CSL_NS}}}else-if"))
        return found

    def section(self, name: str):
        """The cs:citation or cs:bibliography element (None when the style has none)."""
        sections = self.__dict__.get("_sections")
        if sections is None:
            sections = self.__dict__["_sections"] = {
                "citation": self.find(f"{{{CSL_NS}}}citation"), "bibliography": self.find(f"{{{CSL_NS}}}bibliography")}
        return sections.get(name)

    # -- locales -----------------------------------------------------------
    def set_locale_list(self, output_locale, validate=False):
        """Set by ParsedStyle (engine/style.py), which parses the locale files with annobib's classes."""
        raise NotImplementedError("annobib's styles get their locales from engine.style.ParsedStyle")

    def use_locales(self, language: str, locales: list) -> None:
        self.locales = locales
        self.language = language

    @property
    def english(self) -> bool:
        return (self.get("default-locale") or "en").lower().startswith("en")

    def term(self, name: str, form: str = "long", plural: bool = False, gender: str | None = None) -> str | None:
        key = ("term", name, form, plural, gender)
        cache = self.__dict__.setdefault("_term_cache", {})
        if key in cache:
            return cache[key]
        found = None
        for wanted in _FORM_FALLBACK.get(form, (form, "long")):
            for locale in self.locales:
                index = locale.term_index()
                term = index.get((name, wanted, gender)) if gender else None
                if term is None:
                    term = index.get((name, wanted, None))
                if term is not None:
                    single, multiple = term.texts()
                    found = multiple if plural else single
                    break
            if found is not None:
                break
        cache[key] = found
        return found

    def term_gender(self, name: str) -> str | None:
        """The grammatical gender a locale gives a noun term (for ordinals)."""
        for locale in self.locales:
            term = locale.term_index().get((name, "long", None))
            if term is not None:
                return term.get("gender")
        return None

    def locale_option(self, name: str, default: str = "false") -> str:
        for locale in self.locales:
            value = locale.style_option(name)
            if value is not None:
                return value
        return default

    @property
    def punctuation_in_quote(self) -> bool:
        return self.locale_option("punctuation-in-quote").lower() == "true"

    def quote_marks(self) -> tuple[str, str, str, str]:
        return (self.term("open-quote") or "\u201c", self.term("close-quote") or "\u201d",
                self.term("open-inner-quote") or "\u2018", self.term("close-inner-quote") or "\u2019")

    def date_format(self, form: str):
        for locale in self.locales:
            found = locale.date_format(form)
            if found is not None:
                return found
        return None

    # -- ordinals (CSL 1.0.2, "Ordinal Suffixes") --------------------------
    def ordinal(self, number: int, gender: str | None = None) -> str:
        terms = self._ordinal_terms()
        suffix = _ordinal_suffix(terms, number, gender)
        return f"{number}{suffix}"

    def long_ordinal(self, number: int, gender: str | None = None) -> str:
        if 1 <= number <= 10:
            terms = self._ordinal_terms(long=True)
            name = f"long-ordinal-{number:02d}"
            found = _gendered(terms, name, gender)
            if found is not None:
                return found
        return self.ordinal(number, gender)

    def _ordinal_terms(self, long: bool = False) -> dict:
        """The ordinal terms in force: those of the first locale that defines any (an in-style
        locale's ordinals replace the locale file's, CSL 1.0.2)."""
        key = "long" if long else "short"
        cache = self.__dict__.setdefault("_ordinals", {})
        if key in cache:
            return cache[key]
        prefix = "long-ordinal" if long else "ordinal"
        chosen: dict = {}
        for locale in self.locales:
            found = {k: v for k, v in locale.term_index().items()
                     if k[0] == prefix or (k[0].startswith(prefix + "-") and k[0][len(prefix) + 1:].isdigit())}
            if found:
                chosen = found
                break
        cache[key] = chosen
        return chosen


def _gendered(terms: dict, name: str, gender: str | None):
    term = terms.get((name, "long", gender)) if gender else None
    if term is None:
        term = terms.get((name, "long", None))
    if term is None and not gender:
        term = next((t for (n, f, _g), t in terms.items() if n == name and f == "long"), None)
    return term.texts()[0] if term is not None else None


def _ordinal_suffix(terms: dict, number: int, gender: str | None) -> str:
    last_two, last = abs(number) % 100, abs(number) % 10
    candidates = []
    if last_two >= 10:
        candidates.append((f"ordinal-{last_two:02d}", ("last-two-digits",), last_two))
    candidates.append((f"ordinal-{last:02d}", ("last-digit",), last))
    if last_two < 10:
        candidates.append((f"ordinal-{last_two:02d}", ("last-two-digits",), last_two))
    for name, default_match, _value in candidates:
        for term_gender in ((gender, None) if gender else (None,)):
            term = terms.get((name, "long", term_gender))
            if term is None and term_gender is None and not gender:
                term = next((t for (n, f, _g), t in terms.items() if n == name and f == "long"), None)
            if term is None:
                continue
            match = term.get("match") or default_match[0]
            number_part = int(name[-2:])
            if match == "whole-number" and abs(number) != number_part:
                continue
            if match == "last-two-digits" and last_two != number_part:
                continue
            if match == "last-digit" and last != number_part:
                continue
            return term.texts()[0]
    generic = _gendered(terms, "ordinal", gender)
    return generic or ""


def locale_language(locale) -> str | None:
    return locale.get(XML_LANG)

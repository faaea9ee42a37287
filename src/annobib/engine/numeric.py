"""Number variables read as citeproc-js reads them (``CSL.Engine.processNumber``).

A number field ("213, and 235", "vol. 1, fol. 186", "427-30", "7, p. 3-8",
"3\\-B") is split at its joiners (",", ";", "&", "and", hyphens and en
dashes, a backslash-escaped hyphen excepted) into values, each with the
label typed before it ("vol.", "fol.", "p.") or the variable's own. Values
that share a label form a group; a group of several numbers is plural, a
value that is a number (with a letter prefix, or roman) is numeric. What
the field tells the rest of the style comes from its first value:
``numeric`` (cs:if is-numeric), ``plural`` and ``label`` (the term a
cs:label prints: a locator "vol. 1" prints "vol." and not "p.").

When printed, a group of two numbers joined by a hyphen is a range:
page ranges go through the style's page-range-format, other numeric ranges
get the locale's page-range-delimiter; an embedded label that differs
from the field's own is printed in its short form ("fol. 186").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .page_ranges import EN_DASH, js_int, mangle_page_range

# citeproc-js's STATUTE_SUBDIV_STRINGS: typed label -> CSL term
LABELS = {
    "vrs.": "verse", "sv.": "sub-verbo", "subpara.": "subparagraph", "op.": "opus", "subch.": "subchapter",
    "add.": "addendum", "amend.": "amendment", "annot.": "annotation", "app.": "appendix", "art.": "article",
    "bibliog.": "bibliography", "bk.": "book", "ch.": "chapter", "cl.": "clause", "col.": "column",
    "cmt.": "comment", "dec.": "decision", "dept.": "department", "ex.": "example", "fig.": "figure",
    "fld.": "field", "fol.": "folio", "n.": "note", "hypo.": "hypothetical", "illus.": "illustration",
    "intro.": "introduction", "l.": "line", "no.": "issue", "p.": "page", "pp.": "page", "para.": "paragraph",
    "pt.": "part", "pmbl.": "preamble", "princ.": "principle", "pub.": "publication", "r.": "rule",
    "rn.": "randnummer", "sched.": "schedule", "sec.": "section", "ser.": "series,", "subdiv.": "subdivision",
    "subsec.": "subsection", "supp.": "supplement", "tbl.": "table", "tit.": "title", "vol.": "volume",
}
ABBREVIATIONS = {term: label for label, term in LABELS.items() if label != "pp."}
ABBREVIATIONS["sub verbo"] = "sv."

RANGE_VARIABLES = frozenset("page chapter-number collection-number edition issue number number-of-pages "
                            "number-of-volumes volume locator locator-extra".split())
_LOCATORS = ("locator", "locator-extra", "page")
_LABEL_WORDS = "(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z]|subpara|subch|amend|bibliog|annot|illus" \
               "|princ|intro|sched|subdiv|subsec)"
_EMBEDDED_LABEL = re.compile(f"(?:^| ){_LABEL_WORDS}(?:\\.| ) *")
_SUBSECTION = re.compile(r"^(?:(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z])\.  *)*[0-9]+[,a-zA-Z]+$")
_VALUE = re.compile(r"^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")
_NUMBER_WITH_LETTERS = re.compile(r"^[0-9]+([-;,:a-zA-Z]*)$")
_PLAIN = re.compile(r"^[0-9]+([-,:a-zA-Z]*)$")
_LABEL_VALUE = re.compile(r"^(?:[0-9]+|[ixv]+)([-,:a-zA-Z]*|\-[\-0-9]+)$")
_ROMAN = re.compile(r"^[ivxlcmIVXLCM]+$")
_NUMBER_OR_ROMAN = re.compile(r"^([0-9]+|[ivxlcmIVXLCM]+)$")
_RANGE_PARTS = re.compile(r"^((?:[0-9]*[a-zA-Z]+0*))?([0-9]+[a-z]*)(\s*[^0-9]+\s*)([-,a-zA-Z]?0*)([0-9]+[a-z]*)$")


@dataclass
class Value:
    """One number of a field, with the label in force for it and what joins it to the next."""

    label: str = ""  # a typed label ("p.", "vol.") or "var:<variable>"
    orig_label: str = ""
    label_suffix: str = ""
    particle: str = ""  # a letter prefix ("N110")
    value: str = ""
    joining: str = ""
    plural: bool = False
    numeric: bool = False
    collapsible: bool | None = None
    label_visible: bool = False
    sleepy: bool = False  # citeproc-js's "gotosleepability": a page's own label, shown short


@dataclass
class NumberField:
    values: list[Value] = field(default_factory=list)
    quoted: bool = False

    @property
    def numeric(self) -> bool:
        return bool(self.values) and self.values[0].numeric

    @property
    def plural(self) -> bool:
        return bool(self.values) and self.values[0].plural

    def term(self, variable: str, style) -> str | None:
        """The CSL term a cs:label prints for the field (from its first value's label)."""
        if not self.values:
            return None
        term = LABELS.get(self.values[0].label)
        if variable == "number" and term == "issue" and style.term("number"):
            return "number"
        return term


class _Parser:
    def __init__(self, variable: str, style, cite_label: str | None):
        self.variable = "page" if variable == "page-first" else variable
        self.real = variable
        self.style = style
        self.cite_label = cite_label

    # -- splitting ---------------------------------------------------------
    def _joiners(self, escaped: bool) -> re.Pattern:
        memo = self.style.memo(self.style, ("number-joiners", escaped))
        if memo is not None:
            return memo
        full_and = r",\s+and\s+|\s+and\s+"
        if not (self.style.language or "en")[:2] == "en":
            local = re.escape(self.style.term("and") or "and")
            full_and += rf"|,\s+{local}\s+|\s+{local}\s+"
        hyphen = r"\s*\\*[\u2013]+\s*" if escaped else r"\s*\\*[\-\u2013]+\s*"
        pattern = re.compile(rf"(?:\s*&\s*|{full_and}|;\s+|,\s+|{hyphen})")
        return self.style.remember(self.style, ("number-joiners", escaped), pattern)

    def _ampersand(self) -> str:
        and_term = self.style.term("and")
        symbol = self.style.term("and", "symbol")
        return "&" if not symbol or symbol == and_term else symbol

    def normalise(self, text: str) -> str:
        """A locator or page without a typed label gets its own ("p. 12"; the cite's label's)."""
        text = text.strip()
        first = re.match(r"^([^ ]+)", text)
        if first and first.group(1) not in LABELS:
            if self.variable in _LOCATORS:
                label = ABBREVIATIONS.get(self.cite_label or "") if self.cite_label else "p."
            else:
                label = ABBREVIATIONS.get(self.variable)
            if label:
                text = label + " " + text
        return text

    def elements(self, text: str) -> list[str]:
        """[value, joiner, value, …]."""
        text = self.normalise(text)
        if self.variable == "page":
            text = text.replace(EN_DASH, "-")
        escaped = "\\-" in text
        if escaped:  # "3\-B": a typed hyphen that is no range
            text = "\\-".join(part.replace("-", EN_DASH) for part in text.split("\\-")).replace("\\", "")
        joiners = self._joiners(escaped)
        if escaped:  # citeproc-js matches once here (no global flag): the first joiner, twice
            found = joiners.search(text)
            matches = [found.group(0), found.group(0)] if found else []
        else:
            matches = joiners.findall(text)
        if not matches:
            return [text]
        pieces = joiners.split(text)
        ampersand = self._ampersand()
        for index, joiner in enumerate(matches):
            if re.fullmatch(r"\s*&\s*", joiner):
                piece = pieces[index] if index < len(pieces) else ""
                tight = re.search(r"[a-zA-Z]$", piece) and re.match(r"^[a-zA-Z]", piece)
                matches[index] = ampersand if tight else f" {ampersand} "
        elems: list[str] = []
        for index in range(len(pieces) - 1):
            elems.append(pieces[index])
            elems.append(matches[index] if index < len(matches) else "")
        elems.append(pieces[-1])
        return _rejoin_subsections(elems)

    # -- values --------------------------------------------------------------
    def values(self, text: str) -> list[Value]:
        elems = self.elements(text)
        out: list[Value] = []
        label = ABBREVIATIONS.get(self.variable, "")
        orig = ""
        for i in range(0, len(elems), 2):
            joining = elems[i + 1] if i + 1 < len(elems) else ""
            element = elems[i]
            found = _EMBEDDED_LABEL.findall(element)
            if not found:
                out.append(self.compose("" if orig == label.strip() else orig, label, element, joining, None))
                continue
            rest = _EMBEDDED_LABEL.split(element)
            for j in range(len(rest) - 1, 0, -1):  # a "label" before something not a number is text
                both = _NUMBER_WITH_LETTERS.match(rest[j]) and _NUMBER_WITH_LETTERS.match(rest[j - 1])
                if rest[j - 1] and not both:
                    rest[j - 1] = rest[j - 1] + found[j - 1] + rest[j]
                    rest = rest[:j] + rest[j + 1:]
                    found = found[: j - 1] + found[j:]
            if found:
                slug = found[0].strip()
                term = LABELS.get(slug)
                not_a_label = (term is None or self.style.term(term) is None
                               or (self.variable not in ("locator", "number", "locator-extra", "page")
                                   and term != self.variable))
                if not_a_label:
                    if i == 0 and len(rest) > 1:
                        found = found[1:]
                        rest = [rest[0] + " " + slug + " " + rest[1]] + rest[2:]
                else:
                    orig = slug
            for j, piece in enumerate(rest):
                if piece or j == len(rest) - 1:
                    if j >= 1 and j - 1 < len(found) and found[j - 1]:
                        label = found[j - 1]
                    filtered = "" if orig == label.strip() else orig
                    last = j == len(rest) - 1
                    out.append(self.compose(filtered, label, piece.strip() if piece else "",
                                            joining if last else "", i))
        return out

    def compose(self, orig: str, label: str, text: str, joining: str, position: int | None) -> Value:
        value = Value(orig_label=orig)
        if not label and not ABBREVIATIONS.get(self.variable):
            label = "var:" + self.variable
        if label:
            parts = re.search(r"(\s*)([^\s]+)(\s*)", label)
            name = parts.group(2) if parts else label
            if self.real == "page" and position == 0 and name not in ("p.", "pp."):
                value.sleepy = value.label_visible = True
            value.label = name
            value.label_suffix = parts.group(3) if parts else ""
        match = _VALUE.match(text)
        if match:
            value.particle, value.value = match.group(1) or "", match.group(2)
        else:
            value.value = text
        value.joining = re.sub(r"\s*-\s*", "-", joining, count=1)
        return value


def _rejoin_subsections(elems: list[str]) -> list[str]:
    """"12a-c" is one value, not a range (citeproc-js's fixupSubsections)."""
    for i in range(len(elems) - 2, 0, -2):
        if (elems[i] == "-" and _SUBSECTION.match(elems[i - 1]) and re.match(r"^[,a-zA-Z]+$", elems[i + 1])):
            elems[i - 1] = "".join(elems[i - 1: i + 2])
            elems = elems[:i] + elems[i + 2:]
    return elems


def _group(values: list[Value], start: int, count: int) -> None:
    """Numeric, collapsible and plural for a run of values with one label (``fixNumericAndCount``)."""
    master = values[start]
    numeric, collapsible = True, True
    plain = _PLAIN.match(master.value)
    labelled = _LABEL_VALUE.match(master.value)
    if not master.value or not plain or not labelled:
        collapsible = False
        if not master.value or not labelled:
            numeric = False
    if (plain and plain.group(1)) or (labelled and labelled.group(1)):
        collapsible = False
    if master.collapsible is None:
        for value in values[start:start + count]:
            value.collapsible = js_int(value.value) is not None or bool(_ROMAN.match(value.value))
        collapsible = bool(master.collapsible)
    for value in values[start:start + count]:
        if count > 1 and collapsible:
            value.plural = True
        value.numeric = numeric
        value.collapsible = collapsible


def _label_visibility(values: list[Value], start: int, variable: str, style) -> None:
    label = values[start].label
    if label.startswith("var:"):
        return
    if start:
        values[start].label_visible = True  # a label that changes within the field is printed
        return
    term = LABELS.get(label)
    if variable in ("locator", "number", "locator-extra", "page"):
        if term is None or style.term(term) is None:
            values[start].label_visible = True
    elif term != variable:
        values[0].label_visible = True


def _plurals_and_numerics(values: list[Value], variable: str, style, raw: str) -> None:
    if not values:
        return
    start, count = 0, 1
    for i in range(1, len(values)):
        if values[i - 1].label == values[i].label:
            count += 1
            continue
        _group(values, start, count)
        _label_visibility(values, start, variable, style)
        start, count = i, 1
    _group(values, start, count)
    _label_visibility(values, start, variable, style)
    if values[0].numeric and variable.startswith("number-of-") and (js_int(raw) or 0) > 1:
        values[0].plural = True


def parse_number(raw, variable: str, style, cite_label: str | None = None) -> NumberField:
    """The field as citeproc-js reads it; ``cite_label``: the cite's locator label."""
    parser = _Parser(variable, style, cite_label)
    text = str(raw)
    values = parser.values(text)
    for i in range(len(values) - 1):  # a label after a value with no joiner is spaced
        if not values[i].joining and values[i + 1].label:
            values[i].joining = " "
    _plurals_and_numerics(values, parser.variable, style, text)
    for value in values:
        if not value.numeric:
            value.plural = False
    if parser.variable == "number" and len(values) == 1 and "|" in values[0].value:
        values[0].value = values[0].value.replace("|", ", ")
        values[0].numeric, values[0].plural, values[0].collapsible = True, True, False
    if len(values) == 1 and re.match(r"^[0-9]+(?:/[0-9]+)+$", values[0].value):
        values[0].numeric, values[0].plural, values[0].collapsible = True, False, False
    quoted = bool(values) and values[0].value.startswith('"') and values[-1].value.endswith('"')
    if quoted:
        values[0].value = values[0].value[1:]
        values[-1].value = values[-1].value[:-1]
    return NumberField(values, quoted)


def page_first(page: str) -> str:
    """citeproc-js's page-first: the page value up to its first joiner, unless that is escaped."""
    first = re.split(r"\s*(?:&|, |-|\u2013)\s*", page)[0]
    return page if first.endswith("\\") else first


# -- ranges, when printed ------------------------------------------------------

def _is_page(variable: str, value: Value) -> bool:
    return variable == "page" or (variable in ("locator", "locator-extra") and "p." in (value.label, value.orig_label))


def _has_term(variable: str, value: Value, style) -> bool:
    if variable in _LOCATORS:
        term = LABELS.get(value.orig_label or value.label)
        return bool(term and style.term(term))
    return True


def _range_delimiter(variable: str, value: Value, delimiter: str, numeric: bool, style) -> str:
    if delimiter == "-" and numeric and _has_term(variable, value, style):
        if _is_page(variable, value) or variable in ("locator", "locator-extra", "issue", "volume", "edition",
                                                       "number"):
            return style.term("page-range-delimiter") or EN_DASH
        if variable == "collection-number":
            return style.term("year-range-delimiter") or EN_DASH
    return delimiter


def _mangle(values: list[Value], i: int, count: int, variable: str, style) -> int:
    """Two values joined by a hyphen as a range; returns the run count that follows."""
    if i < 1 or count != 2:
        return count
    before, value = values[i - 1], values[i]
    if before.particle != value.particle:
        return count
    if before.joining != "-":
        return 1
    range_format = style.get("page-range-format")
    first, last = js_int(before.value), js_int(value.value)
    if not range_format and first is not None and last is not None and first > last:
        before.joining = _range_delimiter(variable, value, before.joining, True, style)
        return count
    delimiter = style.term("page-range-delimiter") or EN_DASH
    if _is_page(variable, value) and first is not None and last is not None:
        text = mangle_page_range(f"{before.particle}{before.value} - {value.particle}{value.value}",
                                 range_format, delimiter)
    else:
        if _NUMBER_OR_ROMAN.match(before.value) and _NUMBER_OR_ROMAN.match(value.value):
            before.joining = delimiter
        text = before.value + before.joining.replace("\\-", "-") + value.value
    match = _RANGE_PARTS.match(text)
    if match:
        before.particle, before.value = match.group(1) or "", match.group(2)
        before.joining = _range_delimiter(variable, value, match.group(3), value.numeric, style)
        value.particle, value.value = match.group(4), match.group(5)
    return 0


def fix_ranges(field: NumberField, variable: str, style) -> None:
    """Ranges written as the style asks (citeproc-js's ``fixRanges``), in place."""
    variable = "page" if variable == "page-first" else variable
    if variable not in RANGE_VARIABLES:
        return
    values = field.values
    count, label = 0, None
    for i, value in enumerate(values):
        if not value.collapsible:
            count, label = 0, None
            value.joining = _range_delimiter(variable, value, value.joining, value.numeric, style)
        elif label == value.label and value.joining == "-":
            count = 1
        elif label == value.label:
            count += 1
            if count == 2:
                count = _mangle(values, i, count, variable, style)
        else:
            label, count = value.label, 1
    if count == 2:
        _mangle(values, len(values) - 1, count, variable, style)

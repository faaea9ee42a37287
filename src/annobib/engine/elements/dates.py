"""cs:date and cs:date-part: localized forms, ranges, seasons, eras, the implicit year suffix.

Where citeproc-py's ``Date``/``Date_Part`` differ from CSL 1.0.2 and citeproc-js:
- a localized date joins its parts with the calling element's delimiter,
  not the locale's ("1991Jun"), and copies the style's date-part overrides
  into the shared locale (they leak into later renders); here the overrides
  are merged for one render only, and a localized date-part keeps the
  locale's affixes;
- ``render_date_range`` mutates its argument and crashes inside macros;
  here the parts both ends share print once and the differing block prints
  "begin–end" with the ``range-delimiter`` of the largest differing part;
  an open range prints "2015–";
- seasons (months 13–16 and 21–24, or ``season``) print the season term;
- the era: "BC" for negative years, "AD" for years below 500 (citeproc-js);
- with disambiguation's year suffix and no ``<text variable="year-suffix">``
  in the style, the suffix follows the first year printed.
"""
from __future__ import annotations

from citeproc import model

from ..context import Scope
from ..items import DatePart as Value
from ..output import Span, Text, join, plain
from .base import CSL, Rendering
from .text import year_suffix_letters

ORDER = {"year": 0, "month": 1, "day": 2}


class Date_Part(Rendering, model.Date_Part):
    pass


class Date(Rendering, model.Date):
    def render(self, scope: Scope, *args, **kwargs) -> Span | None:
        variable = self.get("variable")
        if variable is None or (variable == "accessed" and scope.ambiguity_test):
            return None  # citeproc-js leaves the accessed date out of the cites it compares
        if variable in scope.suppressed:
            scope.note(True, False)
            return None
        for frame in scope.recording:
            frame.add(variable)
        date = scope.item.date(variable)
        if date is None:
            scope.note(True, False)
            return None
        if scope.sorting:
            key = self._sort_key(scope, date)
            node = Span([Text(key)]) if key else None
        elif date.literal and not date.parts:
            # citeproc-js prints a literal date only where the date element prints the year:
            # "in press" once in Chicago author-date, not again with the month and day
            shown = {name for name, _, _ in self.part_specs(scope)[0]}
            node = Span([Text(date.literal)]) if "year" in shown else None
        else:
            node = self._render_value(scope, date)
        result = self.decorate(node, scope, cased=False) if node is not None else None
        scope.note(True, result is not None or scope.year_dropped)  # a year left out by collapsing still counts
        if result is not None:
            scope.started = True
        return result

    def _sort_key(self, scope: Scope, date) -> str:
        """The date as a sortable string of the parts this element prints (citeproc-js sorts
        "as printed": a date shown as a year sorts by its year alone)."""
        if not date.parts:
            return ""  # a literal date sorts with the undated (last), as in citeproc-js
        shown = {name for name, _, _ in self.part_specs(scope)[0]}

        def one(part) -> str:
            year = (part.year or 0) + 50000 if "year" in shown else 0
            month = (part.month or 0) if "month" in shown else 0
            day = (part.day or 0) if "day" in shown else 0
            return f"{year:06d}{month:02d}{day:02d}"

        # begin and end, a single date as its own end: keys of one length compare digit by digit
        end = date.parts[1] if date.is_range and date.parts[1].year is not None else date.parts[0]
        return one(date.parts[0]) + one(end)

    # -- which parts, how --------------------------------------------------
    def part_specs(self, scope: Scope) -> tuple[list, str]:
        """([(name, date-part element, overrides)], delimiter) for this date."""
        style = scope.context.style
        found = style.memo(self, "parts")
        if found is not None:
            return found
        own = [p for p in self.iterchildren(f"{CSL}date-part")]
        form = self.get("form")
        if form in ("text", "numeric"):
            localized = style.date_format(form)
            shown = (self.get("date-parts") or "year-month-day").split("-")
            overrides = {p.get("name"): p for p in own}
            parts = [] if localized is None else [
                (p.get("name"), p, overrides.get(p.get("name")))
                for p in localized.iterchildren(f"{CSL}date-part") if p.get("name") in shown]
            delimiter = (localized.get("delimiter") if localized is not None else None) or ""
        else:
            parts = [(p.get("name"), p, None) for p in own]
            delimiter = self.get("delimiter", "")
        return style.remember(self, "parts", (parts, delimiter))

    def _render_value(self, scope: Scope, date) -> Span | None:
        specs, delimiter = self.part_specs(scope)
        begin = date.parts[0]
        end = date.parts[1] if date.is_range else None
        if end is not None and end.year is None:  # open range: "2015–"
            single = self._single(scope, specs, begin, delimiter)
            dash = _range_delimiter(specs, "year")
            return Span([single, Text(dash)]) if single is not None else None
        if end is None or end == begin:
            return self._single(scope, specs, begin, delimiter)
        names = [name for name, _, _ in specs]
        differing = [n for n in names if _value(begin, n) != _value(end, n)]
        if not differing:
            return self._single(scope, specs, begin, delimiter)
        largest = min(differing, key=ORDER.__getitem__)
        block = [n for n in names if ORDER[n] >= ORDER[largest]]
        dash = _range_delimiter(specs, largest)
        pieces = []
        done = False
        for name, element, override in specs:
            if name in block:
                if done:
                    continue
                done = True
                same_era = (begin.year or 0) < 0 and (end.year or 0) < 0  # "877–866 BC": the era once
                first = [p for n, e, o in specs if n in block
                         if (p := _part(scope, n, e, o, begin, era=not same_era)) is not None]
                last = [p for n, e, o in specs if n in block if (p := _part(scope, n, e, o, end)) is not None]
                if not first or not last:
                    continue
                pieces.append(_trimmed_range(join(first, delimiter), join(last, delimiter), dash))
            else:
                piece = _part(scope, name, element, override, begin)
                if piece is not None:
                    pieces.append(piece)
        node = join(pieces, delimiter) if pieces else None
        return self._with_suffix(scope, node)

    def _single(self, scope: Scope, specs, value: Value, delimiter: str) -> Span | None:
        printed = [(name, p) for name, element, override in specs
                   if (p := _part(scope, name, element, override, value)) is not None]
        if not printed:  # a year left out by cite collapsing keeps its suffix
            return self._with_suffix(scope, None) if scope.year_dropped else None
        # a season typed in words is no date part of its own: alone, the date prints nothing (citeproc-js)
        if all(name == "month" and value.month is None and isinstance(value.season, str) for name, _ in printed):
            return None
        pieces = [p for _, p in printed]
        return self._with_suffix(scope, join(pieces, delimiter))

    def _with_suffix(self, scope: Scope, node: Span | None) -> Span | None:
        """The implicit year suffix (styles that do not print year-suffix themselves)."""
        index = scope.item_state.year_suffix
        if (node is None and not scope.year_dropped) or index is None or scope.suffix_printed or scope.sorting:
            return node
        if scope.context.style.renders_year_suffix():
            return node
        if self.get("variable") != "issued":
            return node
        scope.suffix_printed = True
        letters = Text(year_suffix_letters(index))
        return Span([node, letters]) if node is not None else Span([letters])


def _value(value: Value, name: str):
    if name == "month":
        return value.month if value.month is not None else ("season", value.season) if value.season else None
    return getattr(value, name)


def _range_delimiter(specs, name: str) -> str:
    for part_name, element, override in specs:
        if part_name == name:
            for source in (override, element):
                if source is not None and source.get("range-delimiter") is not None:
                    return source.get("range-delimiter")
    return "\u2013"


def _trimmed_range(first: Span, last: Span, dash: str) -> Span:
    """begin–end, the affixes that face the range delimiter dropped ("February 2–7")."""
    head, tail = plain(first).rstrip(), plain(last).lstrip()
    if plain(first) == head and plain(last) == tail:
        return Span([first, Text(dash), last])
    return Span([_strip_end(first), Text(dash), _strip_start(last)])


def _strip_end(node):
    from dataclasses import replace

    if isinstance(node, Text):
        return replace(node, text=node.text.rstrip())
    if node.suffix:
        return replace(node, suffix=node.suffix.rstrip())
    if node.children:
        return replace(node, children=node.children[:-1] + [_strip_end(node.children[-1])])
    return node


def _strip_start(node):
    from dataclasses import replace

    if isinstance(node, Text):
        return replace(node, text=node.text.lstrip())
    if node.prefix:
        return replace(node, prefix=node.prefix.lstrip())
    if node.children:
        return replace(node, children=[_strip_start(node.children[0])] + node.children[1:])
    return node


def _attribute(name: str, element, override, default=None):
    if override is not None and override.get(name) is not None:
        return override.get(name)
    value = element.get(name)
    return default if value is None else value


def _part(scope: Scope, name: str, element, override, value: Value, era: bool = True) -> Span | None:
    style = scope.context.style
    form = _attribute("form", element, override)
    if name == "year":
        if value.year is None or scope.collapses_year(value.year):  # "2000a, b" (engine/cluster.py)
            return None
        text = _year_text(style, value, form, era)
    elif name == "month":
        text = _month_text(style, value, form)
    else:
        text = _day_text(style, value, form)
    if not text:
        return None
    node = Span([Text(text)])
    if override is None:
        return element.decorate(node, scope)
    # the style's own date-part: its formatting and case apply to the text, inside the locale's affixes
    return element.decorate(override.decorate(node, scope, affixes=False), scope)


def _year_text(style, value: Value, form: str | None, era: bool) -> str:
    year = value.year
    if year is None:
        return ""
    if form == "short":
        return f"{abs(year) % 100:02d}"
    text = str(abs(year))
    if year < 0 and era:
        text += style.term("bc") or "BC"
    elif 0 < year < 500 and era:  # citeproc-js marks years below 500 AD
        text += style.term("ad") or "AD"
    return text


def _month_text(style, value: Value, form: str | None) -> str:
    if value.month is None:
        if isinstance(value.season, str):
            return value.season
        return style.term(f"season-{value.season:02d}") or "" if value.season is not None else ""
    form = form or "long"
    if form == "numeric":
        return str(value.month)
    if form == "numeric-leading-zeros":
        return f"{value.month:02d}"
    return style.term(f"month-{value.month:02d}", "short" if form == "short" else "long") or ""


def _day_text(style, value: Value, form: str | None) -> str:
    if value.day is None or value.month is None:
        return ""
    form = form or "numeric"
    if form == "ordinal" and value.day > 1 and style.locale_option("limit-day-ordinals-to-day-1").lower() == "true":
        form = "numeric"
    if form == "numeric-leading-zeros":
        return f"{value.day:02d}"
    if form == "ordinal":
        return style.ordinal(value.day, style.term_gender(f"month-{value.month:02d}"))
    return str(value.day)

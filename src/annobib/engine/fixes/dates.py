"""cs:date: the locale's delimiter, date ranges, seasons, eras.

- ``Date.render_single_date`` joins a localized date's parts with the
  *calling* style element's delimiter, so NLM's in-style locale
  (``delimiter=" "``) is ignored: "1991Jun" for "1991 Jun".
- ``Date.render_date_range`` removes entries from a shared ``show_parts``
  list and calls ``context.join`` on a cs:text (crash). Rewritten per CSL
  1.0.2: parts both ends share print once, the differing block prints
  "begin–end" with the ``range-delimiter`` of the largest differing part.
- ``Date_Part.process`` copies the style's date-part overrides into the
  locale's element (so they leak into later renders); here they are merged
  into a copy. citeproc-js adds the "AD" term only below the year 500.
- ``CiteProcJSON.parse_date`` does not read months 21–24 as seasons.
"""
from __future__ import annotations

ORDER = {"year": 0, "month": 1, "day": 2}


def apply() -> None:
    from citeproc import model
    from citeproc.source.json import CiteProcJSON

    model.Date.render_single_date = render_single_date
    model.Date.render_date_range = render_date_range
    model.Date_Part.process = _date_part_process(model.Date_Part.process)
    CiteProcJSON.parse_date = _parse_date(CiteProcJSON.parse_date)


def _delimiter_owner(self, context):
    """A localized date uses the locale's delimiter; a style date its own."""
    return self


def render_single_date(self, date, show_parts=None, context=None):
    parts = self.parts(date, show_parts, context if context is not self else None)
    if not parts:
        return None
    return self.join(parts)


def _part_value(date, name):
    from citeproc.source import VariableError
    try:
        return date[name]
    except (VariableError, KeyError):
        if name == "month":
            try:
                return ("season", date["season"])
            except (VariableError, KeyError):
                return None
        return None


def render_date_range(self, date_range, show_parts=None, context=None):
    from citeproc.string import String

    show_parts = list(show_parts or ["year", "month", "day"])
    begin, end = date_range.begin, date_range.get("end")
    if end is None or end.is_nil():
        return self.render_single_date(begin, show_parts, context)
    shown = [p.get("name") for p in self.iterchildren() if p.get("name") in show_parts]
    differing = [name for name in shown if _part_value(begin, name) != _part_value(end, name)]
    if not differing:
        return self.render_single_date(begin, show_parts, context)
    largest = min(differing, key=ORDER.__getitem__)
    block = [name for name in shown if ORDER[name] >= ORDER[largest]]
    part_elements = {p.get("name"): p for p in self.iterchildren()}
    delimiter_element = part_elements[largest]
    range_delimiter = delimiter_element.get("range-delimiter")
    if range_delimiter is None and context is not None and context is not self:
        override = context.xpath_search('./cs:date-part[@name="{}"]'.format(largest))
        range_delimiter = override[0].get("range-delimiter") if override else None
    range_delimiter = range_delimiter or self.unicode_character("EN DASH")
    ctx = context if context is not self else None
    pieces, done = [], False
    for name in shown:
        if name in block:
            if done:
                continue
            done = True
            first = self.parts(begin, block, ctx)
            last = self.parts(end, block, ctx)
            if not first or not last:
                return None
            # the affixes facing the range delimiter collapse into it ("February 2–7")
            pieces.append(String(str(self.join(first)).rstrip()) + range_delimiter
                          + String(str(self.join(last)).lstrip()))
        else:
            pieces.extend(self.parts(begin, [name], ctx))
    return self.join(pieces) if pieces else None


def _date_part_process(original):
    def process(self, date, context=None):
        from citeproc.model import to_ordinal  # noqa: F401  (used by the original)

        saved = dict(self.attrib)
        try:
            result = original(self, date, context)
        except AssertionError:  # a season under a numeric month form: print the season term
            season = date.get("season")
            result = (context if context is not None else self).get_single_term(name="season-{:02}".format(int(season))) if season else None
        finally:
            self.attrib.clear()
            self.attrib.update(saved)
        if self.get("name") == "year" and context is not None:
            year = date.year
            if 500 <= year < 1000 and (self.get("form", "long") == "long"):
                result = str(abs(year))
        return result

    return process


def _parse_date(original):
    def parse_date(self, json_data):
        if isinstance(json_data, dict):
            parts = json_data.get("date-parts") or []
            cleaned = [[p for p in part if p not in (None, "")] for part in parts if part]
            cleaned = [part for part in cleaned if part and str(part[0]) not in ("0",)]
            season = None
            for part in cleaned:
                if len(part) >= 2 and str(part[1]).isdigit() and 21 <= int(part[1]) <= 24:
                    season = int(part[1]) - 20
                    del part[1:]
            json_data = dict(json_data, **{"date-parts": cleaned})
            if season is not None and "season" not in json_data:
                json_data["season"] = season
            if not cleaned and not json_data.get("literal"):
                return None
        return original(self, json_data)

    return parse_date

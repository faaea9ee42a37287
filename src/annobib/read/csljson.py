"""Read CSL-JSON (Zotero's "CSL JSON" export, pandoc's csljson, our own export).

CSL-JSON has no annotation or tag field of its own: the annotation is taken
from ``annote``, else from ``note`` (where Zotero keeps Extra and where our
own export puts it, so a round trip keeps it); tags from ``keyword``.

Every field of an item is checked against the CSL-JSON schema's type for it
(``csl_schema``, with ``jsonschema``): a field of the wrong type (an author
that is a number, a keyword that is a number, a type that is a list) is
dropped with a diagnostic naming the item and the field, and the rest of the
item renders. A date written as a string (EDTF) is parsed. What Python's
JSON reader would take badly is caught first: NaN and Infinity, integers
too long to convert, nesting deeper than ``MAX_DEPTH`` (the item is skipped
and named), and control characters (removed, with a warning).
"""
from __future__ import annotations

import json
import math
import re

from ..diagnostics import Diagnostics
from ..export.note_guard import note_to_annotation
from ..map.bibtex_to_csl import split_keywords
from ..map.dates import parse_date
from ..map.names import item_with_particles
from ..record import Origin, Record
from .control import CONTROL, clean_string, remove_control_characters
from .csl_schema import DATE_VARIABLES, FIELD_SCHEMAS, expected

MAX_DEPTH = 64  # nesting of arrays and objects; real CSL-JSON needs 6
MAX_DIGITS = 30  # an integer longer than this is no page, volume or year


class _BadNumber:
    """A number Python's JSON reader would turn into NaN, infinity or an unconvertible int."""

    made = 0  # how many were made: when none, no value needs searching for one

    def __init__(self, text: str):
        self.text = text
        _BadNumber.made += 1


def parse_csljson(text: str, filename: str, diags: Diagnostics) -> tuple[list[Record], int]:
    """Return ``(records, number_of_items_in_file)``."""
    text = remove_control_characters(text, filename, diags)
    lines = _id_lines(text)
    made_before = _BadNumber.made
    loaded = _load(text, filename, diags)
    if loaded is None:
        return [], 0
    data, too_deep = loaded
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        diags.error(filename, 1, None, "CSL-JSON must be a list of items", "syntax")
        return [], 0
    checker = _Checker(filename, diags, escaped_controls=_ESCAPED_CONTROL.search(text) is not None,
                       bad_numbers=_BadNumber.made > made_before)
    records = []
    for index, item in enumerate(data):
        if index in too_deep:
            diags.error(filename, too_deep[index], None, f"item {index + 1} is nested more than {MAX_DEPTH} levels "
                        "deep; skipped", "syntax")
            continue
        if not isinstance(item, dict):
            diags.error(filename, None, None, f"item {index + 1} is not a JSON object; skipped", "syntax")
            continue
        key = item.get("id")
        if key is None or isinstance(key, (_BadNumber, bool, list, dict)) or str(key).strip() == "":
            what = ("has no 'id'" if key is None or str(key).strip() == ""
                    else "has an 'id' that is not a string or number")
            diags.error(filename, None, None, f"item {index + 1} {what}; skipped (give every item an id)", "missing-id")
            continue
        key = str(key)
        line = lines.get(key)
        item = checker.check(dict(item), key, line)
        item["id"] = key
        if not item.get("type"):
            diags.warn(filename, line, key, "item has no 'type'; rendered as a generic document", "unknown-type")
            item["type"] = "document"
        item_with_particles(item)  # issue 15: "van den Bemt" in family, as Zotero keeps it (map/names.py)
        annotation = item.pop("annote", None) or item.pop("note", None)
        annotation = note_to_annotation(annotation, item) if isinstance(annotation, str) else annotation  # issue 4
        keyword = item.pop("keyword", None)
        tags = split_keywords(keyword) if isinstance(keyword, str) else list(keyword or [])
        records.append(Record(item, str(annotation) if annotation else None, tags, Origin(filename, line)))
    return records, len(data)


def _load(text: str, filename: str, diags: Diagnostics):
    """``(data, {index of a top-level item too deep: its line})``, or None after a diagnostic."""
    too_deep: dict[int, int] = {}
    try:
        return json.loads(text, parse_constant=_BadNumber, parse_int=_integer, parse_float=_float), too_deep
    except RecursionError:  # nested deeper than Python's JSON reader goes: read item by item
        pass
    except json.JSONDecodeError as exc:
        diags.error(filename, exc.lineno, None,
                    f"not valid JSON ({exc.msg}, column {exc.colno}); nothing in this file was read", "syntax")
        return None
    items = _top_level_items(text)
    if items is None:
        diags.error(filename, 1, None, f"the JSON is nested more than {MAX_DEPTH} levels deep outside a list of "
                    "items; nothing in this file was read", "syntax")
        return None
    parts = []
    for index, (start, end) in enumerate(items):
        if _deepest(text[start:end]) > MAX_DEPTH:
            too_deep[index] = text.count("\n", 0, start) + 1
            parts.append("null")
        else:
            parts.append(text[start:end])
    text = "[" + ",".join(parts) + "]"
    try:
        data = json.loads(text, parse_constant=_BadNumber, parse_int=_integer, parse_float=_float)
    except json.JSONDecodeError as exc:
        diags.error(filename, exc.lineno, None,
                    f"not valid JSON ({exc.msg}, column {exc.colno}); nothing in this file was read", "syntax")
        return None
    except (RecursionError, ValueError) as exc:  # pragma: no cover - the checks above should prevent it
        diags.error(filename, 1, None, f"the JSON cannot be read ({exc}); nothing in this file was read", "syntax")
        return None
    return data, too_deep


def _integer(text: str):
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else _BadNumber(text)


def _float(text: str):
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text)


_ESCAPED_CONTROL = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]")


def _deepest(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (strings skipped). The strings
    and everything but brackets are dropped by the regex engine, so Python only walks the
    brackets themselves."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return text.count("[") + text.count("{")  # cannot be deeper than its brackets
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _top_level_items(text: str) -> list[tuple[int, int]] | None:
    """The spans of the elements of a top-level JSON array, or None when the text is not one."""
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        return None
    spans: list[tuple[int, int]] = []
    depth = 0
    item_start = start + 1
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{},]', text[start:]):
        char = token.group()
        at = start + token.start()
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                if text[item_start:at].strip():
                    spans.append((item_start, at))
                return spans
        elif char == "," and depth == 1:
            spans.append((item_start, at))
            item_start = at + 1
    return None


class _Checker:
    """Checks the fields of items against the schema's types, dropping the ones that fail."""

    def __init__(self, filename: str, diags: Diagnostics, escaped_controls: bool, bad_numbers: bool):
        self.filename, self.diags = filename, diags
        self.escaped_controls = escaped_controls  # "\u0000" escapes in the text: clean string values too
        self.bad_numbers = bad_numbers  # NaN, Infinity or a huge integer somewhere in the file
        self.validators: dict[str, object] = {}
        self.verdicts: dict[tuple[str, object], bool] = {}  # (field, shape of its value) -> valid

    def check(self, item: dict, key: str, line: int | None) -> dict:
        plain_strings = not self.escaped_controls  # then a string needs only its type checked
        for name in list(item):
            value = item[name]
            if plain_strings and _fits_as_given(name, value):
                continue
            if plain_strings and type(value) is str and name not in DATE_VARIABLES:
                schema = FIELD_SCHEMAS.get(name)
                if schema is not None and not self._valid(name, schema, value, "s"):
                    self._drop(item, name, key, line, f"is {_describe(value)}, not {expected(name)}")
                continue
            if name in DATE_VARIABLES and isinstance(value, str):
                parsed, problems = parse_date(value)
                value = item[name] = parsed or {"literal": value}
                for problem in problems:
                    self.diags.warn(self.filename, line, key, f"field '{name}': {problem}", "date")
            shape = "s" if isinstance(value, str) else _shape(value)
            if shape is _TOO_DEEP:  # before any other walk over it
                self._drop(item, name, key, line, f"is nested more than {MAX_DEPTH} levels deep")
                continue
            if self.bad_numbers and _has_bad_number(value):
                self._drop(item, name, key, line, "holds NaN, Infinity or a number too long to use")
                continue
            if self.escaped_controls:
                cleaned = _without_controls(value)
                if cleaned != value:
                    self.diags.warn(self.filename, line, key, f"field '{name}': control characters removed; they are "
                                    "not text", "control-character")
                    value = item[name] = cleaned
            schema = FIELD_SCHEMAS.get(name)
            if schema is not None and not self._valid(name, schema, value, shape):
                self._drop(item, name, key, line, f"is {_describe(value)}, not {expected(name)}")
            elif name in DATE_VARIABLES and _long_date_part(value):
                self._drop(item, name, key, line, f"has a date part longer than {MAX_DIGITS} digits")
        return item

    def _valid(self, name: str, schema: dict, value, shape) -> bool:
        """Whether ``value`` (of type ``shape``, see _shape) fits ``schema``: jsonschema decides
        once per field and shape."""
        verdict = self.verdicts.get((name, shape))
        if verdict is None:
            validator = self.validators.get(name)
            if validator is None:
                from jsonschema import Draft7Validator

                validator = self.validators[name] = Draft7Validator(schema)
            verdict = self.verdicts[(name, shape)] = validator.is_valid(value)  # type: ignore[attr-defined]
        return verdict

    def _drop(self, item: dict, name: str, key: str, line: int | None, why: str) -> None:
        del item[name]
        self.diags.warn(self.filename, line, key, f"field '{name}' {why}; it is left out", "field-type")


_TOO_DEEP = ("too deep",)


def _accepts_strings(schema: dict) -> bool:
    kind = schema.get("type")
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


# Fields whose schema is a list of names in which every part may be a string (author, editor …)
_NAME_LISTS = frozenset(
    name for name, schema in FIELD_SCHEMAS.items()
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict)
    and schema["items"].get("type") == "object" and set(schema["items"]) <= {"type", "properties"}
    and all(_accepts_strings(part) and set(part) == {"type"}
            for part in schema["items"].get("properties", {}).values()))


# Fields whose schema takes any string (title, volume …), and date fields of the schema's shape
_TAKES_STRINGS = frozenset(name for name, schema in FIELD_SCHEMAS.items()
                           if set(schema) == {"type"} and _accepts_strings(schema))
_TAKES_NUMBERS = frozenset(name for name, schema in FIELD_SCHEMAS.items()
                           if set(schema) == {"type"} and isinstance(schema["type"], list)
                           and "number" in schema["type"])
_DATE_PARTS_SCHEMA = {"type": "array", "minItems": 1, "maxItems": 2, "items": {
    "type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}}}
_PLAIN_DATES = frozenset(name for name in DATE_VARIABLES
                         if FIELD_SCHEMAS.get(name, {}).get("properties", {}).get("date-parts") == _DATE_PARTS_SCHEMA)


def _fits_as_given(name: str, value) -> bool:
    """The common values that fit the schema as they are, told by their types alone (the rest
    goes through the schema check): a string where strings are taken, a number (one the reader
    could use, not a _BadNumber) where numbers are, names whose parts are all strings, and dates
    of date parts only."""
    kind = type(value)
    if kind is str:
        return name in _TAKES_STRINGS
    if kind is int:
        return name in _TAKES_NUMBERS
    if kind is list:
        return name in _NAME_LISTS and _plain_names(value)
    if kind is dict:
        return name in _PLAIN_DATES and _plain_date(value)
    return False


def _plain_date(value) -> bool:
    """A literal or raw date alone, or date parts alone: one or two dates of one to three parts,
    each a number or a short string."""
    if type(value) is not dict or len(value) != 1:
        return False
    if type(value.get("literal")) is str or type(value.get("raw")) is str:
        return True  # {"literal": "in press"}
    dates = value.get("date-parts")
    return (type(dates) is list and 1 <= len(dates) <= 2
            and all(type(parts) is list and 1 <= len(parts) <= 3
                    and all(type(part) is int or (type(part) is str and len(part) <= MAX_DIGITS) for part in parts)
                    for parts in dates))


def _plain_names(value: list) -> bool:
    return all(type(person) is dict and all(type(part) is str for part in person.values()) for person in value)


_SCALAR_SHAPES = {str: "s", bool: "b", int: "n", float: "n"}  # what JSON's reader makes, exactly


def _shape(value, depth: int = 0):
    """The value with every string, number and flag replaced by a stand-in of its type, as
    nested tuples: whether it fits a schema of types depends on nothing else, so one check
    serves every author list of the same form. ``_TOO_DEEP`` past MAX_DEPTH levels."""
    scalar = _SCALAR_SHAPES.get(type(value))
    if scalar is not None:  # most values: one lookup (a subclass goes the long way below)
        return scalar
    if isinstance(value, str):
        return "s"
    if isinstance(value, bool):
        return "b"
    if isinstance(value, (int, float)):
        return "n"
    if isinstance(value, (list, dict)):
        if depth >= MAX_DEPTH:
            return _TOO_DEEP
        shapes = _SCALAR_SHAPES
        if isinstance(value, list):
            parts = [shapes.get(type(element)) or _shape(element, depth + 1) for element in value]
            return _TOO_DEEP if _TOO_DEEP in parts else ("list", *parts)
        pairs = [(key, shapes.get(type(element)) or _shape(element, depth + 1)) for key, element in value.items()]
        return _TOO_DEEP if any(shape is _TOO_DEEP for _key, shape in pairs) else ("dict", *pairs)
    return None


def _long_date_part(date: dict) -> bool:
    return any(isinstance(part, str) and len(part) > MAX_DIGITS
               for parts in date.get("date-parts") or [] for part in parts)


def _has_bad_number(value) -> bool:
    if isinstance(value, _BadNumber):
        return True
    if isinstance(value, list):
        return any(_has_bad_number(element) for element in value)
    if isinstance(value, dict):
        return any(_has_bad_number(element) for element in value.values())
    return False


def _without_controls(value):
    if isinstance(value, str):
        return clean_string(value) if CONTROL.search(value) else value
    if isinstance(value, list):
        return [_without_controls(element) for element in value]
    if isinstance(value, dict):
        return {key: _without_controls(element) for key, element in value.items()}
    return value


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list" if all(isinstance(element, dict) for element in value) else "a list holding other things"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _id_lines(text: str) -> dict[str, int]:
    """Line of each item's ``"id"`` (for diagnostics); first occurrence wins."""
    found: dict[str, int] = {}
    line, counted = 1, 0  # newlines counted incrementally (issue 8: was quadratic)
    for match in re.finditer(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"|"id"\s*:\s*(\d+)', text):
        key = match.group(1) if match.group(1) is not None else match.group(2)
        if "\\" in key:  # an escape in the key: decode it as JSON does
            try:
                key = json.loads(f'"{key}"')
            except json.JSONDecodeError:
                pass
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        found.setdefault(key, line)
    return found

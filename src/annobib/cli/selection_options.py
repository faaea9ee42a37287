"""The click options of ``annobib render`` that pick entries for a reading list.

They parse and check their values (a bad year range or type is a usage
error, exit 2) and ``selection_from_options`` turns them into the
``annobib.select.Selection`` the library works with.
"""
from __future__ import annotations

import click


def _year_range(ctx, param, value):
    if value is None:
        return None
    from ..select import parse_year_range

    try:
        return parse_year_range(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _types(ctx, param, values):
    if not values:
        return (frozenset(), values)
    from ..select import resolve_type

    resolved: set[str] = set()
    for value in values:
        try:
            resolved |= resolve_type(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return (frozenset(resolved), values)


def _not_blank(ctx, param, values):
    for value in values if isinstance(values, tuple) else [values]:
        if value is not None and not value.strip():
            raise click.BadParameter("must not be empty")
    return values


def selection_options(command):
    """The options that pick entries for a reading list (see annobib.select)."""
    options = [
        click.option("--tag", "tags", multiple=True, metavar="TAG", callback=_not_blank,
                     help="Keep entries with this tag (keyword); repeat for entries with all of them."),
        click.option("--any-tag", is_flag=True, help="With several --tag: keep entries with any of them."),
        click.option("--type", "types", multiple=True, metavar="TYPE", callback=_types,
                     help="Keep entries of this type: a CSL type (article-journal, webpage, ...) or a "
                          "BibTeX one (article, online, ...); repeat for either."),
        click.option("--year", "years", metavar="RANGE", callback=_year_range,
                     help="Keep entries from these years: 2015, 2010-2020, 2010- or -2020."),
        click.option("--author", "authors", multiple=True, metavar="NAME", callback=_not_blank,
                     help="Keep entries with this author or editor (family name, or given and family)."),
        click.option("--search", metavar="WORDS", callback=_not_blank,
                     help="Keep entries whose title, annotation or abstract has every word "
                          "(case and accents ignored)."),
        click.option("--key", "keys", multiple=True, metavar="KEY", callback=_not_blank,
                     help="Keep the entry with this citation key; repeat for more."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def selection_given(tags=(), any_tag=False, types=(frozenset(), ()), years=None, authors=(), search=None,
                    keys=()) -> bool:
    """Whether any of selection_options was given; when none was, every entry is kept."""
    csl_types, type_labels = types
    return bool(tags or any_tag or csl_types or type_labels or years or authors or search or keys)


def selection_from_options(tags=(), any_tag=False, types=(frozenset(), ()), years=None, authors=(),
                           search=None, keys=()):
    """A Selection from the values of selection_options."""
    from ..select import Selection

    if any_tag and not tags:
        raise click.UsageError("--any-tag needs at least one --tag")
    csl_types, type_labels = types
    return Selection(tags=tuple(t.strip() for t in tags), any_tag=any_tag, types=csl_types,
                     years=years, authors=tuple(authors), search=search or "", keys=tuple(keys),
                     type_labels=tuple(type_labels))

"""``annobib cite``: in-text citations as the style forms them, one line per citation.

Bare keys side by side form one citation ("(Niesters et al., 2014; Persson
et al., 1995)" in APA); ``key@23`` or ``--locator "p. 23"`` adds a locator
(label words as pandoc reads them); a citation may also be written in
pandoc's own syntax, one per argument, so several citations come out of one
call exactly as a manuscript would show them (annobib-pandoc renders
through the same code). By default a numbered style numbers each entry as
the whole bibliography does, so the numbers match ``annobib render`` on the
same input; ``--cited-only`` numbers the cited entries in the order they
are first cited, as in a manuscript.
"""
from __future__ import annotations

import sys

import click

from .common import encoding_option, locale_option, sentence_case_option, settle, strict_option, style_option


class _CiteCommand(click.Command):
    """``-@key`` (pandoc's author-suppressed citation) is an argument, not an option: it is
    read as the same citation in brackets, ``[-@key]``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, [f"[{arg}]" if arg.startswith("-@") else arg for arg in args])


@click.command(cls=_CiteCommand)
@click.argument("citations", nargs=-1, required=True)
@click.option("--bib", "-b", "files", multiple=True, type=click.Path(dir_okay=False, allow_dash=True, readable=False),
              metavar="FILE", help="Bibliography to cite from (.bib, .json, .ris); repeat for more "
                                   "[default: ./references.bib, else the bundled one].")
@style_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
              help="Plain text, or the style's HTML (italics and the like kept).")
@locale_option
@click.option("--locator", "-l", metavar="TEXT",
              help='Locator of the (last) key: "p. 23", "pp. 3-5", "chap. 2", "§ 4", "23" (a page).')
@click.option("--prefix", metavar="TEXT", help='Text before the (first) key: "see".')
@click.option("--suffix", metavar="TEXT", help='Text after the (last) key: "emphasis added".')
@click.option("--narrative", "-n", is_flag=True,
              help='The (first) key as part of the sentence: "Niesters et al. (2014)".')
@click.option("--suppress-author", "-A", is_flag=True, help='Leave the author out: "(2014)".')
@click.option("--cited-only", is_flag=True,
              help="Number and disambiguate over the cited keys only, in order of first citation "
                   "(as annobib-pandoc does in a manuscript).")
@sentence_case_option
@encoding_option
@strict_option
@click.option("--no-cache", is_flag=True,
              help="Work everything afresh: neither read nor write annobib's cache (the list's sort keys and "
                   "disambiguation, which annobib render keeps too, and large inputs as read).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Work a large bibliography with N processes (default: every core this process may use).")
def cite(citations, files, style, fmt, locale, locator, prefix, suffix, narrative, suppress_author, cited_only,
         keep_title_case, encoding, strict, no_cache, jobs):
    """Print the in-text citation of CITATIONS, as STYLE forms it.

    CITATIONS are keys (niesters2014), keys with a locator (niesters2014@23,
    "niesters2014@chap. 3"), or citations in pandoc's Markdown syntax, one per
    argument ("[see @niesters2014, p. 23; @persson1995]", "@cohen2018 [p. 4]",
    "[-@blonk2010]"). Keys side by side make one citation; each citation is
    printed on a line of its own. A key repeated in a citation is cited once.

    \b
    Examples:
      annobib cite niesters2014 persson1995            # (Niesters et al., 2014; Persson et al., 1995)
      annobib cite niesters2014 --locator "p. 23"      # (Niesters et al., 2014, p. 23)
      annobib cite niesters2014@23 --prefix see        # (see Niesters et al., 2014, p. 23)
      annobib cite niesters2014 --narrative            # Niesters et al. (2014)
      annobib cite niesters2014 --suppress-author      # (2014)
      annobib cite "[see @niesters2014, chap. 2; @persson1995]" "@cohen2018 [p. 4]" "[-@blonk2010]"
      annobib cite niesters2014 persson1995 -s vancouver
      annobib cite cohen2018 --bib my.bib --format html
    """
    from ..engine_problems import engine_diagnostics
    from ..engines import engine_for
    from ..pandoc.citation_syntax import CitationSyntaxError
    from ..read import read_files
    from ..rendered import html_to_text
    from ..select import check_keys
    from .common import input_files

    result = read_files(list(input_files(files)), encoding=encoding, sentence_case=not keep_title_case,
                        cache=not no_cache)
    code = settle(result.diagnostics, strict)
    known = {record.id for record in result.records}
    engine = engine_for(style, locale)
    options = {"locator": locator, "prefix": prefix, "suffix": suffix, "narrative": narrative,
               "suppress_author": suppress_author}
    try:
        clusters = _clusters(citations, known, style, locale, options)
    except CitationSyntaxError as exc:
        raise click.UsageError(str(exc)) from None
    check_keys(result.records, [c.key for cluster in clusters for c in cluster.cites])
    lines = _render(clusters, result.records, engine, style, locale, cited_only, not no_cache, jobs)
    # a cite the engine failed on prints citeproc-js's marker; say which entry it was (before
    # anything is printed: under --strict nothing is)
    code = settle(engine_diagnostics(engine.citation_problems, {r.id: r for r in result.records}, all_errors=True),
                  strict, code)
    for line in lines:
        click.echo(line if fmt == "html" else html_to_text(line))
    sys.exit(code)


def _clusters(arguments, known: set[str], style: str, locale, options: dict) -> list:
    """The citations the arguments write: each pandoc-syntax argument one, bare keys side by side one."""
    from ..pandoc.citation_syntax import looks_like_citation, parse_citation, to_cite
    from ..pandoc.citing import Cluster
    from ..pandoc.style_facts import locator_terms, style_facts
    from ..styles import resolve_style

    terms = locator_terms(style_facts(resolve_style(style)), locale)
    clusters: list[Cluster] = []
    bare: list = []
    for argument in arguments:
        if looks_like_citation(argument):
            if bare:
                clusters.append(Cluster(bare))
                bare = []
            clusters.append(Cluster([to_cite(written, terms) for written in parse_citation(argument)]))
        else:
            bare.append(_bare_cite(argument, known, terms))
    if bare:
        clusters.append(Cluster(bare))
    if any(value for value in options.values()):
        if len(clusters) != 1:
            raise click.UsageError("--locator, --prefix, --suffix, --narrative and --suppress-author apply to "
                                   "one citation; for several, write each as [@key, p. 23]")
        clusters[0].cites = _with_options(clusters[0].cites, terms, **options)
    for cluster in clusters:
        cluster.cites = list(dict.fromkeys(cluster.cites))  # a key repeated in a citation is cited once
    return clusters


def _bare_cite(argument: str, known: set[str], terms):
    """``key`` or ``key@LOCATOR`` (the key is the longest known one before an '@')."""
    from ..pandoc.citation_syntax import locator_and_suffix
    from ..pandoc.citing import Cite

    if argument in known or "@" not in argument:
        return Cite(argument)
    cut = max((i for i, char in enumerate(argument) if char == "@" and argument[:i] in known), default=None)
    if cut is None:
        cut = argument.index("@")
    locator, suffix = locator_and_suffix(argument[cut + 1:], terms)
    return Cite(argument[:cut], locator=locator, suffix=suffix)


def _with_options(cites: list, terms, locator, prefix, suffix, narrative, suppress_author) -> list:
    """--locator and --suffix go to the last cite, --prefix and --narrative to the first (as in
    ``[see @a; @b, p. 23]``); --suppress-author to every cite."""
    from dataclasses import replace

    from ..pandoc.citation_syntax import affix_prefix, locator_and_suffix
    from ..pandoc.citing import NARRATIVE, SUPPRESS_AUTHOR
    from ..pandoc.locator import tokens_from_text, tokens_text, with_comma

    cites = list(cites)
    last = cites[-1]
    if locator:
        found, rest = locator_and_suffix(locator, terms)
        last = replace(last, locator=found, suffix=rest) if found else replace(last, suffix=rest)
    if suffix:
        last = replace(last, suffix=last.suffix + tokens_text(with_comma(tokens_from_text(suffix))))
    cites[-1] = last
    if prefix:
        cites[0] = replace(cites[0], prefix=affix_prefix(prefix))
    if narrative:
        cites[0] = replace(cites[0], mode=NARRATIVE)
    if suppress_author:
        cites = [replace(c, mode=SUPPRESS_AUTHOR) if c.mode != NARRATIVE else c for c in cites]
    return cites


def _render(clusters: list, records: list, engine, style: str, locale, cited_only: bool, use_cache: bool,
            jobs: int | None) -> list[str]:
    """The clusters' HTML. What a citation costs is the whole list's sort keys and
    disambiguation: they come from (and go to) the render cache that ``annobib render`` keeps
    for the same style and locale, and are worked in ``jobs`` processes."""
    from ..cache import open_store
    from ..pandoc.citing import CitationRenderer, first_cited
    from ..pandoc.style_facts import style_facts
    from ..parallel import usable_cores
    from ..styles import resolve_style

    # By default every record is passed, so a numbered style numbers as the whole list does.
    items = [record.csl for record in records]
    if cited_only:
        by_id = {item["id"]: item for item in items}
        items = [by_id[key] for key in first_cited([c.cites for c in clusters], by_id)]
    path = resolve_style(style)
    store = open_store(path, locale) if use_cache else None
    renderer = CitationRenderer(engine, style_facts(path), items, store=store, jobs=jobs or usable_cores())
    lines = renderer.render(clusters)
    if store is not None:
        store.save()
    return lines

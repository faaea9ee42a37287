"""``annobib add``: new entries from DOIs, PMIDs, PMCIDs, arXiv ids and ISBNs, appended to a .bib file."""
from __future__ import annotations

import sys

import click

from .common import EXIT_ERROR, EXIT_OK, EXIT_WARNINGS

_KIND_OPTIONS = (("doi", "DOI"), ("pmid", "PMID"), ("pmcid", "PMCID"), ("arxiv", "ARXIV"), ("isbn", "ISBN"))


def _kind_option(kind: str, metavar: str):
    return click.option(f"--{kind}", f"{kind}_ids", multiple=True, metavar=metavar,
                        help=f"Take this as a {metavar} (repeatable), whatever it looks like.")


@click.command()
@click.argument("ids", nargs=-1, metavar="ID...")
@click.option("--bib", "bib_path", default="references.bib", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="The .bib file to append to (created when it does not exist).")
@click.option("--key", metavar="KEY", help="The citation key (one ID only) [default: author + year, e.g. persson1995].")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A keyword for the entry (repeatable).")
@click.option("--note", metavar="TEXT", help="The annotation (one ID only).")
@click.option("--edit", is_flag=True, help="Write the annotation in $VISUAL or $EDITOR (one ID only).")
@click.option("--allow-duplicate", is_flag=True, help="Add it even when its DOI, PMID or other ID is in the file.")
@click.option("--dry-run", is_flag=True, help="Print the entries; write nothing.")
@click.option("--format", "-f", "fmt", type=click.Choice(["bibtex", "json"]), default="bibtex", show_default=True,
              help="What to print: the BibTeX entries, or the items as CSL-JSON.")
@_kind_option("doi", "DOI")
@_kind_option("pmid", "PMID")
@_kind_option("pmcid", "PMCID")
@_kind_option("arxiv", "ARXIV")
@_kind_option("isbn", "ISBN")
@click.option("--mailto", metavar="EMAIL",
              help="Contact address sent to the registries [default: $ANNOBIB_MAILTO]; see the README.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=15.0, show_default=True, metavar="SECONDS",
              help="How long to wait for a registry's answer.")
@click.option("--no-cache", is_flag=True, help="Ask the registries again: neither read nor write the answer cache.")
def add(ids, bib_path, key, tags, note, edit, allow_duplicate, dry_run, fmt, mailto, timeout, no_cache, **kind_ids):
    """Add the works with these IDs to a .bib file, with metadata from the registries.

    An ID is a DOI (10.…, doi:10.…, https://doi.org/10.…), a PMID (digits or
    pmid:…), a PMCID (PMC…), an arXiv id (2104.12255, quant-ph/0201082, with or
    without a version) or an ISBN-10/13. DOIs are looked up at Crossref, then
    DataCite; PMIDs at PubMed; PMCIDs through the PMC ID converter; arXiv ids at
    arXiv; ISBNs at Google Books. Each entry is appended to FILE with a
    '% Source:' line above it; every other byte of FILE stays as it was.

    An ID already in FILE (same DOI, PMID, PMCID, arXiv id or ISBN) is refused
    with the key and line of the entry that has it. Exit status: 0 all added,
    1 nothing added (each problem on one line), 3 some added and some not.

    \b
    Examples:
      annobib add 10.1111/bcp.12094 --tag review --note "Narrative review of ..."
      annobib add pmid:7784107 PMC4014022 --bib my.bib
      annobib add 2104.12255v1 --dry-run
      annobib add 9780099560432 --format json --dry-run
      annobib add 10.1016/j.ejpain.2009.09.005 --edit
    """
    from ..diagnostics import AnnobibError
    from ..sources.add import add_sources
    from ..sources.bibfile import load, save
    from ..sources.http import Client, contact_address

    wanted: list[tuple[str, str | None]] = [(text, None) for text in ids]
    for kind, _ in _KIND_OPTIONS:
        wanted.extend((text, kind) for text in kind_ids[f"{kind}_ids"])
    if not wanted:
        raise click.UsageError("give at least one ID (a DOI, PMID, PMCID, arXiv id or ISBN)")
    if len(wanted) > 1 and (key or note is not None or edit):
        raise click.UsageError("--key, --note and --edit apply to one ID; add the others separately")
    if note is not None and edit:
        raise click.UsageError("give the annotation with --note or --edit, not both")

    bib = load(bib_path)
    annotation = _annotation_source(note, edit)
    client = Client(contact_address(mailto), timeout=timeout, cache=not no_cache)
    try:
        result = add_sources(bib, wanted, client, key=key, tags=tags, annotation=annotation,
                             allow_duplicate=allow_duplicate)
    finally:
        client.close()
    for problem in result.problems:
        click.echo(f"annobib: error: {problem}", err=True)
    for warning in result.warnings:
        click.echo(f"annobib: warning: {warning}", err=True)
    if result.added:
        _print_entries(result.added, fmt)
        if not dry_run and result.data is not None:
            try:
                save(bib, result.data)
            except AnnobibError as exc:
                click.echo(f"Error: {exc}", err=True)
                sys.exit(EXIT_ERROR)
        for added in result.added:
            if dry_run:
                click.echo(f"annobib: would add {added.key} ({added.found.identifier.label}) to {bib.path}", err=True)
            else:
                click.echo(f"annobib: added {added.key} ({added.found.identifier.label}) to {bib.path}, "
                           f"line {added.line}", err=True)
        if not dry_run and not bib.exists:
            click.echo(f"annobib: created {bib.path}", err=True)
    if not result.added:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_WARNINGS if result.problems or result.warnings else EXIT_OK)


def _print_entries(added, fmt: str) -> None:
    if fmt == "json":
        from ..export import export_records
        from ..record import Record

        text, _ = export_records([Record(a.csl, a.annotation, a.tags) for a in added], "csl-json")
        click.echo(text, nl=False)
    else:
        click.echo("\n\n".join(a.text for a in added))


def _annotation_source(note: str | None, edit: bool):
    if note is not None:
        return lambda found, key: note.strip() or None
    if edit:
        return _edited_annotation
    return None


def _edited_annotation(found, key: str) -> str | None:
    from .editor import edit_text

    title = found.csl.get("title", "")
    text = edit_text("", [f"Annotation for {key}: {title}", f"({found.source})"])
    if not text:
        click.echo(f"annobib: note: no annotation written for {key} (the editor left it empty)", err=True)
    return text or None

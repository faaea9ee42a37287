"""``annobib-pandoc``: the pandoc JSON filter.

    pandoc paper.md --filter annobib-pandoc -o paper.docx

Reads the document pandoc sends on stdin, formats every citation with
annobib's engine (through the same code as ``annobib cite``), writes the
bibliography (through the same code as ``annobib render``) and sends the
document back on stdout. Diagnostics go to stderr, which pandoc shows: a
key that is not in the bibliography is a warning naming it, and the
citation shows the key in bold with a question mark. A bibliography or
style that cannot be used is an error (exit 1: pandoc stops).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, TextIO

import panflute as pf

from ..diagnostics import AnnobibError, Diagnostics
from .citing import NARRATIVE, NORMAL, SUPPRESS_AUTHOR, CitationRenderer, Cite, Cluster, first_cited
from .inlines import Placeholders, affix_text, html_to_inlines, prefix_text, tokens_of
from .locator import parse_locator
from .metadata import Settings, read_settings

PROGRAM = "annobib-pandoc"
DEFAULT_STYLE = "apa"
MODES = {"AuthorInText": NARRATIVE, "SuppressAuthor": SUPPRESS_AUTHOR, "NormalCitation": NORMAL}


def warn(message: str) -> None:
    print(f"{PROGRAM}: warning: {message}", file=sys.stderr)


@dataclass
class Manuscript:
    """The citations of a document, in document order, with the Cite elements they came from."""

    elements: list[pf.Cite]
    clusters: list[Cluster]
    placeholders: Placeholders


def collect_citations(doc: pf.Doc, terms: dict[str, str], note_style: bool) -> Manuscript:
    elements: list[pf.Cite] = []

    def collect(element, _doc):
        if isinstance(element, pf.Cite):
            elements.append(element)

    for name, value in doc.metadata.content.items():
        if name != "nocite":  # pandoc's citeproc reads citations in the metadata too, except nocite
            value.walk(collect)
    for block in doc.content:
        block.walk(collect)
    placeholders = Placeholders()
    clusters = []
    for number, element in enumerate(elements, start=1):
        cites = [_cite(citation, terms, placeholders) for citation in element.citations if citation.id != "*"]
        note = (element.citations[0].note_num or number) if note_style and element.citations else 0
        clusters.append(Cluster(cites, note_index=note))
    return Manuscript(elements, clusters, placeholders)


def _cite(citation: pf.Citation, terms: dict[str, str], placeholders: Placeholders) -> Cite:
    locator, rest = parse_locator(tokens_of(citation.suffix, placeholders), terms)
    return Cite(citation.id, MODES.get(citation.mode, NORMAL), prefix=prefix_text(citation.prefix, placeholders),
                suffix=affix_text(rest), locator=locator)


def _in_note(element: pf.Element) -> bool:
    parent = element.parent
    while parent is not None:
        if isinstance(parent, pf.Note):
            return True
        parent = parent.parent
    return False


class Filter:
    def __init__(self, doc: pf.Doc):
        self.doc = doc
        self.settings: Settings = read_settings(doc)

    def run(self) -> pf.Doc:
        settings = self.settings
        if not settings.bibliography:
            if _cites_in(self.doc):
                warn("the document cites but names no bibliography (metadata: bibliography: refs.bib)")
            return self.doc
        from ..engines import engine_for
        from ..styles import resolve_style
        from .locate import search_dirs
        from .style_facts import locator_terms, resolve_locale, style_facts

        dirs = search_dirs()
        records, diagnostics = self._read(dirs)
        style = self._style(dirs)
        locale = resolve_locale(settings.lang)
        if settings.lang and locale is None:
            warn(f"no CSL locale for lang '{settings.lang}'; the style's own is used")
        engine = engine_for(style, locale)
        facts = style_facts(resolve_style(style))
        manuscript = collect_citations(self.doc, locator_terms(facts, locale), facts.is_note_style)
        by_id = {record.id: record for record in records}
        self._warn_unknown(manuscript, by_id)
        cited = first_cited([c.cites for c in manuscript.clusters], by_id)
        cited_keys = set(cited)
        listed = cited + [key for key in self._nocite(records) if key not in cited_keys]
        _report_reading(diagnostics, set(listed))
        results = self._render(manuscript, [by_id[key] for key in listed], style, locale, engine, facts)
        citations, problems = results["citations"]
        if problems:  # printed as citeproc-js's marker of a reference it cannot print: say which
            from ..engine_problems import engine_diagnostics

            for diagnostic in engine_diagnostics(problems, by_id, all_errors=True):
                print(diagnostic.format(), file=sys.stderr)
        for element, html in zip(manuscript.elements, citations):
            inlines = html_to_inlines(html, manuscript.placeholders)
            if facts.is_note_style and not _in_note(element):
                inlines = [pf.Note(pf.Para(*inlines))]
            element.content = inlines
        if "bibliography" in results:
            from .bibliography import bibliography_blocks, insert_bibliography

            document = results["bibliography"]
            for diagnostic in document.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            insert_bibliography(self.doc, bibliography_blocks(document, facts), facts, settings.title)
        return self.doc

    def _render(self, manuscript: Manuscript, listed: list, style: str, locale: Optional[str], engine,
                facts) -> dict:
        """The citations' HTML and the list's Document. They are independent: with two cores,
        a forked process renders the citations while this one renders the list (and writes
        the render cache)."""
        from ..parallel import fork_map, usable_cores
        from ..render import build_document

        settings = self.settings
        renderer = CitationRenderer(engine, facts, [record.csl for record in listed], locale=locale, cache=True)

        def work(task: str):
            if task == "citations":  # with what the engine failed on: it may run in another process
                return renderer.render(manuscript.clusters, link=settings.link_citations), renderer.problems
            return build_document(listed, style, annotations=settings.annotations, locale=locale, cache=True)

        tasks = ["citations"] if not listed or settings.suppress_bibliography else ["bibliography", "citations"]
        return dict(zip(tasks, fork_map(work, tasks, min(len(tasks), usable_cores()))))

    def _read(self, dirs: list[Path]) -> tuple[list, Diagnostics]:
        from ..read import read_files
        from .locate import find_file

        paths: list[str | Path] = []
        for name in self.settings.bibliography:
            found = find_file(name, dirs)
            if found is None:
                looked = ", ".join(str(d) for d in dirs)
                raise AnnobibError(f"bibliography file {name} not found (looked in {looked})")
            paths.append(found)
        result = read_files(paths, cache=True)  # a large bibliography is read once
        return result.records, result.diagnostics

    def _style(self, dirs: list[Path]) -> str:
        from .locate import find_file

        settings = self.settings
        if settings.style:
            found = find_file(settings.style, dirs) if settings.style.endswith(".csl") else None
            return str(found) if found else settings.style
        if settings.csl:
            found = find_file(settings.csl, dirs) or find_file(f"{settings.csl}.csl", dirs)
            if found:
                return str(found)
            return settings.csl[:-4] if settings.csl.endswith(".csl") else settings.csl
        return DEFAULT_STYLE

    def _nocite(self, records: list) -> list[str]:
        keys = self.settings.nocite
        if "*" in keys:
            return [record.id for record in records]
        known = {record.id for record in records}
        return [key for key in keys if key in known]

    def _warn_unknown(self, manuscript: Manuscript, by_id: dict) -> None:
        settings = self.settings
        files = ", ".join(settings.bibliography)
        keys = [cite.key for cluster in manuscript.clusters for cite in cluster.cites]
        keys += [key for key in settings.nocite if key != "*"]
        for key in dict.fromkeys(keys):
            if key not in by_id:
                warn(f"citation '{key}' not found in {files}")


def _report_reading(diagnostics: Diagnostics, listed: set[str]) -> None:
    """What reading the bibliography found, for the entries the document lists (and the files
    themselves); problems of entries it does not use are counted in one line."""
    others = 0
    for diagnostic in diagnostics:
        if diagnostic.key is None or diagnostic.key in listed:
            print(diagnostic.format(), file=sys.stderr)
        else:
            others += 1
    if others:
        warn(f"{others} more warnings about entries the document does not cite "
             "('annobib check' on the bibliography lists them)")


def _cites_in(doc: pf.Doc) -> list:
    found: list = []
    for block in doc.content:
        block.walk(lambda e, _d: found.append(e) if isinstance(e, pf.Cite) else None)
    return found


def run(stdin: TextIO, stdout: TextIO) -> int:
    doc = pf.load(stdin)
    try:
        doc = Filter(doc).run()
    except AnnobibError as exc:
        print(f"{PROGRAM}: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not the writer's doing: one line for pandoc's log, the trace on request
        if os.environ.get("ANNOBIB_DEBUG"):
            raise
        print(f"{PROGRAM}: error: internal error ({type(exc).__name__}: {exc}); set ANNOBIB_DEBUG=1 to see "
              "where, and please report it", file=sys.stderr)
        return 1
    pf.dump(doc, stdout)
    return 0


def main(argv: Optional[list[str]] = None) -> None:
    """Console script: pandoc runs it with the output format as its one argument."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[0])
        print("\nUse it from pandoc: pandoc paper.md --filter annobib-pandoc -o paper.docx\n"
              "Metadata: bibliography, csl or annobib-style, annobib-annotations, nocite, lang,\n"
              "link-citations, reference-section-title (see the README, 'Writing a paper').")
        sys.exit(0)
    stdin = open(sys.stdin.fileno(), encoding="utf-8", closefd=False)
    stdout = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    code = run(stdin, stdout)
    stdout.flush()
    sys.exit(code)


if __name__ == "__main__":
    main()

"""``annobib cite``: the in-text citation for some keys, as the style forms it.

All keys form one citation ("(Niesters et al., 2014; Persson et al., 1995)"
in APA). A numbered style numbers each entry as the whole bibliography
does, so the numbers match those of ``annobib render`` on the same input.
"""
from __future__ import annotations

import sys

import click

from .common import encoding_option, locale_option, sentence_case_option, settle, strict_option, style_option


@click.command()
@click.argument("keys", nargs=-1, required=True)
@click.option("--bib", "-b", "files", multiple=True, type=click.Path(dir_okay=False, allow_dash=True, readable=False),
              metavar="FILE", help="Bibliography to cite from (.bib, .json, .ris); repeat for more "
                                   "[default: ./references.bib, else the bundled one].")
@style_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
              help="Plain text, or the style's HTML (italics and the like kept).")
@locale_option
@sentence_case_option
@encoding_option
@strict_option
def cite(keys, files, style, fmt, locale, keep_title_case, encoding, strict):
    """Print the in-text citation of KEYS, as STYLE forms it.

    \b
    Examples:
      annobib cite niesters2014 persson1995            # (Niesters et al., 2014; Persson et al., 1995)
      annobib cite niesters2014 persson1995 -s vancouver
      annobib cite cohen2018 --bib my.bib --format html
    """
    from ..engines import engine_for
    from ..read import read_files
    from ..rendered import html_to_text
    from ..select import check_keys
    from .common import input_files

    paths = input_files(files)
    result = read_files(paths, encoding=encoding, sentence_case=not keep_title_case)
    code = settle(result.diagnostics, strict)
    check_keys(result.records, keys)
    engine = engine_for(style, locale)
    # Every record is passed so a numbered style numbers as the whole list does.
    [citation] = engine.render_citations([record.csl for record in result.records], [list(keys)])
    click.echo(citation if fmt == "html" else html_to_text(citation))
    sys.exit(code)

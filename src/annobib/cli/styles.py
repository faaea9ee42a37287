"""``annobib styles``: the styles annobib can use, with their titles."""
from __future__ import annotations

import click

from ..diagnostics import AnnobibError


@click.command()
@click.argument("word", required=False)
@click.option("--locales", is_flag=True, help="List the locales for --locale instead (en-US, de-DE, ...).")
def styles(word, locales):
    """List the styles annobib can use, with their titles.

    WORD narrows the list to styles whose name or title contains it.

    \b
    Examples:
      annobib styles            # every style (aliases first)
      annobib styles vancouver  # styles about Vancouver
      annobib styles --locales  # the locales --locale accepts
    """
    if locales:
        from ..styles import known_locales

        for code in known_locales():
            if not word or word.lower() in code.lower():
                click.echo(code)
        return
    from ..styles import list_styles

    found = list_styles(word)
    if not found:
        raise AnnobibError(f"no style matches '{word}'")
    for style in found:
        label = f"{style.name} -> {style.path.stem}" if style.origin == "alias" else style.name
        click.echo(f"{label}\t{style.title}")



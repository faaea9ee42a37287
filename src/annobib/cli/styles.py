"""``annobib styles``: the styles annobib can use, with their titles."""
from __future__ import annotations

import click

from ..diagnostics import AnnobibError


@click.command()
@click.argument("word", required=False)
def styles(word):
    """List the styles annobib can use, with their titles.

    WORD narrows the list to styles whose name or title contains it.

    \b
    Examples:
      annobib styles            # every style (aliases first)
      annobib styles vancouver  # styles about Vancouver
    """
    from ..styles import list_styles

    found = list_styles(word)
    if not found:
        raise AnnobibError(f"no style matches '{word}'")
    for style in found:
        label = f"{style.name} -> {style.path.stem}" if style.origin == "alias" else style.name
        click.echo(f"{label}\t{style.title}")



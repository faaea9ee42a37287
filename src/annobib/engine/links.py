"""URLs and DOIs as links, as Zotero prints them (citeproc-js's ``wrap_url_and_doi``).

With the option on, citeproc-js prints a cs:text of ``URL`` or ``DOI`` as
``<a href="…">…</a>`` inside the element's own affixes and formatting:
- the link text is the field as typed (not parsed for rich text);
- a DOI whose cs:text prefix ends in "https://doi.org/" takes that resolver
  into the link ("https://doi.org/" is cut from the prefix; a DOI typed with
  the resolver is not doubled; one typed with another "http(s)://" address
  is kept as it is);
- the address is the link text when that starts with "http(s)://", else the
  text after "https://doi.org/" (for a URL too).
Plain citeproc-js (the golden comparisons, the CSL test suite) prints no links:
``RenderContext.links`` is off there.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .context import Scope
from .output import Span, Text

LINKED = frozenset({"URL", "DOI"})
RESOLVER = "https://doi.org/"
_ADDRESS = re.compile(r"^https?://")
_RESOLVER_PREFIX = re.compile(r"^.*https://doi\.org/$")
_TYPED_RESOLVER = re.compile(r"^https?://doi\.org/")


def link_text(element, scope: Scope, variable: str) -> Span | None:
    """The cs:text ``element`` of ``variable`` as a decorated link, or None when the field is empty."""
    value = scope.item.raw(variable)
    if not value:
        return None
    prefix = element.get("prefix", "")
    content = value
    pulled = variable == "DOI" and bool(_RESOLVER_PREFIX.match(prefix))
    if pulled:
        bare = _TYPED_RESOLVER.sub("", value)
        content = bare if _ADDRESS.match(bare) else RESOLVER + bare
    href = content if _ADDRESS.match(content) else RESOLVER + content
    decorated = element.decorate(Span([Text(content)], link=href, atomic=True), scope)
    if pulled and decorated is not None:
        decorated = replace(decorated, prefix=prefix[: -len(RESOLVER)])
    return decorated

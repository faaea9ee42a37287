"""The lxml element-class lookup that builds a style from annobib's element classes.

citeproc-py maps every CSL element name to its model class in
``CitationStylesXML``; annobib does the same for its own subclasses, on a
lookup object of its own (lxml keeps one namespace registry per lookup
object), so citeproc-py's lookup and classes stay exactly as they are.
Elements annobib does not render (cs:info and its children, cs:terms …)
get citeproc-py's base element class, as in citeproc-py.
"""
from __future__ import annotations

from typing import Any

from citeproc.model import CitationStylesElement
from lxml import etree

from .elements.base import CSL_NS
from .elements.dates import Date, Date_Part
from .elements.groups import Choose, Else, Else_If, Group, If
from .elements.layout import Bibliography, Citation, Layout
from .elements.locale import Locale, Style, Term
from .elements.names import Et_Al, Name, Name_Part, Names, Substitute
from .elements.numbers import Number
from .elements.sorting import Key, Sort
from .elements.text import Label, Macro, Text_

# every class is an lxml ElementBase through citeproc-py's (untyped) element classes
ELEMENT_CLASSES: dict[str, Any] = {
    "style": Style, "locale": Locale, "term": Term,
    "citation": Citation, "bibliography": Bibliography, "layout": Layout, "macro": Macro,
    "text": Text_, "label": Label, "number": Number,
    "date": Date, "date-part": Date_Part,
    "names": Names, "name": Name, "name-part": Name_Part, "et-al": Et_Al, "substitute": Substitute,
    "group": Group, "choose": Choose, "if": If, "else-if": Else_If, "else": Else,
    "sort": Sort, "key": Key,
}


def element_lookup() -> etree.ElementNamespaceClassLookup:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = CitationStylesElement
    for name, element_class in ELEMENT_CLASSES.items():
        namespace[name] = element_class
    return lookup

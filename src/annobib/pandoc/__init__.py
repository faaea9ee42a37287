"""Citations in manuscripts: the pandoc filter ``annobib-pandoc`` and what it shares with ``annobib cite``.

pandoc reads ``[@key, p. 23]`` into Cite elements; this package turns them
into CSL cites (locators parsed from the suffix as pandoc's own citeproc
does), has annobib's engine format them, and writes the bibliography into
the document as pandoc's citeproc would (``csl-bib-body`` / ``csl-entry``
divs), with annotations when the document asks for them.

The modules without panflute (``locator``, ``style_facts``, ``citing``,
``citation_syntax``) are what ``annobib cite`` uses too, so a citation
reads the same on the command line and in a manuscript.
"""

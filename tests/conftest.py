"""Test-wide settings."""
from __future__ import annotations

import os
import tempfile

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_render_cache():
    """Keep the render cache of the test run out of the user's ~/.cache."""
    previous = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory(prefix="annobib-test-cache-") as folder:
        os.environ["XDG_CACHE_HOME"] = folder
        yield folder
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def cites_of_crash_here_fail(monkeypatch):
    """The engine fails on every cite of an entry titled "Crash here" (its list entry renders):
    what an entry the engine cannot cite does to citations, annotations and the pandoc filter."""
    from annobib.engine.elements.layout import Layout

    original = Layout.render_item

    def render_item(self, scope):
        if scope.section == "citation" and scope.item.raw("title") == "Crash here":
            raise RuntimeError("the engine fails on this item")
        return original(self, scope)

    monkeypatch.setattr(Layout, "render_item", render_item)

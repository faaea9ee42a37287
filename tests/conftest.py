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

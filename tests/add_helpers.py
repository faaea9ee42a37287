"""Fixtures and helpers shared by the ``annobib add`` / ``annotate`` tests.

``replay`` starts the replay server (tests/replay_server.py) and points every
ANNOBIB_*_URL at it, with a private answer cache. ``network_guard`` (autouse
where imported) refuses any connection or name lookup that is not loopback,
so a test that would reach a real registry fails instead; tests that expect
such an attempt (the no-network test) take the list and empty it.
"""
from __future__ import annotations

import errno
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.replay_server import RECORDED, ReplayServer

from annobib.cli import main

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "references.bib"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


# Fixtures are defined under other names (pytest's name= is what tests ask for), so that a test
# module can import them without its parameters shadowing the import.
@pytest.fixture(name="replay")
def replay_fixture(monkeypatch, tmp_path, network_guard):
    if not RECORDED.is_dir():
        pytest.skip(f"the recorded registry answers are not here ({RECORDED})")
    with ReplayServer() as server:
        for name, value in server.environ().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        monkeypatch.delenv("ANNOBIB_MAILTO", raising=False)
        yield server


@pytest.fixture(name="network_guard", autouse=True)
def network_guard_fixture(monkeypatch):
    attempts: list = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            attempts.append(host)
            raise OSError(errno.ENETUNREACH, "Network is unreachable (the tests allow loopback only)")
        return real_connect(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOOPBACK and host is not None:
            attempts.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (the tests allow loopback only)")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert attempts == [], f"a test tried to leave the machine: {attempts}"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def add(bib: Path, *args: str, env: dict | None = None):
    return run("add", *args, "--bib", str(bib), env=env)


def copy_of_bundled(tmp_path: Path) -> Path:
    target = tmp_path / "references.bib"
    target.write_bytes(BUNDLED.read_bytes())
    return target

"""A real HTTP server on 127.0.0.1 that answers like the registries did, from ../shared/recorded.

Each service gets a path prefix on the server (``/crossref``, ``/eutils``…);
``environ()`` gives the ANNOBIB_*_URL variables that point annobib there. A
request is answered from the recording (INDEX.tsv) whose URL has the same
path and whose query holds every parameter the request sent (the contact
parameters tool/email/mailto aside); of several, the one with the fewest
other parameters. Anything not recorded gets 404 "not recorded", which is
what a registry says of a record it does not have.

Tests can also script answers for a path: a stall (to test the timeout), a
429 with Retry-After, a 5xx, or a recording served for another request.
Every request is logged with its headers and time.
"""
from __future__ import annotations

import csv
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RECORDED = SHARED / "recorded"

# Prefix on the replay server -> (the real service's base URL, the variable annobib reads it from).
SERVICES = {
    "crossref": ("https://api.crossref.org", "ANNOBIB_CROSSREF_URL"),
    "datacite": ("https://api.datacite.org", "ANNOBIB_DATACITE_URL"),
    "doiorg": ("https://doi.org", "ANNOBIB_DOIORG_URL"),
    "eutils": ("https://eutils.ncbi.nlm.nih.gov/entrez/eutils", "ANNOBIB_EUTILS_URL"),
    "idconv": ("https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0", "ANNOBIB_IDCONV_URL"),
    "arxiv": ("https://export.arxiv.org/api", "ANNOBIB_ARXIV_URL"),
    "googlebooks": ("https://www.googleapis.com/books/v1", "ANNOBIB_GOOGLEBOOKS_URL"),
}
CONTACT = {"tool", "email", "mailto"}
_TYPES = {".json": "application/json", ".xml": "text/xml", ".atom": "application/atom+xml",
          ".txt": "text/plain", ".html": "text/html", ".bib": "application/x-bibtex"}


@dataclass
class Recording:
    file: Path
    service: str          # a key of SERVICES
    path: str             # below the service's base, unquoted
    params: dict | None   # query parameters without the contact ones (None: any query)
    status: int
    content_type: str

    @property
    def body(self) -> bytes:
        return self.file.read_bytes()


@dataclass
class Reply:
    """A scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0    # seconds to stall before answering


@dataclass
class Logged:
    service: str
    path: str
    params: dict
    headers: dict
    time: float
    recording: Recording | None
    query: dict = field(default_factory=dict)  # every parameter sent, the contact ones included


def _split(url_path: str, query: str) -> tuple[str, dict]:
    params = {k: v for k, v in parse_qs(query, keep_blank_values=True).items() if k not in CONTACT}
    return unquote(url_path), params


def load_index() -> list[Recording]:
    recordings = []
    with (RECORDED / "INDEX.tsv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            for service, (base, _variable) in SERVICES.items():
                if row["request_url"].startswith(base + "/") or row["request_url"].startswith(base + "?"):
                    parts = urlsplit(row["request_url"])
                    base_path = urlsplit(base).path
                    path, params = _split(parts.path[len(base_path):] or "/", parts.query)
                    status = int(row["status"]) if row["status"].isdigit() else 200
                    file = RECORDED / row["file"]
                    content_type = row["content_type"] if "/" in row["content_type"] else \
                        _TYPES.get(file.suffix, "application/octet-stream")
                    recordings.append(Recording(file, service, path, params, status, content_type))
                    break
    return recordings


def recording(file: str) -> Recording:
    """The recording of one file of ../shared/recorded (``crossref/works_….json``)."""
    for found in load_index():
        if found.file == RECORDED / file:
            return found
    raise KeyError(file)


class ReplayServer:
    def __init__(self):
        self.recordings = load_index()
        self.log: list[Logged] = []
        self._scripts: dict[tuple[str, str], deque] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    # --- life ---
    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def root(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def environ(self) -> dict[str, str]:
        """ANNOBIB_*_URL for every service, pointing here."""
        return {variable: f"{self.root}/{service}" for service, (_base, variable) in SERVICES.items()}

    # --- scripting ---
    def script(self, service: str, path: str, *replies: Reply) -> None:
        """Answer the next requests for ``path`` (any query) with ``replies``, in order."""
        with self._lock:
            self._scripts.setdefault((service, path), deque()).extend(replies)

    def serve(self, service: str, path: str, file: str, status: int | None = None) -> None:
        """Answer every request for ``path`` with the recorded body of ``file``."""
        found = recording(file)
        self.recordings.insert(0, Recording(found.file, service, path, None, status or found.status,
                                            found.content_type))

    def requests_to(self, service: str) -> list[Logged]:
        return [entry for entry in self.log if entry.service == service]

    # --- answering ---
    def match(self, service: str, path: str, params: dict) -> Recording | None:
        candidates = [r for r in self.recordings if r.service == service and r.path == path
                      and (r.params is None or all(r.params.get(k) == v for k, v in params.items()))]
        return min(candidates, key=lambda r: -1 if r.params is None else len(r.params), default=None)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        service, _, rest = parts.path.lstrip("/").partition("/")
        path, params = _split("/" + rest, parts.query)
        with self._lock:
            queue = self._scripts.get((service, path))
            reply = queue.popleft() if queue else None
        found = None if reply else self.match(service, path, params)
        self.log.append(Logged(service, path, params, dict(handler.headers), time.monotonic(), found,
                               parse_qs(parts.query, keep_blank_values=True)))
        if reply is None:
            reply = Reply(found.status, found.body, {"Content-Type": found.content_type}) if found else \
                Reply(404, b"not recorded", {"Content-Type": "text/plain"})
        if reply.delay:
            time.sleep(reply.delay)
        try:
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test)

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                server._answer(self)

            def log_message(self, format, *args):  # quiet
                pass

        return Handler

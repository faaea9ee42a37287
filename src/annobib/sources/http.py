"""The HTTP client every registry module uses: one place for the manners registries ask of a client.

* a ``User-Agent`` naming annobib and, when configured, a contact address
  (``--mailto`` or ``$ANNOBIB_MAILTO``): Crossref serves such clients from its
  "polite" pool, and NCBI gets the same address as ``email`` beside ``tool``;
* a timeout on every request (connect and read);
* retries with exponential backoff on 429 and 5xx answers and on dropped
  connections, honouring ``Retry-After`` (urllib3's ``Retry``) up to a limit;
* at most ``rate`` requests a second to a service that asks for it (NCBI: 3);
* a cache of successful answers under ``$XDG_CACHE_HOME/annobib`` (requests-cache,
  SQLite) so a repeated ``add`` does not ask again; answers that held no record
  are forgotten again by the caller.

Errors come out as ServiceError with a message that names the service; the
caller adds the identifier.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .. import __version__

# How long a cached answer is used before the registry is asked again.
CACHE_LIFETIME = timedelta(days=30)
# A Retry-After longer than this is not waited for: the request fails with the wait named.
MAX_RETRY_AFTER = 30.0
# Parameters that name the caller, not the resource: left out of the cache key.
CONTACT_PARAMETERS = ("tool", "email", "mailto")


@dataclass(frozen=True)
class Service:
    """One registry endpoint: its name for messages and where it is (overridable by environment)."""

    name: str
    variable: str   # ANNOBIB_*_URL
    default: str
    rate: float | None = None       # most requests a second, when the service sets a limit
    rate_group: str | None = None   # services sharing one limit (NCBI's E-utilities and ID converter)

    @property
    def base(self) -> str:
        return (os.environ.get(self.variable) or self.default).rstrip("/")

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc or self.base


@dataclass
class Answer:
    status: int
    content: bytes
    text: str
    url: str
    headers: dict = field(default_factory=dict)


class ServiceError(Exception):
    """A request that gave no usable answer; ``str()`` is one line naming the service."""

    def __init__(self, service: Service, message: str, status: int | None = None, body: bytes = b""):
        super().__init__(f"{service.name}: {message}")
        self.service = service
        self.status = status
        self.body = body  # the answer's body, for a registry that puts its reason there in its own format


class NotFound(ServiceError):
    """The service answered 404: it has no record of the identifier."""


def contact_address(option: str | None = None) -> str | None:
    """The contact e-mail address: ``--mailto``, else ``$ANNOBIB_MAILTO``, else none."""
    value = option if option is not None else os.environ.get("ANNOBIB_MAILTO")
    return value.strip() or None if value else None


def user_agent(contact: str | None) -> str:
    """``annobib/0.1.0 (mailto:me@example.org)``: who is asking, and how to reach them."""
    return f"annobib/{__version__}" + (f" (mailto:{contact})" if contact else "")


class RateLimiter:
    """Spaces the starts of requests at least 1/rate seconds apart, across threads."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


class Client:
    """A requests session with retries, timeout, User-Agent, rate limits and the answer cache."""

    def __init__(self, contact: str | None = None, timeout: float = 15.0, cache: bool = True,
                 retries: int = 3, backoff: float = 0.5):
        self.contact = contact
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._limiters: dict[str, RateLimiter] = {}
        self._limited: list[tuple[str, RateLimiter]] = []
        self._lock = threading.Lock()
        self.session = self._make_session(cache)

    def _make_session(self, cache: bool) -> requests.Session:
        session: requests.Session
        if cache:
            from requests_cache import CachedSession

            from ..cache import cache_dir

            folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            session = CachedSession(
                str(folder / "sources"), backend="sqlite", expire_after=CACHE_LIFETIME,
                allowable_codes=(200,), allowable_methods=("GET",),
                ignored_parameters=CONTACT_PARAMETERS, stale_if_error=False)
        else:
            session = requests.Session()
        adapter = _ThrottledAdapter(self._limited, max_retries=_retry_policy(self.retries, self.backoff),
                                    pool_maxsize=16)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["User-Agent"] = user_agent(self.contact)
        return session

    def _register(self, service: Service) -> None:
        """Give a rate-limited service its limiter (shared within its rate group)."""
        if service.rate is None:
            return
        with self._lock:
            group = service.rate_group or service.name
            limiter = self._limiters.setdefault(group, RateLimiter(service.rate))
            prefix = service.base + "/"
            if all(existing != prefix for existing, _ in self._limited):
                self._limited.append((prefix, limiter))

    def get(self, service: Service, path: str, params: dict | None = None,
            accept: str = "application/json") -> Answer:
        """GET base+path; 200 gives an Answer, 404 raises NotFound, anything else ServiceError."""
        self._register(service)
        url = service.base + path
        try:
            response = self.session.get(url, params=params, timeout=self.timeout, headers={"Accept": accept})
        except requests.exceptions.Timeout:
            raise ServiceError(service, f"no answer from {service.host} within {self.timeout:g} s (timed out)") \
                from None
        except _TooLongToWait as exc:
            raise ServiceError(service, f"busy: {exc}", 429) from None
        except requests.exceptions.RetryError as exc:
            raise ServiceError(service, f"gave up after {self.retries} retries ({_reason(exc)})") from None
        except requests.exceptions.ConnectionError as exc:
            if _reason(exc) == "timed out":  # a read timeout, once retried, comes out as a ConnectionError
                raise ServiceError(service, f"no answer from {service.host} within {self.timeout:g} s "
                                            "(timed out)") from None
            raise ServiceError(service, f"cannot reach {service.host} ({_reason(exc)}); "
                                        "check the network connection") from None
        except requests.exceptions.RequestException as exc:
            raise ServiceError(service, f"request to {service.host} failed ({_reason(exc)})") from None
        answer = Answer(response.status_code, response.content, _text(response), response.url,
                        dict(response.headers))
        if response.status_code == 200:
            return answer
        if response.status_code == 404:
            detail = _error_detail(answer.text)
            raise NotFound(service, "no record (404)" + (f": {detail}" if detail else ""), 404, answer.content)
        raise ServiceError(service, _status_message(response.status_code, answer.text, self.retries),
                           response.status_code, answer.content)

    def forget(self, answer: Answer) -> None:
        """Drop an answer from the cache (a 200 that held no record: ask again next time)."""
        cache = getattr(self.session, "cache", None)
        if cache is not None:
            cache.delete(urls=[answer.url])

    def close(self) -> None:
        self.session.close()


class _PoliteRetry(Retry):
    """urllib3's Retry, except that a Retry-After beyond MAX_RETRY_AFTER ends the
    command with the wait named, instead of stalling it for as long as the server asks."""

    def get_retry_after(self, response):
        seconds = super().get_retry_after(response)
        if seconds is not None and seconds > MAX_RETRY_AFTER:
            raise _TooLongToWait(seconds)
        return seconds


def _retry_policy(retries: int, backoff: float) -> Retry:
    # A connection that cannot be made is tried once more (no network rarely comes back within seconds);
    # a read that timed out once more; an overloaded service (429, 5xx) ``retries`` times.
    return _PoliteRetry(total=retries, connect=1, read=1, status=retries, other=0,
                       backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                       allowed_methods=("GET",), respect_retry_after_header=True, raise_on_status=False)


class _TooLongToWait(Exception):
    def __init__(self, seconds: float):
        super().__init__(f"asked to wait {seconds:g} s before trying again")
        self.seconds = seconds


class _ThrottledAdapter(HTTPAdapter):
    """Waits for a service's rate limiter before a request goes out on the network
    (answers from the cache never reach the adapter, so they never wait)."""

    def __init__(self, limited: list, **kwargs):
        self._limited_prefixes = limited
        super().__init__(**kwargs)

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        for prefix, limiter in self._limited_prefixes:
            if str(request.url).startswith(prefix):
                limiter.wait()
                break
        return super().send(request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies)


def _text(response) -> str:
    if response.encoding is None or "charset" not in response.headers.get("Content-Type", "").lower():
        response.encoding = "utf-8"  # JSON, XML and Atom default to UTF-8
    return response.text


def _status_message(status: int, body: str, retries: int) -> str:
    detail = _error_detail(body)
    if status == 429:
        return f"too many requests (429), still refused after {retries} retries; try again later"
    if status >= 500:
        return f"the service failed ({status}) {retries + 1} times; try again later" + (f": {detail}" if detail else "")
    if status == 400:
        return "refused the request (400)" + (f": {detail}" if detail else "")
    return f"answered {status}" + (f": {detail}" if detail else "")


def _error_detail(body: str) -> str:
    """The message inside an error body (Crossref's JSON, DataCite's errors, plain text), on one line."""
    import json
    import re

    text = body.strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    messages: list[str] = []
    if isinstance(data, dict):
        for key in ("message", "errors", "error"):
            value = data.get(key)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    item = item.get("message") or item.get("title") or item.get("detail")
                if isinstance(item, str) and item.strip():
                    messages.append(item.strip())
    elif text and not text.startswith("<"):
        messages.append(text)
    detail = "; ".join(messages)
    if "%20" in detail:  # the PMC ID converter URL-encodes its messages
        detail = unquote(detail)
    return re.sub(r"\s+", " ", detail)[:200]


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests/urllib3 error, in a few words."""
    import re

    text = str(exc)
    for pattern, reason in ((r"Name or service not known|nodename nor servname|getaddrinfo failed|"
                             r"Temporary failure in name resolution|NameResolutionError", "name not resolved"),
                            (r"Connection refused", "connection refused"),
                            (r"Network is unreachable", "network unreachable"),
                            (r"timed out", "timed out")):
        if re.search(pattern, text):
            return reason
    return text.split(":")[-1].strip()[:120] or type(exc).__name__

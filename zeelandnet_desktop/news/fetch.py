"""A polite feed fetcher: conditional GETs, size and time limits, Retry-After per host.

Pure `requests`, no Qt; safe to call from many worker threads at once: each fetch borrows a
Session that no other thread is using at that moment (a Session's connection pool is not meant
to be shared across threads), and gives it back for the next fetch to reuse its connections.

Everything that goes wrong becomes a FeedProblem in the result; `fetch()` does not raise for
network trouble.
"""

from __future__ import annotations

import http.cookiejar
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

import requests

from zeelandnet_desktop import __version__

from .http_answers import (
    DEFAULT_RATE_LIMIT_WAIT,
    DeadlineError,
    classify_exception,
    host_of,
    parse_max_age,
    parse_retry_after,
)
from .model import (
    HTTP,
    INVALID_URL,
    RATE_LIMITED,
    REDIRECT_LOOP,
    TIMEOUT,
    TOO_LARGE,
    FeedProblem,
    FeedState,
)

log = logging.getLogger(__name__)

USER_AGENT = f"ZeelandNetDesktop/{__version__} (+feed reader)"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_CHUNK = 64 * 1024
PICTURE_REDIRECTS = 5


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch. `problem` is None on success (200 or 304)."""

    url: str  # what was asked for
    final_url: str  # after redirects
    status: int | None  # last HTTP status, None when no response came
    body: bytes = b""  # decoded (gunzipped) body; empty for 304 and errors
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    permanent_url: str | None = None  # where a 301/308 chain from `url` ends, to store
    problem: FeedProblem | None = None
    retry_after: datetime | None = None  # set for 429/503: don't ask this host before then
    min_interval: timedelta | None = None  # Cache-Control max-age (capped)
    skipped: bool = False  # no request made: the host asked us to wait (Retry-After)

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.problem is None

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.skipped

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class FetchCancelled(Exception):
    """The caller cancelled the fetch (the app is quitting): nothing to report or store."""


class _Until:
    """When a fetch must stop: its total deadline, or the caller's cancel (checked between
    network waits; each wait itself is bounded by the read time-out)."""

    __slots__ = ("cancelled", "deadline")

    def __init__(self, deadline: float, cancelled: Callable[[], bool] | None) -> None:
        self.deadline = deadline
        self.cancelled = cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise FetchCancelled
        if time.monotonic() > self.deadline:
            raise DeadlineError


class Fetcher:
    """Fetch feeds politely. Thread-safe; create one per app and share it across workers.

    timeout: (connect, read) seconds for each network wait; deadline: seconds for a whole fetch
    including redirects and the body, so a server trickling a byte at a time cannot hold a worker
    (checked between reads, so the worst case is deadline + one read time-out).
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        deadline: float = 30.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 10,
        user_agent: str = USER_AGENT,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.timeout = (connect_timeout, read_timeout)
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self._clock = clock
        self._lock = threading.Lock()
        self._idle: list[requests.Session] = []
        self._idle_pictures: list[requests.Session] = []
        self._closed = False
        self._host_blocks: dict[str, datetime] = {}

    # -- per-host back-off ------------------------------------------------------------------
    def block_host(self, host: str, until: datetime) -> None:
        """Don't contact `host` before `until` (kept if a later block is already known)."""
        with self._lock:
            known = self._host_blocks.get(host)
            if known is None or until > known:
                self._host_blocks[host] = until

    def host_blocked_until(self, url: str, now: datetime | None = None) -> datetime | None:
        now = now or self._clock()
        with self._lock:
            until = self._host_blocks.get(host_of(url))
        return until if until is not None and until > now else None

    # -- sessions ---------------------------------------------------------------------------
    # A Session (and its connection pool) is used by one thread at a time: fetch() borrows one
    # from this pool and gives it back. Pooling rather than thread-locals, because each refresh
    # runs on fresh worker threads and thread-local sessions would pile up with open sockets;
    # this way keep-alive connections are reused from one refresh to the next.
    # Pictures get sessions of their own that never keep a cookie: a cookie a feed's site set
    # would otherwise go along with every picture from that site, and say who is reading.
    @contextmanager
    def _session(self, pictures: bool = False) -> Iterator[requests.Session]:
        idle = self._idle_pictures if pictures else self._idle
        with self._lock:
            session = idle.pop() if idle else None
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.user_agent
            session.headers["Accept"] = "image/*" if pictures else _ACCEPT
            # Feeds and pictures need no cookies, and a news site must not follow the reader
            # from one article to the next: nothing is kept, so nothing is sent back.
            session.cookies.set_policy(_NO_COOKIES)
        try:
            yield session
        finally:
            with self._lock:
                closed = self._closed
                if not closed:
                    idle.append(session)
            if closed:
                session.close()

    def close(self) -> None:
        """Close idle connections; a fetch still running closes its own when it ends."""
        with self._lock:
            self._closed = True
            sessions = self._idle + self._idle_pictures
            self._idle, self._idle_pictures = [], []
        for session in sessions:
            session.close()

    # -- fetching ---------------------------------------------------------------------------
    def fetch(self, url: str, state: FeedState | None = None,
              cancelled: Callable[[], bool] | None = None) -> FetchResult:
        """GET `url` (or state.fetch_url), conditional on state's ETag / Last-Modified.

        Raises FetchCancelled once `cancelled()` is true; every other failure is a result."""
        target = (state.fetch_url if state and state.fetch_url else None) or url
        now = self._clock()
        blocked = self.host_blocked_until(target, now)
        if blocked is not None:
            return FetchResult(
                url,
                target,
                None,
                problem=FeedProblem(RATE_LIMITED, host_of(target)),
                retry_after=blocked,
                skipped=True,
            )
        headers: dict[str, str] = {}
        if state is not None:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        until = _Until(time.monotonic() + self.deadline, cancelled)
        try:
            return self._fetch(url, target, headers, until)
        except FetchCancelled:
            raise
        except Exception as error:  # every failure becomes words, never an exception upward
            problem = classify_exception(error, target)
            log.debug("Fetching %s: %s (%s)", target, problem, type(error).__name__)
            return FetchResult(url, target, None, problem=problem)

    def _fetch(
        self, url: str, target: str, headers: dict[str, str], until: _Until
    ) -> FetchResult:
        with self._session() as session:
            return self._fetch_with(session, url, target, headers, until)

    def _fetch_with(
        self,
        session: requests.Session,
        url: str,
        target: str,
        headers: dict[str, str],
        until: _Until,
    ) -> FetchResult:
        current = target
        if not _http_url(current):
            return FetchResult(url, current, None, problem=FeedProblem(INVALID_URL, current[:80]))
        seen = {current}
        permanent: str | None = None
        all_permanent = True
        for _hop in range(self.max_redirects + 1):
            try:
                until.check()
            except DeadlineError:
                return FetchResult(url, current, None, problem=FeedProblem(TIMEOUT, "deadline"))
            response = session.get(
                current, headers=headers, timeout=self.timeout, stream=True, allow_redirects=False
            )
            try:
                status = response.status_code
                location = response.headers.get("Location")
                if status in _REDIRECTS and location:
                    nxt = urljoin(current, location)
                    if not _http_url(nxt):
                        return FetchResult(
                            url, current, status, problem=FeedProblem(INVALID_URL, "redirect")
                        )
                    if nxt in seen:
                        return self._loop(url, current, status)
                    seen.add(nxt)
                    all_permanent = all_permanent and status in _PERMANENT
                    if all_permanent:
                        permanent = nxt
                    current = nxt
                    continue
                return self._finish(url, current, response, permanent, until)
            finally:
                response.close()
        return self._loop(url, current, None)

    def _loop(self, url: str, current: str, status: int | None) -> FetchResult:
        log.info("Feed %s: redirect loop at %s", url, host_of(current))
        return FetchResult(
            url, current, status, problem=FeedProblem(REDIRECT_LOOP, host_of(current))
        )

    def _finish(
        self,
        url: str,
        final: str,
        response: requests.Response,
        permanent: str | None,
        until: _Until,
    ) -> FetchResult:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        now = self._clock()
        min_interval = parse_max_age(headers.get("cache-control"))

        def result(
            problem: FeedProblem | None = None, body: bytes = b"", wait: datetime | None = None
        ) -> FetchResult:
            return FetchResult(
                url, final, status, body, headers, permanent, problem, wait, min_interval
            )

        if status == 304:
            return result()
        if status in (429, 503):
            wait_until = parse_retry_after(headers.get("retry-after"), now)
            if wait_until is None and status == 429:
                wait_until = now + DEFAULT_RATE_LIMIT_WAIT
            if wait_until is not None:
                self.block_host(host_of(final), wait_until)
                log.info("Host %s asks us to wait until %s", host_of(final),
                         wait_until.isoformat())
                problem = FeedProblem(RATE_LIMITED, f"{status} {host_of(final)}")
                return result(problem, wait=wait_until)
            return result(FeedProblem(HTTP, str(status)))
        if status >= 400 or status < 200:
            return result(FeedProblem(HTTP, str(status)))
        declared = headers.get("content-length", "")
        identity = headers.get("content-encoding", "identity").lower() in ("", "identity")
        if identity and declared.isdigit() and int(declared) > self.max_bytes:
            return result(FeedProblem(TOO_LARGE, f"{int(declared)} bytes"))
        body = self._read_body(response, until)
        if body is None:
            return result(FeedProblem(TOO_LARGE, f"> {self.max_bytes} bytes"))
        return result(body=body)

    def _read_body(self, response: requests.Response, until: _Until,
                   limit: int | None = None) -> bytes | None:
        """The decoded body, or None when it grows past `limit` (default max_bytes; stop reading
        right there: a 20 MB or gzip-bomb body must not become a 20 MB allocation)."""
        limit = self.max_bytes if limit is None else limit
        raw = response.raw
        chunks: list[bytes] = []
        total = 0
        while True:
            until.check()
            # read1 returns as soon as some bytes arrived, so the deadline is checked often even
            # when the server trickles; each wait is bounded by the read time-out.
            chunk = raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > limit:
                return None
            chunks.append(chunk)


    def fetch_image(self, url: str, max_bytes: int = 3 * 1024 * 1024,
                    cancelled: Callable[[], bool] | None = None) -> bytes | None:
        """An article's picture, with the same time-outs and deadline as a feed and a size cap.
        No cookie and no referrer go along, redirects are followed only to http(s) and at most
        PICTURE_REDIRECTS times (each hop a fresh request, so a cookie a redirect sets is not
        sent on either), and only a raster image type is accepted. None for anything else or a
        failure: a missing picture is worth a log line, not a message."""
        current = url
        until = _Until(time.monotonic() + self.deadline, cancelled)
        try:
            with self._session(pictures=True) as session:
                for _hop in range(PICTURE_REDIRECTS + 1):
                    if not _http_url(current):
                        log.info("Picture not loaded (not a web address): %s", host_of(url))
                        return None
                    until.check()
                    with session.get(current, timeout=self.timeout, stream=True,
                                     allow_redirects=False) as response:
                        location = response.headers.get("Location")
                        if response.status_code in _REDIRECTS and location:
                            current = urljoin(current, location)
                            continue
                        kind = response.headers.get("Content-Type", "")
                        kind = kind.split(";")[0].strip().lower()
                        if response.status_code != 200 or not _picture_type(kind):
                            log.info("Picture not loaded (HTTP %s, %s): %s",
                                     response.status_code, kind or "no type", host_of(url))
                            return None
                        body = self._read_body(response, until, max_bytes)
                        break
                else:
                    log.info("Picture not loaded (too many redirects): %s", host_of(url))
                    return None
        except FetchCancelled:
            return None
        except Exception as error:  # requests', urllib3's and our deadline error alike
            log.info("Picture not loaded (%s): %s", type(error).__name__, host_of(url))
            return None
        if body is None:
            log.info("Picture too large, not shown: %s", host_of(url))
        return body


def _picture_type(content_type: str) -> bool:
    # Raster pictures only: an SVG is a document that can point elsewhere.
    return content_type.startswith("image/") and content_type != "image/svg+xml"


class _BlockAllCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return False


_NO_COOKIES = _BlockAllCookies()


def _http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)

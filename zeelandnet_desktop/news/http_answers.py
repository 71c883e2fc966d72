"""What a feed server's answer means for when to ask again, and what a failed request was:
Retry-After and max-age (capped, so no server silences a feed for long), and the exceptions of
requests / urllib3 / sockets as a FeedProblem. Pure functions, no I/O."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from .model import CONNECTION, INVALID_URL, OFFLINE, TIMEOUT, TLS, FeedProblem

# Neither a server's max-age nor its Retry-After may silence a feed for longer than this.
MAX_WAIT = timedelta(hours=6)
# 429 without a usable Retry-After: back off this long rather than hammer the host.
DEFAULT_RATE_LIMIT_WAIT = timedelta(minutes=5)


def host_of(url: str) -> str:
    """The host[:port] that rate limits apply to."""
    return urlsplit(url).netloc.lower()


class DeadlineError(Exception):
    """The whole fetch took longer than the fetcher's deadline."""


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """Retry-After as seconds or as an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return now + min(timedelta(seconds=int(value)), MAX_WAIT)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(max(when, now), now + MAX_WAIT)


_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def parse_max_age(cache_control: str | None) -> timedelta | None:
    if not cache_control:
        return None
    match = _MAX_AGE.search(cache_control)
    if not match:
        return None
    return min(timedelta(seconds=int(match.group(1))), MAX_WAIT)


def classify_exception(error: BaseException, url: str) -> FeedProblem:
    """Map a requests/urllib3/socket exception to a FeedProblem kind."""
    host = host_of(url)
    if isinstance(error, DeadlineError):
        return FeedProblem(TIMEOUT, "deadline")
    if isinstance(error, requests.exceptions.SSLError):
        return FeedProblem(TLS, host)
    timeouts = requests.exceptions.Timeout | urllib3.exceptions.TimeoutError | TimeoutError
    if isinstance(error, timeouts):
        return FeedProblem(TIMEOUT, host)
    if isinstance(
        error,
        requests.exceptions.InvalidURL
        | requests.exceptions.MissingSchema
        | requests.exceptions.InvalidSchema
        | urllib3.exceptions.LocationParseError,
    ):
        return FeedProblem(INVALID_URL, host or url[:80])
    if isinstance(error, requests.exceptions.ConnectionError):
        reason = error.args[0] if error.args else None
        reason = getattr(reason, "reason", reason)
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            return FeedProblem(OFFLINE, host)  # DNS failure, refused, unreachable
        if isinstance(reason, urllib3.exceptions.SSLError):
            return FeedProblem(TLS, host)
        return FeedProblem(CONNECTION, host)
    # Protocol errors while streaming the body (IncompleteRead, reset, bad gzip) and anything
    # else a broken server can provoke.
    return FeedProblem(CONNECTION, host)

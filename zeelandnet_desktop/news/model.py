"""The news core's value types: articles, feed states and the ways a feed can fail.

Everything here is frozen so an Article can cross threads (worker → store → GUI) without copies
or locks. No Qt: words.py holds the English source text for each problem kind, which the
caller translates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The fixed set of problem kinds. Adding one means adding its words in words.py too.
OFFLINE = "offline"  # name resolution failed, connection refused, network unreachable
TIMEOUT = "timeout"  # connect/read time-out or the total deadline passed
CONNECTION = "connection"  # connection dropped mid-response or the HTTP exchange was garbled
HTTP = "http"  # an HTTP error status; detail holds the code
NOT_A_FEED = "not_a_feed"  # HTML page, empty document, unparseable, only unusable items
TOO_LARGE = "too_large"  # body larger than the fetcher's limit
REDIRECT_LOOP = "redirect_loop"  # redirect cycle or too many hops
RATE_LIMITED = "rate_limited"  # 429/503 with (or without) Retry-After
TLS = "tls"  # certificate or TLS handshake failure
INVALID_URL = "invalid_url"  # not an http(s) URL, or unusable redirect target
DISK_FULL = "disk_full"  # the disk (or the database) is full: nothing new can be saved
INTERNAL = "internal"  # a bug or another local failure; details are in the log

PROBLEM_KINDS: tuple[str, ...] = (
    OFFLINE,
    TIMEOUT,
    CONNECTION,
    HTTP,
    NOT_A_FEED,
    TOO_LARGE,
    REDIRECT_LOOP,
    RATE_LIMITED,
    TLS,
    INVALID_URL,
    DISK_FULL,
    INTERNAL,
)


@dataclass(frozen=True)
class FeedProblem:
    """Why a feed failed. `detail` is short and technical (an HTTP code, a host), never secret
    and never a piece of the body, so it may go to logs and the status bar as is."""

    kind: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in PROBLEM_KINDS:
            raise ValueError(f"unknown feed problem kind: {self.kind!r}")

    def __str__(self) -> str:
        return f"{self.kind} ({self.detail})" if self.detail else self.kind


@dataclass(frozen=True)
class Article:
    """One news item as the store holds it; summary_html is already sanitized."""

    id: str
    feed_url: str
    category: str
    source: str
    title: str
    link: str
    published: datetime  # tz-aware UTC, never after first_seen; first_seen when undated
    first_seen: datetime  # tz-aware UTC
    summary_html: str  # the body: headings, lists, links; never pictures
    summary_text: str  # plain text of the lead, dateline included, correction notice not
    lead: str  # the text after the dateline
    places: tuple[str, ...]
    agencies: tuple[str, ...]
    image_url: str | None  # the article's picture (the largest the feed offers)
    thumbnail_url: str | None = None  # a small version for the list; the picture when none
    image_caption: str = ""
    image_credit: str = ""
    notice: str = ""  # an agency's note before the dateline ("Correctie: ...")
    read: bool = False


@dataclass(frozen=True)
class FeedState:
    """What the store remembers about one feed between refreshes.

    `url` is the catalogue's address (the key, so article ids stay stable); `fetch_url` is where a
    permanent redirect (301/308) sent us, used for the next fetches when set.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_success: datetime | None = None
    last_error: FeedProblem | None = None
    next_allowed: datetime | None = None
    title: str | None = None
    fetch_url: str | None = None

"""Turn fetched feed bytes into Articles (RSS 0.9x/1.0/2.0 and Atom, via feedparser).

Decisions worth knowing:
- Ids are stable and scoped per feed: sha256 of the catalogue URL plus the guid, else the link,
  else title + date. Two feeds can never collide, and a permanent redirect does not change ids
  (the catalogue URL is the scope, not where the feed moved to).
- Duplicate guids within one document collapse to the first entry.
- No date → published = first seen (the store keeps the first first-seen on later fetches).
- Not well-formed XML (e.g. truncated): feedparser's lenient parser still yields entries; we keep
  only the entries whose closing tag (`</item>` / `</entry>`) actually arrived, because the last
  one may be cut mid-sentence. If none is complete the document counts as not_a_feed. Either way
  nothing is deleted: earlier cached articles always survive a bad fetch.
- An HTML page, an empty document or a feed with no entries is not_a_feed.
- summary_html never contains <img>: the picture is `image_url` (media:content, media:thumbnail,
  image enclosures, else the first <img> of the content), which the view shows only when the
  user allows remote images.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from time import struct_time
from typing import Any
from urllib.parse import urlsplit

import feedparser

from .dateline import split_dateline
from .model import NOT_A_FEED, Article, FeedProblem
from .sanitize import sanitize_html, to_text

log = logging.getLogger(__name__)

# Enough for any real lead or article body; a feed stuffing megabytes into one item is cut.
MAX_SUMMARY_CHARS = 100_000
_CLOSED_ENTRY = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass(frozen=True)
class ParsedFeed:
    articles: tuple[Article, ...] = ()
    title: str | None = None
    problem: FeedProblem | None = None
    undated: frozenset[str] = field(default_factory=frozenset)  # ids whose date is first-seen
    dropped_incomplete: int = 0  # entries cut off by a truncated document


def _to_utc(value: struct_time | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def _http(url: Any) -> str | None:
    if isinstance(url, str):
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url
    return None


def _looks_like_image(item: Mapping[str, Any]) -> bool:
    kind = str(item.get("type") or "").lower()
    medium = str(item.get("medium") or "").lower()
    if kind:
        return kind.startswith("image/")
    if medium:
        return medium == "image"
    return (
        urlsplit(str(item.get("url") or item.get("href") or ""))
        .path.lower()
        .endswith(_IMAGE_SUFFIXES)
    )


def _image_url(entry: Mapping[str, Any], content_html: str) -> str | None:
    for item in entry.get("media_content") or ():
        if _looks_like_image(item) and (url := _http(item.get("url"))):
            return url
    for item in entry.get("media_thumbnail") or ():
        if url := _http(item.get("url")):
            return url
    for link in entry.get("links") or ():
        is_image = link.get("rel") == "enclosure" and _looks_like_image(link)
        if is_image and (url := _http(link.get("href"))):
            return url
    match = _IMG_SRC.search(content_html)
    return _http(match.group(1)) if match else None


def article_id(feed_url: str, key: str) -> str:
    return hashlib.sha256(f"{feed_url}\n{key}".encode()).hexdigest()[:32]


def _html_of(detail: Any, fallback: str) -> str:
    """Feed text as HTML: plain-text fields are escaped so '<' in a title stays a '<'."""
    if isinstance(detail, Mapping) and detail.get("type") == "text/plain":
        return html.escape(fallback)
    return fallback


def parse_feed(
    body: bytes,
    headers: Mapping[str, str] | None,
    *,
    feed_url: str,
    category: str,
    source: str,
    now: datetime,
) -> ParsedFeed:
    """Articles from one fetched document; never raises for bad input."""
    try:
        # response_headers carry the charset (ISO-8859-1 feeds declared only in HTTP), and the
        # base URL for relative links comes from content-location/the feed itself.
        parsed = feedparser.parse(
            body,
            response_headers=dict(headers or {}),
            resolve_relative_uris=True,
            sanitize_html=False,  # nh3 does this, once, with our own allow-list
        )
    except Exception as error:  # feedparser is lenient, but a crash here must not stop refresh
        log.warning("Feed %s could not be parsed: %s", feed_url, type(error).__name__)
        return ParsedFeed(problem=FeedProblem(NOT_A_FEED, type(error).__name__))
    entries = list(parsed.get("entries") or [])
    bozo = bool(parsed.get("bozo"))
    version = parsed.get("version") or ""
    if bozo:
        complete = len(_CLOSED_ENTRY.findall(body))
        dropped = max(0, len(entries) - complete)
        entries = entries[:complete]
        log.info(
            "Feed %s is not well-formed (%s); %d complete entries kept, %d dropped",
            feed_url,
            type(parsed.get("bozo_exception")).__name__,
            len(entries),
            dropped,
        )
    else:
        dropped = 0
    if not entries:
        detail = "no entries" if version else "unknown format"
        return ParsedFeed(problem=FeedProblem(NOT_A_FEED, detail), dropped_incomplete=dropped)

    feed_info = parsed.get("feed") or {}
    feed_title = to_text(str(feed_info.get("title") or "")) or None
    articles: list[Article] = []
    undated: set[str] = set()
    seen_keys: set[str] = set()
    for entry in entries:
        article = _article(entry, feed_url, category, source or feed_title or "", now)
        if article is None:
            continue
        if article.id in seen_keys:
            continue  # duplicate guid in one document: the first wins
        seen_keys.add(article.id)
        if _to_utc(entry.get("published_parsed") or entry.get("updated_parsed")) is None:
            undated.add(article.id)
        articles.append(article)
    if not articles:
        return ParsedFeed(problem=FeedProblem(NOT_A_FEED, "no usable entries"))
    return ParsedFeed(tuple(articles), feed_title, None, frozenset(undated), dropped)


def _article(
    entry: Mapping[str, Any], feed_url: str, category: str, source: str, now: datetime
) -> Article | None:
    title = to_text(str(entry.get("title") or ""))
    summary_raw = str(entry.get("summary") or "")
    contents = entry.get("content") or []
    content_raw = str(contents[0].get("value") or "") if contents else ""
    main_html = _html_of(
        contents[0] if contents else entry.get("summary_detail"), content_raw or summary_raw
    )[:MAX_SUMMARY_CHARS]
    lead_html = _html_of(entry.get("summary_detail"), summary_raw)[:MAX_SUMMARY_CHARS]
    summary_html = sanitize_html(main_html)
    summary_text = to_text(sanitize_html(lead_html or main_html))
    if not title and not summary_text:
        return None
    if not title:
        title = summary_text.split("\n", 1)[0][:120]
    link = _http(entry.get("link")) or ""
    published = _to_utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    guid = str(entry.get("id") or "").strip()
    key = guid or link or f"{title}\n{published.isoformat() if published else ''}"
    dateline = split_dateline(summary_text)
    return Article(
        id=article_id(feed_url, key),
        feed_url=feed_url,
        category=category,
        source=source,
        title=title,
        link=link,
        published=published or now,
        first_seen=now,
        summary_html=summary_html,
        summary_text=summary_text,
        lead=dateline.rest,
        places=dateline.places,
        agencies=dateline.agencies,
        image_url=_image_url(entry, main_html),
    )

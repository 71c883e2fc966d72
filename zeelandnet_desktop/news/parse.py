"""Turn fetched feed bytes into Articles (RSS 0.9x/1.0/2.0 and Atom, via feedparser).

Decisions worth knowing:
- Ids are stable and scoped per feed: sha256 of the catalogue URL plus the guid, else the link,
  else title + date. Two feeds can never collide, and a permanent redirect does not change ids
  (the catalogue URL is the scope, not where the feed moved to).
- A guid some feeds reuse for another story (another link and another date): within one
  document the oldest of those stories keeps the guid's id, each other one gets an id that adds
  its link (textkeys.reused_guid_id); the store does the same against what it already holds.
  The very same item twice in one document collapses to the first.
- No date → published = first seen (the store keeps the first first-seen on later fetches).
  A date after first seen (a server clock ahead, a time zone mix-up) is first seen.
- Not well-formed XML (e.g. truncated): feedparser's lenient parser still yields entries; we keep
  only the entries whose closing tag (`</item>` / `</entry>`) actually arrived, because the last
  one may be cut mid-sentence. If none is complete the document counts as not_a_feed. Either way
  nothing is deleted: earlier cached articles always survive a bad fetch.
- A well-formed feed with no items is a feed (OK, nothing in it). An HTML page, an empty or
  broken document, or a feed whose items are all unusable is not_a_feed.
- A title (or lead) that is only an entity reference left unexpanded (`&lol9;` from a feed that
  defines entities in its DTD, which we never expand) is no text. Such an item takes its title
  from its lead, as any item without a title does; with neither it is dropped.
- The body is content:encoded unless that holds no real text (only a URL, a picture, "Lees
  verder"); then the description. summary_html never contains <img>: the picture is found by
  pictures.py and shown by the app itself.
- An agency's note before the dateline ("Correctie: ...") is kept apart as `notice`.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from time import struct_time
from typing import Any

import feedparser

from .dateline import opens_with_notice, split_dateline, strip_notice
from .model import NOT_A_FEED, Article, FeedProblem
from .pictures import http_url, pick_picture
from .sanitize import sanitize_html, to_text
from .textkeys import article_id, reused_guid_id, same_item

__all__ = ["MAX_SUMMARY_CHARS", "ParsedFeed", "article_id", "parse_feed"]

log = logging.getLogger(__name__)

# Enough for any real lead or article body; a feed stuffing megabytes into one item is cut.
MAX_SUMMARY_CHARS = 100_000
_CLOSED_ENTRY = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_UNEXPANDED = re.compile(r"^(?:\s*&[A-Za-z_][\w.:-]*;?)+\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
# A body with fewer words than this (and no more than the description) is no body.
_BODY_WORDS = 4
_FIRST_BLOCK = re.compile(r"^\s*(?:<p>(?P<paragraph>.*?)</p>|(?P<text>[^<]+))\s*", re.DOTALL)


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


def _html_of(detail: Any, fallback: str) -> str:
    """Feed text as HTML: plain-text fields are escaped so '<' in a title stays a '<'."""
    if isinstance(detail, Mapping) and detail.get("type") == "text/plain":
        return html.escape(fallback)
    return fallback


def _no_entity(text: str) -> str:
    return "" if _UNEXPANDED.match(text) else text


def parse_feed(
    body: bytes,
    headers: Mapping[str, str] | None,
    *,
    feed_url: str,
    category: str,
    source: str,
    now: datetime,
    pause: Callable[[], None] | None = None,
) -> ParsedFeed:
    """Articles from one fetched document; never raises for bad input. `pause()` is called
    between entries: where the work may give way to the window (news/yielding.py)."""
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
    # Only a document that is not well-formed counts as broken; a wrong charset label is not.
    broken = bozo and not isinstance(
        parsed.get("bozo_exception"), feedparser.ThingsNobodyCaresAboutButMe
    )
    version = parsed.get("version") or ""
    dropped = 0
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
    feed_info = parsed.get("feed") or {}
    feed_title = _no_entity(to_text(str(feed_info.get("title") or ""))) or None
    if not entries:
        if version and not broken and not dropped:
            return ParsedFeed(title=feed_title)  # a feed with nothing in it right now
        detail = "no entries" if version else "unknown format"
        return ParsedFeed(problem=FeedProblem(NOT_A_FEED, detail), dropped_incomplete=dropped)

    found: list[tuple[Article, datetime | None]] = []
    for entry in entries:
        if pause is not None:
            pause()
        article = _article(entry, feed_url, category, source or feed_title or "", now)
        if article is not None:
            found.append((article, _to_utc(entry.get("published_parsed")
                                           or entry.get("updated_parsed"))))
    if not found:
        return ParsedFeed(problem=FeedProblem(NOT_A_FEED, "no usable entries"))
    articles, undated = _distinct(found)
    return ParsedFeed(tuple(articles), feed_title, None, undated, dropped)


def _distinct(
    found: list[tuple[Article, datetime | None]],
) -> tuple[list[Article], frozenset[str]]:
    """One article per item, and the ids of the undated ones. The same item twice collapses
    to the first; different stories under one guid get their own ids, and the one the feed
    dates earliest keeps the guid's (the one most likely stored already). The feed's own dates
    decide, not published, which may have been set to first seen."""
    by_id: dict[str, list[tuple[Article, datetime | None]]] = {}
    for pair in found:
        by_id.setdefault(pair[0].id, []).append(pair)
    new_ids: dict[int, str] = {}  # id() of an article object → its id here ("" = dropped)
    for group in by_id.values():
        if len(group) == 1:
            continue
        stories: list[tuple[Article, datetime | None]] = []
        for article, date in group:
            if any(same_item(other.link, article.link, _stamp(other_date), _stamp(date))
                   for other, other_date in stories):
                new_ids[id(article)] = ""
            else:
                stories.append((article, date))
        oldest = min(stories, key=lambda pair: pair[1] or pair[0].published)[0]
        for article, date in stories:
            if article is not oldest:
                new_ids[id(article)] = reused_guid_id(article.id, article.link,
                                                      (date or article.published).isoformat())
    articles: list[Article] = []
    undated: set[str] = set()
    for article, date in found:
        new_id = new_ids.get(id(article), article.id)
        if not new_id:
            continue
        if new_id != article.id:
            article = replace(article, id=new_id)
        articles.append(article)
        if date is None:
            undated.add(new_id)
    return articles, frozenset(undated)


def _stamp(date: datetime | None) -> float | None:
    return date.timestamp() if date is not None else None


def _words(text: str) -> int:
    return len(_WORD.findall(_URL.sub(" ", text)))


def _article(
    entry: Mapping[str, Any], feed_url: str, category: str, source: str, now: datetime
) -> Article | None:
    title = _no_entity(to_text(str(entry.get("title") or "")))
    summary_raw = str(entry.get("summary") or "")
    contents = entry.get("content") or []
    content_raw = str(contents[0].get("value") or "") if contents else ""
    content_html = _html_of(contents[0] if contents else None, content_raw)[:MAX_SUMMARY_CHARS]
    lead_html = _html_of(entry.get("summary_detail"), summary_raw)[:MAX_SUMMARY_CHARS]
    lead_clean = sanitize_html(lead_html)
    lead_text = _no_entity(to_text(lead_clean))
    lead_words = _words(lead_text)
    body_clean, body_text = lead_clean, lead_text
    if content_html and content_html != lead_html:
        content_clean = sanitize_html(content_html)
        content_text = _no_entity(to_text(content_clean))
        # content:encoded with no real text (an address, a picture, "Lees verder") is no body.
        if _words(content_text) >= min(_BODY_WORDS, lead_words + 1):
            body_clean, body_text = content_clean, content_text
    if not _words(body_text):
        body_clean, body_text = "", ""  # only an entity, an address or a picture
    notice, summary_text = strip_notice(lead_text if lead_words else body_text)
    if not title and not summary_text:
        return None
    dateline = split_dateline(summary_text)
    if not title:  # the first line of the lead, without its dateline
        title = (dateline.rest or summary_text).split("\n", 1)[0][:120]
    link = http_url(entry.get("link")) or ""
    published = _to_utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    guid = str(entry.get("id") or "").strip()
    key = guid or link or f"{title}\n{published.isoformat() if published else ''}"
    picture = pick_picture(entry, (content_html, lead_html))
    return Article(
        id=article_id(feed_url, key),
        feed_url=feed_url,
        category=category,
        source=source,
        title=title,
        link=link,
        published=min(published, now) if published else now,
        first_seen=now,
        summary_html=_without_notice(body_clean),
        summary_text=summary_text,
        lead=dateline.rest,
        places=dateline.places,
        agencies=dateline.agencies,
        image_url=picture.url,
        thumbnail_url=picture.thumbnail_url,
        image_caption=picture.caption,
        image_credit=picture.credit,
        notice=notice,
    )


def _without_notice(body: str) -> str:
    """The body without the agency's note its first paragraph (or plain text) opens with."""
    match = _FIRST_BLOCK.match(body)
    inner = match and (match.group("paragraph") or match.group("text"))
    if not match or not inner or "<" in inner:
        return body
    text = to_text(inner)
    if not opens_with_notice(text):
        return body
    notice, rest = strip_notice(text)
    after = body[match.end():]
    if notice and rest:
        rest = html.escape(rest, quote=False)
        if match.group("paragraph") is not None:
            return f"<p>{rest}</p>{after}"
        return f"{rest} {after}".strip()
    if not notice and after.strip():
        return after  # the whole paragraph is the note
    return body

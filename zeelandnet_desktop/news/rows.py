"""Rows of the news database and the values they hold: an article row read as an Article, a
feed's row as its FeedState, and what a write puts in them. The SQL shape lives here once, so
the store's questions and writes agree on it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from .model import INTERNAL, PROBLEM_KINDS, Article, FeedProblem, FeedState
from .textkeys import fold, link_key, title_key

ARTICLE_COLUMNS = (
    "a.id, a.feed_url, a.category, a.source, a.title, a.link, a.published, a.first_seen, "
    "a.summary_html, a.summary_text, a.lead, a.places, a.agencies, a.image_url, "
    "a.thumbnail_url, a.image_caption, a.image_credit, a.notice"
)
READ_COLUMN = 18  # the read flag after ARTICLE_COLUMNS


def _ts(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def _dt(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, timezone.utc) if value is not None else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("/")) if value else ()


def article_from_row(row: Sequence[Any], read: bool) -> Article:
    # Filled through __dict__ instead of Article(...): a frozen dataclass's __init__ goes
    # through object.__setattr__ per field, which was the largest cost of listing 500
    # articles on the GUI thread. The fields are exactly the dataclass's, in order.
    article = object.__new__(Article)
    article.__dict__.update(
        id=row[0],
        feed_url=row[1],
        category=row[2],
        source=row[3],
        title=row[4],
        link=row[5],
        published=datetime.fromtimestamp(row[6], timezone.utc),
        first_seen=datetime.fromtimestamp(row[7], timezone.utc),
        summary_html=row[8],
        summary_text=row[9],
        lead=row[10],
        places=_split(row[11]),
        agencies=_split(row[12]),
        image_url=row[13],
        thumbnail_url=row[14],
        image_caption=row[15],
        image_credit=row[16],
        notice=row[17],
        read=read,
    )
    return article



def feed_state_from_row(row: Sequence[Any]) -> FeedState:
    kind = row[4] if row[4] in PROBLEM_KINDS or not row[4] else INTERNAL  # from a newer version
    error = FeedProblem(kind, row[5] or "") if kind else None
    return FeedState(
        url=row[0],
        etag=row[1],
        last_modified=row[2],
        last_success=_dt(row[3]),
        last_error=error,
        next_allowed=_dt(row[6]),
        title=row[7],
        fetch_url=row[8],
    )


def write_feed_state(conn: sqlite3.Connection, state: FeedState) -> None:
    conn.execute(
        "INSERT INTO feeds (url, fetch_url, etag, last_modified, last_success, error_kind, "
        "error_detail, next_allowed, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET fetch_url = excluded.fetch_url, etag = excluded.etag, "
        "last_modified = excluded.last_modified, last_success = excluded.last_success, "
        "error_kind = excluded.error_kind, error_detail = excluded.error_detail, "
        "next_allowed = excluded.next_allowed, title = excluded.title",
        (
            state.url,
            state.fetch_url,
            state.etag,
            state.last_modified,
            _ts(state.last_success),
            state.last_error.kind if state.last_error else None,
            state.last_error.detail if state.last_error else None,
            _ts(state.next_allowed),
            state.title,
        ),
    )


UPSERT = """
INSERT INTO articles (id, feed_url, category, source, title, link, published, first_seen, dated,
    summary_html, summary_text, lead, places, agencies, image_url, thumbnail_url, image_caption,
    image_credit, notice, link_key, title_key, search_text)
VALUES (?, ?, ?, ?, ?, ?, min(?, ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    category = excluded.category, source = excluded.source, title = excluded.title,
    link = excluded.link,
    published = CASE WHEN excluded.dated THEN min(excluded.published, articles.first_seen)
                ELSE articles.published END,
    dated = max(articles.dated, excluded.dated),
    summary_html = excluded.summary_html, summary_text = excluded.summary_text,
    lead = excluded.lead, places = excluded.places, agencies = excluded.agencies,
    image_url = excluded.image_url, thumbnail_url = excluded.thumbnail_url,
    image_caption = excluded.image_caption, image_credit = excluded.image_credit,
    notice = excluded.notice, link_key = excluded.link_key,
    title_key = excluded.title_key, search_text = excluded.search_text
"""


def article_row(article: Article, dated: bool) -> tuple[Any, ...]:
    return (
        article.id,
        article.feed_url,
        article.category,
        article.source,
        article.title,
        article.link,
        article.published.timestamp(),
        article.first_seen.timestamp(),
        article.first_seen.timestamp(),
        int(dated),
        article.summary_html,
        article.summary_text,
        article.lead,
        "/".join(article.places),
        "/".join(article.agencies),
        article.image_url,
        article.thumbnail_url,
        article.image_caption,
        article.image_credit,
        article.notice,
        link_key(article.link),
        title_key(article.title),
        fold(f"{article.title}\n{article.summary_text}"),
    )

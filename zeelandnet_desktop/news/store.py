"""The news store: articles, read state, feed states and the breaking-news memory, over the
news database (db.py, where the threading and durability rules live).

Write methods (`save_feed`, `set_read`, `prune`, ...) return a `concurrent.futures.Future` at
once; call `.result()` to wait (CLI, tests) or hand it to the task runner. Writes run in
submission order. Reads (`articles`, `unread_counts`, `article`, `feed_states`) run on the
calling thread; a read issued right after a write sees that write only once its future is done.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from .db import Database, StoreClosedError
from .model import INTERNAL, PROBLEM_KINDS, Article, FeedProblem, FeedState
from .schema import SCHEMA_VERSION
from .textkeys import fold, link_key, title_key

__all__ = ["SCHEMA_VERSION", "NewsStore", "StoreClosedError"]

log = logging.getLogger(__name__)
T = TypeVar("T")

_ARTICLE_COLUMNS = (
    "a.id, a.feed_url, a.category, a.source, a.title, a.link, a.published, a.first_seen, "
    "a.summary_html, a.summary_text, a.lead, a.places, a.agencies, a.image_url"
)
_CHUNK = 500  # ids per IN (...) query, well below SQLite's parameter limit
_FROM = "FROM articles a LEFT JOIN read_state r ON r.article_id = a.id"


def _ts(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def _dt(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, timezone.utc) if value is not None else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("/")) if value else ()


def _article(row: Sequence[Any], read: bool) -> Article:
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
        read=read,
    )
    return article


class NewsStore:
    """See the module docstring for the threading and durability rules."""

    def __init__(self, path: Path, writer: Executor | None = None) -> None:
        """`writer`: the serial executor writes run on (see db.Database)."""
        self._db = Database(path, writer)
        self.path = self._db.path

    @property
    def recovered_from_corruption(self) -> bool:
        return self._db.recovered_from_corruption

    def _submit(self, work: Callable[[sqlite3.Connection], T]) -> Future[T]:
        return self._db.write(work)

    def _reader(self) -> sqlite3.Connection:
        return self._db.reader()

    def articles(
        self, category: str | None = None, limit: int | None = None, search: str | None = None
    ) -> list[Article]:
        """Newest first, each story once: within the result, an article whose link or (telling)
        normalised title was already listed is left out, and the listed one counts as read if
        any of its copies is read. `search` matches every word, case- and accent-insensitively,
        in title or summary."""
        # Two passes: first the small key columns of every match (de-duplicate and cut there),
        # then the full rows of only the articles that will be shown; loading every summary of
        # the category just to drop most of them was most of the cost.
        sql = f"SELECT a.id, a.link_key, a.title_key, r.article_id IS NOT NULL {_FROM}"
        clauses: list[str] = []
        params: list[Any] = []
        if category is not None:
            clauses.append("a.category = ?")
            params.append(category)
        for word in fold(search or "").split():
            clauses.append("instr(a.search_text, ?) > 0")
            params.append(word)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY a.published DESC, a.id"
        conn = self._reader()
        kept: list[str] = []
        read: list[bool] = []
        by_key: dict[str, int] = {}
        for article_id, lkey, tkey, is_read in conn.execute(sql, params):
            keys = [k for k in (lkey and "l:" + lkey, tkey and "t:" + tkey) if k]
            index = next((by_key[k] for k in keys if k in by_key), None)
            if index is None:
                index = len(kept)
                kept.append(article_id)
                read.append(bool(is_read))
            elif is_read:
                read[index] = True
            for key in keys:
                by_key.setdefault(key, index)
        if limit is not None:
            kept, read = kept[: max(0, limit)], read[: max(0, limit)]
        rows: dict[str, Sequence[Any]] = {}
        for start in range(0, len(kept), _CHUNK):
            chunk = kept[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id IN ({marks})", chunk
            ):
                rows[row[0]] = row
        return [
            _article(rows[i], is_read) for i, is_read in zip(kept, read, strict=True) if i in rows
        ]

    def unread_counts(self) -> dict[str, int]:
        """Unread stories per category, counted the way `articles(category)` lists them."""
        rows = (
            self._reader()
            .execute(
                "SELECT a.category, a.link_key, a.title_key, r.article_id IS NOT NULL "
                f"{_FROM} ORDER BY a.category, a.published DESC, a.id"
            )
            .fetchall()
        )
        groups: dict[str, dict[str, int]] = {}
        read: dict[str, list[bool]] = {}
        for category, lkey, tkey, is_read in rows:
            by_key = groups.setdefault(category, {})
            states = read.setdefault(category, [])
            keys = [k for k in (lkey and "l:" + lkey, tkey and "t:" + tkey) if k]
            index = next((by_key[k] for k in keys if k in by_key), None)
            if index is None:
                index = len(states)
                states.append(bool(is_read))
            elif is_read:
                states[index] = True
            for key in keys:
                by_key.setdefault(key, index)
        return {category: states.count(False) for category, states in read.items()}

    def article(self, article_id: str) -> Article | None:
        found = self.articles_by_id([article_id])
        return found[0] if found else None

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles with these ids, in the order asked (unknown ids left out): one
        query per _CHUNK ids, not one per article, for a round that brought hundreds."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        conn = self._reader()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT {_ARTICLE_COLUMNS}, r.article_id IS NOT NULL {_FROM} "
                   f"WHERE a.id IN ({marks})")
            for row in conn.execute(sql, chunk):
                article = _article(row, bool(row[14]))
                found[article.id] = article
        return [found[i] for i in wanted if i in found]

    def feed_states(self) -> dict[str, FeedState]:
        rows = (
            self._reader()
            .execute(
                "SELECT url, etag, last_modified, last_success, error_kind, error_detail, "
                "next_allowed, title, fetch_url FROM feeds"
            )
            .fetchall()
        )
        return {row[0]: _feed_state(row) for row in rows}

    def feed_state(self, url: str) -> FeedState | None:
        row = (
            self._reader()
            .execute(
                "SELECT url, etag, last_modified, last_success, error_kind, error_detail, "
                "next_allowed, title, fetch_url FROM feeds WHERE url = ?",
                (url,),
            )
            .fetchone()
        )
        return _feed_state(row) if row else None

    def article_count(self) -> int:
        return int(self._reader().execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- writes (return Futures) -----------------------------------------------------------------
    def save_feed(
        self,
        state: FeedState,
        articles: Sequence[Article] = (),
        undated: Iterable[str] = (),
    ) -> Future[tuple[str, ...]]:
        """Store a feed's state and its articles in one transaction; the Future gives the ids
        that were new. Known articles are updated but keep first_seen, read state and (when the
        feed gives no date) their first published time. `undated` lists ids whose date is
        first-seen rather than from the feed."""
        undated_ids = frozenset(undated)
        articles = tuple(articles)

        def work(conn: sqlite3.Connection) -> tuple[str, ...]:
            _write_state(conn, state)
            if not articles:
                return ()
            ids = [a.id for a in articles]
            marks = ",".join("?" * len(ids))
            known = {
                row[0]
                for row in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", ids)
            }
            conn.executemany(_UPSERT, [_row(a, a.id not in undated_ids) for a in articles])
            new = tuple(i for i in ids if i not in known)
            if new:
                # The same story arriving again through another feed is already read if any
                # copy was.
                new_marks = ",".join("?" * len(new))
                conn.execute(
                    "INSERT OR IGNORE INTO read_state (article_id, read_at) "
                    f"SELECT n.id, r.read_at FROM articles n JOIN articles o "
                    "ON o.link_key = n.link_key AND o.id != n.id "
                    "JOIN read_state r ON r.article_id = o.id "
                    f"WHERE n.link_key != '' AND n.id IN ({new_marks})",
                    new,
                )
            return new

        return self._submit(work)

    def save_feed_state(self, state: FeedState) -> Future[tuple[str, ...]]:
        return self.save_feed(state)

    def set_read(self, ids: Iterable[str], read: bool = True) -> Future[None]:
        """Mark articles (and their copies: same link anywhere, same title in the same
        category) read or unread."""
        wanted = list(dict.fromkeys(ids))
        now = datetime.now(timezone.utc).timestamp()

        def work(conn: sqlite3.Connection) -> None:
            if not wanted:
                return
            marks = ",".join("?" * len(wanted))
            rows = conn.execute(
                "SELECT a.id FROM articles a JOIN articles t "
                "ON (t.link_key != '' AND a.link_key = t.link_key) "
                "OR (t.title_key != '' AND a.title_key = t.title_key AND a.category = t.category) "
                f"WHERE t.id IN ({marks})",
                wanted,
            ).fetchall()
            group = set(wanted) | {row[0] for row in rows}
            if read:
                conn.executemany(
                    "INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?, ?)",
                    [(i, now) for i in group],
                )
            else:
                conn.executemany(
                    "DELETE FROM read_state WHERE article_id = ?", [(i,) for i in group]
                )

        return self._submit(work)

    def prune(self, older_than: timedelta, now: datetime | None = None) -> Future[int]:
        """Delete articles published before now - older_than; the Future gives how many.

        Read marks of deleted articles are kept for another period, so a story a feed still
        carries does not come back as unread; after that they go too, so the table stays small.
        """
        cutoff = (now or datetime.now(timezone.utc)) - older_than

        def work(conn: sqlite3.Connection) -> int:
            deleted = conn.execute(
                "DELETE FROM articles WHERE published < ?", (cutoff.timestamp(),)
            ).rowcount
            conn.execute(
                "DELETE FROM read_state WHERE read_at < ? "
                "AND article_id NOT IN (SELECT id FROM articles)",
                ((cutoff - older_than).timestamp(),),
            )
            return int(deleted)

        return self._submit(work)

    # -- breaking-news memory (news/breaking.py) ---------------------------------------------
    def breaking_seen(self, keys: Iterable[str]) -> frozenset[str]:
        """Which of these keys an earlier round already considered."""
        wanted = list(dict.fromkeys(keys))
        seen: set[str] = set()
        conn = self._reader()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            seen.update(row[0] for row in conn.execute(
                f"SELECT key FROM breaking_seen WHERE key IN ({marks})", chunk))
        return frozenset(seen)

    def breaking_sent_since(self, since: datetime) -> int:
        row = self._reader().execute(
            "SELECT count(*) FROM breaking_sent WHERE sent_at >= ?", (since.timestamp(),)
        ).fetchone()
        return int(row[0])

    def remember_breaking(self, keys: Iterable[str], now: datetime, *, sent: bool,
                          keep: timedelta = timedelta(days=30)) -> Future[None]:
        """Remember considered keys (and a shown notification); forget what is older than
        `keep` (seen keys; articles that old are long past the rule's hour) or a day (sends)."""
        rows = [(key, now.timestamp()) for key in dict.fromkeys(keys)]

        def work(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT OR IGNORE INTO breaking_seen (key, seen_at) VALUES (?, ?)", rows)
            if sent:
                conn.execute("INSERT INTO breaking_sent (sent_at) VALUES (?)",
                             (now.timestamp(),))
            conn.execute("DELETE FROM breaking_seen WHERE seen_at < ?",
                         ((now - keep).timestamp(),))
            conn.execute("DELETE FROM breaking_sent WHERE sent_at < ?",
                         ((now - timedelta(days=1)).timestamp(),))

        return self._submit(work)

    def close(self, timeout: float | None = None) -> bool:
        """Finish queued writes (up to `timeout` seconds) and close. Idempotent."""
        return self._db.close(timeout)

    def __enter__(self) -> NewsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _feed_state(row: Sequence[Any]) -> FeedState:
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


def _write_state(conn: sqlite3.Connection, state: FeedState) -> None:
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


_UPSERT = """
INSERT INTO articles (id, feed_url, category, source, title, link, published, first_seen, dated,
    summary_html, summary_text, lead, places, agencies, image_url, link_key, title_key,
    search_text)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    category = excluded.category, source = excluded.source, title = excluded.title,
    link = excluded.link,
    published = CASE WHEN excluded.dated THEN excluded.published ELSE articles.published END,
    dated = max(articles.dated, excluded.dated),
    summary_html = excluded.summary_html, summary_text = excluded.summary_text,
    lead = excluded.lead, places = excluded.places, agencies = excluded.agencies,
    image_url = excluded.image_url, link_key = excluded.link_key,
    title_key = excluded.title_key, search_text = excluded.search_text
"""


def _row(article: Article, dated: bool) -> tuple[Any, ...]:
    return (
        article.id,
        article.feed_url,
        article.category,
        article.source,
        article.title,
        article.link,
        article.published.timestamp(),
        article.first_seen.timestamp(),
        int(dated),
        article.summary_html,
        article.summary_text,
        article.lead,
        "/".join(article.places),
        "/".join(article.agencies),
        article.image_url,
        link_key(article.link),
        title_key(article.title),
        fold(f"{article.title}\n{article.summary_text}"),
    )

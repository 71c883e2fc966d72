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

from .. import __version__
from . import story_cache
from .db import Database, ReadOnlyStoreError, StoreClosedError
from .model import Article, FeedState
from .rows import (
    ARTICLE_COLUMNS,
    READ_COLUMN,
    UPSERT,
    article_from_row,
    article_row,
    feed_state_from_row,
    write_feed_state,
)
from .samestory import STORY_COLUMNS, copy_read_state, resolve_ids, story_members
from .schema import SCHEMA_VERSION
from .story_cache import KEEP, Grouped, StoryCache
from .textkeys import StoryGroups, fold

__all__ = ["SCHEMA_VERSION", "NewsStore", "ReadOnlyStoreError", "StoreClosedError"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Stories kept over a restart are valid only for the app (its grouping rules) that kept them.
_KEPT_TAG = f"{__version__}/{SCHEMA_VERSION}"
_CHUNK = 500  # ids per IN (...) query, well below SQLite's parameter limit
_PAUSE_EVERY = 256  # rows grouped between pauses: about a millisecond
_FROM = "FROM articles a LEFT JOIN read_state r ON r.article_id = a.id"
# Pruning: the newest this many per category always stay, whatever the clock says ...
KEEP_PER_CATEGORY = 50
# ... and "now" is never taken as more than this past the newest date any feed gave us.
CLOCK_SLACK = timedelta(days=1)


def _any_category() -> None:
    """For `_submit`: the write may change the stories of any category."""
    return None


class NewsStore:
    """See the module docstring for the threading and durability rules."""

    def __init__(self, path: Path, writer: Executor | None = None, *,
                 pause: Callable[[], None] | None = None) -> None:
        """`writer`: the serial executor writes run on (see db.Database). `pause()`: called
        now and then while a read groups thousands of rows, where it may give way to the
        window (news/yielding.py)."""
        self._pause = pause
        self._db = Database(path, writer)
        self.path = self._db.path
        self._stories = StoryCache()
        self._stories.preload(story_cache.load(self._kept_path, self._db.opened_unchanged,
                                               _KEPT_TAG))
        self._db.others_wrote = lambda: self._stories.changed(None)

    @property
    def _kept_path(self) -> Path:
        return self.path.with_name(f"{self.path.name}.stories")

    @property
    def recovered_from_corruption(self) -> bool:
        return self._db.recovered_from_corruption

    @property
    def read_only(self) -> bool:
        """The profile cannot be written: the saved news is shown, nothing new is kept."""
        return self._db.read_only

    def _submit(self, work: Callable[[sqlite3.Connection], T],
                touched: Callable[[], Iterable[str] | None] | None = None) -> Future[T]:
        """`touched()`: the categories whose stories the write changed (None: any of them);
        without it the write changed none."""
        if touched is None:
            return self._db.write(work)
        return self._db.write(work, lambda _result: self._stories.changed(touched()))

    def _reader(self) -> sqlite3.Connection:
        return self._db.reader()

    def articles(
        self, category: str | None = None, limit: int | None = None, search: str | None = None,
        *, unread_only: bool = False, keep: Iterable[str] = (),
    ) -> list[Article]:
        """Newest first, each story once (textkeys.StoryGroups: the same telling link, or the
        same telling title from another feed within a few hours); the listed article is the
        story's newest and counts as read if any copy is read. `search` matches every word,
        case- and accent-insensitively, in title or summary. `unread_only`: only stories with
        nothing read, except those in `keep` (the one the user is reading stays listed)."""
        # Two passes: first the small key columns of every match (de-duplicate and cut there),
        # then the full rows of only the articles that will be shown; loading every summary of
        # the category just to drop most of them was most of the cost.
        conn = self._reader()
        words = fold(search or "").split()
        if category is not None and not words:
            grouped = self._grouped(conn, category, None if unread_only else limit)
            newest, read = list(grouped.newest), list(grouped.read)
        else:
            sql = f"SELECT {STORY_COLUMNS}, r.article_id IS NOT NULL {_FROM}"
            clauses: list[str] = []
            params: list[Any] = []
            if category is not None:
                clauses.append("a.category = ?")
                params.append(category)
            for word in words:
                clauses.append("instr(a.search_text, ?) > 0")
                params.append(word)
            if clauses:
                sql += " WHERE " + " AND ".join(clauses)
            sql += " ORDER BY a.published DESC, a.id"
            groups = self._group(conn.execute(sql, params))
            newest, read = groups.newest, groups.read
        if unread_only:  # stories with nothing read, and the ones the caller still shows
            shown = frozenset(keep)
            pairs = [(i, r) for i, r in zip(newest, read, strict=True) if not r or i in shown]
            newest, read = [i for i, _r in pairs], [r for _i, r in pairs]
        end = len(newest) if limit is None else max(0, limit)
        kept, read = newest[:end], read[:end]
        rows: dict[str, Sequence[Any]] = {}
        for start in range(0, len(kept), _CHUNK):
            chunk = kept[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id IN ({marks})", chunk
            ):
                rows[row[0]] = row
        return [article_from_row(rows[i], r) for i, r in zip(kept, read, strict=True) if i in rows]

    def unread_counts(self, categories: Iterable[str] | None = None) -> dict[str, int]:
        """Unread stories per category, counted the way `articles(category)` lists them;
        `categories`: only these (a category without articles is left out)."""
        conn = self._reader()
        if categories is None:
            wanted = [row[0] for row in conn.execute("SELECT DISTINCT category FROM articles")]
        else:
            wanted = list(dict.fromkeys(categories))
        counts: dict[str, int] = {}
        for category in wanted:
            grouped = self._grouped(conn, category, KEEP)
            if grouped.newest:
                counts[category] = grouped.unread
        return counts

    def _grouped(self, conn: sqlite3.Connection, category: str, limit: int | None
                 ) -> Grouped:
        """The category's stories as StoryGroups makes them, from the cache while no write
        changed the category; `limit`: how many of the newest are needed (None: all)."""
        grouped = self._stories.get(category)
        if grouped is not None and (grouped.complete or (limit is not None and limit <= KEEP)):
            return grouped
        version = self._stories.version(category)
        groups = self._group(conn.execute(
            f"SELECT {STORY_COLUMNS}, r.article_id IS NOT NULL {_FROM} WHERE a.category = ? "
            "ORDER BY a.published DESC, a.id", (category,)))
        grouped = self._stories.put(category, version, groups)
        if grouped.complete or (limit is not None and limit <= KEEP):
            return grouped
        return Grouped(grouped.unread, tuple(groups.newest), tuple(groups.read), True)

    def _group(self, rows: Iterable[Sequence[Any]]) -> StoryGroups:
        groups = StoryGroups()
        add, pause = groups.add, self._pause
        if pause is None:
            for row in rows:
                add(*row)
            return groups
        # Read to the end first: a read left open over the pauses would hold its snapshot of
        # the database, and the WAL could not be checkpointed back to the start meanwhile.
        for number, row in enumerate(list(rows)):
            if not number % _PAUSE_EVERY:
                pause()
            add(*row)
        return groups

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
            sql = (f"SELECT {ARTICLE_COLUMNS}, r.article_id IS NOT NULL {_FROM} "
                   f"WHERE a.id IN ({marks})")
            for row in conn.execute(sql, chunk):
                article = article_from_row(row, bool(row[READ_COLUMN]))
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
        return {row[0]: feed_state_from_row(row) for row in rows}

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
        return feed_state_from_row(row) if row else None

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
        feed gives no date) their first published time; a published time is never later than
        first seen. `undated` lists ids whose date is first-seen rather than from the feed.
        An article whose id the store holds for another story (a reused guid: another link
        and another date) is stored under textkeys.reused_guid_id, as the parser would."""
        undated_ids = frozenset(undated)
        articles = tuple(articles)

        touched: set[str] = set()

        def work(conn: sqlite3.Connection) -> tuple[str, ...]:
            write_feed_state(conn, state)
            if not articles:
                return ()
            rows, known = resolve_ids(conn, articles, undated_ids)
            touched.update(a.category for a, _dated in rows)
            # An article the store holds under another category (a news source listed in two)
            # moves: the category it leaves changes too.
            ids = [a.id for a, _dated in rows]
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                touched.update(row[0] for row in conn.execute(
                    "SELECT DISTINCT category FROM articles "
                    f"WHERE id IN ({','.join('?' * len(chunk))})", chunk))
            conn.executemany(UPSERT, [article_row(a, dated) for a, dated in rows])
            new = [a.id for a, _dated in rows if a.id not in known]
            for start in range(0, len(new), _CHUNK):
                copy_read_state(conn, new[start : start + _CHUNK])
            return tuple(new)

        return self._submit(work, lambda: touched)

    def set_read(self, ids: Iterable[str], read: bool = True) -> Future[None]:
        """Mark articles and their copies (the other articles of the same story, as the list
        groups them) read or unread."""
        wanted = list(dict.fromkeys(ids))
        now = datetime.now(timezone.utc).timestamp()

        def work(conn: sqlite3.Connection) -> None:
            group: set[str] = set()
            for start in range(0, len(wanted), _CHUNK):
                group |= story_members(conn, wanted[start : start + _CHUNK])
            if read:
                conn.executemany(
                    "INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?, ?)",
                    [(i, now) for i in group],
                )
            else:
                conn.executemany(
                    "DELETE FROM read_state WHERE article_id = ?", [(i,) for i in group]
                )

        return self._submit(work, _any_category)

    def flush(self) -> Future[None]:
        """Done once every write submitted before it is: a read after that sees them all."""
        if self.read_only:  # nothing is ever written: there is nothing to wait for
            done: Future[None] = Future()
            done.set_result(None)
            return done
        return self._submit(lambda _conn: None)

    def mark_all_read(self, category: str | None = None) -> Future[int]:
        """Mark every article of `category` (None: of all categories) read, with the copies
        of its stories elsewhere, as set_read would; the Future gives how many were unread."""
        now = datetime.now(timezone.utc).timestamp()

        def work(conn: sqlite3.Connection) -> int:
            sql = f"SELECT a.id {_FROM} WHERE r.article_id IS NULL"
            params: tuple[str, ...] = ()
            if category is not None:
                sql += " AND a.category = ?"
                params = (category,)
            unread = [row[0] for row in conn.execute(sql, params)]
            group: set[str] = set(unread)
            if category is not None:  # copies in other categories go with their story
                for start in range(0, len(unread), _CHUNK):
                    group |= story_members(conn, unread[start : start + _CHUNK])
            conn.executemany(
                "INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?, ?)",
                [(i, now) for i in group],
            )
            return len(unread)

        return self._submit(work, _any_category)

    def prune(
        self,
        older_than: timedelta,
        now: datetime | None = None,
        *,
        keep_per_category: int = KEEP_PER_CATEGORY,
    ) -> Future[int]:
        """Delete articles the store has held for longer than `older_than`; the Future gives
        how many. Only time the store has seen pass counts, so a clock that jumps ahead (or a
        long time offline) never empties the offline cache:
        - age is counted from first_seen, and "now" is at most CLOCK_SLACK past the newest
          date a feed gave (the feeds' clocks witness ours);
        - the newest `keep_per_category` articles of every category stay;
        - at most as many go as arrived within the kept period: what is deleted was replaced.
        Read marks of deleted articles are kept for another period, so a story a feed still
        carries does not come back as unread; after that they go too.
        """
        asked = (now or datetime.now(timezone.utc)).timestamp()
        period = older_than.total_seconds()

        def work(conn: sqlite3.Connection) -> int:
            newest_dated, newest_seen = conn.execute(
                "SELECT max(CASE WHEN dated THEN published END), max(first_seen) FROM articles"
            ).fetchone()
            witness = newest_dated if newest_dated is not None else newest_seen
            slack = CLOCK_SLACK.total_seconds()
            trusted = asked if witness is None else min(asked, witness + slack)
            if trusted < asked:
                log.info("Pruning by the newest feed date: the clock is %.1f days ahead of it",
                         (asked - trusted) / 86400)
            cutoff = trusted - period
            arrived = conn.execute(
                "SELECT count(*) FROM articles WHERE first_seen >= ?", (cutoff,)
            ).fetchone()[0]
            deleted = conn.execute(
                "DELETE FROM articles WHERE id IN (SELECT id FROM (SELECT id, first_seen, "
                "published, row_number() OVER (PARTITION BY category ORDER BY published DESC, "
                "id) AS place FROM articles) WHERE place > ? AND first_seen < ? "
                "ORDER BY first_seen, published LIMIT ?)",
                (max(0, keep_per_category), cutoff, arrived),
            ).rowcount
            conn.execute(
                "DELETE FROM read_state WHERE read_at < ? "
                "AND article_id NOT IN (SELECT id FROM articles)",
                (cutoff - period,),
            )
            return int(deleted)

        return self._submit(work, _any_category)

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
        if self._db.closed:
            return True
        finished = self._db.close(timeout)
        if self._db.closed_as is not None:
            story_cache.save(self._kept_path, self._db.closed_as, _KEPT_TAG, self._stories)
        return finished

    def __enter__(self) -> NewsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""The news database's schema: the migrations, applied in order, each in its own transaction.

Never edit a released migration: append one. `PRAGMA user_version` says how many have run.
"""

from __future__ import annotations

import sqlite3

# Each entry moves the schema from version i to i+1; never edit a released entry, append one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,          -- the catalogue's URL (the key article ids are scoped by)
        fetch_url TEXT,                -- where a permanent redirect moved it
        etag TEXT,
        last_modified TEXT,
        last_success REAL,
        error_kind TEXT,
        error_detail TEXT,
        next_allowed REAL,
        title TEXT
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        feed_url TEXT NOT NULL,
        category TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        link TEXT NOT NULL,
        published REAL NOT NULL,
        first_seen REAL NOT NULL,
        dated INTEGER NOT NULL,        -- 0: published is first_seen because the feed had no date
        summary_html TEXT NOT NULL,
        summary_text TEXT NOT NULL,
        lead TEXT NOT NULL,
        places TEXT NOT NULL,          -- '/'-joined, as in the dateline
        agencies TEXT NOT NULL,
        image_url TEXT,
        link_key TEXT NOT NULL,
        title_key TEXT NOT NULL,
        search_text TEXT NOT NULL      -- folded title + summary for accent-insensitive search
    );
    CREATE INDEX articles_by_category ON articles (category, published DESC);
    CREATE INDEX articles_by_time ON articles (published DESC);
    CREATE INDEX articles_by_link ON articles (link_key);
    -- Apart from articles so a re-fetch (which rewrites the article row) keeps the read state.
    CREATE TABLE read_state (article_id TEXT PRIMARY KEY, read_at REAL NOT NULL);
    """,
    # Covering indexes for the listing's first pass (keys only): the GUI thread's article list
    # then never reads the wide article rows it is about to drop.
    """
    DROP INDEX articles_by_category;
    DROP INDEX articles_by_time;
    CREATE INDEX articles_by_category ON articles
        (category, published DESC, id, link_key, title_key);
    CREATE INDEX articles_by_time ON articles (published DESC, id, category, link_key, title_key);
    """,
    # Breaking-news notifications (news/breaking.py): what was already considered, so an
    # article is never announced twice, also after a restart; and when notifications were
    # shown, for the hourly cap across restarts.
    """
    CREATE TABLE breaking_seen (key TEXT PRIMARY KEY, seen_at REAL NOT NULL);
    CREATE TABLE breaking_sent (sent_at REAL NOT NULL);
    """,
    # Pictures (a thumbnail for the list, caption and credit) and agency notes; feed_url in the
    # listing's covering indexes, since the same-story rule compares feeds; an index for the
    # same-title look-ups of writes; and published never after first_seen (items dated in the
    # future stayed on top as "zojuist").
    """
    ALTER TABLE articles ADD COLUMN thumbnail_url TEXT;
    ALTER TABLE articles ADD COLUMN image_caption TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN image_credit TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN notice TEXT NOT NULL DEFAULT '';
    UPDATE articles SET thumbnail_url = image_url;
    UPDATE articles SET published = first_seen WHERE published > first_seen;
    DROP INDEX articles_by_category;
    DROP INDEX articles_by_time;
    CREATE INDEX articles_by_category ON articles
        (category, published DESC, id, link_key, title_key, feed_url);
    CREATE INDEX articles_by_time ON articles
        (published DESC, id, category, link_key, title_key, feed_url);
    CREATE INDEX articles_by_title ON articles (title_key);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to SCHEMA_VERSION; raise DatabaseError for one from a newer app."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"schema version {version} is newer than this app")
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.executescript would commit on its own)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]

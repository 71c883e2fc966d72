"""Which stored articles are the same story, in SQL, for the store's writes: the id a reused
guid gets, the read state a new copy inherits, and the copies a read mark covers. The rule
itself is textkeys.StoryGroups; the list applies it in NewsStore.articles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from .model import Article
from .textkeys import SAME_TITLE_WINDOW, StoryGroups, reused_guid_id, same_item

# What the same-story rule reads of each article, in StoryGroups.add's order.
STORY_COLUMNS = "a.id, a.link_key, a.title_key, a.published, a.feed_url"
_CHUNK = 500  # ids per IN (...) query, well below SQLite's parameter limit


def resolve_ids(
    conn: sqlite3.Connection, articles: Sequence[Article], undated: frozenset[str]
) -> tuple[list[tuple[Article, bool]], set[str]]:
    """The articles under the ids they are stored by (see save_feed), each once, with whether
    the feed dated them; and which of those ids the store already had."""
    held: dict[str, tuple[str, float, bool, float]] = {}  # id → link, published, dated, seen
    wanted = list(dict.fromkeys(a.id for a in articles))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT id, link, published, dated, first_seen FROM articles "
            f"WHERE id IN ({marks})", chunk
        ):
            held[row[0]] = (row[1], row[2], bool(row[3]), row[4])
    known = set(held)
    rows: list[tuple[Article, bool]] = []
    taken: set[str] = set()
    renamed: list[str] = []
    for article in articles:
        dated = article.id not in undated
        holder = held.get(article.id)
        if holder is not None:
            link, published, holder_dated, seen = holder
            incoming = article.published.timestamp()
            if not same_item(link, article.link, _own_date(published, holder_dated, seen),
                             _own_date(incoming, dated, seen)):
                new_id = reused_guid_id(article.id, article.link, article.published.isoformat())
                article = replace(article, id=new_id)
                renamed.append(new_id)
        if article.id in taken:
            continue
        taken.add(article.id)
        held.setdefault(article.id, (article.link, article.published.timestamp(), dated,
                                     article.first_seen.timestamp()))
        rows.append((article, dated))
    for start in range(0, len(renamed), _CHUNK):
        chunk = renamed[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        known.update(row[0] for row in conn.execute(
            f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return rows, known


def _own_date(published: float, dated: bool, first_seen: float) -> float | None:
    # A date at (or after) first seen was set to first seen: it is not the feed's own.
    return published if dated and published < first_seen else None


def copy_read_state(conn: sqlite3.Connection, new: Sequence[str]) -> None:
    """New articles of a story the user already read (a copy with the same telling link, or the
    same title from another feed within the window) start out read."""
    marks = ",".join("?" * len(new))
    conn.execute(
        "INSERT OR IGNORE INTO read_state (article_id, read_at) "
        "SELECT n.id, max(r.read_at) FROM articles n JOIN articles o "
        "ON o.link_key = n.link_key AND o.id != n.id "
        "JOIN read_state r ON r.article_id = o.id "
        f"WHERE n.link_key != '' AND substr(n.link_key, -1) != '/' AND n.id IN ({marks}) "
        "GROUP BY n.id",
        new,
    )
    conn.execute(
        "INSERT OR IGNORE INTO read_state (article_id, read_at) "
        "SELECT n.id, max(r.read_at) FROM articles n JOIN articles o "
        "ON o.title_key = n.title_key AND o.feed_url != n.feed_url "
        "AND abs(o.published - n.published) <= ? "
        "JOIN read_state r ON r.article_id = o.id "
        f"WHERE n.title_key != '' AND n.id IN ({marks}) GROUP BY n.id",
        (SAME_TITLE_WINDOW.total_seconds(), *new),
    )


def story_members(conn: sqlite3.Connection, targets: Sequence[str]) -> set[str]:
    """The targets and every article the list would show as the same story as one of them."""
    marks = ",".join("?" * len(targets))
    columns = STORY_COLUMNS.replace("a.", "c.")
    rows = conn.execute(
        f"SELECT {columns} FROM articles t JOIN articles c ON c.link_key = t.link_key "
        f"WHERE t.link_key != '' AND substr(t.link_key, -1) != '/' AND t.id IN ({marks}) "
        f"UNION SELECT {columns} FROM articles t JOIN articles c ON c.title_key = t.title_key "
        f"WHERE t.title_key != '' AND t.id IN ({marks}) "
        f"UNION SELECT {columns} FROM articles c WHERE c.id IN ({marks}) "
        "ORDER BY 4 DESC, 1",
        (*targets, *targets, *targets),
    ).fetchall()
    groups = StoryGroups(keep_members=True)
    story_of = {row[0]: groups.add(*row) for row in rows}
    members = set(targets)
    for target in targets:
        if target in story_of:
            members.update(groups.members(story_of[target]))
    return members

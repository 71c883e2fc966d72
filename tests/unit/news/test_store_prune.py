"""Pruning: only time the store has seen pass counts, and the offline cache never empties."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from tests.unit.news.test_store import NOW, make_article, save
from zeelandnet_desktop.news.model import Article
from zeelandnet_desktop.news.store import NewsStore


def aged(number: int, days: float, **changes: object) -> Article:
    """An article first seen (and published) `days` before NOW."""
    when = NOW - timedelta(days=days, minutes=number)
    return make_article(number, published=when, first_seen=when, **changes)


def stored_ids(store: NewsStore) -> set[str]:
    with sqlite3.connect(store.path) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM articles")}


def test_prune_removes_what_the_store_has_held_longer_than_the_period(
    store: NewsStore,
) -> None:
    save(store, *(aged(n, 20) for n in range(1, 6)), *(aged(n, 1) for n in range(6, 9)))
    # Published long ago but first seen yesterday: the feed still carries it, so it stays.
    save(store, make_article(9, published=NOW - timedelta(days=90),
                             first_seen=NOW - timedelta(days=1)))
    assert store.prune(timedelta(days=14), now=NOW, keep_per_category=2).result() == 4
    # The four oldest went (as many as arrived within the period); the newest two stay anyway.
    assert stored_ids(store) == {"id-1", "id-6", "id-7", "id-8", "id-9"}


def test_prune_keeps_the_newest_of_every_category(store: NewsStore) -> None:
    save(store, *(aged(n, 30) for n in range(60)), *(aged(n, 0) for n in range(60, 70)))
    save(store, *(aged(n, 30, category="sport") for n in range(100, 103)),
         url="https://feeds.example/b")
    assert store.prune(timedelta(days=14), now=NOW).result() == 10  # no more than arrived
    assert store.prune(timedelta(days=14), now=NOW).result() == 10
    assert store.prune(timedelta(days=14), now=NOW).result() == 0
    assert store.unread_counts() == {"binnenland": 50, "sport": 3}


def test_prune_while_offline_deletes_nothing(store: NewsStore) -> None:
    # Three weeks without a connection: nothing new arrived, so nothing old is replaced.
    save(store, *(aged(n, 21) for n in range(80)))
    assert store.prune(timedelta(days=14), now=NOW).result() == 0
    assert store.article_count() == 80


def test_a_clock_a_month_ahead_does_not_empty_the_cache(store: NewsStore) -> None:
    save(store, *(aged(n, n / 24) for n in range(12)))
    jumped = NOW + timedelta(days=31)
    assert store.prune(timedelta(days=14), now=jumped).result() == 0
    # A round under the wrong clock: the new article is first seen "a month ahead", but the
    # feed dates it today, which tells the store that no month has passed.
    save(store, make_article(99, published=NOW, first_seen=jumped))
    assert store.prune(timedelta(days=14), now=jumped).result() == 0
    assert store.article_count() == 13


def test_read_marks_outlive_pruned_articles_for_a_while(store: NewsStore) -> None:
    old, recent = aged(1, 20), aged(2, 1)
    save(store, old, recent)
    store.set_read(["id-1", "id-2"]).result()
    assert store.prune(timedelta(days=14), now=NOW, keep_per_category=0).result() == 1
    assert [a.id for a in store.articles()] == ["id-2"]
    # The read mark of a pruned story outlives it for a while (a feed may still carry it) ...
    save(store, old)
    assert store.article("id-1").read  # type: ignore[union-attr]
    store.prune(timedelta(days=14), now=NOW, keep_per_category=0).result()
    # ... but not forever: once the store has seen two more periods pass (a feed dated then).
    later = datetime.now(timezone.utc) + timedelta(days=60)
    save(store, make_article(3, published=later, first_seen=later))
    store.prune(timedelta(days=14), now=later, keep_per_category=0).result()
    with sqlite3.connect(store.path) as conn:
        marks = {row[0] for row in conn.execute("SELECT article_id FROM read_state")}
    assert "id-1" not in marks and "id-1" not in stored_ids(store)

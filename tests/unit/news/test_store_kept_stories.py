"""The store keeps each category's stories between writes: what is listed and counted is still
what the database holds after every kind of change, also one made by another process."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.unit.news.test_store import NOW, make_article, save
from tests.unit.news.test_store_prune import aged
from zeelandnet_desktop.news.store import NewsStore
from zeelandnet_desktop.news.story_cache import KEEP

SPORT = "https://feeds.example/sport"


def test_a_new_article_is_listed_and_counted_after_the_list_was_read(store: NewsStore) -> None:
    save(store, make_article(1), make_article(2))
    assert store.unread_counts() == {"binnenland": 2}
    assert [a.id for a in store.articles("binnenland", 10)] == ["id-1", "id-2"]
    save(store, make_article(0))
    assert [a.id for a in store.articles("binnenland", 10)] == ["id-0", "id-1", "id-2"]
    assert store.unread_counts() == {"binnenland": 3}


def test_a_new_article_elsewhere_leaves_this_category_as_it_was(store: NewsStore) -> None:
    save(store, make_article(1))
    save(store, make_article(2, category="sport", feed_url=SPORT), url=SPORT)
    store.articles("binnenland", 10)
    save(store, make_article(3, category="sport", feed_url=SPORT), url=SPORT)
    assert [a.id for a in store.articles("binnenland", 10)] == ["id-1"]
    assert store.unread_counts() == {"binnenland": 1, "sport": 2}


def test_reading_and_marking_all_read_show_at_once(store: NewsStore) -> None:
    save(store, make_article(1), make_article(2))
    save(store, make_article(3, category="sport", feed_url=SPORT), url=SPORT)
    assert store.unread_counts() == {"binnenland": 2, "sport": 1}
    store.set_read(["id-1"]).result()
    assert store.unread_counts() == {"binnenland": 1, "sport": 1}
    assert [a.read for a in store.articles("binnenland", 10)] == [True, False]
    store.mark_all_read().result()
    assert store.unread_counts() == {"binnenland": 0, "sport": 0}
    store.set_read(["id-3"], read=False).result()
    assert store.articles("sport", 10, unread_only=True)[0].id == "id-3"


def test_an_article_that_moves_to_another_category_leaves_the_first(store: NewsStore) -> None:
    """A news source listed under two categories: its articles follow the last save."""
    save(store, make_article(1), make_article(2))
    assert len(store.articles("binnenland", 10)) == 2
    save(store, make_article(1, category="sport"))
    assert [a.id for a in store.articles("binnenland", 10)] == ["id-2"]
    assert [a.id for a in store.articles("sport", 10)] == ["id-1"]
    assert store.unread_counts() == {"binnenland": 1, "sport": 1}


def test_a_long_category_is_listed_whole_beyond_what_is_kept(store: NewsStore) -> None:
    many = [make_article(n, title=f"Bericht {n}") for n in range(KEEP + 20)]
    save(store, *many)
    assert len(store.articles("binnenland", 10)) == 10
    assert len(store.articles("binnenland")) == KEEP + 20
    assert len(store.articles("binnenland", KEEP + 5)) == KEEP + 5
    store.set_read([many[-1].id]).result()
    unread = store.articles("binnenland", unread_only=True)
    assert len(unread) == KEEP + 19 and many[-1].id not in {a.id for a in unread}
    assert store.unread_counts() == {"binnenland": KEEP + 19}


def test_what_another_process_stored_shows_after_our_next_write(
        store: NewsStore, tmp_path: Path) -> None:
    """The command line refreshing the same profile while the app runs."""
    save(store, make_article(1))
    assert store.unread_counts() == {"binnenland": 1}
    other = NewsStore(store.path)
    try:
        save(other, make_article(2))
        other.set_read(["id-1"]).result()
    finally:
        other.close()
    save(store, make_article(9, category="sport", feed_url=SPORT), url=SPORT)
    assert store.unread_counts() == {"binnenland": 1, "sport": 1}
    assert [(a.id, a.read) for a in store.articles("binnenland", 10)] == [
        ("id-1", True), ("id-2", False)]


def test_a_pruned_category_is_no_longer_counted(store: NewsStore) -> None:
    save(store, *(aged(n, 30, category="sport", feed_url=SPORT) for n in range(3)), url=SPORT)
    save(store, *(aged(n, 0) for n in range(3, 6)))
    assert store.unread_counts() == {"binnenland": 3, "sport": 3}
    assert len(store.articles("sport", 10)) == 3
    assert store.prune(timedelta(days=14), now=NOW, keep_per_category=0).result() == 3
    assert store.unread_counts() == {"binnenland": 3}
    assert store.articles("sport", 10) == []

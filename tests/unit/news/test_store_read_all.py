"""Mark all read, for one category (with the copies of its stories elsewhere) or for all;
and unread counts for some categories only."""

from __future__ import annotations

from dataclasses import replace

from tests.unit.news.test_store import make_article
from zeelandnet_desktop.news.model import FeedState
from zeelandnet_desktop.news.store import NewsStore


def test_a_category_read_takes_its_copies_elsewhere_along(store: NewsStore) -> None:
    store.save_feed(FeedState("https://feeds.example/a"),
                    [make_article(n) for n in range(3)]).result()
    other = [replace(make_article(0), id="copy-0", category="net-binnen",
                     feed_url="https://feeds.example/c"),  # the same story (same link)
             replace(make_article(7), id="own-7", category="net-binnen",
                     feed_url="https://feeds.example/c", link="https://nos.example/x")]
    store.save_feed(FeedState("https://feeds.example/c"), other).result()
    assert store.unread_counts() == {"binnenland": 3, "net-binnen": 2}
    assert store.mark_all_read("binnenland").result() == 3
    assert store.unread_counts() == {"binnenland": 0, "net-binnen": 1}
    assert store.unread_counts(["net-binnen"]) == {"net-binnen": 1}
    assert store.mark_all_read().result() == 1
    assert store.unread_counts() == {"binnenland": 0, "net-binnen": 0}
    assert store.mark_all_read().result() == 0


def test_read_marks_of_mark_all_read_survive_reopening(store: NewsStore) -> None:
    store.save_feed(FeedState("https://feeds.example/a"),
                    [make_article(n) for n in range(3)]).result()
    store.mark_all_read("binnenland").result()
    path = store.path
    store.close()
    again = NewsStore(path)
    try:
        assert all(a.read for a in again.articles("binnenland"))
    finally:
        again.close()

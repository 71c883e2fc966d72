"""What the list shows for a question: a page of a category, unread only (the open article
kept), and a search in every category with the current one first, each story once."""

from __future__ import annotations

from dataclasses import replace

from tests.unit.news.test_store import make_article
from zeelandnet_desktop.news.listing import ListQuery, list_page
from zeelandnet_desktop.news.model import FeedState
from zeelandnet_desktop.news.store import NewsStore

SHOWN = ["binnenland", "buitenland"]


def fill(store: NewsStore) -> None:
    binnen = [make_article(n) for n in range(5)]
    buiten = [replace(make_article(n + 10), category="buitenland",
                      feed_url="https://feeds.example/b",
                      title=f"Buitenlands bericht {n} over het weer") for n in range(3)]
    store.save_feed(FeedState("https://feeds.example/a"), binnen).result()
    store.save_feed(FeedState("https://feeds.example/b"), buiten).result()


def test_a_page_says_whether_there_is_more(store: NewsStore) -> None:
    fill(store)
    page = list_page(store, ListQuery("binnenland", limit=3), SHOWN)
    assert [a.id for a in page.articles] == ["id-0", "id-1", "id-2"]
    assert page.more and page.stored == 8
    assert page.unread == {"binnenland": 5, "buitenland": 3}
    assert not list_page(store, ListQuery("binnenland", limit=5), SHOWN).more


def test_unread_only_keeps_the_article_being_read(store: NewsStore) -> None:
    fill(store)
    store.set_read(["id-1", "id-2"]).result()
    page = list_page(store, ListQuery("binnenland", unread_only=True, keep=("id-1",)), SHOWN)
    assert [a.id for a in page.articles] == ["id-0", "id-1", "id-3", "id-4"]


def test_search_looks_everywhere_with_the_current_category_first(store: NewsStore) -> None:
    fill(store)
    page = list_page(store, ListQuery("buitenland", search="weer"), SHOWN)
    assert [a.category for a in page.articles] == ["buitenland"] * 3 + ["binnenland"] * 5
    # A category that is not shown is not searched.
    page = list_page(store, ListQuery("buitenland", search="weer"), ["buitenland"])
    assert {a.category for a in page.articles} == {"buitenland"}


def test_the_same_story_in_two_categories_is_found_once_in_the_current(
    store: NewsStore,
) -> None:
    fill(store)
    copy = replace(make_article(0), id="copy-0", category="buitenland",
                   feed_url="https://feeds.example/c", source="NU.nl")  # same link
    store.save_feed(FeedState("https://feeds.example/c"), [copy]).result()
    page = list_page(store, ListQuery("buitenland", search="nummer 0"), SHOWN)
    assert [(a.id, a.category) for a in page.articles] == [("copy-0", "buitenland")]


def test_no_category_and_no_search_lists_nothing(store: NewsStore) -> None:
    fill(store)
    page = list_page(store, ListQuery(None), SHOWN)
    assert page.articles == () and page.stored == 8

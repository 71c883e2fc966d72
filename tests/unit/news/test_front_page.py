"""What the Voorpagina shows and what "Meer uit …" lists, read from a fixed store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.unit.news.test_store import NOW, make_article
from zeelandnet_desktop.news.catalogue import load_catalogue
from zeelandnet_desktop.news.front_page import (
    JUST_IN_CATEGORY,
    front_page,
    lead_first,
    more_from,
)
from zeelandnet_desktop.news.model import Article, FeedState
from zeelandnet_desktop.news.store import NewsStore

SHOWN = ["net-binnen", "zeeland", "binnenland", "buitenland"]


def story(category: str, number: int, minutes_ago: int, **changes: object) -> Article:
    article = make_article(number, category=category, feed_url=f"https://feeds.example/{category}",
                           title=f"{category} bericht {number} over de dijken",
                           link=f"https://nos.example/{category}/{number}",
                           id=f"{category}-{number}")
    return replace(article, published=NOW - timedelta(minutes=minutes_ago),
                   **changes)  # type: ignore[arg-type]


def save(store: NewsStore, *articles: Article) -> None:
    by_feed: dict[str, list[Article]] = {}
    for article in articles:
        by_feed.setdefault(article.feed_url, []).append(article)
    for url, items in by_feed.items():
        store.save_feed(FeedState(url), items).result()


def fill(store: NewsStore) -> None:
    save(store,
         *(story("net-binnen", n, 1 + 10 * n) for n in range(3)),
         *(story("zeeland", n, 2 + 10 * n) for n in range(7)),
         *(story("binnenland", n, 3 + 10 * n) for n in range(6)),
         *(story("buitenland", n, 4 + 10 * n) for n in range(2)))


def test_one_block_per_category_in_the_order_given_and_net_binnen_is_the_strip(
        store: NewsStore) -> None:
    fill(store)
    page = front_page(store, SHOWN)
    assert [b.category for b in page.blocks] == ["zeeland", "binnenland", "buitenland"]
    assert page.just_in_category == JUST_IN_CATEGORY
    zeeland = page.blocks[0]
    assert [a.id for a in zeeland.stories] == [f"zeeland-{n}" for n in range(5)]
    assert zeeland.more  # seven stories, five shown
    assert not page.blocks[2].more and len(page.blocks[2].stories) == 2
    assert page.stored == 18
    # In another order, another order of blocks; a category not shown has none.
    again = front_page(store, ["buitenland", "zeeland"])
    assert [b.category for b in again.blocks] == ["buitenland", "zeeland"]
    assert again.just_in_category is None
    assert {a.category for a in again.just_in} == {"buitenland", "zeeland"}


def test_a_category_without_stories_has_an_empty_block(store: NewsStore) -> None:
    save(store, story("zeeland", 0, 5))
    page = front_page(store, ["zeeland", "binnenland"])
    assert [(b.category, len(b.stories)) for b in page.blocks] == [("zeeland", 1),
                                                                   ("binnenland", 0)]
    assert page.blocks[1].lead is None


def test_net_binnen_is_the_eight_newest_across_the_categories_each_story_once(
        store: NewsStore) -> None:
    fill(store)
    # The same story in two categories (one link) is in the strip once.
    save(store, replace(story("buitenland", 9, 0), link="https://nos.example/zeeland/0"))
    page = front_page(store, SHOWN)
    assert [a.id for a in page.just_in] == [
        "buitenland-9", "net-binnen-0", "binnenland-0", "buitenland-0", "net-binnen-1",
        "zeeland-1", "binnenland-1", "buitenland-1"]
    published = [a.published for a in page.just_in]
    assert published == sorted(published, reverse=True)


def test_the_lead_is_the_newest_of_the_first_three_with_a_picture() -> None:
    plain = [story("zeeland", n, n) for n in range(5)]
    assert lead_first(plain) == plain
    pictured = [replace(a, image_url="https://media.example/p.jpg") if n == 2 else a
                for n, a in enumerate(plain)]
    assert [a.id for a in lead_first(pictured)] == [
        "zeeland-2", "zeeland-0", "zeeland-1", "zeeland-3", "zeeland-4"]
    late = [replace(a, image_url="https://media.example/p.jpg") if n == 3 else a
            for n, a in enumerate(plain)]
    assert lead_first(late) == late  # too far down to lead
    assert lead_first([]) == []


def test_the_shipped_catalogue_puts_zeeland_right_under_net_binnen(store: NewsStore) -> None:
    order = [c.id for c in load_catalogue(None).categories]
    assert order[:2] == [JUST_IN_CATEGORY, "zeeland"]
    save(store, *(story(c, 0, i) for i, c in enumerate(order)))
    assert front_page(store, order).blocks[0].category == "zeeland"


def test_more_from_is_the_next_five_of_the_category(store: NewsStore) -> None:
    fill(store)
    zeeland = [story("zeeland", n, 2 + 10 * n) for n in range(7)]
    assert [a.id for a in more_from(store, zeeland[0])] == [f"zeeland-{n}" for n in range(1, 6)]
    # Near the end of the list the stories just before it fill up, the nearest first.
    assert [a.id for a in more_from(store, zeeland[5])] == [
        "zeeland-6", "zeeland-4", "zeeland-3", "zeeland-2", "zeeland-1"]
    buitenland = story("buitenland", 0, 4)
    assert [a.id for a in more_from(store, buitenland)] == ["buitenland-1"]
    assert all(a.category == "zeeland" for a in more_from(store, zeeland[3]))


def test_more_from_a_category_longer_than_one_read(store: NewsStore) -> None:
    many = [story("sport", n, n) for n in range(300)]
    save(store, *many)
    assert [a.id for a in more_from(store, many[250])] == [
        f"sport-{n}" for n in range(251, 256)]


def test_more_from_an_article_not_listed_itself_gives_the_newest(store: NewsStore) -> None:
    fill(store)
    gone = story("zeeland", 99, 500)  # not in the store (pruned, or an older copy)
    assert [a.id for a in more_from(store, gone)] == [f"zeeland-{n}" for n in range(5)]

"""Which stored articles are one story: recurring titles, reused guids, copies across sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from tests.support.feedgen import Item, rss
from tests.unit.news.conftest import feed_bytes
from tests.unit.news.test_store import NOW, make_article, save
from zeelandnet_desktop.news.model import FeedState
from zeelandnet_desktop.news.parse import parse_feed
from zeelandnet_desktop.news.store import NewsStore

TV = "Dit mag u niet missen op tv vanavond"
FEED = "https://www.nu.nl/rss/Media"


def refresh_with(store: NewsStore, body: bytes, now: datetime, url: str = FEED) -> tuple[str, ...]:
    """What one refresh of one feed does: parse the document, save what it gave."""
    parsed = parse_feed(body, {}, feed_url=url, category="media", source="NU.nl", now=now)
    assert parsed.problem is None
    return store.save_feed(FeedState(url, last_success=now), parsed.articles,
                           parsed.undated).result()


def test_a_title_that_recurs_daily_is_a_new_article_every_day(store: NewsStore) -> None:
    refresh_with(store, feed_bytes("recurring_titles.xml"), NOW)
    listed = store.articles("media")
    assert [a.title for a in listed] == [TV] * 3
    assert len({a.link for a in listed}) == 3
    assert store.unread_counts() == {"media": 3}
    store.set_read([listed[1].id]).result()  # reading Sunday's tips reads only Sunday's
    assert [a.read for a in store.articles("media")] == [False, True, False]
    assert store.unread_counts() == {"media": 2}


def test_the_same_title_from_two_sources_is_one_story_only_within_hours(
    store: NewsStore,
) -> None:
    title = "Kabinet neemt besluit over Lelystad Airport"
    nu = make_article(1, title=title, source="NU.nl")
    nos_soon = make_article(2, title=title, source="NOS", feed_url="https://feeds.example/b",
                            published=nu.published - timedelta(hours=3))
    nos_next_day = make_article(3, title=title, source="NOS", feed_url="https://feeds.example/b",
                                published=nu.published - timedelta(hours=26))
    save(store, nu)
    save(store, nos_soon, nos_next_day, url="https://feeds.example/b")
    assert [a.id for a in store.articles("binnenland")] == ["id-1", "id-3"]
    assert store.unread_counts() == {"binnenland": 2}
    store.set_read(["id-2"]).result()  # reading NOS's copy reads the story, not the older one
    assert [a.read for a in store.articles("binnenland")] == [True, False]


def test_a_front_page_link_is_no_reason_to_merge(store: NewsStore) -> None:
    front = "https://www.omroepzeeland.nl/"
    save(store, make_article(1, title="Brand in Goes snel geblust", link=front),
         make_article(2, title="Nieuwe burgemeester voor Veere", link=front))
    assert len(store.articles()) == 2
    store.set_read(["id-1"]).result()
    assert [a.read for a in store.articles()] == [True, False]


def test_a_copy_arriving_later_through_another_source_is_already_read(store: NewsStore) -> None:
    title = "Veerdienst Vlissingen-Breskens vaart weer"
    save(store, make_article(1, title=title))
    store.set_read(["id-1"]).result()
    later = make_article(2, title=title, feed_url="https://feeds.example/b",
                         link="https://www.pzc.nl/veerdienst")
    next_week = make_article(3, title=title, feed_url="https://feeds.example/b",
                             link="https://www.pzc.nl/veerdienst-weer",
                             published=NOW + timedelta(days=7), first_seen=NOW + timedelta(days=7))
    save(store, later, next_week, url="https://feeds.example/b")
    assert store.article("id-2").read  # type: ignore[union-attr]
    assert not store.article("id-3").read  # type: ignore[union-attr]


def tv_item(day: int, minutes_ago: float) -> Item:
    return Item(TV, f"De tv-tips van {day} november.", minutes_ago=minutes_ago,
                guid="nu-tv-tips", link=f"https://www.nu.nl/media/{6371000 + day}/tv-tips.html")


def test_a_reused_guid_never_merges_two_days_and_ids_stay_stable(store: NewsStore) -> None:
    sunday = datetime(2026, 11, 29, 17, 0, tzinfo=timezone.utc)
    monday = sunday + timedelta(days=1)
    (first,) = refresh_with(store, rss("NU", [tv_item(29, 60)], sunday), sunday)
    # Monday the feed gives the same guid to Monday's tips: another link, another date.
    (second,) = refresh_with(store, rss("NU", [tv_item(30, 60)], monday), monday)
    assert second != first
    assert refresh_with(store, rss("NU", [tv_item(30, 60)], monday), monday) == ()
    # Both days in one document, newest first: nothing new, nothing overwritten.
    both = rss("NU", [tv_item(30, 60), tv_item(29, 24 * 60 + 60)], monday)
    assert refresh_with(store, both, monday + timedelta(minutes=15)) == ()
    listed = store.articles("media")
    assert [a.summary_text for a in listed] == [
        "De tv-tips van 30 november.", "De tv-tips van 29 november.",
    ]  # fmt: skip
    assert [a.id for a in listed] == [second, first]


def test_the_reused_guid_fixture_keeps_both_days_and_one_museum(store: NewsStore) -> None:
    # Fetched before the items' own dates (a clock behind): dates are set to first seen, and
    # the two days still stay apart by their links.
    new = refresh_with(store, feed_bytes("reused_guids.xml"), NOW)
    assert len(new) == 3
    assert refresh_with(store, feed_bytes("reused_guids.xml"), NOW + timedelta(hours=1)) == ()
    later = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    assert refresh_with(store, feed_bytes("reused_guids.xml"), later) == ()
    titles = [a.title for a in store.articles("media")]
    assert titles.count(TV) == 2 and titles.count("Zeeuws Museum krijgt nieuwe directeur") == 1


def test_a_time_ahead_of_first_seen_is_stored_as_first_seen(store: NewsStore) -> None:
    ahead = make_article(1, published=NOW + timedelta(hours=2), first_seen=NOW)
    save(store, ahead)
    assert store.article("id-1").published == NOW  # type: ignore[union-attr]
    # Fetched again later, the feed still says two hours after the first sighting.
    save(store, replace(ahead, first_seen=NOW + timedelta(hours=1)))
    stored = store.article("id-1")
    assert stored is not None and stored.published == NOW and stored.first_seen == NOW


def test_pictures_and_notices_are_stored(store: NewsStore) -> None:
    article = make_article(
        1, image_url="https://cdn.nos.nl/groot.jpg", thumbnail_url="https://cdn.nos.nl/klein.jpg",
        image_caption="Golven bij Vlissingen", image_credit="ANP", notice="Correctie",
    )
    save(store, article)
    assert store.article("id-1") == article
    assert store.articles() == [article]
    save(store, replace(article, image_caption="Storm bij Vlissingen"))
    assert store.articles_by_id(["id-1"])[0].image_caption == "Storm bij Vlissingen"

"""The breaking-news rule, table-driven: one notification per round, or none, and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from zeelandnet_desktop.news import breaking
from zeelandnet_desktop.news.breaking import Decision, QuietHours, Situation
from zeelandnet_desktop.news.model import Article
from zeelandnet_desktop.news.store import NewsStore

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=timezone.utc)


def article(n: int, *, minutes_ago: float = 5, category: str = "net-binnen",
            read: bool = False, link: str | None = None) -> Article:
    when = NOW - timedelta(minutes=minutes_ago)
    return Article(
        id=f"id-{n}", feed_url="https://feed", category=category, source="NOS",
        title=f"Kop {n}", link=link if link is not None else f"https://nos.nl/{n}",
        published=when, first_seen=when, summary_html="",
        summary_text=f"MIDDELBURG (ANP) - Eerste zin {n}.\nTweede regel.",
        lead=f"Eerste zin {n}.\nTweede regel.", places=("MIDDELBURG",), agencies=("ANP",),
        image_url=None, read=read,
    )


BASE = Situation(now=NOW, local_time=time(13, 0), notify_categories=frozenset({"net-binnen"}),
                 quiet_hours=QuietHours(time(23, 0), time(7, 0)), hourly_limit=6)
ONE = [article(1)]
SEEN_1 = frozenset(breaking.keys_of(article(1)))


# (name, articles, changes to the situation, expected reason, expected summary or None)
CASES: list[tuple[str, list[Article], dict[str, object], str, str | None]] = [
    ("one fresh article", ONE, {}, breaking.SHOWN, "Kop 1"),
    ("first refresh of a new profile", ONE, {"first_refresh": True}, breaking.FIRST_REFRESH,
     None),
    ("nothing this round", [], {}, breaking.NOTHING_NEW, None),
    ("duplicate: seen in an earlier round", ONE, {"seen": SEEN_1}, breaking.NOTHING_NEW, None),
    ("duplicate: same link through another feed", [article(2, link="https://nos.nl/1")],
     {"seen": SEEN_1}, breaking.NOTHING_NEW, None),
    ("already read (a copy was read)", [article(1, read=True)], {}, breaking.NOTHING_NEW, None),
    ("too old", [article(1, minutes_ago=61)], {}, breaking.NOTHING_NEW, None),
    ("just fresh enough", [article(1, minutes_ago=60)], {}, breaking.SHOWN, "Kop 1"),
    ("category not marked", [article(1, category="sport")], {}, breaking.NOTHING_NEW, None),
    ("category switched on", [article(1, category="sport")],
     {"notify_categories": frozenset({"sport"})}, breaking.SHOWN, "Kop 1"),
    ("paused", ONE, {"paused_until": NOW + timedelta(minutes=1)}, breaking.PAUSED, None),
    ("pause over", ONE, {"paused_until": NOW}, breaking.SHOWN, "Kop 1"),
    ("quiet hours, late evening", ONE, {"local_time": time(23, 30)}, breaking.QUIET_HOURS, None),
    ("quiet hours, early morning", ONE, {"local_time": time(6, 59)}, breaking.QUIET_HOURS, None),
    ("quiet hours ended", ONE, {"local_time": time(7, 0)}, breaking.SHOWN, "Kop 1"),
    ("quiet hours off", ONE, {"local_time": time(23, 30), "quiet_hours": None}, breaking.SHOWN,
     "Kop 1"),
    ("hourly cap reached", ONE, {"sent_last_hour": 6}, breaking.HOURLY_CAP, None),
    ("below the hourly cap", ONE, {"sent_last_hour": 5}, breaking.SHOWN, "Kop 1"),
    ("news tab on screen in the active window", ONE, {"news_on_screen": True},
     breaking.ON_SCREEN, None),
    ("several: one summary", [article(1), article(2, minutes_ago=2), article(3, minutes_ago=9),
                              article(4, minutes_ago=30)], {}, breaking.SHOWN,
     "4 nieuwe berichten"),
]


@pytest.mark.parametrize(("articles", "changes", "reason", "summary"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_rule(articles: list[Article], changes: dict[str, object], reason: str,
                  summary: str | None) -> None:
    decision = breaking.decide(articles, replace(BASE, **changes))  # type: ignore[arg-type]
    assert decision.reason == reason
    assert (decision.notification.summary if decision.notification else None) == summary
    # Whatever the outcome, everything looked at is remembered: never announced later.
    assert set(decision.remember) == {k for a in articles for k in breaking.keys_of(a)}


def test_one_article_gives_its_title_and_the_first_line_of_its_lead() -> None:
    note = breaking.decide(ONE, BASE).notification
    assert note is not None
    assert (note.summary, note.body) == ("Kop 1", "Eerste zin 1.")
    assert (note.category, note.article_id, note.article_ids) == ("net-binnen", "id-1", ("id-1",))
    # What the bubble's words are made from: plain values, with the category as users read it.
    named = breaking.decide(ONE, replace(BASE, category_names={"net-binnen": "Net binnen"}))
    assert named.notification is not None
    assert named.notification.headlines == (breaking.Headline(
        "id-1", "Kop 1", "NOS", "net-binnen", "Net binnen", "Eerste zin 1."),)


def test_several_give_up_to_three_titles_newest_first_and_open_the_category() -> None:
    articles = [article(1, minutes_ago=20), article(2, minutes_ago=2),
                article(3, minutes_ago=9), article(4, minutes_ago=30)]
    note = breaking.decide(articles, BASE, many=lambda n: f"{n} new").notification
    assert note is not None
    assert note.summary == "4 new"
    assert note.body == "• Kop 2\n• Kop 3\n• Kop 1"
    assert (note.category, note.article_id) == ("net-binnen", None)
    assert note.article_ids == ("id-2", "id-3", "id-1", "id-4")
    assert [h.article_id for h in note.headlines] == ["id-2", "id-3", "id-1"]


def test_the_same_story_twice_in_one_round_counts_once() -> None:
    twins = [article(1), article(2, link="https://nos.nl/1")]
    note = breaking.decide(twins, BASE).notification
    assert note is not None and note.summary == "Kop 1"


def test_a_long_lead_is_cut_at_one_line() -> None:
    long = replace(article(1), lead="woord " * 100)
    note = breaking.decide([long], BASE).notification
    assert note is not None
    assert len(note.body) == breaking.LEAD_LINE_MAX and note.body.endswith("…")


@pytest.mark.parametrize(("start", "end", "inside", "outside"), [
    ("23:00", "07:00", ["23:00", "03:00", "06:59"], ["07:00", "12:00", "22:59"]),
    ("13:00", "14:00", ["13:00", "13:59"], ["12:59", "14:00"]),
    ("08:00", "08:00", [], ["08:00", "00:00"]),
])
def test_quiet_hours(start: str, end: str, inside: list[str], outside: list[str]) -> None:
    quiet = QuietHours(breaking.parse_clock(start), breaking.parse_clock(end))
    assert all(quiet.contains(breaking.parse_clock(t)) for t in inside)
    assert not any(quiet.contains(breaking.parse_clock(t)) for t in outside)


@pytest.mark.parametrize("text", ["", "7", "7:5", "25:00", "ab:cd", "12:60"])
def test_bad_clock_times(text: str) -> None:
    assert not breaking.is_clock(text)


def test_categories_default_from_the_catalogue_changed_by_the_user() -> None:
    defaults = [("net-binnen", True), ("zeeland", False), ("sport", False)]
    assert breaking.notify_categories(defaults, [], []) == {"net-binnen"}
    assert breaking.notify_categories(defaults, ["zeeland"], ["net-binnen"]) == {"zeeland"}


@pytest.mark.parametrize(("previous", "count", "flags", "expected"), [
    (0, 1, {}, True),
    (2, 3, {}, True),
    (3, 3, {}, False),
    (3, 1, {}, False),
    (0, 1, {"window_hidden": False}, False),
    (0, 1, {"enabled": False}, False),
    (0, 1, {"paused": True}, False),
    (0, 1, {"quiet": True}, False),
])
def test_new_mail(previous: int, count: int, flags: dict[str, bool], expected: bool) -> None:
    options = {"enabled": True, "window_hidden": True, "paused": False, "quiet": False, **flags}
    assert breaking.should_announce_mail(previous, count, **options) is expected


SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(("page_allowed", "page_spoke_at", "voice"), [
    (False, None, breaking.OURS_NOW),  # the page may not notify: ours is the only voice
    (True, None, breaking.WAIT_FOR_PAGE),  # it may: give it the chance first
    (True, NOW - 3 * SECOND, breaking.PAGE_SPOKE),  # it did, just before the count rose
    (True, NOW - breaking.PAGE_GRACE, breaking.PAGE_SPOKE),
    (True, NOW - breaking.PAGE_GRACE - SECOND, breaking.WAIT_FOR_PAGE),  # that was other mail
    (False, NOW - 3 * SECOND, breaking.PAGE_SPOKE),  # allowed until just now: it did speak
    (False, NOW - breaking.PAGE_GRACE - SECOND, breaking.OURS_NOW),
    (True, NOW + 5 * SECOND, breaking.WAIT_FOR_PAGE),  # the clock went back: not "just now"
])
def test_one_new_mail_has_one_voice(page_allowed: bool, page_spoke_at: datetime | None,
                                    voice: str) -> None:
    assert breaking.mail_voice(NOW, page_allowed=page_allowed,
                               page_spoke_at=page_spoke_at) == voice


def test_the_store_remembers_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    keys = breaking.keys_of(article(1))
    with NewsStore(path) as store:
        store.remember_breaking(keys, NOW, sent=True).result()
        store.remember_breaking(breaking.keys_of(article(2)), NOW - timedelta(hours=2),
                                sent=True).result()
    with NewsStore(path) as store:
        assert store.breaking_seen([*keys, "id:other"]) == frozenset(keys)
        assert store.breaking_sent_since(NOW - timedelta(hours=1)) == 1
        # A month later the memory is trimmed (those articles are long past the rule's hour).
        store.remember_breaking([], NOW + timedelta(days=31), sent=False).result()
        assert store.breaking_seen(keys) == frozenset()


def test_decision_is_a_value() -> None:
    assert Decision(None, breaking.NOTHING_NEW) == Decision(None, breaking.NOTHING_NEW, ())


@pytest.mark.parametrize(("now", "expected"), [
    (datetime(2026, 3, 14, 22, 15), datetime(2026, 3, 15, 7, 0)),  # evening: tomorrow morning
    (datetime(2026, 3, 15, 2, 30), datetime(2026, 3, 15, 7, 0)),  # after midnight: this morning
    (datetime(2026, 3, 14, 7, 0), datetime(2026, 3, 15, 7, 0)),
])
def test_pause_until_tomorrow_ends_when_quiet_hours_end(now: datetime, expected: datetime
                                                        ) -> None:
    from zeelandnet_desktop.services.breaking import pause_until_morning

    assert pause_until_morning(now, time(7, 0)) == expected

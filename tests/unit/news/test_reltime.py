from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from zeelandnet_desktop.news.reltime import (
    clock_time,
    day_heading,
    group_by_day,
    relative_time,
    short_date,
    time_label,
)

NOW = datetime(2026, 11, 28, 14, 59, 30, tzinfo=timezone.utc)
CET = timezone(timedelta(hours=1))

CASES = [
    (timedelta(seconds=0), "zojuist", "just now"),
    (timedelta(seconds=59), "zojuist", "just now"),
    (timedelta(seconds=-300), "zojuist", "just now"),  # a server clock ahead of ours
    (timedelta(minutes=1), "1 minuut geleden", "1 minute ago"),
    (timedelta(minutes=5, seconds=30), "5 minuten geleden", "5 minutes ago"),
    (timedelta(minutes=54), "54 minuten geleden", "54 minutes ago"),
    (timedelta(minutes=60), "1 uur geleden", "1 hour ago"),
    (timedelta(hours=2, minutes=59), "2 uur geleden", "2 hours ago"),
    (timedelta(hours=16), "16 uur geleden", "16 hours ago"),
    (timedelta(hours=23, minutes=59), "23 uur geleden", "23 hours ago"),
    (timedelta(hours=24), "gisteren", "yesterday"),
    (timedelta(hours=24, minutes=30), "gisteren", "yesterday"),
    # Calendar days: 47 hours before 15:59 is 16:59 the day before yesterday, not "gisteren".
    (timedelta(hours=47), "2 dagen geleden", "2 days ago"),
    (timedelta(days=3), "3 dagen geleden", "3 days ago"),
    (timedelta(days=6), "6 dagen geleden", "6 days ago"),
    (timedelta(days=6, hours=23), "1 week geleden", "1 week ago"),  # seven dates back
    (timedelta(days=7), "1 week geleden", "1 week ago"),
    (timedelta(days=14), "2 weken geleden", "2 weeks ago"),
    (timedelta(days=27), "3 weken geleden", "3 weeks ago"),
    (timedelta(days=56), "3 okt. 2026", "3 Oct 2026"),
    (timedelta(days=200), "12 mei 2026", "12 May 2026"),
    (timedelta(days=300), "1 feb. 2026", "1 Feb 2026"),
]


@pytest.mark.parametrize(("ago", "dutch", "english"), CASES)
def test_relative_time(ago: timedelta, dutch: str, english: str) -> None:
    assert relative_time(NOW - ago, NOW, "nl", tz=CET) == dutch
    assert relative_time(NOW - ago, NOW, "en", tz=CET) == english


def test_languages_fall_back_to_english_and_accept_locale_names() -> None:
    assert relative_time(NOW - timedelta(minutes=5), NOW, "nl_NL") == "5 minuten geleden"
    assert relative_time(NOW - timedelta(minutes=5), NOW, "de") == "5 minutes ago"


def test_naive_times_are_taken_as_utc() -> None:
    naive_now = NOW.replace(tzinfo=None)
    assert relative_time(naive_now - timedelta(hours=2), NOW) == "2 uur geleden"


@pytest.mark.parametrize(
    ("month", "dutch"),
    [(1, "jan."), (3, "mrt."), (5, "mei"), (6, "jun."), (10, "okt."), (12, "dec.")],
)
def test_dutch_month_names_do_not_depend_on_the_locale(month: int, dutch: str) -> None:
    when = datetime(2026, month, 3, 12, tzinfo=timezone.utc)
    assert short_date(when, "nl", tz=timezone.utc) == f"3 {dutch} 2026"


def test_clock_time_is_local() -> None:
    when = datetime(2026, 11, 28, 13, 5, tzinfo=timezone.utc)
    assert clock_time(when, tz=CET) == "14:05"
    assert clock_time(when, tz=timezone.utc) == "13:05"


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*fields: int) -> datetime:
    """A wall-clock time in Amsterdam, as an aware datetime (zoneinfo picks CET or CEST)."""
    return datetime(*fields, tzinfo=AMSTERDAM)  # type: ignore[misc]


def elapsed(start: datetime, end: datetime) -> timedelta:
    return end.astimezone(timezone.utc) - start.astimezone(timezone.utc)


JUST_AFTER_MIDNIGHT = local(2026, 11, 24, 0, 20)  # Tuesday


@pytest.mark.parametrize(
    ("when", "dutch", "english"),
    [
        (local(2026, 11, 23, 23, 50), "30 minuten geleden", "30 minutes ago"),
        (local(2026, 11, 23, 8, 0), "16 uur geleden", "16 hours ago"),
        (local(2026, 11, 23, 0, 10), "gisteren", "yesterday"),  # 24 h 10 min ago
        # 25 hours ago, but two dates back: the day before yesterday is not "gisteren".
        (local(2026, 11, 22, 23, 20), "2 dagen geleden", "2 days ago"),
    ],
)
def test_gisteren_is_the_previous_date_around_midnight(
    when: datetime, dutch: str, english: str
) -> None:
    assert relative_time(when, JUST_AFTER_MIDNIGHT, "nl", AMSTERDAM) == dutch
    assert relative_time(when, JUST_AFTER_MIDNIGHT, "en", AMSTERDAM) == english


@pytest.mark.parametrize(
    ("when", "dutch", "english"),
    [
        (local(2026, 11, 24, 0, 5), "00:05", "00:05"),
        (local(2026, 11, 23, 18, 58), "ma 23 nov 18:58", "Mon 23 Nov 18:58"),
        (local(2026, 11, 18, 7, 4), "wo 18 nov 07:04", "Wed 18 Nov 07:04"),
        (local(2026, 5, 1, 9, 30), "vr 1 mei 09:30", "Fri 1 May 09:30"),
        (local(2025, 12, 31, 23, 59), "wo 31 dec 2025 23:59", "Wed 31 Dec 2025 23:59"),
    ],
)
def test_older_than_today_shows_the_date(when: datetime, dutch: str, english: str) -> None:
    assert time_label(when, JUST_AFTER_MIDNIGHT, "nl", AMSTERDAM) == dutch
    assert time_label(when, JUST_AFTER_MIDNIGHT, "en_GB", AMSTERDAM) == english


def test_times_are_read_on_the_wall_clock_of_the_zone_given() -> None:
    # 22:50 UTC is 23:50 in Amsterdam, the evening before JUST_AFTER_MIDNIGHT (23:20 UTC).
    when = datetime(2026, 11, 23, 22, 50, tzinfo=timezone.utc)
    assert time_label(when, JUST_AFTER_MIDNIGHT, "nl", AMSTERDAM) == "ma 23 nov 23:50"
    assert time_label(when, JUST_AFTER_MIDNIGHT, "nl", timezone.utc) == "22:50"
    assert day_heading(when, JUST_AFTER_MIDNIGHT, "nl", AMSTERDAM) == "Gisteren"
    assert day_heading(when, JUST_AFTER_MIDNIGHT, "nl", timezone.utc) == "Vandaag"


def test_day_headings_for_the_list() -> None:
    times = [
        local(2026, 11, 24, 0, 5),
        local(2026, 11, 23, 23, 55),
        local(2026, 11, 23, 6, 0),
        local(2026, 11, 22, 12, 0),
        local(2026, 11, 18, 9, 0),
        local(2026, 11, 17, 22, 0),  # a week ago: its name would be today's
        local(2026, 11, 17, 8, 0),
        local(2025, 12, 31, 12, 0),
    ]
    groups = group_by_day(times, lambda t: t, JUST_AFTER_MIDNIGHT, "nl", AMSTERDAM)
    assert [(heading, len(items)) for heading, items in groups] == [
        ("Vandaag", 1), ("Gisteren", 2), ("Zondag", 1), ("Woensdag", 1), ("17 november", 2),
        ("31 december 2025", 1),
    ]  # fmt: skip
    assert [item for _heading, items in groups for item in items] == times  # order kept
    english = group_by_day(times, lambda t: t, JUST_AFTER_MIDNIGHT, "en", AMSTERDAM)
    assert [heading for heading, _items in english] == [
        "Today", "Yesterday", "Sunday", "Wednesday", "17 November", "31 December 2025",
    ]  # fmt: skip
    assert group_by_day([], lambda t: t, JUST_AFTER_MIDNIGHT) == []


def test_the_long_day_when_summer_time_ends() -> None:
    # Sunday 25 October 2026 has 25 hours in Amsterdam (03:00 CEST becomes 02:00 CET).
    late = local(2026, 10, 25, 23, 30)
    early = local(2026, 10, 25, 0, 10)
    assert elapsed(early, late) == timedelta(hours=24, minutes=20)
    assert relative_time(early, late, "nl", AMSTERDAM) == "24 uur geleden"  # still today
    assert day_heading(early, late, "nl", AMSTERDAM) == "Vandaag"
    assert time_label(early, late, "nl", AMSTERDAM) == "00:10"
    after_midnight = local(2026, 10, 26, 0, 30)
    assert relative_time(early, after_midnight, "nl", AMSTERDAM) == "gisteren"
    # 25 h 40 min before: by the old "24 to 48 hours" rule this was "gisteren".
    saturday = local(2026, 10, 24, 23, 50)
    assert relative_time(saturday, after_midnight, "nl", AMSTERDAM) == "2 dagen geleden"
    assert day_heading(saturday, after_midnight, "nl", AMSTERDAM) == "Zaterdag"


def test_the_short_day_when_summer_time_starts() -> None:
    # Sunday 29 March 2026 has 23 hours (02:00 CET becomes 03:00 CEST).
    monday = local(2026, 3, 30, 0, 30)
    saturday_night = local(2026, 3, 28, 23, 45)
    assert elapsed(saturday_night, monday) == timedelta(hours=23, minutes=45)
    assert relative_time(saturday_night, monday, "nl", AMSTERDAM) == "23 uur geleden"
    assert day_heading(saturday_night, monday, "nl", AMSTERDAM) == "Zaterdag"
    assert day_heading(local(2026, 3, 29, 1, 59), monday, "nl", AMSTERDAM) == "Gisteren"
    assert time_label(local(2026, 3, 29, 3, 0), monday, "nl", AMSTERDAM) == "zo 29 mrt 03:00"

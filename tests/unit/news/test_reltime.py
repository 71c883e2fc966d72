from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from zeelandnet_desktop.news.reltime import clock_time, relative_time, short_date

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
    (timedelta(hours=47), "gisteren", "yesterday"),
    (timedelta(days=3), "3 dagen geleden", "3 days ago"),
    (timedelta(days=6, hours=23), "6 dagen geleden", "6 days ago"),
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

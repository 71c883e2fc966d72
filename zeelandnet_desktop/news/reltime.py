"""Times the way the portal shows them ("5 minuten geleden", "gisteren", "ma 23 nov 18:58") and
the day headings of the article list ("Vandaag", "Gisteren", "Maandag", "16 november").

Written out by hand instead of using locale/babel: the result must not depend on the system
locale (the command line has no translator either), and the UI refreshes these labels every
minute so they must be cheap. Days are calendar days on the user's wall clock: `tz` (None: the
machine's local zone), so "gisteren" is the previous date there, across DST changes too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TypeVar

T = TypeVar("T")

_NL_MONTHS = (
    "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NL_MONTHS_FULL = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip
_EN_MONTHS_FULL = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_NL_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NL_DAYS_FULL = ("Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag")
_EN_DAYS_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# After this many days a date is clearer than "N weken geleden".
_DATE_AFTER_DAYS = 28
# Day headings name the weekday for this many days back; a week ago would repeat today's name.
_WEEKDAY_HEADINGS = 6


def _aware(value: datetime) -> datetime:
    # A naive time from a careless caller is taken as UTC, matching how the store keeps times.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _elapsed(when: datetime, now: datetime) -> timedelta:
    # In UTC: Python subtracts two times of one zoneinfo zone by their wall clocks, which is
    # an hour off across a DST change.
    return _aware(now).astimezone(timezone.utc) - _aware(when).astimezone(timezone.utc)


def _dutch(lang: str) -> bool:
    return lang.lower().startswith("nl")


def local_date(when: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of `when` on the wall clock of `tz` (None: the machine's zone)."""
    return _aware(when).astimezone(tz).date()


def days_ago(when: datetime, now: datetime, tz: tzinfo | None = None) -> int:
    """Calendar days between `when` and `now` in `tz`: 0 today, 1 yesterday; never negative."""
    return max(0, (local_date(now, tz) - local_date(when, tz)).days)


def relative_time(when: datetime, now: datetime, lang: str = "nl", tz: tzinfo | None = None) -> str:
    """`when` relative to `now` in Dutch ("nl") or English (anything else).

    Times in the future (a server clock ahead of ours) read as "zojuist" / "just now". Up to a
    day: minutes or hours. Then calendar days in `tz`: "gisteren" is the previous date, not
    24-48 hours ago. Beyond four weeks a date.
    """
    dutch = _dutch(lang)
    delta = _elapsed(when, now)
    if delta < timedelta(minutes=1):
        return "zojuist" if dutch else "just now"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        if dutch:
            return "1 minuut geleden" if minutes == 1 else f"{minutes} minuten geleden"
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    hours = minutes // 60
    days = days_ago(when, now, tz)
    if hours < 24 or days == 0:  # days == 0 past 24 hours: the 25-hour day of a DST change
        if dutch:
            return f"{hours} uur geleden"
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    if days == 1:
        return "gisteren" if dutch else "yesterday"
    if days < 7:
        return f"{days} dagen geleden" if dutch else f"{days} days ago"
    if days < _DATE_AFTER_DAYS:
        weeks = days // 7
        if dutch:
            return "1 week geleden" if weeks == 1 else f"{weeks} weken geleden"
        return "1 week ago" if weeks == 1 else f"{weeks} weeks ago"
    return short_date(when, lang, tz)


def short_date(when: datetime, lang: str = "nl", tz: tzinfo | None = None) -> str:
    """'3 okt. 2026' (nl) or '3 Oct 2026' (en), in local time unless `tz` is given."""
    local = _aware(when).astimezone(tz)
    months = _NL_MONTHS if _dutch(lang) else _EN_MONTHS
    return f"{local.day} {months[local.month - 1]} {local.year}"


def clock_time(when: datetime, tz: tzinfo | None = None) -> str:
    """'HH:MM' in local time (or `tz`), as in the portal's "Net binnen" list."""
    return _aware(when).astimezone(tz).strftime("%H:%M")


def time_label(when: datetime, now: datetime, lang: str = "nl", tz: tzinfo | None = None) -> str:
    """When an article appeared: '18:58' today; 'ma 23 nov 18:58' (nl) / 'Mon 23 Nov 18:58'
    (en) on an earlier day; the year too when it is not this year's."""
    local = _aware(when).astimezone(tz)
    clock = local.strftime("%H:%M")
    today = local_date(now, tz)
    if local.date() >= today:
        return clock
    dutch = _dutch(lang)
    weekday = (_NL_DAYS if dutch else _EN_DAYS)[local.weekday()]
    month = (_NL_MONTHS if dutch else _EN_MONTHS)[local.month - 1].rstrip(".")
    year = f" {local.year}" if local.year != today.year else ""
    return f"{weekday} {local.day} {month}{year} {clock}"


def day_heading(when: datetime, now: datetime, lang: str = "nl", tz: tzinfo | None = None) -> str:
    """The list heading of `when`'s day: 'Vandaag', 'Gisteren', a weekday for the days before
    within the last week ('Maandag'), then a date ('16 november', with the year when it is
    not this year's). English: 'Today', 'Yesterday', 'Monday', '16 November'."""
    dutch = _dutch(lang)
    days = days_ago(when, now, tz)
    if days == 0:
        return "Vandaag" if dutch else "Today"
    if days == 1:
        return "Gisteren" if dutch else "Yesterday"
    local = local_date(when, tz)
    if days <= _WEEKDAY_HEADINGS:
        return (_NL_DAYS_FULL if dutch else _EN_DAYS_FULL)[local.weekday()]
    month = (_NL_MONTHS_FULL if dutch else _EN_MONTHS_FULL)[local.month - 1]
    year = f" {local.year}" if local.year != local_date(now, tz).year else ""
    return f"{local.day} {month}{year}"


def group_by_day(
    items: Iterable[T],
    when: Callable[[T], datetime],
    now: datetime,
    lang: str = "nl",
    tz: tzinfo | None = None,
) -> list[tuple[str, list[T]]]:
    """Consecutive items of the same calendar day under that day's heading, in the given order
    (the list is newest first): [('Vandaag', [...]), ('Gisteren', [...]), ...]."""
    today = local_date(now, tz)
    groups: list[tuple[str, list[T]]] = []
    current: date | None = None
    for item in items:
        moment = when(item)
        day = min(local_date(moment, tz), today)  # a time ahead of our clock is today's
        if day != current:
            groups.append((day_heading(moment, now, lang, tz), []))
            current = day
        groups[-1][1].append(item)
    return groups

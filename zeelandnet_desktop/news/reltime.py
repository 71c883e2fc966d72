"""Relative times the way the portal shows them ("5 minuten geleden", "gisteren", "3 okt. 2026").

Written out by hand instead of using locale/babel: the result must not depend on the system
locale, and the UI refreshes these labels every minute so they must be cheap.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

_NL_MONTHS = (
    "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# After this many days a date is clearer than "N weken geleden".
_DATE_AFTER_DAYS = 28


def _aware(value: datetime) -> datetime:
    # A naive time from a careless caller is taken as UTC, matching how the store keeps times.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def relative_time(when: datetime, now: datetime, lang: str = "nl", tz: tzinfo | None = None) -> str:
    """`when` relative to `now` in Dutch ("nl") or English (anything else).

    Times in the future (a server clock ahead of ours) read as "zojuist" / "just now". Beyond four
    weeks a date in the local time zone (or `tz`) is shown.
    """
    dutch = lang.lower().startswith("nl")
    delta = _aware(now) - _aware(when)
    if delta < timedelta(minutes=1):
        return "zojuist" if dutch else "just now"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        if dutch:
            return "1 minuut geleden" if minutes == 1 else f"{minutes} minuten geleden"
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    hours = minutes // 60
    if hours < 24:
        if dutch:
            return f"{hours} uur geleden"
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = delta.days
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
    months = _NL_MONTHS if lang.lower().startswith("nl") else _EN_MONTHS
    return f"{local.day} {months[local.month - 1]} {local.year}"


def clock_time(when: datetime, tz: tzinfo | None = None) -> str:
    """'HH:MM' in local time (or `tz`), as in the portal's "Net binnen" list."""
    return _aware(when).astimezone(tz).strftime("%H:%M")

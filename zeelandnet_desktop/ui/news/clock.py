"""The news views' clock: what "now" is and in which zone a day starts, in one place so the
list, its day headings and the reading pane agree (and a test can set both)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone, tzinfo


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class NewsClock:
    def __init__(self, now: Callable[[], datetime] = _utc_now, tz: tzinfo | None = None) -> None:
        """`tz` None: the machine's own zone, as the user's wall clock shows it."""
        self._now = now
        self.tz = tz

    def now(self) -> datetime:
        return self._now()

    def set(self, now: Callable[[], datetime], tz: tzinfo | None = None) -> None:
        self._now = now
        self.tz = tz

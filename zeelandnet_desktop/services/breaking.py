"""Decides, after each refresh round and each change of the unread mail count, whether the
user hears about it. The rule itself is news/breaking.py (pure); this gathers its facts from
the settings, the store and the window, and remembers what it decided.

No widgets: the window's state comes in as callables, the tray shows what `breaking_news` and
`new_mail` carry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from .. import i18n
from .. import settings as keys
from ..news import breaking
from ..news.model import Article
from ..settings import Settings

if TYPE_CHECKING:
    from ..news.report import RefreshReport
    from .news import NewsService

log = logging.getLogger(__name__)


def pause_until_morning(now_local: datetime, morning: time) -> datetime:
    """"Until tomorrow": the next time the clock shows `morning` (the end of quiet hours)."""
    target = now_local.replace(hour=morning.hour, minute=morning.minute, second=0,
                               microsecond=0)
    if target <= now_local:
        target += timedelta(days=1)
    return target


class BreakingNewsService(QObject):
    breaking_news = Signal(object)  # breaking.Notification
    new_mail = Signal(int)  # the unread count that rose
    paused_changed = Signal()

    def __init__(self, settings: Settings, news: NewsService, *,
                 news_on_screen: Callable[[], bool], window_hidden: Callable[[], bool],
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._news = news
        self._news_on_screen = news_on_screen
        self._window_hidden = window_hidden
        self._clock = clock
        # A store without articles is a new profile (or one rebuilt after corruption): its
        # first successful round is the backlog, not news.
        self._primed = news.article_count() > 0 and not news.recovered_from_corruption
        self._unread_mail = -1  # unknown until the webmail page says
        news.refresh_finished.connect(self.on_round)

    # --- pausing --------------------------------------------------------------------------

    def paused_until(self) -> datetime | None:
        stamp = self._settings.get(keys.PAUSED_UNTIL)
        if not stamp:
            return None
        until = datetime.fromtimestamp(stamp, timezone.utc)
        return until if until > self._clock() else None

    def pause(self, until: datetime | None) -> None:
        """Pause notifications until then (None: resume now)."""
        self._settings.set(keys.PAUSED_UNTIL, int(until.timestamp()) if until else 0)
        log.info("Notifications %s", f"paused until {until:%Y-%m-%d %H:%M %Z}" if until
                 else "resumed")
        self.paused_changed.emit()

    def pause_for_an_hour(self) -> None:
        self.pause(self._clock() + timedelta(hours=1))

    def pause_until_tomorrow(self) -> None:
        morning = self._quiet_end() or time(7, 0)
        self.pause(pause_until_morning(self._clock().astimezone(), morning))

    def _quiet_end(self) -> time | None:
        try:
            return breaking.parse_clock(self._settings.get(keys.QUIET_END))
        except ValueError:
            return None

    def _quiet_hours(self) -> breaking.QuietHours | None:
        if not self._settings.get(keys.QUIET_HOURS):
            return None
        try:
            return breaking.QuietHours(breaking.parse_clock(self._settings.get(keys.QUIET_START)),
                                       breaking.parse_clock(self._settings.get(keys.QUIET_END)))
        except ValueError:
            return None

    def notify_categories(self) -> frozenset[str]:
        switched_on: list[str] = self._settings.get(keys.NOTIFY_CATEGORIES_ON)
        switched_off: list[str] = self._settings.get(keys.NOTIFY_CATEGORIES_OFF)
        return breaking.notify_categories(
            ((c.id, c.notify) for c in self._news.categories()), switched_on, switched_off)

    def category_names(self) -> dict[str, str]:
        """Category names as the user reads them now, for the notification's text."""
        language = i18n.current_language()
        return {c.id: c.name(language) for c in self._news.categories()}

    # --- news -----------------------------------------------------------------------------

    def on_round(self, report: RefreshReport | None) -> None:
        if report is None or not report.any_success or self._news.is_shut_down:
            return
        first, self._primed = not self._primed, True
        now = self._clock()
        if first:
            # Nothing to read or remember: these ids are stored now and never come back as
            # new, and reading hundreds of articles here would only cost GUI time.
            log.info("Breaking news: first refresh of this profile, no notification")
            return
        if not report.new_ids or not self._settings.get(keys.NOTIFY_BREAKING):
            return
        news = self._news
        articles: list[Article] = news.articles_by_id(report.new_ids)
        situation = breaking.Situation(
            now=now,
            local_time=now.astimezone().time(),
            notify_categories=self.notify_categories(),
            seen=news.breaking_seen(k for a in articles for k in breaking.keys_of(a)),
            paused_until=self.paused_until(),
            quiet_hours=self._quiet_hours(),
            sent_last_hour=news.breaking_sent_since(now - timedelta(hours=1)),
            hourly_limit=self._settings.get(keys.NOTIFY_PER_HOUR),
            news_on_screen=self._news_on_screen(),
            category_names=self.category_names(),
        )
        decision = breaking.decide(articles, situation, many=self._many)
        news.remember_breaking(decision.remember, now, sent=decision.notification is not None)
        log.info("Breaking news: %d new articles, %s", len(articles), decision.reason)
        if decision.notification is not None:
            self.breaking_news.emit(decision.notification)

    @staticmethod
    def _many(count: int) -> str:
        # Always two or more here, so no plural forms are needed.
        return QCoreApplication.translate("Tray", "%1 new articles").replace("%1", str(count))

    # --- mail -----------------------------------------------------------------------------

    def on_unread_mail(self, count: int) -> None:
        previous, self._unread_mail = self._unread_mail, count
        if previous < 0:
            return  # the first count after start-up is not news
        quiet = self._quiet_hours()
        announce = breaking.should_announce_mail(
            previous, count,
            enabled=self._settings.get(keys.NOTIFY_MAIL),
            window_hidden=self._window_hidden(),
            paused=self.paused_until() is not None,
            quiet=quiet is not None and quiet.contains(self._clock().astimezone().time()),
        )
        if announce:
            self.new_mail.emit(count)

"""Decides, after each refresh round, each change of the unread mail count, each of the
webmail page's own notifications and each new mail the mail watch found, whether the user hears
about it. While the mail watch is on it is the one voice for new mail: the page's count and its
own notifications then announce nothing. The rule itself is
news/breaking.py (pure); this gathers its facts from the settings, the store and the window,
and remembers what it decided.

No widgets: the window's state comes in as callables; the notifications feature
(ui/tray/notices.py) shows what `breaking_news`, `new_mail` and `page_notification` carry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from .. import i18n
from .. import settings as keys
from ..news import breaking
from ..news.model import Article
from ..settings import Settings

if TYPE_CHECKING:
    from ..news.report import RefreshReport
    from .mail_watch import MailWatchService, NewMailNotice
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
    new_mail = Signal(int)  # the unread count now, after it rose
    page_notification = Signal(str, str)  # title, body: the webmail page's own, let through
    watch_mail = Signal(object)  # NewMailNotice: new messages the mail watch found, let through
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
        self._page_spoke_at: datetime | None = None  # the page's own last notification
        # How long a rise of the unread count waits for the page's own notification.
        self.page_grace = breaking.PAGE_GRACE
        self._page_wait = QTimer(self)
        self._page_wait.setSingleShot(True)
        self._page_wait.timeout.connect(self._page_stayed_silent)
        self._mail_watch: MailWatchService | None = None
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

    def follow_mail_watch(self, watch: MailWatchService) -> None:
        """While `watch` is on, new mail is announced from what it found, and only that."""
        self._mail_watch = watch

    def _watch_speaks(self) -> bool:
        return self._mail_watch is not None and self._mail_watch.active

    def on_watch_mail(self, notice: NewMailNotice, *, webmail_on_screen: bool) -> None:
        """New messages the mail watch found: one notification for them, under the calm
        rules, unless the user is looking at the webmail."""
        if not self._settings.get(keys.NOTIFY_MAIL):
            return
        if webmail_on_screen or self.paused_until() is not None or self._quiet_now():
            log.info("New mail from the mail watch, not announced: %s",
                     "webmail on screen" if webmail_on_screen else "paused or quiet hours")
            return
        self.watch_mail.emit(notice)

    def on_unread_mail(self, count: int) -> None:
        previous, self._unread_mail = self._unread_mail, count
        if self._watch_speaks():
            self._page_wait.stop()
            return  # the count is the watch's now; its new mail comes with names
        if previous < 0:
            return  # the first count after start-up is not news
        if not self._may_announce_mail(previous, count):
            if count <= 0:
                self._page_wait.stop()  # read elsewhere meanwhile: nothing left to announce
            return
        voice = breaking.mail_voice(self._clock(), page_allowed=self._page_may_notify(),
                                    page_spoke_at=self._page_spoke_at, grace=self.page_grace)
        log.info("New mail: %s", voice)
        if voice == breaking.OURS_NOW:
            self.new_mail.emit(count)
        elif voice == breaking.WAIT_FOR_PAGE and not self._page_wait.isActive():
            self._page_wait.start(int(self.page_grace.total_seconds() * 1000))

    @property
    def mail_waiting(self) -> bool:
        """A rise of the unread count waits for the page's own notification (at most
        `page_grace`); without one, ours follows."""
        return self._page_wait.isActive()

    def on_web_notification(self, title: str, body: str, *, webmail_on_screen: bool) -> None:
        """The webmail page's own notification (the user allowed it for this provider). It
        speaks for the new mail it announces, so ours for the same rise stays silent."""
        if self._watch_speaks():
            log.info("The webmail page's notification is not shown: the mail watch speaks "
                     "for new mail")
            return
        self._page_spoke_at = self._clock()
        if self._page_wait.isActive():
            self._page_wait.stop()
            log.info("New mail: the page's own notification speaks for it")
        if webmail_on_screen or self.paused_until() is not None or self._quiet_now():
            log.info("The webmail page's notification is not shown: %s",
                     "webmail on screen" if webmail_on_screen else "paused or quiet hours")
            return
        self.page_notification.emit(title, body)

    def _page_stayed_silent(self) -> None:
        count = self._unread_mail
        if self._may_announce_mail(0, count):
            log.info("New mail: the page gave no notification of its own, ours instead")
            self.new_mail.emit(count)

    def _may_announce_mail(self, previous: int, count: int) -> bool:
        return breaking.should_announce_mail(
            previous, count,
            enabled=self._settings.get(keys.NOTIFY_MAIL),
            window_hidden=self._window_hidden(),
            paused=self.paused_until() is not None,
            quiet=self._quiet_now(),
        )

    def _quiet_now(self) -> bool:
        quiet = self._quiet_hours()
        return quiet is not None and quiet.contains(self._clock().astimezone().time())

    def _page_may_notify(self) -> bool:
        """The user allowed the chosen provider's page to notify (webmail settings)."""
        chosen = self._settings.get(keys.WEBMAIL_PROVIDER)
        return bool(chosen) and self._settings.get_map(
            keys.WEBMAIL_NOTIFICATIONS).get(chosen) == "granted"

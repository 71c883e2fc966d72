"""Desktop notifications for the whole app, with or without a tray icon: breaking news, new
mail (with sender and subject when the mail watch found it), the webmail page's own
notifications and the close-to-tray hint, and what a click on one opens.

Attached by the shell after the first paint. On Linux with a notification server the bubbles go
through org.freedesktop.Notifications (system/notifications.py: our name, icon, a click that
opens, one bubble per kind); on Windows, macOS and Linux without a server through the tray
icon's own messages, once the tray feature hands its icon over; with neither, nothing is shown
and Instellingen → Meldingen says so. While the app is stopping nothing is sent at all.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from ...news import announce
from ...news.breaking import Notification
from ...services.breaking import BreakingNewsService
from ...services.news import NewsService
from ...system import notifications
from ...system.notifications import HINT, MAIL, NEWS, WEB, Activated, Announcement, Notifier
from ..shell_api import ShellApi
from .balloon import BalloonNotifier, GuiPost, translate
from .feature import register_pages
from .mail_notice import message_of, watch_mail_key, watch_mail_text

if TYPE_CHECKING:
    from ...services.mail_watch import MailWatchService, NewMailNotice

log = logging.getLogger(__name__)

# Where notifications can be shown (`reach`).
DESKTOP = "desktop"  # the notification server
TRAY = "tray"  # the tray icon's messages
NOWHERE = "nowhere"


def server_on_linux() -> bool:
    """A notification server to talk to ourselves: only Linux has one we use."""
    return sys.platform.startswith("linux") and notifications.available()


class NotificationsFeature(QObject):
    news_announced = Signal()  # breaking news went out: the tray shows its unread dot

    def __init__(self, shell: ShellApi, breaking: BreakingNewsService, news: NewsService,
                 parent: QObject | None = None, *,
                 find_server: Callable[[], bool] = server_on_linux,
                 mail_watch: MailWatchService | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._breaking = breaking
        self._mail_watch = mail_watch
        self._post = GuiPost(self)
        self._notifier: Notifier | None = None
        self._server: bool | None = None  # None until asked (off the GUI thread)
        self._given: Notifier | None = None  # use_notifier's, which nothing replaces
        self._tray_icon: QSystemTrayIcon | None = None
        self._waiting: dict[str, Announcement] = {}  # said before the answer: newest per kind
        self._closed = False
        breaking.breaking_news.connect(self.announce_news)
        breaking.new_mail.connect(self.announce_mail)
        breaking.page_notification.connect(self.announce_page)
        breaking.watch_mail.connect(self.announce_watch_mail)
        if mail_watch is not None:
            breaking.follow_mail_watch(mail_watch)
            mail_watch.new_mail.connect(self._on_watch_mail)
        shell.unread_mail_changed.connect(breaking.on_unread_mail)
        shell.web_notification.connect(self._on_web_notification)
        shell.tab_activated.connect(self._on_tab_activated)
        shell.shutting_down.connect(self.close)
        shell.window.installEventFilter(self)
        # Instellingen → Meldingen again, now that it can tell whether anything can be shown.
        register_pages(shell, news, can_notify=lambda: self.reach() != NOWHERE)
        # A stuck session bus must not hold the window: the question runs in a thread.
        threading.Thread(target=self._ask, args=(find_server,), name="notifications-server",
                         daemon=True).start()

    # --- where notifications go -----------------------------------------------------------------

    def _ask(self, find_server: Callable[[], bool]) -> None:
        try:
            found = find_server()
        except Exception:
            log.exception("Notifications: cannot tell whether a notification server exists")
            found = False
        with contextlib.suppress(RuntimeError):  # the app went away meanwhile
            self._post(lambda: self._answered(found))

    def _answered(self, found: bool) -> None:
        if self._closed:
            return
        self._server = found
        # A notifier given through use_notifier stays: nothing of the platform's replaces it.
        if found and self._given is None:
            self._notifier = notifications.FreedesktopNotifier(
                on_activated=self._on_activated, on_closed=self._on_closed,
                on_pause=self._on_pause, post=self._post, translate=translate)
        elif self._tray_icon is not None and self._given is None:
            self._notifier = self._balloons(self._tray_icon)
        log.info("Notifications: %s", {DESKTOP: "through the notification server",
                                       TRAY: "as tray messages",
                                       NOWHERE: "none can be shown (no server, no tray)"}
                 [self.reach() or NOWHERE])
        waiting, self._waiting = self._waiting, {}
        for announcement in waiting.values():
            self._send(announcement)

    def use_notifier(self, make: Callable[[Activated], Notifier]) -> None:
        """From now on notifications go through the notifier `make(on_activated)` returns,
        whatever this platform offers (another platform's, or a recording one in tests)."""
        if self._closed:
            return
        self._given = self._notifier = make(self._on_activated)
        waiting, self._waiting = self._waiting, {}
        for announcement in waiting.values():
            self._send(announcement)

    def use_tray_icon(self, icon: QSystemTrayIcon) -> None:
        """The tray feature's icon: its messages are the fallback without a server."""
        self._tray_icon = icon
        if (self._server is False and self._notifier is None and self._given is None
                and not self._closed):
            self._notifier = self._balloons(icon)

    def _balloons(self, icon: QSystemTrayIcon) -> BalloonNotifier:
        return BalloonNotifier(icon, on_activated=self._on_activated)

    def reach(self) -> str | None:
        """DESKTOP, TRAY or NOWHERE; None while that is not known yet."""
        if self._given is not None:
            return DESKTOP
        if self._server is None:
            return None
        if self._server:
            return DESKTOP
        return TRAY if self._tray_icon is not None else NOWHERE

    @property
    def notifier(self) -> Notifier | None:
        return self._notifier

    def app_stopping(self) -> bool:
        """Quit from the menu, SIGTERM at logout, or shut down: no words any more."""
        app = QCoreApplication.instance()
        by_signal = app is not None and bool(app.property("quitBySignal"))
        return self._closed or self._shell.quitting or by_signal

    # --- what is announced --------------------------------------------------------------------

    def announce_news(self, notification: Notification) -> None:
        self._send(Announcement(NEWS, announce.news_key(notification),
                                *announce.breaking_text(notification)))
        self.news_announced.emit()

    def announce_mail(self, count: int) -> None:
        self._send(Announcement(MAIL, announce.MAIL_KEY,
                                *announce.mail_text(count, translate=translate),
                                category=notifications.MAIL_CATEGORY))

    def announce_watch_mail(self, notice: NewMailNotice) -> None:
        self._send(Announcement(MAIL, watch_mail_key(notice),
                                *watch_mail_text(notice, translate=translate),
                                category=notifications.MAIL_CATEGORY))

    def announce_page(self, title: str, body: str) -> None:
        self._send(Announcement(WEB, announce.MAIL_KEY,
                                *announce.page_text(title, body, translate=translate),
                                category=notifications.MAIL_CATEGORY))

    def hint(self, title: str, body: str) -> None:
        """A message that announces nothing to open: a click shows the window."""
        self._send(Announcement(HINT, announce.WINDOW_KEY, title, body, pausable=False))

    def _send(self, announcement: Announcement) -> None:
        if self.app_stopping():
            log.info("Notification (%s) not shown: the app is stopping", announcement.kind)
        elif self._server is None and self._given is None:
            self._waiting[announcement.kind] = announcement
        elif self._notifier is None:
            log.info("Notification (%s) not shown: nowhere to show it", announcement.kind)
        else:
            self._notifier.notify(announcement)

    def _on_watch_mail(self, notice: NewMailNotice) -> None:
        self._breaking.on_watch_mail(notice,
                                     webmail_on_screen=self._shell.tab_on_screen("webmail"))

    def _on_web_notification(self, title: str, body: str) -> None:
        self._breaking.on_web_notification(
            title, body, webmail_on_screen=self._shell.tab_on_screen("webmail"))

    # --- what the user does with them ---------------------------------------------------------

    def _on_activated(self, key: str, action: str) -> None:
        if self.app_stopping():
            return
        uid = message_of(key)
        if uid is not None and self._mail_watch is not None:
            log.info("Notification clicked (%s): opening the message", action)
            self._mail_watch.show_message(uid)
            return
        target = announce.target_of(key)
        log.info("Notification clicked (%s): opening %s", action,
                 "the window" if target is None else
                 "the webmail" if target == ("", "") else
                 "the category" if not target[1] else "the article")
        if target is None:
            self._shell.bring_to_front()
        elif target == ("", ""):
            self._shell.bring_to_front("webmail")
        else:
            self._shell.show_article(*target)

    def _on_pause(self, _key: str) -> None:
        if not self.app_stopping():
            self._breaking.pause_for_an_hour()

    def _on_closed(self, key: str, reason: str) -> None:
        log.debug("Notification closed (%s)", reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._shell.window and event.type() == QEvent.Type.WindowActivate:
            self._on_tab_activated(self._shell.current_tab())
        return False

    def _on_tab_activated(self, name: str) -> None:
        # What a bubble announced is in front of the user now: it has done its job.
        if self._notifier is None or self._closed or self._shell.window_hidden():
            return
        if name == "news":
            self._notifier.dismiss(NEWS)
        elif name == "webmail":
            self._notifier.dismiss(MAIL)
            self._notifier.dismiss(WEB)

    def close(self) -> None:
        """At shut-down, before anything else: the bubbles are taken back, nothing more is
        sent."""
        if self._closed:
            return
        self._closed = True
        self._waiting.clear()
        self._shell.window.removeEventFilter(self)
        if self._notifier is not None:
            self._notifier.close()

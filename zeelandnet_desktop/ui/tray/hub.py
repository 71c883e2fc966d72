"""The tray's part of the signal hub: wires the tray icon, the breaking-news service, the window
and the webmail tab together.

Kept apart from application.py so the tray feature is one file to read; Application creates
it after the first paint (only when a system tray exists) and forwards a few events to it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from ... import settings as keys
from ...services.breaking import BreakingNewsService
from .icon import Tray

if TYPE_CHECKING:
    from ...news.refresh import RefreshReport
    from ...shell import Application
    from ..webmail.tab import WebmailTab

log = logging.getLogger(__name__)


class TrayHub(QObject):
    def __init__(self, app: Application) -> None:
        super().__init__(app)
        self.app = app
        window = app.window
        self.tray = Tray(self)
        self.service = BreakingNewsService(
            app.settings, app.news, news_on_screen=self.news_on_screen,
            window_hidden=self.window_hidden, parent=self)
        # With a tray, closing the window hides it; the app ends through "Quit" (as Vorta).
        app.qt_app.setQuitOnLastWindowClosed(False)

        tray = self.tray
        tray.toggle_window.connect(self.toggle_window)
        tray.show_window.connect(lambda: window.bring_to_front())
        tray.open_webmail.connect(lambda: window.bring_to_front("webmail"))
        tray.open_news.connect(lambda: window.bring_to_front("news"))
        tray.open_article.connect(self.open_article)
        tray.refresh.connect(lambda: app.news.refresh(force=True))
        tray.settings.connect(self.open_settings)
        tray.quit.connect(app.quit)
        tray.pause_hour.connect(self.service.pause_for_an_hour)
        tray.pause_tomorrow.connect(self.service.pause_until_tomorrow)
        tray.resume.connect(lambda: self.service.pause(None))
        tray.menu.aboutToShow.connect(self._show_pause_state)
        self.service.paused_changed.connect(self._show_pause_state)
        self.service.breaking_news.connect(tray.show_breaking)
        self.service.new_mail.connect(tray.show_new_mail)
        app.news.refresh_finished.connect(self._on_round)
        window.tab_activated.connect(lambda _name: self._clear_indicator())
        window.installEventFilter(self)
        self._show_pause_state()
        if app.news.last_report is not None:
            self._on_round(app.news.last_report)
        tray.show()
        log.info("Tray icon shown")

    # --- window ---------------------------------------------------------------------------

    def window_hidden(self) -> bool:
        window = self.app.window
        return not window.isVisible() or window.isMinimized()

    def tab_on_screen(self, tab: str) -> bool:
        """The user is looking at this tab: window shown, active, and on that tab."""
        window = self.app.window
        return (not self.window_hidden() and window.isActiveWindow()
                and window.current_tab() == tab)

    def news_on_screen(self) -> bool:
        return self.tab_on_screen("news")

    def toggle_window(self) -> None:
        if self.window_hidden():
            self.app.window.bring_to_front()
        else:
            self.app.window.close()  # hides (the tray keeps the app) and saves the state

    def open_article(self, category: str, article_id: str) -> None:
        self.app.window.bring_to_front("news")
        self.app.news_tab.show_article(category, article_id)

    def open_settings(self) -> None:
        self.app.window.bring_to_front()
        self.app.show_settings()

    def window_closing(self) -> bool:
        """The window is being closed by the user: True when the app keeps running."""
        if not self.tray.icon.isSystemTrayAvailable():
            return False  # the tray went away since start-up: never a window out of reach
        if not self.app.settings.get(keys.TRAY_HINT_SHOWN):
            self.app.settings.set(keys.TRAY_HINT_SHOWN, True)
            # Literal calls, so lupdate finds the strings.
            self.tray.show_hint(
                QCoreApplication.translate("Tray", "ZeelandNet keeps running"),
                QCoreApplication.translate(
                    "Tray", "ZeelandNet is still running in the system tray and announces "
                    "breaking news. Choose Quit in its menu to stop it."))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.app.window and event.type() == QEvent.Type.WindowActivate:
            self._clear_indicator()
        return False

    def _clear_indicator(self) -> None:
        # Breaking news counts as seen once the news tab is in front of the user.
        if self.app.window.isVisible() and self.app.window.current_tab() == "news":
            self.tray.set_breaking_unread(False)

    # --- news and mail ----------------------------------------------------------------------

    def _on_round(self, report: RefreshReport | None) -> None:
        if report is not None and report.any_success:
            self.tray.set_last_refresh(report.finished)
        self._show_pause_state()

    def _show_pause_state(self) -> None:
        self.tray.set_paused_until(self.service.paused_until())

    def watch_webmail(self, tab: WebmailTab) -> None:
        tab.unread_changed.connect(self.tray.set_unread_mail)
        tab.unread_changed.connect(self.service.on_unread_mail)
        tab.web_notification.connect(self._on_web_notification)

    def _on_web_notification(self, title: str, body: str) -> None:
        # The provider's own notifications (allowed per provider in the webmail tab) reach the
        # user through the tray, except while they look at the webmail or paused us.
        if self.tab_on_screen("webmail") or self.service.paused_until() is not None:
            return
        self.tray.show_web_notification(title, body)

    def shut_down(self) -> None:
        self.tray.close()
        self.app.window.removeEventFilter(self)
        self.app.qt_app.setQuitOnLastWindowClosed(True)

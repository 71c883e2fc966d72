"""The tray feature: the tray icon and its menu, breaking news and new mail in notifications,
close-to-tray. Attached to the shell after the first paint, only when a system tray exists.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from ... import settings as keys
from ...services.breaking import BreakingNewsService
from ...services.news import NewsService
from ..shell_api import ShellApi
from .icon import Tray
from .settings_page import TraySettingsPage

log = logging.getLogger(__name__)


def register_pages(shell: ShellApi, news: NewsService) -> None:
    """Instellingen → Meldingen exists with or without a tray (the calm rules apply anyway)."""
    shell.settings_pages.register(
        "notifications", 20, lambda parent: TraySettingsPage(shell.settings, news, parent))


class TrayFeature(QObject):
    def __init__(self, shell: ShellApi, breaking: BreakingNewsService, news: NewsService,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self.tray = Tray(self)
        self.service = breaking
        # With a tray, closing the window hides it; the app ends through "Quit" (as Vorta).
        QApplication.setQuitOnLastWindowClosed(False)
        shell.keep_running_when_closed(self.window_closing)

        tray = self.tray
        tray.toggle_window.connect(self.toggle_window)
        tray.show_window.connect(lambda: shell.bring_to_front())
        tray.open_webmail.connect(lambda: shell.bring_to_front("webmail"))
        tray.open_news.connect(lambda: shell.bring_to_front("news"))
        tray.open_article.connect(shell.show_article)
        tray.refresh.connect(shell.refresh_news)
        tray.settings.connect(self.open_settings)
        tray.quit.connect(shell.quit)
        tray.pause_hour.connect(breaking.pause_for_an_hour)
        tray.pause_tomorrow.connect(breaking.pause_until_tomorrow)
        tray.resume.connect(lambda: breaking.pause(None))
        tray.menu.aboutToShow.connect(self._show_pause_state)
        breaking.paused_changed.connect(self._show_pause_state)
        breaking.breaking_news.connect(tray.show_breaking)
        breaking.new_mail.connect(tray.show_new_mail)
        news.refresh_finished.connect(self._on_round)
        shell.tab_activated.connect(lambda _name: self._clear_indicator())
        shell.unread_mail_changed.connect(self._on_unread_mail)
        shell.web_notification.connect(self._on_web_notification)
        shell.shutting_down.connect(self.shut_down)
        shell.window.installEventFilter(self)
        self._show_pause_state()
        if news.last_report is not None:
            self._on_round(news.last_report)
        tray.show()
        log.info("Tray icon shown")

    # --- window ---------------------------------------------------------------------------

    def toggle_window(self) -> None:
        if self._shell.window_hidden():
            self._shell.bring_to_front()
        else:
            self._shell.window.close()  # hides (the tray keeps the app) and saves the state

    def open_settings(self) -> None:
        self._shell.bring_to_front()
        self._shell.open_settings()

    def window_closing(self) -> bool:
        """The window is being closed by the user: True when the app keeps running."""
        if not self.tray.icon.isSystemTrayAvailable():
            return False  # the tray went away since start-up: never a window out of reach
        settings = self._shell.settings
        if not settings.get(keys.TRAY_HINT_SHOWN):
            settings.set(keys.TRAY_HINT_SHOWN, True)
            # Literal calls, so lupdate finds the strings.
            self.tray.show_hint(
                QCoreApplication.translate("Tray", "ZeelandNet keeps running"),
                QCoreApplication.translate(
                    "Tray", "ZeelandNet is still running in the system tray and announces "
                    "breaking news. Choose Quit in its menu to stop it."))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._shell.window and event.type() == QEvent.Type.WindowActivate:
            self._clear_indicator()
        return False

    def _clear_indicator(self) -> None:
        # Breaking news counts as seen once the news tab is in front of the user.
        window = self._shell.window
        if window.isVisible() and self._shell.current_tab() == "news":
            self.tray.set_breaking_unread(False)

    # --- news and mail ----------------------------------------------------------------------

    def _on_round(self, report: object) -> None:
        from ...news.report import RefreshReport

        if isinstance(report, RefreshReport) and report.any_success:
            self.tray.set_last_refresh(report.finished)
        self._show_pause_state()

    def _show_pause_state(self) -> None:
        self.tray.set_paused_until(self.service.paused_until())

    def _on_unread_mail(self, count: int) -> None:
        self.tray.set_unread_mail(count)
        self.service.on_unread_mail(count)

    def _on_web_notification(self, title: str, body: str) -> None:
        # The provider's own notifications (allowed per provider in the webmail tab) reach the
        # user through the tray, except while they look at the webmail or paused us.
        if self._shell.tab_on_screen("webmail") or self.service.paused_until() is not None:
            return
        self.tray.show_web_notification(title, body)

    def shut_down(self) -> None:
        self.tray.close()
        self._shell.window.removeEventFilter(self)
        self._shell.keep_running_when_closed(None)
        QApplication.setQuitOnLastWindowClosed(True)

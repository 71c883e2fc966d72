"""The tray feature: the tray icon and its menu, its unread dot, close-to-tray. Attached to the
shell after the first paint, only when a system tray exists. The notifications themselves are
the notifications feature's (notices.py), which also works without a tray; the tray lends it
its icon for messages where no notification server exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from ... import settings as keys
from ...services.breaking import BreakingNewsService
from ...services.news import NewsService
from ..shell_api import ShellApi
from .icon import Tray

if TYPE_CHECKING:
    from .notices import NotificationsFeature

log = logging.getLogger(__name__)


def register_pages(shell: ShellApi, news: NewsService,
                   can_notify: Callable[[], bool] = lambda: True) -> None:
    """Instellingen → Meldingen exists with or without a tray (the calm rules apply anyway).
    `can_notify` is asked each time the page opens (the notifications feature knows)."""
    def page(parent: QWidget) -> QWidget:
        # Imported when Instellingen first opens (with autostart's plist and desktop-file
        # code): not before the first paint.
        from .settings_page import TraySettingsPage

        return TraySettingsPage(shell.settings, news, parent, can_notify=can_notify())

    shell.settings_pages.register("notifications", 20, page)


class TrayFeature(QObject):
    def __init__(self, shell: ShellApi, breaking: BreakingNewsService, news: NewsService,
                 notices: NotificationsFeature, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._notices = notices
        self.tray = Tray(self)
        self.service = breaking
        # With a tray, closing the window hides it; the app ends through "Quit" (as Vorta).
        QApplication.setQuitOnLastWindowClosed(False)
        shell.keep_running_when_closed(self.window_closing)

        tray = self.tray
        tray.toggle_window.connect(self.toggle_window)
        tray.open_webmail.connect(lambda: shell.bring_to_front("webmail"))
        tray.open_news.connect(lambda: shell.bring_to_front("news"))
        tray.refresh.connect(shell.refresh_news)
        tray.settings.connect(self.open_settings)
        tray.quit.connect(shell.quit)
        tray.pause_hour.connect(breaking.pause_for_an_hour)
        tray.pause_tomorrow.connect(breaking.pause_until_tomorrow)
        tray.resume.connect(lambda: breaking.pause(None))
        tray.menu.aboutToShow.connect(self._show_pause_state)
        breaking.paused_changed.connect(self._show_pause_state)
        notices.news_announced.connect(lambda: tray.set_breaking_unread(True))
        notices.use_tray_icon(tray.icon)
        news.refresh_finished.connect(self._on_round)
        shell.tab_activated.connect(lambda _name: self._clear_indicator())
        shell.unread_mail_changed.connect(tray.set_unread_mail)
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
        if self._notices.app_stopping():
            return True  # Qt closes the window on its way out (SIGTERM at logout): no words
        settings = self._shell.settings
        if not settings.get(keys.TRAY_HINT_SHOWN):
            settings.set(keys.TRAY_HINT_SHOWN, True)
            # Literal calls, so lupdate finds the strings.
            self._notices.hint(
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

    def shut_down(self) -> None:
        self._notices.close()  # first: its tray messages use the icon that goes now
        self.tray.close()
        self._shell.window.removeEventFilter(self)
        self._shell.keep_running_when_closed(None)
        QApplication.setQuitOnLastWindowClosed(True)

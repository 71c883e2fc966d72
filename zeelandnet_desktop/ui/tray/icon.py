"""The tray icon: where users meet an app that runs all day.

Left click shows or hides the window; the menu opens webmail or the news, refreshes, pauses
notifications, opens the settings or quits. The tray shows no messages itself: notifications
are the notifications feature's (notices.py), which may use this icon's messages where no
notification server exists. The tray only shows things and emits signals; the application
decides what they do.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ... import APP_NAME
from ...assets import resource_path

log = logging.getLogger(__name__)


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    toggle_window = Signal()
    open_webmail = Signal()
    open_news = Signal()
    refresh = Signal()
    settings = Signal()
    quit = Signal()
    pause_hour = Signal()
    pause_tomorrow = Signal()
    resume = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon_plain = QIcon(str(resource_path("icons", "zeelandnet-tray.svg")))
        self.icon_unread = QIcon(str(resource_path("icons", "zeelandnet-tray-unread.svg")))
        self.icon = QSystemTrayIcon(self.icon_plain, self)
        self.icon.setObjectName("trayIcon")
        self._breaking_unread = False
        self._unread_mail: int | None = None
        self._last_refresh: datetime | None = None
        self._paused_until: datetime | None = None

        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.action_webmail = self._action("trayWebmail", self.open_webmail)
        self.action_news = self._action("trayNews", self.open_news)
        self.menu.addSeparator()
        self.action_refresh = self._action("trayRefresh", self.refresh)
        self.pause_menu = QMenu(self.menu)
        self.pause_menu.setObjectName("trayPauseMenu")
        self.pause_menu.menuAction().setObjectName("trayPause")
        self.action_pause_hour = QAction(self.pause_menu)
        self.action_pause_tomorrow = QAction(self.pause_menu)
        self.action_resume = QAction(self.pause_menu)
        self.action_pause_hour.setObjectName("trayPauseHour")
        self.action_pause_tomorrow.setObjectName("trayPauseTomorrow")
        self.action_resume.setObjectName("trayResume")
        for action, signal in ((self.action_pause_hour, self.pause_hour),
                               (self.action_pause_tomorrow, self.pause_tomorrow),
                               (self.action_resume, self.resume)):
            action.triggered.connect(signal)
            self.pause_menu.addAction(action)
        self.menu.addMenu(self.pause_menu)
        self.menu.addSeparator()
        self.action_settings = self._action("traySettings", self.settings)
        self.action_quit = self._action("trayQuit", self.quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.icon.setContextMenu(self.menu)

        self.icon.activated.connect(self._on_activated)
        self.menu.installEventFilter(self)  # for LanguageChange: a QMenu is not our widget
        self._retranslate()

    def _action(self, name: str, signal: SignalInstance) -> QAction:
        action = QAction(self.menu)
        action.setObjectName(name)
        action.triggered.connect(signal)
        self.menu.addAction(action)
        return action

    def _retranslate(self) -> None:
        self.action_webmail.setText(self.tr("Open webmail"))
        self.action_news.setText(self.tr("News"))
        self.action_refresh.setText(self.tr("Refresh now"))
        self.pause_menu.setTitle(self.tr("Pause notifications"))
        self.action_pause_hour.setText(self.tr("For 1 hour"))
        self.action_pause_tomorrow.setText(self.tr("Until tomorrow"))
        self.action_resume.setText(self.tr("Resume"))
        self.action_settings.setText(self.tr("Settings…"))
        self.action_quit.setText(self.tr("Quit"))
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False

    # --- state shown ----------------------------------------------------------------------

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def close(self) -> None:
        """At shut-down: off the panel, and the parentless menu goes with it."""
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]
        self.menu.deleteLater()

    def set_last_refresh(self, when: datetime) -> None:
        self._last_refresh = when
        self._update()

    def set_unread_mail(self, count: int) -> None:
        self._unread_mail = max(0, count)
        self._update()

    def set_breaking_unread(self, unread: bool) -> None:
        self._breaking_unread = unread
        self._update()

    def set_paused_until(self, until: datetime | None) -> None:
        self._paused_until = until
        self._update()

    @property
    def has_indicator(self) -> bool:
        return self._breaking_unread or bool(self._unread_mail)

    def _update(self) -> None:
        self.icon.setIcon(self.icon_unread if self.has_indicator else self.icon_plain)
        self.action_resume.setEnabled(self._paused_until is not None)
        self.icon.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        lines = [APP_NAME]
        if self._last_refresh is not None:
            lines.append(self.tr("News updated at %1").replace(
                "%1", self._last_refresh.astimezone().strftime("%H:%M")))
        if self._unread_mail:
            lines.append(self.tr("Unread mail: %1").replace("%1", str(self._unread_mail)))
        if self._paused_until is not None:
            lines.append(self.tr("Notifications paused until %1").replace(
                "%1", self._paused_until.astimezone().strftime("%H:%M")))
        return "\n".join(lines)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window.emit()

"""Notifications as the tray icon's own messages, for Windows (toasts), macOS (Notification
Center) and Linux without a notification server; the same `Notifier` interface as the
freedesktop one, so the tray does not care which it has.

Also the Qt glue every notifier needs: `GuiPost`, which runs a notifier's callbacks on the GUI
thread, and `translate`, which words its buttons.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from ...system.notifications import DEFAULT, Activated, Announcement, resolved

log = logging.getLogger(__name__)

MESSAGE_MS = 10_000


def translate(text: str) -> str:
    """The notifier's words (context "Notifications") in the language the app speaks now."""
    return QCoreApplication.translate("Notifications", text)


class GuiPost(QObject):
    """Call it with a function from any thread; the function runs on this object's thread
    (the GUI thread when created there), through the event loop."""

    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def __call__(self, function: Callable[[], None]) -> None:
        self._call.emit(function)

    @staticmethod
    def _run(function: Callable[[], None]) -> None:
        function()


class BalloonNotifier:
    """QSystemTrayIcon.showMessage behind the `Notifier` interface.

    A tray message has no id and no buttons: a click (messageClicked) is the default action
    for the last message shown; Qt can neither take a message back nor say it closed, so
    `dismiss` does nothing and on_closed is never called.
    """

    def __init__(self, icon: QSystemTrayIcon, *, on_activated: Activated,
                 message_icon: QIcon | None = None, duration_ms: int = MESSAGE_MS) -> None:
        self._icon = icon
        self._on_activated = on_activated
        self._message_icon = message_icon if message_icon is not None else icon.icon()
        self._duration_ms = duration_ms
        self._last_key: str | None = None
        self._shown = 0
        self._closed = False
        icon.messageClicked.connect(self._clicked)

    def notify(self, announcement: Announcement) -> Future[int | None]:
        if self._closed:
            log.info("Notification not shown: shutting down")
            return resolved(None)
        self._icon.showMessage(announcement.summary, announcement.body, self._message_icon,
                               self._duration_ms)
        self._last_key = announcement.key
        self._shown += 1
        return resolved(self._shown)

    def dismiss(self, kind: str) -> None:
        """Nothing to do: a tray message cannot be taken back."""

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._last_key = None
        self._icon.messageClicked.disconnect(self._clicked)

    def _clicked(self) -> None:
        key, self._last_key = self._last_key, None
        if key is not None:
            self._on_activated(key, DEFAULT)

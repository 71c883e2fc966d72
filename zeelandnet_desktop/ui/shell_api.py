"""What a feature sees of the app: a small protocol, not the whole shell.

Features (the news tab, webmail, the tray) attach themselves to the shell and talk through it —
never to each other. The shell implements this; tests may stand in for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import SignalInstance

    from ..settings import Settings
    from ..system.paths import AppPaths
    from .main_window import MainWindow
    from .settings.registry import SettingsPages


class ShellApi(Protocol):
    settings: Settings
    paths: AppPaths
    settings_pages: SettingsPages

    # Lifecycle: the window is on screen with its first screen's articles (after its first
    # paint); right before the app stops (no more words).
    first_painted: SignalInstance
    shutting_down: SignalInstance
    tab_activated: SignalInstance  # (name) each time a tab comes to the front
    article_requested: SignalInstance  # (category id, article id or "") to show on the news tab
    unread_mail_changed: SignalInstance  # (count; -1 unknown) from whichever feature knows
    web_notification: SignalInstance  # (title, body) the provider's own notification

    @property
    def quitting(self) -> bool: ...

    @property
    def window(self) -> MainWindow: ...
    def current_tab(self) -> str: ...
    def show_tab(self, name: str) -> None: ...
    def bring_to_front(self, tab: str | None = None) -> None: ...
    def window_hidden(self) -> bool: ...
    def tab_on_screen(self, tab: str) -> bool: ...
    def show_status(self, text: str) -> None: ...
    def show_article(self, category: str, article_id: str = "") -> None: ...
    def report_unread_mail(self, count: int) -> None: ...
    def report_web_notification(self, title: str, body: str) -> None: ...
    def refresh_news(self) -> None: ...
    def open_settings(self) -> None: ...
    def quit(self) -> None: ...
    def keep_running_when_closed(self, decide: Callable[[], bool] | None) -> None:
        """`decide()` is asked when the user closes the window: True keeps the app running
        (in the tray). None: closing quits."""

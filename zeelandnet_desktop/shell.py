"""The application object: owns settings, services and the window, and wires their signals.

One hub, so features talk through signals here instead of reaching into each other.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from . import i18n
from . import settings as keys
from .settings import Settings
from .startup import bench_hooks_wanted, bench_report_shown
from .system import single_instance as ipc
from .system.paths import AppPaths, resource_path
from .ui.main_window import MainWindow

if TYPE_CHECKING:
    from .ui.tray.hub import TrayHub
    from .ui.webmail.signin import WebmailLogin
    from .ui.webmail.tab import WebmailTab

log = logging.getLogger(__name__)


class Application(QObject):
    def __init__(self, qt_app: QApplication, paths: AppPaths, args: argparse.Namespace) -> None:
        super().__init__(qt_app)
        self.qt_app = qt_app
        self.paths = paths
        self.args = args
        self.settings = Settings(paths.settings_file, self)
        self.language = i18n.resolve_language(self.settings.get(keys.LANGUAGE))
        i18n.install_translators(qt_app, self.language)
        self.settings.changed.connect(self._on_setting_changed)
        self.icon = QIcon(str(resource_path("icons", "zeelandnet-desktop.svg")))
        qt_app.setWindowIcon(self.icon)
        qt_app.setApplicationDisplayName("ZeelandNet")

        from .services.news import NewsService
        from .ui.news.tab import NewsTab

        feeds = getattr(args, "feeds", None)
        self.news = NewsService(self.settings, paths, self,
                                defaults=Path(feeds).expanduser() if feeds else None)
        self.news_tab = NewsTab(self.settings, self.news)
        # The webmail tab is built after the first paint (or when it is opened first): the
        # window needs only an empty page to show.
        self.webmail_host = QWidget()
        self.webmail_host.setObjectName("webmailHost")
        QVBoxLayout(self.webmail_host).setContentsMargins(0, 0, 0, 0)
        self._webmail_tab: WebmailTab | None = None
        self._webmail_login: WebmailLogin | None = None  # with the webmail tab (issue 5)
        self.window = MainWindow(self.settings, self.news_tab, self.webmail_host, self.icon)
        self.instance_server: ipc.InstanceServer | None = None
        self.tray: TrayHub | None = None  # after the first paint, when a system tray exists
        self._quitting = False

        self.window.tab_activated.connect(self._on_tab_activated)
        self.window.settings_requested.connect(self.show_settings)
        self.window.login_requested.connect(self.sign_in_webmail)
        self.window.about_requested.connect(self.show_about)
        self.window.quit_requested.connect(self.quit)
        self.window.closing.connect(self._on_window_closing)
        self.window.refresh_requested.connect(lambda: self.news.refresh(force=True))
        self.news_tab.status_changed.connect(self.window.set_news_status)

    def start(self) -> None:
        self.window.restore_state(self.args.tab)
        if getattr(self.args, "minimized", False) and self._tray_available():
            log.info("Starting hidden in the system tray (--minimized)")
        else:
            self.window.show()  # without a tray, --minimized would leave the window out of reach
        # After the first paint: the single-instance server, whatever the visible tab needs,
        # then background work.
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if bench_hooks_wanted():
            bench_report_shown(self.qt_app)
        self._start_tray()
        self.instance_server = ipc.InstanceServer(self.paths.instance_key(), self)
        self.instance_server.activate_requested.connect(self._on_activate_requested)
        self.instance_server.listen()
        self._on_tab_activated(self.window.current_tab())
        log.info("Window shown")
        self.news.start()  # no network before the window is visible
        QTimer.singleShot(0, lambda: self.webmail_tab)  # build it while the user reads

    @property
    def webmail_tab(self) -> WebmailTab:
        if self._webmail_tab is None:
            from .ui.webmail.tab import WebmailTab

            tab = WebmailTab(self.settings, self.paths, self.webmail_host)
            layout = self.webmail_host.layout()
            assert layout is not None
            layout.addWidget(tab)
            tab.title_changed.connect(self.window.set_page_title)
            tab.unread_changed.connect(self.window.set_webmail_unread)
            tab.status_message.connect(self._show_status)
            if self.tray is not None:
                self.tray.watch_webmail(tab)
            self._webmail_tab = tab
            self._attach_webmail_login(tab)
        return self._webmail_tab

    def shut_down(self) -> None:
        if self.tray is not None:
            self.tray.shut_down()
        if self.instance_server is not None:
            self.instance_server.close()
        if self._webmail_tab is not None:
            self._webmail_tab.shutdown()
        if self._webmail_login is not None:
            self._webmail_login.shut_down()
        self.news.shut_down()
        self.settings.sync()

    # --- reactions ------------------------------------------------------------------------

    def _on_tab_activated(self, name: str) -> None:
        if name == "webmail":
            self.webmail_tab.activate()
        elif self._webmail_tab is not None:
            self._webmail_tab.deactivated()

    def _on_activate_requested(self, tab: str) -> None:
        log.info("A second launch asked for the window (tab=%s)", tab or "-")
        self.window.bring_to_front(tab or None)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.LANGUAGE.name:
            language = i18n.resolve_language(self.settings.get(keys.LANGUAGE))
            if language != self.language:
                self.language = language
                i18n.install_translators(self.qt_app, language)

    def _show_status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def show_settings(self) -> None:
        from .ui.news.settings_page import NewsSettingsPage
        from .ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)
        news_page = NewsSettingsPage(self.settings, self.news, dialog)
        dialog.add_page(news_page, news_page.windowTitle())
        from .ui.tray.settings_page import TraySettingsPage

        tray_page = TraySettingsPage(self.settings, self.news, dialog)
        dialog.add_page(tray_page, tray_page.windowTitle())
        from .ui.webmail.settings_page import WebmailSettingsPage

        webmail_page = WebmailSettingsPage(self.settings,
                                           self.webmail_tab.available_providers(), dialog)
        dialog.add_page(webmail_page, webmail_page.windowTitle())
        from .ui.webmail.signin_page import CredentialsPage

        credentials_page = CredentialsPage(self.settings, self.webmail_login, dialog)
        dialog.add_page(credentials_page, credentials_page.windowTitle())
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from .ui.about import AboutDialog

        dialog = AboutDialog(self.paths, self.window)
        dialog.exec()
        dialog.deleteLater()

    # --- webmail sign-in (issue 5; the logic lives in ui/webmail_login.py) ------------------

    @property
    def webmail_login(self) -> WebmailLogin:
        _ = self.webmail_tab  # made together
        assert self._webmail_login is not None
        return self._webmail_login

    def _attach_webmail_login(self, tab: WebmailTab) -> None:
        # No keyring work here: the store picks its backend on first use, on its own thread.
        from .services.credentials import CredentialService
        from .ui.webmail.signin import WebmailLogin

        login = WebmailLogin(self.settings, CredentialService(parent=self), tab, self.paths, self)
        login.status_message.connect(self._show_status)
        login.show_webmail_requested.connect(lambda: self.window.bring_to_front("webmail"))
        self._webmail_login = login

    def sign_in_webmail(self) -> None:
        self.window.show_tab("webmail")
        self.webmail_login.sign_in()

    # --- tray (issue 6; the wiring lives in tray_hub.py) ------------------------------------

    @staticmethod
    def _tray_available() -> bool:
        from PySide6.QtWidgets import QSystemTrayIcon

        return QSystemTrayIcon.isSystemTrayAvailable()

    def _start_tray(self) -> None:
        if self.settings.get(keys.START_AT_LOGIN):
            from .system.autostart import apply as apply_autostart

            apply_autostart(True)  # keep the entry pointing at this installation
        if not self._tray_available():
            log.info("No system tray: closing the window quits, no notifications")
            return
        from .ui.tray.hub import TrayHub

        self.tray = TrayHub(self)
        if self._webmail_tab is not None:
            self.tray.watch_webmail(self._webmail_tab)

    def quit(self) -> None:
        """Quit for real (menu, tray): Qt closes the window, which saves its state."""
        self._quitting = True
        self.qt_app.quit()

    def _on_window_closing(self) -> None:
        if self._quitting:
            return
        if self.tray is not None and not self.tray.window_closing():
            # The tray went away since start-up: never a hidden window out of reach. (Without
            # a tray from the start, Qt quits on the last window closed by itself.)
            self.quit()

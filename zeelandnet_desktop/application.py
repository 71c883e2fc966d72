"""The application object: owns settings, services and the window, and wires their signals.

One hub, so features talk through signals here instead of reaching into each other.
"""

from __future__ import annotations

import argparse
import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import i18n, ipc
from . import settings as keys
from .app import bench_hooks_wanted, bench_report_shown
from .paths import AppPaths, resource_path
from .settings import Settings
from .ui.main_window import MainWindow

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

        from .ui.news_tab import NewsTab
        from .ui.webmail_tab import WebmailTab

        self.news_tab = NewsTab(self.settings, paths)
        self.webmail_tab = WebmailTab(self.settings, paths)
        self.window = MainWindow(self.settings, self.news_tab, self.webmail_tab, self.icon)
        self.instance_server = ipc.InstanceServer(paths.instance_key(), self)

        self.window.tab_activated.connect(self._on_tab_activated)
        self.window.settings_requested.connect(self.show_settings)
        self.window.about_requested.connect(self.show_about)
        self.window.quit_requested.connect(qt_app.quit)
        self.instance_server.activate_requested.connect(self._on_activate_requested)
        self.webmail_tab.title_changed.connect(self.window.set_page_title)
        self.webmail_tab.unread_changed.connect(self.window.set_webmail_unread)
        self.webmail_tab.status_message.connect(self._show_status)

    def start(self) -> None:
        self.instance_server.listen()
        self.window.restore_state(self.args.tab)
        self.window.show()
        # After the first paint: whatever the visible tab needs, then background work.
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if bench_hooks_wanted():
            bench_report_shown()
        self._on_tab_activated(self.window.current_tab())
        log.info("Window shown")

    def shut_down(self) -> None:
        self.instance_server.close()
        shutdown = getattr(self.webmail_tab, "shutdown", None)
        if callable(shutdown):
            shutdown()
        self.settings.sync()

    # --- reactions ------------------------------------------------------------------------

    def _on_tab_activated(self, name: str) -> None:
        if name == "webmail":
            self.webmail_tab.activate()
        else:
            deactivated = getattr(self.webmail_tab, "deactivated", None)
            if callable(deactivated):
                deactivated()

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
        from .ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from .ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.paths, self.window)
        dialog.exec()
        dialog.deleteLater()



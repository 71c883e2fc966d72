"""The shell: owns the settings, the services and the main window; features attach to it.

Features (news, webmail, tray) see the small ShellApi protocol (ui/shell_api.py) and its
lifecycle signals: `first_painted` once the window is on screen with its first screen's
articles, `shutting_down` right before the app stops. They never reach into each other: the
shell forwards between them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import i18n
from . import settings as keys
from .assets import resource_path
from .options import LaunchOptions
from .services.news import NewsService
from .services.tasks import TaskRunner
from .settings import Settings
from .system import single_instance
from .system.paths import AppPaths
from .ui import DISPLAY_NAME
from .ui.main_window import MainWindow
from .ui.news.feature import NewsFeature
from .ui.settings.registry import SettingsPages
from .ui.theme import Theme

if TYPE_CHECKING:
    from .services.breaking import BreakingNewsService
    from .services.credentials import CredentialService
    from .services.mail_watch import MailWatchService
    from .services.signin import SigninService
    from .services.webmail import WebmailService
    from .ui.tray.feature import TrayFeature
    from .ui.tray.notices import NotificationsFeature
    from .ui.webmail.feature import WebmailFeature

log = logging.getLogger(__name__)

TASKS_QUIT_SECONDS = 0.15  # after the store closed: what is left is network waits, abandoned
# The rest of start-up waits this long at most for the first screen's articles (a slow disk).
FIRST_SCREEN_WAIT_MS = 1500


class Shell(QObject):
    # The mail side (webmail, credentials, sign-in, the mail watch, the webmail feature) is
    # attached right after the first paint: the first screen does not need it, and its modules
    # cost start-up time.
    webmail: WebmailService
    credentials: CredentialService
    signin: SigninService
    mail_watch: MailWatchService
    webmail_feature: WebmailFeature

    first_painted = Signal()
    shutting_down = Signal()
    tab_activated = Signal(str)
    article_requested = Signal(str, str)
    unread_mail_changed = Signal(int)
    web_notification = Signal(str, str)

    def __init__(self, qt_app: QApplication, paths: AppPaths, options: LaunchOptions) -> None:
        super().__init__(qt_app)
        self.qt_app = qt_app
        self.paths = paths
        self.options = options
        self.settings = Settings(paths.settings_file, self)
        self.language = i18n.resolve_language(self.settings.get(keys.LANGUAGE))
        i18n.install_translators(qt_app, self.language)
        self.settings.changed.connect(self._on_setting_changed)
        self.icon = QIcon(str(resource_path("icons", "zeelandnet-desktop.svg")))
        qt_app.setWindowIcon(self.icon)
        qt_app.setApplicationDisplayName(DISPLAY_NAME)
        # Light or dark and readable, before the first window is made (ui/theme.py).
        self.theme = Theme(qt_app, self.settings, self)
        self.settings_pages = SettingsPages()
        self._quitting = False
        self._keep_running: Callable[[], bool] | None = None
        self._close_confirmed = False
        self.instance_server: single_instance.InstanceServer | None = None

        # Services: the one background runner and what runs on it.
        self.tasks = TaskRunner(self)
        self.news = NewsService(self.settings, paths, self.tasks, self,
                                defaults=Path(options.feeds).expanduser() if options.feeds
                                else None)
        self._mail_attached = False
        self._rest_started = False
        self.breaking: BreakingNewsService | None = None  # after the first paint

        # The window and the features that fill it.
        self._window = MainWindow(self.settings, self.icon)
        self.news_feature = NewsFeature(self, self.news, self)
        self.notices: NotificationsFeature | None = None  # after the first paint
        self.tray: TrayFeature | None = None  # after the first paint, when a system tray exists

        window = self._window
        window.tab_activated.connect(self.tab_activated)
        window.settings_requested.connect(self.open_settings)
        window.about_requested.connect(self.show_about)
        window.quit_requested.connect(self.quit)
        window.closing.connect(self._on_window_closing)
        window.close_guard = self._may_close_window
        window.refresh_requested.connect(self._refresh_current)

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        self._window.restore_state(self.options.tab)
        if self.options.minimized and self._tray_available():
            log.info("Starting hidden in the system tray (--minimized)")
        else:
            self._window.show()  # without a tray, --minimized would leave the window out of reach
        self._name_the_app()
        # After the first paint: the single-instance server, the tray, whatever the visible tab
        # needs, then background work.
        QTimer.singleShot(0, self._after_first_paint)

    def _name_the_app(self) -> None:
        """From here on Qt's application name is the one people know: the tray's title (what a
        panel lists for its icons) and the name screen readers say are Qt's application name.
        The folders and the X11 window class (the desktop entry's StartupWMClass) were taken
        from the id before; the window is made now, so its class keeps the id."""
        self._window.winId()
        self.qt_app.setApplicationName(DISPLAY_NAME)

    def _attach_mail(self) -> None:
        from .services.credentials import CredentialService
        from .services.mail_watch import MailWatchService
        from .services.signin import SigninService
        from .services.webmail import WebmailService
        from .ui.webmail.feature import WebmailFeature

        self.webmail = WebmailService(self.settings, self.paths, self)
        # No keyring work here: the store picks its backend on first use, in the runner.
        self.credentials = CredentialService(tasks=self.tasks, parent=self)
        self.signin = SigninService(self.settings, self.credentials, self)
        self.mail_watch = MailWatchService(self.settings, self.tasks, self.credentials,
                                           self.webmail, self.signin, self)
        self.webmail_feature = WebmailFeature(self, self.webmail, self.signin, self,
                                              mail_watch=self.mail_watch)
        self._mail_attached = True

    def _after_first_paint(self) -> None:
        """The window is painted; its first screen's articles come from the store on a worker.
        The rest of start-up (the mail side, the tray, the first refresh) takes the GUI thread
        for a while, so it waits until they are on screen."""
        if self._quitting:
            return  # asked to quit before the first turn of the event loop
        news_tab = self.news_feature.tab
        if news_tab.first_screen.done or self.window_hidden() or self.current_tab() != "news":
            self._start_the_rest()
            return
        news_tab.first_screen.ready.connect(self._start_the_rest)
        QTimer.singleShot(FIRST_SCREEN_WAIT_MS, self._start_the_rest)

    def _start_the_rest(self) -> None:
        if self._rest_started or self._quitting:
            return
        self._rest_started = True
        report = self.options.debug_flag("startup-report")
        if report is not None:
            from .system.debug import report_startup

            report_startup(self.qt_app, float(report or 0))
        soak = self.options.debug_flag("soak")
        if soak:
            from .system.debug import run_soak

            # After the first round the webmail (when it is the tab) goes out of sight, so the
            # soak also covers "unload when hidden".
            run_soak(self.qt_app, self.news, int(soak), lambda: self.show_tab("news"))
        self._attach_mail()
        self._start_notifications()
        self.instance_server = single_instance.InstanceServer(self.paths.instance_key(), self)
        self.instance_server.activate_requested.connect(self._on_activate_requested)
        self.instance_server.listen()
        log.info("Window shown")
        self.first_painted.emit()
        self.tab_activated.emit(self._window.current_tab())
        self.news.start()  # no network before the window is visible
        self.mail_watch.start()

    def shut_down(self) -> None:
        """Bounded: whatever is in flight, this returns in well under a second."""
        self._quitting = True
        # A launch from now on waits for the instance lock instead of handing over to us.
        if self.instance_server is not None:
            self.instance_server.close()
        self.shutting_down.emit()
        if self._mail_attached:
            self.mail_watch.shut_down()  # its session ends within the runner's shut-down below
            self.signin.shut_down()
        self.news.shut_down()  # cancels the round, lets queued writes finish, closes the store
        self.tasks.shutdown(TASKS_QUIT_SECONDS)
        self.settings.sync()

    # --- the protocol features see (ui/shell_api.py) ---------------------------------------

    @property
    def quitting(self) -> bool:
        return self._quitting

    @property
    def window(self) -> MainWindow:
        return self._window

    def current_tab(self) -> str:
        return self._window.current_tab()

    def show_tab(self, name: str) -> None:
        self._window.show_tab(name)

    def bring_to_front(self, tab: str | None = None) -> None:
        self._window.bring_to_front(tab)

    def window_hidden(self) -> bool:
        return not self._window.isVisible() or self._window.isMinimized()

    def tab_on_screen(self, tab: str) -> bool:
        """The user is looking at this tab: window shown, active, and on that tab."""
        return (not self.window_hidden() and self._window.isActiveWindow()
                and self._window.current_tab() == tab)

    def show_status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 10_000)

    def show_article(self, category: str, article_id: str = "") -> None:
        self.bring_to_front("news")
        self.article_requested.emit(category, article_id)

    def report_unread_mail(self, count: int) -> None:
        self.unread_mail_changed.emit(count)

    def report_web_notification(self, title: str, body: str) -> None:
        self.web_notification.emit(title, body)

    def refresh_news(self) -> None:
        self.news.refresh(force=True)

    def _refresh_current(self) -> None:
        """F5 / Ctrl+R: the news, or the webmail page when it is in front."""
        if self._window.current_tab() == "webmail":
            if self._mail_attached:
                self.webmail_feature.reload()
        else:
            self.refresh_news()

    def open_settings(self) -> None:
        from .ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.settings_pages.factories(), self._window)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from .ui.about import AboutDialog

        dialog = AboutDialog(self.paths, self._window)
        dialog.exec()
        dialog.deleteLater()

    def quit(self) -> None:
        """Quit for real (menu, tray): first the webmail page may ask about unsaved input, as a
        browser does; then Qt closes the window, which saves its state."""
        if self._quitting:
            return
        if not self._mail_attached:
            self._quit_now()
            return
        self.webmail_feature.confirm_close(self._quit_now)

    def _quit_now(self) -> None:
        self._quitting = True
        self.qt_app.quit()

    def _may_close_window(self) -> bool:
        """Closing the window without a tray quits: the webmail page may ask first."""
        if self._quitting or self._keep_running is not None or self._close_confirmed:
            return True  # quitting already, or the tray keeps the app (and the page) alive
        if self.qt_app.property("quitBySignal"):
            return True  # the session is ending (logout, shutdown): nobody to ask
        if not self._mail_attached or not self.webmail_feature.page_open():
            return True
        self.webmail_feature.confirm_close(self._close_confirmed_now)
        return False

    def _close_confirmed_now(self) -> None:
        self._close_confirmed = True
        self._window.close()  # Qt quits on the last window closed by itself

    def keep_running_when_closed(self, decide: Callable[[], bool] | None) -> None:
        self._keep_running = decide

    # --- reactions ------------------------------------------------------------------------

    def _on_activate_requested(self, tab: str) -> None:
        log.info("A second launch asked for the window (tab=%s)", tab or "-")
        self.bring_to_front(tab or None)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.LANGUAGE.name:
            language = i18n.resolve_language(self.settings.get(keys.LANGUAGE))
            if language != self.language:
                self.language = language
                i18n.install_translators(self.qt_app, language)

    def _on_window_closing(self) -> None:
        if self._quitting:
            return
        if self._keep_running is not None and not self._keep_running():
            # The tray went away since start-up: never a hidden window out of reach. (Without
            # a tray from the start, Qt quits on the last window closed by itself.)
            self.quit()

    # --- notifications and the tray -------------------------------------------------------

    @staticmethod
    def _tray_available() -> bool:
        from PySide6.QtWidgets import QSystemTrayIcon

        return QSystemTrayIcon.isSystemTrayAvailable()

    def _start_notifications(self) -> None:
        if self.settings.get(keys.START_AT_LOGIN):
            from .system.autostart import apply as apply_autostart

            apply_autostart(True)  # keep the entry pointing at this installation
        from .services.breaking import BreakingNewsService

        self.breaking = BreakingNewsService(
            self.settings, self.news, news_on_screen=lambda: self.tab_on_screen("news"),
            window_hidden=self.window_hidden, parent=self)
        from .ui.tray.notices import NotificationsFeature

        self.notices = NotificationsFeature(self, self.breaking, self.news, self,
                                            mail_watch=self.mail_watch)
        if not self._tray_available():
            log.info("No system tray: closing the window quits")
            return
        from .ui.tray.feature import TrayFeature

        self.tray = TrayFeature(self, self.breaking, self.news, self.notices, self)

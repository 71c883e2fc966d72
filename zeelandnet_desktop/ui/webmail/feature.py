"""The webmail feature: the Webmail tab (built after the first paint, or when it is opened
first), sign-in, and their Instellingen pages, attached to the shell.

Nothing here imports QtWebEngine: the tab does, the first time it shows a provider.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...services.signin import SigninService
from ...services.webmail import WebmailService
from ..shell_api import ShellApi
from .signin import WebmailLogin
from .tab import WebmailTab


class WebmailFeature(QObject):
    def __init__(self, shell: ShellApi, webmail: WebmailService, signin: SigninService,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._webmail = webmail
        self._signin = signin
        self._tab: WebmailTab | None = None
        self._login: WebmailLogin | None = None
        shell.first_painted.connect(lambda: QTimer.singleShot(0, lambda: self.tab))
        shell.tab_activated.connect(self._on_tab_activated)
        shell.shutting_down.connect(self._shut_down)
        shell.window.login_requested.connect(self.sign_in)
        shell.settings_pages.register("webmail", 30, self._webmail_page)
        shell.settings_pages.register("signin", 40, self._signin_page)

    @property
    def tab(self) -> WebmailTab:
        """The tab widget, made on first use (cheap: the browser comes when it is shown)."""
        if self._tab is None:
            shell = self._shell
            window = shell.window
            tab = WebmailTab(shell.settings, self._webmail)
            window.set_tab_content("webmail", tab)
            tab.title_changed.connect(window.set_page_title)
            tab.unread_changed.connect(window.set_webmail_unread)
            tab.unread_changed.connect(shell.report_unread_mail)
            tab.status_message.connect(shell.show_status)
            tab.web_notification.connect(shell.report_web_notification)
            self._tab = tab
            login = WebmailLogin(self._signin, self._webmail, tab, self)
            login.status_message.connect(shell.show_status)
            login.show_webmail_requested.connect(lambda: shell.bring_to_front("webmail"))
            self._login = login
        return self._tab

    @property
    def login(self) -> WebmailLogin:
        _ = self.tab  # made together
        assert self._login is not None
        return self._login

    def sign_in(self) -> None:
        self._shell.show_tab("webmail")
        self.login.sign_in()

    def _on_tab_activated(self, name: str) -> None:
        if name == "webmail":
            self.tab.activate()
        elif self._tab is not None:
            self._tab.deactivated()

    def _shut_down(self) -> None:
        # Pages go before their profile, so the cookies reach the disk.
        if self._tab is not None:
            self._tab.shutdown()
        if self._login is not None:
            self._login.shut_down()

    def _webmail_page(self, parent: QWidget) -> QWidget:
        from .settings_page import WebmailSettingsPage

        return WebmailSettingsPage(self._shell.settings, self._webmail.providers(), parent)

    def _signin_page(self, parent: QWidget) -> QWidget:
        from .signin_page import CredentialsPage

        return CredentialsPage(self._shell.settings, self.login, parent)

"""The webmail feature: the Webmail tab (built after the first paint, or when it is opened
first), sign-in, and their Instellingen pages, attached to the shell.

The unread count has one source: the mail watch while it is on (services/mail_watch.py, no
page needed), the page's title otherwise. Nothing here imports QtWebEngine: the tab does, the
first time it shows a provider.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...services.webmail import WebmailService
from ..shell_api import ShellApi

if TYPE_CHECKING:
    from ...services.mail_watch import MailWatchService, WatchProblem
    from ...services.signin import SigninService
    from .signin import WebmailLogin
    from .tab import WebmailTab

CLOSE_ANSWER_MS = 1500  # how long a page may take to say whether it can be left


class WebmailFeature(QObject):
    def __init__(self, shell: ShellApi, webmail: WebmailService, signin: SigninService,
                 parent: QObject | None = None, *,
                 mail_watch: MailWatchService | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._webmail = webmail
        self._signin = signin
        self._watch = mail_watch
        if mail_watch is not None:
            mail_watch.count_changed.connect(self._on_watch_count)
            mail_watch.active_changed.connect(self._on_watch_active)
            mail_watch.problem_changed.connect(self._on_watch_problem)
            mail_watch.message_requested.connect(self.open_message)
        self._tab: WebmailTab | None = None
        self._login: WebmailLogin | None = None
        self._stopped = False
        shell.first_painted.connect(lambda: QTimer.singleShot(0, lambda: self.tab))
        shell.tab_activated.connect(self._on_tab_activated)
        shell.shutting_down.connect(self._shut_down)
        shell.window.login_requested.connect(self.sign_in)
        shell.window.webmail_requested.connect(self._on_menu)
        shell.settings_pages.register("webmail", 30, self._webmail_page)
        shell.settings_pages.register("signin", 40, self._signin_page)

    @property
    def tab(self) -> WebmailTab:
        """The tab widget, made on first use (cheap: the browser comes when it is shown)."""
        if self._tab is None:
            # Imported here, after the first paint: the sign-in rule's many small types are
            # not what the first screen needs.
            from .signin import WebmailLogin
            from .tab import WebmailTab

            shell = self._shell
            window = shell.window
            tab = WebmailTab(shell.settings, self._webmail)
            window.set_tab_content("webmail", tab)
            tab.title_changed.connect(window.set_page_title)
            tab.unread_changed.connect(self._on_page_count)
            tab.signed_out.connect(self._on_signed_out)
            tab.status_message.connect(shell.show_status)
            tab.web_notification.connect(shell.report_web_notification)
            self._tab = tab
            login = WebmailLogin(self._signin, self._webmail, tab, self)
            login.status_message.connect(shell.show_status)
            login.show_webmail_requested.connect(lambda: shell.bring_to_front("webmail"))
            self._login = login
            if self._watch is not None and self._watch.problem is not None:
                self._on_watch_problem(self._watch.problem)
        return self._tab

    @property
    def login(self) -> WebmailLogin:
        _ = self.tab  # made together
        assert self._login is not None
        return self._login

    def sign_in(self) -> None:
        self._shell.show_tab("webmail")
        self.login.sign_in()

    def page_open(self) -> bool:
        """A provider page is open (it may hold unsaved input)."""
        browser = self._tab.browser if self._tab is not None else None
        return (browser is not None and not browser.page.local_page_shown
                and not browser.page.url().isEmpty())

    def confirm_close(self, proceed: Callable[[], None]) -> None:
        """Before quitting: the page's own beforeunload says whether unsaved input (a mail being
        written) would be lost, and our "Leave / Stay" question asks the user. `proceed()` runs
        once the page may go (at once when there is no page, or it never answers)."""
        if not self.page_open():
            proceed()
            return
        from PySide6.QtWebEngineCore import QWebEnginePage

        assert self._tab is not None and self._tab.browser is not None
        page = self._tab.browser.page
        ended = False

        def finish(leave: bool) -> None:
            nonlocal ended
            if ended:
                return
            ended = True
            if shiboken6.isValid(page):
                page.windowCloseRequested.disconnect(may_leave)
                page.confirm_answered.disconnect(answered)
            if leave and not self._stopped:
                proceed()

        def may_leave() -> None:
            finish(True)

        def answered(leave: bool) -> None:
            if not leave:
                finish(False)  # "Stay": the user goes on writing

        def no_answer() -> None:
            if ended:
                return
            if shiboken6.isValid(page) and page.question_open:
                QTimer.singleShot(CLOSE_ANSWER_MS, no_answer)  # the user is reading the question
            else:
                finish(True)  # a page that does not answer must not keep the app open

        page.windowCloseRequested.connect(may_leave)
        page.confirm_answered.connect(answered)
        QTimer.singleShot(CLOSE_ANSWER_MS, no_answer)
        page.triggerAction(QWebEnginePage.WebAction.RequestClose)

    def reload(self) -> None:
        browser = self.tab.browser
        if browser is not None:
            browser.reload()
        else:
            self.tab.activate()

    def sign_out(self) -> None:
        """Webmail → Uitloggen: the provider's own logout; no automatic sign-in after it, and
        no checking for new mail either."""
        if self._watch is not None:
            self._watch.logged_out()
        browser = self.tab.browser
        provider = self.tab.provider()
        if browser is None or provider is None:
            return
        from ...mail.pages import logout_url

        browser.page.sign_out(logout_url(provider))

    def open_message(self, uid: int) -> None:
        """The webmail tab in front, on that message of the inbox."""
        self.tab.open_message(uid)
        self._shell.bring_to_front("webmail")

    # --- the unread count: the watch's while it is on, else the page's ---------------------

    def _show_count(self, count: int) -> None:
        self._shell.window.set_webmail_unread(count)
        self._shell.report_unread_mail(count)

    def _on_page_count(self, count: int) -> None:
        if self._watch is None or not self._watch.active:
            self._show_count(count)

    def _on_watch_count(self, count: int | None) -> None:
        if self._watch is not None and self._watch.active:
            self._show_count(-1 if count is None else count)

    def _on_watch_active(self, active: bool) -> None:
        # Unknown in between, so a switch of source is never taken for new mail.
        self._show_count(-1)
        if active:
            count = self._watch.count if self._watch is not None else None
        else:
            count = self._tab.page_unread if self._tab is not None else None
        if count is not None:
            self._show_count(count)

    def _on_watch_problem(self, problem: WatchProblem | None) -> None:
        if self._tab is None:
            return  # shown when the tab is made
        from .watch_words import problem_sentence

        self._tab.show_notice(problem_sentence(problem) if problem is not None else "")

    def _on_signed_out(self) -> None:
        if self._watch is not None:
            self._watch.logged_out()

    def _on_menu(self, name: str) -> None:
        if name == "choose":
            self._shell.show_tab("webmail")
            self.tab.choose_provider()
            return
        self.tab.activate()
        browser = self.tab.browser
        if browser is None:
            return  # no webmail chosen yet: activate() asked which
        if name == "find":
            browser.find_bar.open()
        elif name == "print":
            browser.printing.print_page()
        elif name == "pdf":
            browser.printing.save_as_pdf()
        elif name == "signout":
            self.sign_out()

    def _on_tab_activated(self, name: str) -> None:
        if name == "webmail":
            self.tab.activate()
        elif self._tab is not None:
            self._tab.deactivated()

    def _shut_down(self) -> None:
        self._stopped = True  # a question still open about leaving the page has no say now
        # Pages go before their profile, so the cookies reach the disk.
        if self._tab is not None:
            self._tab.shutdown()
        if self._login is not None:
            self._login.shut_down()

    def _webmail_page(self, parent: QWidget) -> QWidget:
        from .settings_page import WebmailSettingsPage

        return WebmailSettingsPage(self._shell.settings, self._webmail.providers(), parent,
                                   mail_watch=self._watch)

    def _signin_page(self, parent: QWidget) -> QWidget:
        from .signin_page import CredentialsPage

        return CredentialsPage(self._shell.settings, self.login, parent)

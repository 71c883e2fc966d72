"""The page side of webmail sign-in: the login-form helper injected into the provider's page,
the bridge it answers through, the sign-in dialog and "Remember password?". What to do when is
decided by services/signin.py and its pure rule (mail/signin.py).

Only ever on the provider's own origin (mail.login_form.may_fill): checked here before anything
is injected, again right before credentials are handed over, and once more by the script itself
in the page (top frame, location.origin). The script runs in QtWebEngine's ApplicationWorld, so
the page's own scripts cannot call the bridge or read our functions.

QtWebEngine and QtWebChannel are imported when the first provider page has loaded (the browser
exists by then), never at start-up.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...mail.credentials import Account, Problem, Secret
from ...mail.login_form import (
    FORM_TIMEOUT_MS,
    fill_call,
    install_script,
    may_fill,
    origin_of,
    start_call,
    submit_target_ok,
)
from ...mail.providers import Provider
from ...mail.signin import RememberChoice
from ...services.credentials import CredentialResult, CredentialService
from ...services.signin import SigninService
from ...services.webmail import WebmailService
from .login_dialog import LoginDialog, problem_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWebChannel import QWebChannel

    from .page import WebmailPage
    from .tab import WebmailTab

log = logging.getLogger(__name__)

_APPLICATION_WORLD = 1  # QWebEngineScript.ScriptWorldId.ApplicationWorld, without the import


def keyring_name(platform: str | None = None) -> str:
    """Where the password goes, as the OS calls it."""
    import sys

    platform = platform or sys.platform
    # Spelled out (not aliased) so lupdate finds the strings.
    if platform == "darwin":
        return QCoreApplication.translate("WebmailLogin", "Keychain Access")
    if platform.startswith("win"):
        return QCoreApplication.translate("WebmailLogin", "Credential Manager")
    return QCoreApplication.translate("WebmailLogin", "the keyring")


class LoginBridge(QObject):
    """What the page script may tell Python; each message carries the document's token."""

    # token, kind, where it sends (action), method, what the page says (its refusal's words)
    form_found = Signal(str, str, str, str, str)
    no_form = Signal(str)  # token: no login form on this page (signed in)
    captured = Signal(str, str, str)  # token, username, password — never logged

    @Slot(str, str, str, str, str)
    def formFound(self, token: str, kind: str, action: str, method: str,
                  notice: str) -> None:  # camelCase: called from JS
        self.form_found.emit(token, kind, action, method, notice)

    @Slot(str)
    def noForm(self, token: str) -> None:  # camelCase: called from JS
        self.no_form.emit(token)

    @Slot(str, str, str)
    def submitted(self, token: str, username: str, password: str) -> None:
        self.captured.emit(token, username, password)



class WebmailLogin(QObject):
    """The page side of sign-in, attached to the webmail tab. Decisions are the sign-in
    service's (and its pure rule's); this watches the page, fills it when told, and shows the
    dialog and the "Remember password?" question."""

    status_message = Signal(str)
    show_webmail_requested = Signal()  # the dialog was accepted: bring the webmail tab forward
    dialog_shown = Signal(object)  # LoginDialog
    prompt_shown = Signal(object)  # QMessageBox "Remember password?"
    form_found = Signal(str)  # kind, on the provider's page
    no_form_seen = Signal()  # the provider's page showed no login form within the time-out
    fill_done = Signal(str)  # what the fill script answered ("submitted", "no-form", …)
    signed_in = Signal()  # a page without a login form followed our submission
    gave_up = Signal()  # our submissions kept coming back to the login form

    def __init__(self, signin: SigninService, webmail: WebmailService, tab: WebmailTab,
                 parent: QObject | None = None, *,
                 form_timeout_ms: int = FORM_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self._signin = signin
        self._webmail = webmail
        self._tab = tab
        self._form_timeout_ms = form_timeout_ms
        self._channel_library: str | None = None
        self._dialog: LoginDialog | None = None
        self._prompt: QMessageBox | None = None
        self._login_action: QAction | None = None
        # (provider id, address) last typed into the dialog: not remembered until it worked
        self._typed: tuple[str, str] = ("", "")
        self._notice = ""  # what the provider's login page last said (its refusal)
        # The one page we watch (the browser's main page) and its document's token.
        self._page: WebmailPage | None = None
        self._channel: QWebChannel | None = None
        self._bridge: LoginBridge | None = None
        self._token = ""
        self._origin = ""
        signin.fill_requested.connect(self._fill)
        signin.credentials_wanted.connect(self._on_credentials_wanted)
        signin.remember_wanted.connect(self._ask_to_remember)
        signin.look_again.connect(self._look_again)
        signin.go_home.connect(self._go_home)
        signin.signed_in.connect(self.signed_in)
        signin.gave_up.connect(self.gave_up)
        signin.problem.connect(lambda problem: self.status_message.emit(problem_text(problem)))
        signin.password_saved.connect(lambda: self.status_message.emit(
            self.tr("Your password is kept in %1.").replace("%1", keyring_name())))
        tab.add_provider_page_hook(self._on_provider_page)
        tab.browser_created.connect(self._on_browser_created)
        if tab.browser is not None:
            self._on_browser_created()

    # Public API --------------------------------------------------------------------------------
    @property
    def dialog(self) -> LoginDialog | None:
        return self._dialog

    @property
    def prompt(self) -> QMessageBox | None:
        return self._prompt

    @property
    def credentials(self) -> CredentialService:
        return self._signin.credentials

    @property
    def attempts(self) -> int:
        return self._signin.attempts

    def accounts(self) -> dict[str, str]:
        return self._signin.accounts()

    def providers(self) -> dict[str, Provider]:
        found = self._webmail.providers()
        current = self._tab.provider()
        if current is not None:
            found.setdefault(current.id, current)
        return found

    def sign_in(self, message: str = "") -> None:
        """Open "Sign in" for the chosen webmail (or ask which webmail first)."""
        provider = self._tab.provider()
        if provider is None:
            self.show_webmail_requested.emit()
            self._tab.choose_provider()
            return
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        # Asked again after the dialog's sign-in failed: the address just typed comes back
        # (only the password is suspect), even before it is remembered.
        typed_here = self._typed[1] if self._typed[0] == provider.id else ""
        address = (message and typed_here) or self._signin.address(provider.id)
        known_problem = self.credentials.problem
        dialog = LoginDialog(provider.name, address, message=message,
                             problem=known_problem if known_problem is Problem.NO_KEYRING
                             else None, parent=self._tab.window())
        dialog.setProperty("hadSavedPassword", False)
        self._dialog = dialog
        # Ask the keyring for the saved password (also: does the keyring work at all?) without
        # waiting for it; the dialog takes the answer whenever it comes.
        # After a failed sign-in the saved password is the suspect: the field starts empty.
        offer = not message
        self._signin.load_saved(Account(provider.id, address),
                                lambda result: self._on_dialog_loaded(dialog, result, offer))
        dialog.finished.connect(lambda code: self._on_dialog_finished(dialog, provider, code))
        dialog.open()
        self.dialog_shown.emit(dialog)

    def shut_down(self) -> None:
        if self._dialog is not None:
            self._dialog.reject()
        if self._prompt is not None:
            self._prompt.reject()
        self._signin.shut_down()

    def forget(self, provider_id: str, cookies: bool,
               done: Callable[[CredentialResult], None] | None = None) -> None:
        """Remove the saved password and address for `provider_id`, and its cookies if asked."""
        if cookies:
            self.forget_cookies(provider_id)
        if self._typed[0] == provider_id:
            self._typed = ("", "")
        self._signin.forget(provider_id, done)

    def forget_cookies(self, provider_id: str) -> None:
        """Sign out on this computer: the provider's cookies go, in the open profile or on disk."""
        browser = self._tab.browser
        if browser is not None and browser.provider.id == provider_id:
            browser.profile.cookieStore().deleteAllCookies()
            browser.reload()
        else:
            # Not open, so no Chromium holds the file: removing it is the whole job.
            self._webmail.remove_cookie_files(provider_id)
        log.info("Removed the webmail cookies of %s", provider_id)

    # The page ----------------------------------------------------------------------------------
    def _on_browser_created(self) -> None:
        browser = self._tab.browser
        if browser is None:
            return
        from PySide6.QtGui import QAction, QIcon

        action = QAction(QIcon.fromTheme("dialog-password"), self.tr("Sign in…"), browser)
        action.setObjectName("signIn")
        action.setToolTip(self.tr("Sign in with your e-mail address and password"))
        action.triggered.connect(lambda: self.sign_in())
        browser.toolbar.insertAction(browser.open_external_action, action)
        self._login_action = action

    def _on_provider_page(self, page: WebmailPage, url: QUrl) -> None:
        provider = page.provider
        text = url.toString()
        if not may_fill(text, provider):
            log.info("Not the provider's own origin (%s): no sign-in help there",
                     origin_of(text) or url.scheme())
            return
        if page is not self._page:
            self._adopt(page)
        if page.guard is not None:
            page.guard.disarm()  # a provider page loaded after our submission: it arrived
        self._token = secrets.token_hex(12)
        self._origin = origin_of(text)
        self._notice = ""
        script = (install_script(self._library()) + ";\n"
                  + start_call(self._token, provider, self._origin, self._form_timeout_ms))
        page.runJavaScript(script, _APPLICATION_WORLD)

    def _library(self) -> str:
        if self._channel_library is None:
            from PySide6.QtCore import QFile, QIODevice

            source = QFile(":/qtwebchannel/qwebchannel.js")
            if not source.open(QIODevice.OpenModeFlag.ReadOnly):
                raise RuntimeError("qwebchannel.js is missing from QtWebChannel's resources")
            self._channel_library = bytes(source.readAll().data()).decode("utf-8")
            source.close()
        return self._channel_library

    def _adopt(self, page: WebmailPage) -> None:
        """A new browser page: a bridge for it, and the rule starts over for it."""
        from PySide6.QtWebChannel import QWebChannel

        self._page = page
        self._bridge = LoginBridge(page)
        self._bridge.form_found.connect(self._on_form_found)
        self._bridge.no_form.connect(self._on_no_form)
        self._bridge.captured.connect(self._on_captured)
        self._channel = QWebChannel(page)
        self._channel.registerObject("zndLogin", self._bridge)
        # The application world only: page scripts never see the bridge.
        page.setWebChannel(self._channel, _APPLICATION_WORLD)
        page.destroyed.connect(self._on_page_destroyed)
        page.logged_out.connect(self._signin.logged_out)
        self._signin.page_adopted(page.provider.id)

    def _on_page_destroyed(self, *_args: object) -> None:
        self._page = self._channel = self._bridge = None
        self._token = ""

    def _page_ok(self, token: str) -> bool:
        """The message is about the document we are looking at, and it is still the provider's."""
        page = self._page
        if page is None or not shiboken6.isValid(page) or token != self._token:
            return False
        url = page.url().toString()
        return (not page.local_page_shown and may_fill(url, page.provider)
                and origin_of(url) == self._origin)

    def _on_form_found(self, token: str, kind: str, action: str, method: str,
                       notice: str) -> None:
        if not self._page_ok(token):
            return
        self._notice = notice  # the page's words, for the dialog if this sign-in failed
        log.info("Webmail login form found (%s)", kind)
        self.form_found.emit(kind)
        if not submit_target_ok(action, method, self._origin):
            # The first of three checks: this form would send the password elsewhere (another
            # port or host) or in the address itself (a GET form). Nothing is filled in.
            log.warning("The login form sends to %s (%s), not to %s: not filled in",
                        origin_of(action) or "?", method or "?", self._origin)
            self.status_message.emit(self.tr(
                "Automatic sign-in skipped: this page's form would send your password to "
                "another address."))
            return
        self._signin.form_found(kind)

    def _on_no_form(self, token: str) -> None:
        if not self._page_ok(token):
            return
        self.no_form_seen.emit()
        self._signin.no_form()

    def _on_captured(self, token: str, username: str, password: str) -> None:
        if self._page_ok(token):
            self._signin.captured(username, password)

    def _fill(self, secret: Secret) -> None:
        page = self._page
        if page is None or not shiboken6.isValid(page):
            self._signin.fill_answered("no-page")
            return
        url = page.url().toString()
        # Checked again right before the password leaves Python: the keyring answer may come
        # after a navigation.
        if (page.local_page_shown or not may_fill(url, page.provider)
                or origin_of(url) != self._origin):
            self._signin.fill_answered("wrong-origin")
            return
        script = fill_call(self._token, secret.account.address, secret.password, self._origin,
                           submit=True)
        # Armed before the script submits: the request (and any redirect of it) may leave
        # before its answer comes back here.
        if page.guard is not None:
            page.guard.arm(self._origin, secret.password)
        page.runJavaScript(script, _APPLICATION_WORLD, self._on_fill_result)

    def _on_fill_result(self, answer: object) -> None:
        answer = str(answer)
        if answer != "submitted":
            log.info("Webmail form not submitted: %s", answer)
            page = self._page
            if page is not None and shiboken6.isValid(page) and page.guard is not None:
                page.guard.disarm()
        self._signin.fill_answered(answer)
        self.fill_done.emit(answer)

    def _look_again(self) -> None:
        self.show_webmail_requested.emit()
        self._tab.activate()
        browser = self._tab.browser
        if browser is not None and self._page is browser.page and not browser.page.local_page_shown:
            self._on_provider_page(browser.page, browser.page.url())

    def _go_home(self) -> None:
        self.show_webmail_requested.emit()
        self._tab.activate()
        browser = self._tab.browser
        if browser is not None and browser.page.local_page_shown:
            browser.home()

    def _on_credentials_wanted(self, failed: bool) -> None:
        provider = self._tab.provider()
        name = provider.name if provider is not None else ""
        message = self.tr("Signing in to %1 did not work. Check your e-mail address and "
                          "password.").replace("%1", name) if failed else ""
        if failed and self._notice:
            # Roundcube locks an account for a minute after three refusals: then even the
            # right password is refused, and only the provider's words say why.
            message += "\n" + self.tr("%1 says: “%2”").replace("%1", name).replace(
                "%2", self._notice)
        self.sign_in(message)

    # "Remember password?" ----------------------------------------------------------------------
    def _ask_to_remember(self, secret: Secret) -> None:
        parent: QWidget = self._tab.window()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remember password?"),
                          self.tr("Remember the password for %1?")
                          .replace("%1", secret.account.address),
                          QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("rememberPassword")
        box.setInformativeText(self.tr("It is kept in %1 on this computer, not in the app's "
                                       "settings.").replace("%1", keyring_name()))
        yes = box.addButton(self.tr("Yes"), QMessageBox.ButtonRole.YesRole)
        box.addButton(self.tr("No"), QMessageBox.ButtonRole.NoRole)
        never = box.addButton(self.tr("Never for this address"),
                              QMessageBox.ButtonRole.RejectRole)
        yes.setObjectName("yes")
        never.setObjectName("never")
        box.setDefaultButton(yes)

        def answered(_code: int) -> None:
            clicked = box.clickedButton()
            self._prompt = None
            box.deleteLater()
            choice = (RememberChoice.YES if clicked is yes else
                      RememberChoice.NEVER if clicked is never else RememberChoice.NO)
            self._signin.remember_answered(secret, choice)

        box.finished.connect(answered)
        self._prompt = box
        box.open()  # not exec(): the inbox stays usable while the question waits
        self.prompt_shown.emit(box)

    # The dialog --------------------------------------------------------------------------------
    def _on_dialog_loaded(self, dialog: LoginDialog, result: CredentialResult,
                          offer: bool) -> None:
        if not shiboken6.isValid(dialog) or dialog is not self._dialog:
            return
        if result.error is not None:
            dialog.set_problem(result.error.problem)
        elif result.secret is not None:
            dialog.setProperty("hadSavedPassword", True)
            if offer:
                dialog.offer_saved_password(result.secret.password)

    def _on_dialog_finished(self, dialog: LoginDialog, provider: Provider, code: int) -> None:
        if dialog is self._dialog:
            self._dialog = None
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted:
            return
        self._typed = (provider.id, dialog.address())
        secret = Secret(Account(provider.id, dialog.address()), dialog.password())
        browser = self._tab.browser
        on_page = (browser is not None and self._page is browser.page
                   and not browser.page.local_page_shown)
        self._signin.dialog_accepted(secret, remember=dialog.remember(),
                                     had_saved=bool(dialog.property("hadSavedPassword")),
                                     on_provider_page=on_page)

"""Signing in to webmail: the saved password filled in and submitted, a typed one offered to the
keyring, a wrong one asked for again, and everything forgotten on request.

Only ever on the provider's own origin (mail.login_form.may_fill): checked here before anything
is injected, again right before credentials are handed over, and once more by the script itself
in the page (top frame, location.origin). The script runs in QtWebEngine's ApplicationWorld, so
the page's own scripts cannot call the bridge or read our functions.

QtWebEngine and QtWebChannel are imported when the first provider page has loaded (the browser
exists by then), never at start-up.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ... import settings as keys
from ...mail.credentials import Account, Problem, Secret
from ...mail.login_form import (
    FORM_TIMEOUT_MS,
    MAX_ATTEMPTS,
    fill_call,
    install_script,
    may_fill,
    origin_of,
    start_call,
)
from ...mail.providers import Provider, load_providers
from ...services.credentials import CredentialResult, CredentialService
from ...settings import Settings
from ...system.paths import AppPaths
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


def _json_map(settings: Settings, key: keys.Key[str]) -> dict[str, Any]:
    try:
        value = json.loads(settings.get(key))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class LoginBridge(QObject):
    """What the page script may tell Python; each message carries the document's token."""

    form_found = Signal(str, str)  # token, kind (roundcube / ox / hint / generic)
    no_form = Signal(str)  # token: no login form on this page (signed in)
    captured = Signal(str, str, str)  # token, username, password — never logged

    @Slot(str, str)
    def formFound(self, token: str, kind: str) -> None:  # camelCase: called from JS
        self.form_found.emit(token, kind)

    @Slot(str)
    def noForm(self, token: str) -> None:  # camelCase: called from JS
        self.no_form.emit(token)

    @Slot(str, str, str)
    def submitted(self, token: str, username: str, password: str) -> None:
        self.captured.emit(token, username, password)


class WebmailLogin(QObject):
    """Attached to the webmail tab by the Application. See the module doc."""

    status_message = Signal(str)
    show_webmail_requested = Signal()  # the dialog was accepted: bring the webmail tab forward
    dialog_shown = Signal(object)  # LoginDialog
    prompt_shown = Signal(object)  # QMessageBox "Remember password?"
    form_found = Signal(str)  # kind, on the provider's page
    no_form_seen = Signal()  # the provider's page showed no login form within the time-out
    fill_done = Signal(str)  # what the fill script answered ("submitted", "no-form", …)
    signed_in = Signal()  # a page without a login form followed our submission
    gave_up = Signal()  # MAX_ATTEMPTS submissions came back to the login form

    def __init__(self, settings: Settings, credentials: CredentialService, tab: WebmailTab,
                 paths: AppPaths, parent: QObject | None = None, *,
                 form_timeout_ms: int = FORM_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self._settings = settings
        self._credentials = credentials
        self._tab = tab
        self._paths = paths
        self._form_timeout_ms = form_timeout_ms
        self._channel_library: str | None = None
        self._dialog: LoginDialog | None = None
        self._prompt: QMessageBox | None = None
        self._offered: set[tuple[str, str]] = set()  # (provider, address) asked this run
        self._login_action: QAction | None = None
        # The one page we watch (the browser's main page) and its sign-in state.
        self._page: WebmailPage | None = None
        self._channel: QWebChannel | None = None
        self._bridge: LoginBridge | None = None
        self._token = ""
        self._origin = ""
        self._armed = False  # may submit by itself: a new browser, or the user asked
        self._attempts = 0  # our submissions since the last success
        self._submitted_by_us = False
        self._pending: Secret | None = None  # typed into our dialog; used once, never stored
        self._captured: Secret | None = None  # typed into the page; offered once it worked
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
        return self._credentials

    @property
    def attempts(self) -> int:
        return self._attempts

    def accounts(self) -> dict[str, str]:
        """provider id → the address last used there (no passwords)."""
        return {k: v for k, v in _json_map(self._settings, keys.WEBMAIL_ACCOUNTS).items()
                if isinstance(v, str) and v}

    def providers(self) -> dict[str, Provider]:
        found = load_providers(self._paths.config / "providers.json")
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
        address = self.accounts().get(provider.id, "")
        known_problem = self._credentials.problem
        dialog = LoginDialog(provider.name, address, message=message,
                             problem=known_problem if known_problem is Problem.NO_KEYRING
                             else None, parent=self._tab.window())
        dialog.setProperty("hadSavedPassword", False)
        self._dialog = dialog
        # Ask the keyring for the saved password (also: does the keyring work at all?) without
        # waiting for it; the dialog takes the answer whenever it comes.
        # After a failed sign-in the saved password is the suspect: the field starts empty.
        offer = not message
        self._credentials.load(Account(provider.id, address),
                               lambda result: self._on_dialog_loaded(dialog, result, offer))
        dialog.finished.connect(lambda code: self._on_dialog_finished(dialog, provider, code))
        dialog.open()
        self.dialog_shown.emit(dialog)

    def shut_down(self) -> None:
        if self._dialog is not None:
            self._dialog.reject()
        if self._prompt is not None:
            self._prompt.reject()
        self._pending = self._captured = None
        self._credentials.shut_down()

    def forget(self, provider_id: str, cookies: bool,
               done: Callable[[CredentialResult], None] | None = None) -> None:
        """Remove the saved password and address for `provider_id`, and its cookies if asked."""
        address = self.accounts().get(provider_id, "")
        for key in (keys.WEBMAIL_ACCOUNTS, keys.WEBMAIL_NEVER_SAVE):
            entries = _json_map(self._settings, key)
            if entries.pop(provider_id, None) is not None:
                self._settings.set(key, json.dumps(entries, sort_keys=True))
        self._pending = self._captured = None
        self._armed = False
        self._offered = {entry for entry in self._offered if entry[0] != provider_id}
        if cookies:
            self.forget_cookies(provider_id)
        if address:
            self._credentials.delete(Account(provider_id, address), done)
        elif done is not None:
            done(CredentialResult("delete", Account(provider_id, "")))

    def forget_cookies(self, provider_id: str) -> None:
        """Sign out on this computer: the provider's cookies go, in the open profile or on disk."""
        browser = self._tab.browser
        if browser is not None and browser.provider.id == provider_id:
            browser.profile.cookieStore().deleteAllCookies()
            browser.reload()
        else:
            # Not open, so no Chromium holds the file: removing it is the whole job.
            folder = self._paths.web / provider_id
            for name in ("Cookies", "Cookies-journal"):
                try:
                    (folder / name).unlink(missing_ok=True)
                except OSError as exc:
                    log.warning("Could not remove the %s cookies: %s", provider_id, exc.strerror)
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
        self._token = secrets.token_hex(12)
        self._origin = origin_of(text)
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
        """A new browser page: a bridge for it, fresh state (a dialog's sign-in stays pending)."""
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
        self._armed = self._pending is not None or self._settings.get(keys.WEBMAIL_AUTO_LOGIN)
        self._attempts = 0
        self._submitted_by_us = False
        self._captured = None

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

    def _on_form_found(self, token: str, kind: str) -> None:
        if not self._page_ok(token):
            return
        log.info("Webmail login form found (%s)", kind)
        self.form_found.emit(kind)
        if self._captured is not None:
            self._captured = None  # the user's own sign-in came back: nothing to remember
            return
        if self._submitted_by_us:
            self._submitted_by_us = False
            if self._attempts >= MAX_ATTEMPTS:
                self._give_up()
                return
            log.info("Webmail sign-in came back to the login form; trying once more")
        if self._pending is not None:
            self._fill(self._pending)
            return
        if not (self._armed and self._settings.get(keys.WEBMAIL_AUTO_LOGIN)):
            return
        assert self._page is not None
        address = self.accounts().get(self._page.provider.id)
        if not address:
            return
        self._credentials.load(Account(self._page.provider.id, address),
                               lambda result: self._on_saved_password(token, result))

    def _on_saved_password(self, token: str, result: CredentialResult) -> None:
        if not self._page_ok(token):
            return
        if result.error is not None:
            self.status_message.emit(problem_text(result.error.problem))
            return
        if result.secret is None:
            log.info("No saved webmail password; waiting for the user")
            return
        self._fill(result.secret)

    def _fill(self, secret: Secret) -> None:
        page = self._page
        assert page is not None
        url = page.url().toString()
        # Checked again right before the password leaves Python: the keyring answer may come
        # after a navigation.
        if not may_fill(url, page.provider) or origin_of(url) != self._origin:
            return
        self._attempts += 1
        self._submitted_by_us = True
        script = fill_call(self._token, secret.account.address, secret.password, self._origin,
                           submit=True)
        page.runJavaScript(script, _APPLICATION_WORLD, self._on_fill_result)

    def _on_fill_result(self, answer: object) -> None:
        answer = str(answer)
        if answer != "submitted":
            log.info("Webmail form not submitted: %s", answer)
            self._submitted_by_us = False
            self._attempts = max(0, self._attempts - 1)
        self.fill_done.emit(answer)

    def _on_no_form(self, token: str) -> None:
        if not self._page_ok(token):
            return
        self.no_form_seen.emit()
        if self._submitted_by_us:
            log.info("Signed in to webmail")
            self._submitted_by_us = False
            self._attempts = 0
            self._armed = False  # after a later sign-out, fill only when asked again
            self._pending = None
            self.signed_in.emit()
        self._pending = None  # signed in (or already was): the dialog's password is done with
        captured, self._captured = self._captured, None
        if captured is not None:
            self._offer_to_remember(captured)

    def _give_up(self) -> None:
        assert self._page is not None
        name = self._page.provider.name
        log.info("Webmail sign-in failed %d times; asking the user", self._attempts)
        self._armed = False
        self._attempts = 0
        self._pending = None
        self.gave_up.emit()
        self.sign_in(self.tr("Signing in to %1 did not work. Check your e-mail address and "
                             "password.").replace("%1", name))

    # Capture: "Remember password?" -------------------------------------------------------------
    def _on_captured(self, token: str, username: str, password: str) -> None:
        if not self._page_ok(token) or self._submitted_by_us or not password:
            return
        assert self._page is not None
        self._captured = Secret(Account(self._page.provider.id, username.strip()), password)

    def _never_list(self, provider_id: str) -> list[str]:
        value = _json_map(self._settings, keys.WEBMAIL_NEVER_SAVE).get(provider_id, [])
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def _offer_to_remember(self, secret: Secret) -> None:
        account = secret.account
        key = (account.provider_id, account.address.lower())
        if (key in self._offered or not account.address
                or account.address.lower() in self._never_list(account.provider_id)
                or self._credentials.problem is Problem.NO_KEYRING):
            return
        self._offered.add(key)
        # Already saved, and the same? Then there is nothing to ask.
        self._credentials.load(account, lambda result: self._ask_to_remember(secret, result))

    def _ask_to_remember(self, secret: Secret, result: CredentialResult) -> None:
        if result.error is not None and result.error.problem is Problem.NO_KEYRING:
            return
        if result.secret is not None and result.secret.password == secret.password:
            self._remember_address(secret.account)
            return
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
            if clicked is yes:
                self._save(secret)
            elif clicked is never:
                entries = _json_map(self._settings, keys.WEBMAIL_NEVER_SAVE)
                addresses = self._never_list(secret.account.provider_id)
                addresses.append(secret.account.address.lower())
                entries[secret.account.provider_id] = sorted(set(addresses))
                self._settings.set(keys.WEBMAIL_NEVER_SAVE, json.dumps(entries, sort_keys=True))

        box.finished.connect(answered)
        self._prompt = box
        box.open()  # not exec(): the inbox stays usable while the question waits
        self.prompt_shown.emit(box)

    # Saving ------------------------------------------------------------------------------------
    def _remember_address(self, account: Account) -> None:
        entries = _json_map(self._settings, keys.WEBMAIL_ACCOUNTS)
        if entries.get(account.provider_id) != account.address:
            entries[account.provider_id] = account.address
            self._settings.set(keys.WEBMAIL_ACCOUNTS, json.dumps(entries, sort_keys=True))

    def _save(self, secret: Secret) -> None:
        self._remember_address(secret.account)
        self._credentials.save(secret.account, secret.password, self._on_saved)

    def _on_saved(self, result: CredentialResult) -> None:
        if result.error is not None:
            self.status_message.emit(problem_text(result.error.problem))
            return
        self._settings.set(keys.WEBMAIL_AUTO_LOGIN, True)  # on once a password is saved
        self.status_message.emit(self.tr("Your password is kept in %1.")
                                 .replace("%1", keyring_name()))

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
        account = Account(provider.id, dialog.address())
        password = dialog.password()
        self._remember_address(account)
        if dialog.remember():
            self._credentials.save(account, password, self._on_saved)
        elif dialog.property("hadSavedPassword"):
            self._credentials.delete(account)  # "not remembered" means not kept either
        self._pending = Secret(account, password)
        self._armed = True
        self._attempts = 0
        self._submitted_by_us = False
        self._captured = None
        self.show_webmail_requested.emit()
        self._tab.activate()
        browser = self._tab.browser
        if browser is not None and self._page is browser.page and not browser.page.local_page_shown:
            # Already on a provider page: look for the form again now.
            self._on_provider_page(browser.page, browser.page.url())
        elif browser is not None and browser.page.local_page_shown:
            browser.home()

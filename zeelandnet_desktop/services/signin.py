"""Webmail sign-in, carried out: feeds the pure rule (mail/signin.py) and does what it says.

This service does the non-visual actions itself — the keyring through the credential service,
the remembered addresses and the never-save list in the settings — and hands the rest to the
page helper and the dialogs (ui/webmail/signin.py) through signals. It never sees a page.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from .. import settings as keys
from ..mail import signin as rule
from ..mail.credentials import Account, Problem, Secret
from ..settings import Settings
from .credentials import CredentialResult, CredentialService

log = logging.getLogger(__name__)


class SigninService(QObject):
    fill_requested = Signal(object)  # Secret: fill the form and submit
    credentials_wanted = Signal(bool)  # open the sign-in dialog; True: our sign-in failed
    remember_wanted = Signal(object)  # Secret: ask "Remember password?"
    look_again = Signal()  # look for the form on the current page now
    go_home = Signal()  # leave our local page for the provider's start page
    signed_in = Signal()  # a page without a login form followed our submission
    gave_up = Signal()  # MAX_ATTEMPTS submissions came back to the login form
    problem = Signal(object)  # Problem: the keyring failed
    password_saved = Signal()

    def __init__(self, settings: Settings, credentials: CredentialService,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._credentials = credentials
        self._rule = rule.SigninRule("")

    @property
    def credentials(self) -> CredentialService:
        return self._credentials

    @property
    def attempts(self) -> int:
        return self._rule.attempts

    # Questions -------------------------------------------------------------------------------
    def accounts(self) -> dict[str, str]:
        """provider id → the address last used there (no passwords)."""
        return {k: v for k, v in self._settings.get_map(keys.WEBMAIL_ACCOUNTS).items()
                if isinstance(v, str) and v}

    def address(self, provider_id: str) -> str:
        return self.accounts().get(provider_id, "")

    def never_list(self, provider_id: str) -> list[str]:
        value = self._settings.get_map(keys.WEBMAIL_NEVER_SAVE).get(provider_id, [])
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    # Events from the page helper and the dialogs ---------------------------------------------
    def page_adopted(self, provider_id: str) -> None:
        if provider_id != self._rule.provider_id:
            self._rule = rule.SigninRule(provider_id)
        self._rule.never_save = frozenset(self.never_list(provider_id))
        self._handle(rule.PageAdopted(auto_login=self._auto_login()))

    def form_found(self, kind: str) -> None:
        provider_id = self._rule.provider_id
        address = self.address(provider_id)
        rejected = bool(address) and self._settings.get_map(
            keys.WEBMAIL_REJECTED).get(provider_id) == address
        self._handle(rule.FormFound(kind, self._auto_login(), address, rejected))

    def logged_out(self) -> None:
        log.info("Signed out of webmail; no automatic sign-in until asked")
        self._handle(rule.LoggedOut())

    def no_form(self) -> None:
        self._rule.keyring_missing = self._credentials.problem is Problem.NO_KEYRING
        self._handle(rule.NoForm())

    def fill_answered(self, answer: str) -> None:
        self._handle(rule.FillAnswered(answer))

    def captured(self, username: str, password: str) -> None:
        account = Account(self._rule.provider_id, username.strip())
        self._handle(rule.Captured(Secret(account, password)))

    def remember_answered(self, secret: Secret, choice: rule.RememberChoice) -> None:
        self._handle(rule.RememberAnswered(secret, choice))

    def dialog_accepted(self, secret: Secret, *, remember: bool, had_saved: bool,
                        on_provider_page: bool) -> None:
        if secret.account.provider_id != self._rule.provider_id:
            self._rule = rule.SigninRule(secret.account.provider_id)
        self._handle(rule.DialogAccepted(secret, remember, had_saved, on_provider_page))

    def forget(self, provider_id: str, done: Any = None) -> None:
        """Remove the saved password and address for `provider_id` (cookies: the caller)."""
        address = self.address(provider_id)
        for key in (keys.WEBMAIL_ACCOUNTS, keys.WEBMAIL_NEVER_SAVE, keys.WEBMAIL_REJECTED):
            self._settings.pop_map_entry(key, provider_id)
        self._handle(rule.Forgotten(provider_id))
        if address:
            self._credentials.delete(Account(provider_id, address), done)
        elif done is not None:
            done(CredentialResult("delete", Account(provider_id, "")))

    def load_saved(self, account: Account, callback: Any) -> None:
        """For the dialog: what the keyring holds for this account (also: does it work?)."""
        self._credentials.load(account, callback)

    def shut_down(self) -> None:
        self._rule = rule.SigninRule("")
        self._credentials.shut_down()

    # Carrying out ----------------------------------------------------------------------------
    def _auto_login(self) -> bool:
        return bool(self._settings.get(keys.WEBMAIL_AUTO_LOGIN))

    def _handle(self, event: rule.Event) -> None:
        current = self._rule
        for action in current.handle(event):
            if current is not self._rule:
                return  # a provider change in between: the old rule's actions are void
            self._do(action)

    def _do(self, action: rule.Action) -> None:
        current = self._rule
        if isinstance(action, rule.Fill):
            self.fill_requested.emit(action.secret)
        elif isinstance(action, rule.LoadSavedPassword):
            self._credentials.load(action.account, lambda result: self._answer(
                current, rule.SavedPasswordLoaded(result.secret, _problem(result))))
        elif isinstance(action, rule.CheckOffer):
            secret = action.secret
            self._credentials.load(secret.account, lambda result: self._answer(
                current, rule.OfferChecked(secret, result.secret, _problem(result))))
        elif isinstance(action, rule.AskRemember):
            self.remember_wanted.emit(action.secret)
        elif isinstance(action, rule.AskCredentials):
            if action.failed:
                log.info("Asking for the webmail password: the last sign-in did not work")
            self.credentials_wanted.emit(action.failed)
        elif isinstance(action, rule.SavePassword):
            self._credentials.save(action.secret.account, action.secret.password, self._saved)
        elif isinstance(action, rule.DeletePassword):
            self._credentials.delete(action.account)
        elif isinstance(action, rule.RememberAddress):
            account = action.account
            if self.address(account.provider_id) != account.address:
                self._settings.set_map_entry(keys.WEBMAIL_ACCOUNTS, account.provider_id,
                                             account.address)
        elif isinstance(action, rule.NeverSave):
            account = action.account
            addresses = set(self.never_list(account.provider_id)) | {account.address.lower()}
            self._settings.set_map_entry(keys.WEBMAIL_NEVER_SAVE, account.provider_id,
                                         sorted(addresses))
        elif isinstance(action, rule.MarkRejected):
            self._settings.set_map_entry(keys.WEBMAIL_REJECTED, action.account.provider_id,
                                         action.account.address)
        elif isinstance(action, rule.ClearRejected):
            self._settings.pop_map_entry(keys.WEBMAIL_REJECTED, action.account.provider_id)
        elif isinstance(action, rule.ShowProblem):
            self.problem.emit(action.problem)
        elif isinstance(action, rule.SignedIn):
            log.info("Signed in to webmail")
            self.signed_in.emit()
        elif isinstance(action, rule.GaveUp):
            log.info("Webmail sign-in failed %d times; asking the user", action.attempts)
            self.gave_up.emit()
        elif isinstance(action, rule.LookAgain):
            self.look_again.emit()
        elif isinstance(action, rule.GoHome):
            self.go_home.emit()

    def _answer(self, asked: rule.SigninRule, event: rule.Event) -> None:
        if asked is self._rule:  # the keyring answered for the page we still look at
            self._handle(event)

    def _saved(self, result: CredentialResult) -> None:
        if result.error is not None:
            self.problem.emit(result.error.problem)
            return
        self._settings.set(keys.WEBMAIL_AUTO_LOGIN, True)  # on once a password is saved
        self.password_saved.emit()


def _problem(result: CredentialResult) -> Problem | None:
    return result.error.problem if result.error is not None else None

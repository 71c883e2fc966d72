"""The app in-process against a real Roundcube 1.6 and Dovecot 2.3: what needs typing or clicking.
A typo in the sign-in dialog is one login attempt in Dovecot's log and is never kept; the right
password is kept only once Roundcube accepted it. Roundcube's "(N)" is only in the inbox's
title: its folders and settings leave the count alone, and the inbox coming back (or showing
its title before its script put the count in) is no "new mail".

The keyring is an in-memory double of the OS service (offscreen there is none); the desktop
pass runs the real Secret Service in tests/e2e/test_roundcube_app.py.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.support.memorykeyring import MemoryKeyring
from tests.support.roundcube import (
    PROVIDER_NAME,
    MailServers,
    Roundcube,
    mail_servers,
    shared_mail_servers,
)
from tests.support.roundcube_app import LONG, browser_of, click, keyring_entry, open_webmail
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.ui.webmail.login_dialog import LoginDialog

__all__ = ["mail_servers", "shared_mail_servers"]  # fixtures

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

TYPO = "Zeeuws-Meisje-7?"
# Roundcube's own controls: its folder list and its task menu.
DRAFTS = 'a[href$="_task=mail&_mbox=Drafts"]'
INBOX = 'a[href$="_task=mail&_mbox=INBOX"]'
SETTINGS = "#taskmenu a.settings"
MAIL = "#taskmenu a.mail"


class WitnessKeyring(MemoryKeyring):
    """Notes how many sign-ins Roundcube had logged at the moment each password was saved."""

    def __init__(self, webmail: Roundcube) -> None:
        super().__init__()
        self.webmail = webmail
        self.saved_after: list[int] = []
        self._lock = threading.Lock()

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self.saved_after.append(self.webmail.login_attempts().succeeded)
        super().set_password(service, username, password)


# --- the sign-in dialog -----------------------------------------------------------------------

def test_a_typo_in_the_dialog_is_one_attempt_never_kept_and_the_right_one_kept_once_accepted(
        qtbot: QtBot, make_app: AppFactory, profile_dir: Path,
        mail_servers: MailServers) -> None:
    keyring = WitnessKeyring(mail_servers.roundcube)
    application = open_webmail(make_app, qtbot, profile_dir, mail_servers, keyring,
                               address=False, auto_login=False)
    login = application.webmail_feature.login
    qtbot.waitUntil(lambda: login.dialog is None and application.webmail_feature.tab.title
                    .startswith("Roundcube Webmail"), timeout=LONG)
    application.window.action_login.trigger()  # Webmail → Inloggen…
    dialog = login.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not login.credentials.busy, timeout=LONG)
    dialog.address_edit.setText(mail_servers.user.name)
    dialog.password_edit.setText(TYPO)
    assert dialog.remember()
    with qtbot.waitSignal(login.dialog_shown, timeout=LONG) as again:
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert mail_servers.dovecot.login_attempts().failed == 1  # one attempt, one login
    assert mail_servers.roundcube.login_attempts().failed == 1
    assert keyring.entries == {} and keyring.saved_after == []  # the typo is not kept
    assert application.settings.get(keys.WEBMAIL_AUTO_LOGIN) is False
    second = again.args[0]
    assert "is niet gelukt" in second.message.text()
    assert second.address() == mail_servers.user.name  # what was typed comes back ...
    assert second.password() == ""  # ... but not the password that did not work

    qtbot.waitUntil(lambda: not login.credentials.busy, timeout=LONG)
    second.password_edit.setText(mail_servers.user.password)
    with qtbot.waitSignal(login.signed_in, timeout=LONG):
        second.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: keyring_entry(mail_servers) in keyring.entries, timeout=LONG)
    assert keyring.entries[keyring_entry(mail_servers)] == mail_servers.user.password
    assert keyring.saved_after == [1]  # saved after Roundcube's sign-in, not before
    qtbot.waitUntil(lambda: application.settings.get(keys.WEBMAIL_AUTO_LOGIN) is True)
    assert mail_servers.dovecot.login_attempts().failed == 1
    assert mail_servers.roundcube.login_attempts().succeeded == 1


def sign_in_with(qtbot: QtBot, login: object, dialog: LoginDialog,
                 password: str) -> LoginDialog:
    """Type `password` into the sign-in dialog, press Inloggen, and return the dialog that
    comes back because it did not work."""
    qtbot.waitUntil(lambda: not login.credentials.busy, timeout=LONG)  # type: ignore[attr-defined]
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(login.dialog_shown, timeout=LONG) as again:  # type: ignore[attr-defined]
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    answer = again.args[0]
    assert isinstance(answer, LoginDialog)
    return answer


def test_a_locked_account_is_said_in_roundcubes_own_words(
        qtbot: QtBot, make_app: AppFactory, profile_dir: Path,
        mail_servers: MailServers) -> None:
    # The saved password stopped working: two refusals by the app itself, then one typo in
    # the dialog makes three within a minute, and Roundcube locks the account for the rest of
    # it. The right password is refused then too, without Dovecot being asked. (Roundcube
    # locks only accounts it knows: this user has signed in before.)
    mail_servers.roundcube.login(requests.Session(), mail_servers.user.name,
                                 mail_servers.user.password)
    mail_servers.reset()
    keyring = MemoryKeyring()
    application = open_webmail(make_app, qtbot, profile_dir, mail_servers, keyring,
                               saved="Oud-Wachtwoord-1")
    login = application.webmail_feature.login
    qtbot.waitUntil(lambda: login.dialog is not None, timeout=LONG)
    first = login.dialog
    assert first is not None and "is niet gelukt" in first.message.text()
    second = sign_in_with(qtbot, login, first, TYPO)
    assert "Te veel" not in second.message.text()
    third = sign_in_with(qtbot, login, second, mail_servers.user.password)
    text = third.message.text()
    assert "is niet gelukt" in text
    assert (f"{PROVIDER_NAME} meldt: “Te veel mislukte inlogpogingen. Probeer het later "
            "nogmaals.”") in text
    assert mail_servers.dovecot.login_attempts().failed == 3
    assert mail_servers.roundcube.login_attempts().failed == 4
    assert keyring.entries == {keyring_entry(mail_servers): "Oud-Wachtwoord-1"}  # nothing new
    third.reject()


# --- the unread count ------------------------------------------------------------------------

@pytest.fixture
def signed_in_with_two_unread(qtbot: QtBot, make_app: AppFactory, profile_dir: Path,
                              mail_servers: MailServers) -> tuple[object, list[int]]:
    for subject in ("Factuur december", "Verjaardag oma"):
        mail_servers.dovecot.deliver(subject)
    application = open_webmail(make_app, qtbot, profile_dir, mail_servers, MemoryKeyring(),
                               saved=mail_servers.user.password)
    counts: list[int] = []
    application.unread_mail_changed.connect(counts.append)  # what the tray and new mail hear
    qtbot.waitUntil(lambda: "(2)" in application.webmail_feature.tab.title, timeout=LONG)
    return application, counts


def test_signing_in_shows_the_count_without_a_zero_first(
        qtbot: QtBot, signed_in_with_two_unread: tuple[object, list[int]]) -> None:
    # Roundcube's inbox first comes without "(2)" in its title: its script puts the count in
    # after it listed the mailbox. 0 and then 2 would be two new mails at every sign-in.
    _application, counts = signed_in_with_two_unread
    qtbot.waitUntil(lambda: 2 in counts, timeout=LONG)
    assert counts == [2]


def test_folders_and_settings_leave_the_count_alone_and_the_inbox_brings_no_new_mail(
        qtbot: QtBot, signed_in_with_two_unread: tuple[object, list[int]],
        mail_servers: MailServers) -> None:
    application, counts = signed_in_with_two_unread
    tab = application.webmail_feature.tab  # type: ignore[attr-defined]
    browser = browser_of(application)  # type: ignore[arg-type]
    click(qtbot, browser, DRAFTS)
    qtbot.waitUntil(lambda: tab.title.endswith(":: Concepten"), timeout=LONG)
    click(qtbot, browser, SETTINGS)
    qtbot.waitUntil(lambda: tab.title.endswith(":: Instellingen"), timeout=LONG)
    assert tab.unread == 2  # no count shown there: unknown, not 0
    click(qtbot, browser, MAIL)  # back to the inbox: a new page
    qtbot.waitUntil(lambda: "(2)" in tab.title, timeout=LONG)
    click(qtbot, browser, DRAFTS)
    qtbot.waitUntil(lambda: tab.title.endswith(":: Concepten"), timeout=LONG)
    click(qtbot, browser, INBOX)  # back to the inbox in the same page
    qtbot.waitUntil(lambda: "(2)" in tab.title, timeout=LONG)
    assert counts == [2]  # never a 0 in between, so never a 0 → 2 "new mail"

    # Read elsewhere (on the phone): Roundcube's own refresh takes the count out of the title,
    # and then it is a count of none.
    mail_servers.dovecot.mark_seen()
    qtbot.waitUntil(lambda: counts == [2, 0], timeout=LONG)
    assert tab.title.startswith("Roundcube Webmail")

"""New mail on a real desktop (the desktop pass: Xvfb, the tray watcher, dunst and gnome-keyring
on a private bus) from the mail watch on a real Dovecot with TLS: the password from the real
Secret Service, the count in the tray's tooltip and as its indicator without the webmail ever
opened, the Notify call dunst got (our name, sender and subject, never the body), and dunst's
click opening the webmail on that message."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import require_service
from tests.gui.conftest import AppFactory
from tests.support.breaking_news import app_text, notice_text, notifications_ready
from tests.support.dovecot import Dovecot, DovecotFactory, make_dovecot
from tests.support.localserver import LocalServer, Response
from tests.support.mail_watch_profile import account_of, prepare_profile
from tests.support.notifications import (
    NotifyMonitor,
    as_read,
    displayed,
    dunstctl,
    watching,
)
from zeelandnet_desktop.mail.credentials import CredentialStore
from zeelandnet_desktop.mail.watch import State

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

pytestmark = pytest.mark.desktop
__all__ = ["make_dovecot"]  # the fixture
WAIT_MS = 20_000


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[CredentialStore]:
    """The real Secret Service, as keyring's choice for the app in this test."""
    require_service("secrets" in os.environ.get("ZND_SERVICES", "").split(","),
                    "Secret Service (gnome-keyring)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    store = CredentialStore(backend)
    yield store


@pytest.fixture
def monitor(qtbot: QtBot) -> Iterator[NotifyMonitor]:
    yield from watching(qtbot, with_tray=True)


@pytest.fixture
def mailbox(make_dovecot: DovecotFactory, profile_dir: Path, server: LocalServer,
            secret_service: CredentialStore) -> Iterator[Dovecot]:
    server.route("/", Response(body=b"<!doctype html><title>Inbox - Webmail</title>"))
    dovecot = make_dovecot(mode="tls")
    prepare_profile(profile_dir, dovecot, start_url=server.url("/"), TRAY_HINT_SHOWN=True)
    secret_service.save(account_of(dovecot), dovecot.user.password)
    yield dovecot
    secret_service.delete(account_of(dovecot))  # leave the throw-away keyring as it was


def test_the_tray_shows_the_count_and_a_click_on_dunsts_bubble_opens_that_message(
        make_app: AppFactory, qtbot: QtBot, monitor: NotifyMonitor, mailbox: Dovecot,
        server: LocalServer) -> None:
    mailbox.deliver("Welkom")
    application = make_app()
    notifications_ready(application, qtbot)
    qtbot.waitUntil(lambda: application.tray is not None, timeout=WAIT_MS)
    assert application.tray is not None
    tray = application.tray.tray
    unread_line = app_text("Unread mail: %1").replace("%1", "1")
    qtbot.waitUntil(lambda: unread_line in tray.tooltip().splitlines(), timeout=WAIT_MS)
    assert tray.has_indicator and tray.icon.icon().cacheKey() == tray.icon_unread.cacheKey()
    assert application.webmail_feature.tab.browser is None  # no page was needed for it

    application.window.close()  # to the tray, as a user leaves it all day
    qtbot.waitUntil(lambda: application.mail_watch.state is State.WATCHING, timeout=WAIT_MS)
    uid = mailbox.deliver("Afspraak morgen", sender_name="Piet de Vries",
                          body="Deze tekst blijft in de mail")
    qtbot.waitUntil(lambda: len(monitor.calls()) == 1, timeout=WAIT_MS)
    [call] = monitor.calls()
    assert call["app"] == "ZeelandNet"
    assert call["summary"] == notice_text("New e-mail from %1").replace("%1", "Piet de Vries")
    assert as_read(call["body"]) == "Afspraak morgen"
    assert call["hints"]["category"] == "email.arrived"
    two = app_text("Unread mail: %1").replace("%1", "2")
    qtbot.waitUntil(lambda: two in tray.tooltip().splitlines(), timeout=WAIT_MS)

    qtbot.waitUntil(lambda: displayed() == 1, timeout=WAIT_MS)
    dunstctl("action", "0")  # what a user's click on the bubble does
    qtbot.waitUntil(application.window.isVisible, timeout=WAIT_MS)
    assert application.window.current_tab() == "webmail"
    qtbot.waitUntil(lambda: any(r.query.get("_uid") == [str(uid)]
                                for r in server.requests_for("/")), timeout=WAIT_MS)

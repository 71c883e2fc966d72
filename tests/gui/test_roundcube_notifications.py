"""One new mail is one notification, against a real Roundcube 1.6 (with its own new-mail
notifications, the newmail_notifier plugin) and Dovecot 2.3, on the desktop pass's real
notification server (dunst): the mail is delivered to Dovecot, Roundcube's own refresh finds it,
and every Notify call on the bus is counted.

With the page's notifications allowed the page speaks for the mail (its words) and ours stays
silent; without, ours does. Either way: one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import require_service
from tests.gui.conftest import AppFactory
from tests.support.breaking_news import notice_text, notifications_ready, with_barrier
from tests.support.memorykeyring import MemoryKeyring
from tests.support.notifications import (
    Dunst,
    NotifyMonitor,
    watching,
)
from tests.support.roundcube import (
    PROVIDER_ID,
    ROUNDCUBE_ROOT,
    MailServers,
    mail_servers,
    start_mail_servers,
)
from tests.support.roundcube_app import LONG, open_webmail

__all__ = ["mail_servers"]  # fixtures

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

pytestmark = pytest.mark.desktop

# Roundcube's own words for new mail (plugins/newmail_notifier, Dutch).
PAGE_TITLE, PAGE_BODY = "Nieuwe e-mail!", "U heeft een nieuw bericht ontvangen."
REFRESH = "POST /?_task=mail&_action=refresh"  # the page's own check for mail


@pytest.fixture(scope="module")
def shared_mail_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServers]:
    """Roundcube with its desktop notifications for new mail on, for every user."""
    require_service((ROUNDCUBE_ROOT / "plugins" / "newmail_notifier").is_dir(),
                    "Roundcube's plugins (Debian package roundcube-plugins)")
    servers = start_mail_servers(
        tmp_path_factory.mktemp("mail-servers"),
        extra_config={"plugins": ["newmail_notifier"], "newmail_notifier_desktop": True,
                      "newmail_notifier_basic": False, "newmail_notifier_sound": False})
    yield servers
    servers.roundcube.stop()
    servers.dovecot.kill()


@pytest.fixture
def monitor(qtbot: QtBot) -> Iterator[NotifyMonitor]:
    yield from watching(qtbot, with_tray=True)


@pytest.mark.parametrize("page_allowed", [True, False],
                         ids=["the page may notify", "the page may not"])
def test_one_new_mail_is_one_notification(
        qtbot: QtBot, make_app: AppFactory, profile_dir: Path, mail_servers: MailServers,
        monitor: NotifyMonitor, page_allowed: bool) -> None:
    dunst = Dunst()
    mail_servers.dovecot.deliver("Factuur december")  # unread at start-up: not news
    permission = {PROVIDER_ID: "granted" if page_allowed else "denied"}
    application = open_webmail(make_app, qtbot, profile_dir, mail_servers, MemoryKeyring(),
                               saved=mail_servers.user.password, QUIET_HOURS=False,
                               LANGUAGE="nl", WEBMAIL_NOTIFICATIONS=json.dumps(permission))
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: "(1)" in tab.title, timeout=LONG)
    # Roundcube tells new mail from what its first check after the page loaded saw: mail
    # that came before that check is no news to it.
    webmail = mail_servers.roundcube
    checks = webmail.requests_answered(REFRESH)
    qtbot.waitUntil(lambda: webmail.requests_answered(REFRESH) > checks, timeout=LONG)
    notifications_ready(application, qtbot)
    application.window.close()  # into the tray: now new mail is worth a word
    assert application.window.isHidden()

    mail_servers.dovecot.deliver("Verjaardag oma", sender_name="Oma Zeeland")
    qtbot.waitUntil(lambda: "(2)" in tab.title, timeout=LONG)  # Roundcube's own refresh
    breaking = application.breaking
    assert breaking is not None
    qtbot.waitUntil(lambda: not breaking.mail_waiting, timeout=LONG)  # nothing still to come
    received = with_barrier(application, qtbot, dunst, 1)
    ours = [call for call in monitor.calls() if call["app"] == "ZeelandNet"
            and call["summary"] != "barrier"]
    assert len(ours) == 1, ours  # one mail, one Notify on the bus
    if page_allowed:
        assert received == [(PAGE_TITLE, PAGE_BODY)]  # the page spoke for it
    else:
        [(summary, _body)] = received
        assert summary == notice_text("New e-mail")

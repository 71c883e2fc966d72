"""New mail as a user of the app meets it, with the watch on a real Dovecot (TLS, the test's CA
trusted through the provider entry): the count on the Webmail tab from the start without any
page, one notification per new message with sender and subject (grouped when several came
at once), a click that opens that message, the mail that came while the server was down told
once, one source of truth while the page is open, a refused password and a false certificate
in one plain sentence in the tab and in Instellingen, Uitloggen and turning it off.

Offscreen there is no notification server: notifications are recorded by a notifier handed to
the notifications feature (the desktop pass has the real dunst, test_mail_watch_desktop.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

import keyring.core
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, stop_app
from tests.support.breaking_news import app_text, notice_text, notifications_ready
from tests.support.dovecot import Dovecot, DovecotFactory, make_dovecot
from tests.support.localserver import LocalServer, Response
from tests.support.mail_watch_profile import keyring_entry, prepare_profile
from tests.support.memorykeyring import MemoryKeyring
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.mail.credentials import SERVICE_NAME
from zeelandnet_desktop.mail.providers import CUSTOM_ID
from zeelandnet_desktop.mail.watch import Problem, State
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.system.notifications import MAIL, WEB, Activated, Announcement, resolved
from zeelandnet_desktop.ui.webmail.settings_page import WebmailSettingsPage

# QtWebEngine (a click opens the message) needs this before the QApplication, as in the app.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

__all__ = ["make_dovecot"]  # the fixture
WAIT_MS = 20_000


class RecordingNotifier:
    """The notifier interface, keeping what it was asked to show; `click` is what a user's
    click on a bubble hands back."""

    def __init__(self, on_activated: Activated) -> None:
        self.click = on_activated
        self.shown: list[Announcement] = []

    def notify(self, announcement: Announcement) -> Future[int | None]:
        self.shown.append(announcement)
        return resolved(len(self.shown))

    def dismiss(self, kind: str) -> None:
        pass

    def close(self) -> None:
        pass

    def of(self, kind: str) -> list[Announcement]:
        return [a for a in self.shown if a.kind == kind]


@pytest.fixture
def keyring_backend(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """The keyring the app finds (keyring's own choice, pinned for this test)."""
    memory = MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", memory)
    return memory


@pytest.fixture
def webmail_site(server: LocalServer) -> LocalServer:
    """The provider's web address: a page whose title shows five unread."""
    server.route("/", Response(body=b"<!doctype html><title>(5) Inbox - Webmail</title>"
                                    b"<h1 id='inbox'>Inbox</h1>"))
    return server


@pytest.fixture
def mailbox(make_dovecot: DovecotFactory, profile_dir: Path, keyring_backend: MemoryKeyring,
            webmail_site: LocalServer) -> Dovecot:
    dovecot = make_dovecot(mode="tls")
    prepare_profile(profile_dir, dovecot, start_url=webmail_site.url("/"))
    keyring_backend.entries[keyring_entry(dovecot)] = dovecot.user.password
    return dovecot


@pytest.fixture
def start(make_app: AppFactory, qtbot: QtBot) -> Iterator[Callable[[], tuple[Shell,
                                                                        RecordingNotifier]]]:
    def run() -> tuple[Shell, RecordingNotifier]:
        application = make_app()
        notifications_ready(application, qtbot)
        assert application.notices is not None
        made: list[RecordingNotifier] = []

        def recording(click: Activated) -> RecordingNotifier:
            made.append(RecordingNotifier(click))
            return made[-1]

        application.notices.use_notifier(recording)
        return application, made[0]

    yield run


def webmail_tab_text(application: Shell) -> str:
    return application.window.tabs.tabText(1)


def wait_tab(qtbot: QtBot, application: Shell, count: int) -> None:
    expected = app_text("Webmail", "MainWindow") + (f" ({count})" if count else "")
    qtbot.waitUntil(lambda: webmail_tab_text(application) == expected, timeout=WAIT_MS)


def watching(qtbot: QtBot, application: Shell) -> None:
    qtbot.waitUntil(lambda: application.mail_watch.state is State.WATCHING, timeout=WAIT_MS)


def test_the_count_is_on_the_webmail_tab_from_the_start_without_the_page(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    mailbox.deliver("Welkom")
    mailbox.deliver("Factuur")
    application, notifier = start()
    wait_tab(qtbot, application, 2)
    assert application.webmail_feature.tab.browser is None  # no page, no QtWebEngine for it
    assert application.window.current_tab() == "news"
    assert notifier.of(MAIL) == []  # what was there at the start is not news


def test_each_new_message_is_one_notification_with_sender_and_subject(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    application, notifier = start()
    wait_tab(qtbot, application, 0)
    watching(qtbot, application)
    mailbox.deliver("Afspraak morgen", sender_name="Piet de Vries", body="Niet in de melding")
    qtbot.waitUntil(lambda: len(notifier.of(MAIL)) == 1, timeout=WAIT_MS)
    wait_tab(qtbot, application, 1)
    mailbox.deliver("Verjaardag", sender_name="Anna")
    qtbot.waitUntil(lambda: len(notifier.of(MAIL)) == 2, timeout=WAIT_MS)
    first, second = notifier.of(MAIL)
    assert (first.summary, first.body) == (
        notice_text("New e-mail from %1").replace("%1", "Piet de Vries"), "Afspraak morgen")
    assert first.summary == "Nieuwe e-mail van Piet de Vries"  # Dutch, as the user reads it
    assert (second.summary, second.body) == (
        notice_text("New e-mail from %1").replace("%1", "Anna"), "Verjaardag")
    assert all("Niet in de melding" not in a.body + (a.markup or "") for a in notifier.shown)
    wait_tab(qtbot, application, 2)


def test_mail_that_came_while_it_was_off_is_one_grouped_notification(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    application, notifier = start()
    watching(qtbot, application)
    application.settings.set(keys.MAIL_WATCH, False)
    mailbox.deliver("Eerste", sender_name="Anna")
    mailbox.deliver("Tweede", sender_name="Bert")
    mailbox.deliver("Derde", sender_name="Carla")
    application.settings.set(keys.MAIL_WATCH, True)
    qtbot.waitUntil(lambda: bool(notifier.of(MAIL)), timeout=WAIT_MS)
    [grouped] = notifier.of(MAIL)
    assert grouped.summary == notice_text("%1 new e-mails").replace("%1", "3")
    assert grouped.body.splitlines() == ["Carla: Derde", "Bert: Tweede", "Anna: Eerste"]
    wait_tab(qtbot, application, 3)


def test_a_click_opens_the_webmail_on_that_message(
        qtbot: QtBot, mailbox: Dovecot, webmail_site: LocalServer,
        start: Callable[[], tuple[Shell, RecordingNotifier]]) -> None:
    application, notifier = start()
    watching(qtbot, application)
    uid = mailbox.deliver("Open mij", sender_name="Piet de Vries")
    qtbot.waitUntil(lambda: bool(notifier.of(MAIL)), timeout=WAIT_MS)
    notifier.click(notifier.of(MAIL)[0].key, "default")
    qtbot.waitUntil(lambda: application.window.current_tab() == "webmail", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: any(r.query.get("_uid") == [str(uid)]
                                for r in webmail_site.requests_for("/")), timeout=WAIT_MS)
    [asked] = [r for r in webmail_site.requests_for("/") if r.query.get("_uid")]
    assert asked.query == {"_task": ["mail"], "_mbox": ["INBOX"], "_uid": [str(uid)],
                           "_action": ["show"]}


def test_with_the_page_open_the_count_and_the_notifications_are_the_watchs_alone(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    mailbox.deliver("Een")
    application, notifier = start()
    wait_tab(qtbot, application, 1)
    tab = application.webmail_feature.tab
    application.window.show_tab("webmail")  # the page opens; its title says "(5)"
    qtbot.waitUntil(lambda: tab.page_unread == 5, timeout=WAIT_MS)
    application.window.show_tab("news")
    # The page's own notification and its title's count say nothing while the watch is on.
    application.report_web_notification("Nieuw bericht", "Iemand: iets")
    uid = mailbox.deliver("Twee", sender_name="Anna")
    qtbot.waitUntil(lambda: bool(notifier.of(MAIL)), timeout=WAIT_MS)
    wait_tab(qtbot, application, 2)
    assert [a.key for a in notifier.shown] == [f"webmail-message:{uid}"]
    assert notifier.of(WEB) == []

    application.settings.set(keys.MAIL_WATCH, False)  # now the page speaks for the mailbox
    wait_tab(qtbot, application, 5)
    assert len(notifier.of(MAIL)) == 1  # a change of source is not new mail


def test_mail_during_a_server_outage_is_told_once_after_the_reconnect(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    application, notifier = start()
    watching(qtbot, application)
    mailbox.kill()
    qtbot.waitUntil(lambda: application.mail_watch.state is State.WAITING, timeout=WAIT_MS)
    mailbox.start()
    uid = mailbox.deliver("Tijdens de storing", sender_name="Anna")
    qtbot.waitUntil(lambda: bool(notifier.of(MAIL)), timeout=WAIT_MS)
    wait_tab(qtbot, application, 1)
    watching(qtbot, application)
    assert [a.key for a in notifier.of(MAIL)] == [f"webmail-message:{uid}"]


def open_webmail_settings(application: Shell) -> dict[str, object]:
    """Instellingen → Webmail as the user opens it: what its mail part shows."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        page = dialog.findChild(WebmailSettingsPage)
        assert page is not None
        seen.update(checked=page.mail_watch.isChecked(), host=page.mail_host.text(),
                    port=page.mail_port.value(), editable=page.mail_host.isEnabled(),
                    status=page.mail_status.text() if page.mail_status.isVisibleTo(page)
                    else None)
        dialog.reject()

    QTimer.singleShot(0, look)
    application.open_settings()
    return seen


def test_a_refused_password_is_one_sentence_and_one_attempt_also_after_a_restart(
        qtbot: QtBot, make_app: AppFactory, mailbox: Dovecot, keyring_backend: MemoryKeyring,
        start: Callable[[], tuple[Shell, RecordingNotifier]]) -> None:
    keyring_backend.entries[keyring_entry(mailbox)] = "verouderd-wachtwoord"
    application, _notifier = start()
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: tab.notice.isVisibleTo(tab), timeout=WAIT_MS)
    sentence = app_text("New e-mail is not being checked: the mail server did not accept "
                        "your password. Sign in to the webmail once with the right password "
                        "and save it.", "MailWatch")
    assert sentence.startswith("Nieuwe e-mail wordt niet gecontroleerd")
    assert tab.notice.text() == sentence
    settings_page = open_webmail_settings(application)
    assert settings_page["status"] == sentence
    assert mailbox.login_attempts().failed == 1
    stop_app(application)

    again = make_app()  # the next start, within the hour
    qtbot.waitUntil(lambda: again.mail_watch.problem is not None, timeout=WAIT_MS)
    again_tab = again.webmail_feature.tab
    qtbot.waitUntil(lambda: again_tab.notice.text() == sentence, timeout=WAIT_MS)
    assert mailbox.login_attempts().failed == 1


def test_a_certificate_for_another_name_is_refused_in_plain_words(
        qtbot: QtBot, make_dovecot: DovecotFactory, profile_dir: Path,
        keyring_backend: MemoryKeyring, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    impostor = make_dovecot(mode="tls", cert_names=("mail.example.nl",))
    prepare_profile(profile_dir, impostor)
    keyring_backend.entries[keyring_entry(impostor)] = impostor.user.password
    application, _notifier = start()
    qtbot.waitUntil(lambda: application.mail_watch.problem is not None, timeout=WAIT_MS)
    assert application.mail_watch.problem is not None
    assert application.mail_watch.problem.problem is Problem.CERTIFICATE
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: tab.notice.isVisibleTo(tab), timeout=WAIT_MS)
    assert tab.notice.text() == app_text(
        "New e-mail is not being checked: the mail server %1 could not prove that it is the "
        "real one, so your password was not sent to it.", "MailWatch").replace(
        "%1", impostor.host)
    assert impostor.login_attempts().total == 0


def test_instellingen_shows_the_switch_and_the_providers_mail_server(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    application, _notifier = start()
    watching(qtbot, application)
    shown = open_webmail_settings(application)
    assert shown == {"checked": True, "host": mailbox.host, "port": mailbox.port,
                     "editable": False, "status": None}


def test_uitloggen_stops_the_watch_until_signed_in_again(
        qtbot: QtBot, mailbox: Dovecot, start: Callable[[], tuple[Shell, RecordingNotifier]]
        ) -> None:
    mailbox.deliver("Een")
    application, _notifier = start()
    wait_tab(qtbot, application, 1)
    application.window.webmail_actions["signout"].setEnabled(True)
    application.window.show_tab("webmail")
    application.window.webmail_actions["signout"].trigger()  # Webmail → Uitloggen
    qtbot.waitUntil(lambda: application.mail_watch.state is State.OFF, timeout=WAIT_MS)
    assert not application.mail_watch.active
    qtbot.waitUntil(lambda: application.webmail_feature.tab.page_unread is None,
                    timeout=WAIT_MS)


def test_for_other_webmail_the_user_gives_the_mail_server_and_it_is_still_verified(
        qtbot: QtBot, mailbox: Dovecot, keyring_backend: MemoryKeyring,
        start: Callable[[], tuple[Shell, RecordingNotifier]]) -> None:
    application, _notifier = start()
    watching(qtbot, application)
    page = WebmailSettingsPage(application.settings,
                               application.webmail_feature.tab.available_providers(),
                               mail_watch=application.mail_watch)
    qtbot.addWidget(page)
    assert not page.mail_host.isEnabled()  # the provider's own server, as its entry says
    page.provider.setCurrentIndex(page.provider.findData(CUSTOM_ID))
    assert page.mail_host.isEnabled() and page.mail_port.isEnabled()
    assert page.mail_host.text() == "" and page.mail_port.value() == 993
    assert page.mail_status.text() == app_text(
        "Enter the mail server of your webmail to check for new e-mail.", "MailWatch")
    page.custom_url.setText("https://webmail.example.nl")
    page.mail_host.setText("niet geldig!")
    page.apply()
    assert application.settings.get(keys.MAIL_CUSTOM_HOST) == ""  # refused, with words
    assert page.mail_status.text() == app_text(
        "Enter the name of the mail server, such as mail.example.nl.", "WebmailSettingsPage")

    # The user's own server: the same Dovecot, but nothing tells the app to trust its CA.
    application.settings.set_map_entry(keys.WEBMAIL_ACCOUNTS, CUSTOM_ID, mailbox.user.name)
    keyring_backend.entries[(SERVICE_NAME, f"{CUSTOM_ID}:{mailbox.user.name}")] = (
        mailbox.user.password)
    page.mail_host.setText(mailbox.host)
    page.mail_port.setValue(mailbox.port)
    page.apply()
    assert (application.settings.get(keys.MAIL_CUSTOM_HOST),
            application.settings.get(keys.MAIL_CUSTOM_PORT)) == (mailbox.host, mailbox.port)
    qtbot.waitUntil(lambda: application.mail_watch.problem is not None, timeout=WAIT_MS)
    assert application.mail_watch.problem is not None
    assert application.mail_watch.problem.problem is Problem.CERTIFICATE
    assert mailbox.login_attempts().failed == 0

    page.mail_watch.setChecked(False)  # "Nieuwe e-mail controleren ..." off
    page.apply()
    assert application.mail_watch.state is State.OFF and application.mail_watch.problem is None


@pytest.mark.parametrize("why", ["paused", "webmail on screen", "mail notifications off"])
def test_new_mail_keeps_the_calm_rules(
        qtbot: QtBot, mailbox: Dovecot, why: str,
        start: Callable[[], tuple[Shell, RecordingNotifier]]) -> None:
    application, notifier = start()
    watching(qtbot, application)
    assert application.breaking is not None
    if why == "paused":
        application.breaking.pause_for_an_hour()
    elif why == "webmail on screen":
        application.window.show_tab("webmail")
        qtbot.waitUntil(lambda: application.tab_on_screen("webmail"), timeout=WAIT_MS)
    else:
        application.settings.set(keys.NOTIFY_MAIL, False)
    with qtbot.waitSignal(application.mail_watch.new_mail, timeout=WAIT_MS):
        mailbox.deliver("Stil", sender_name="Anna")
    wait_tab(qtbot, application, 1)  # the count still shows it
    assert notifier.of(MAIL) == []

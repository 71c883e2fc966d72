"""The mail watch service against a real Dovecot with TLS: the unread count without any page,
IDLE waking it for new mail, a server that dies and comes back, a refused password (one
attempt, also over a restart), a certificate for another name, the watch turned off and on,
"Gegevens vergeten", the user's logout, and quitting with the session open. The services are the
app's own, on the app's task runner; only the OS keyring is a stand-in (tests/support)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support.dovecot import Dovecot, DovecotFactory, make_dovecot
from tests.support.mail_watch_profile import (
    PROVIDER,
    account_of,
    connections,
    keyring_entry,
    prepare_profile,
)
from tests.support.memorykeyring import MemoryKeyring
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.mail.credentials import CredentialStore
from zeelandnet_desktop.mail.watch import MailWatch, Problem, State
from zeelandnet_desktop.services.credentials import CredentialService
from zeelandnet_desktop.services.mail_watch import MailWatchService, NewMailNotice, WatchProblem
from zeelandnet_desktop.services.signin import SigninService
from zeelandnet_desktop.services.tasks import TaskRunner
from zeelandnet_desktop.services.webmail import WebmailService
from zeelandnet_desktop.settings import Settings
from zeelandnet_desktop.system import paths as app_paths

WAIT_MS = 20_000
__all__ = ["make_dovecot"]  # the fixture


@dataclass
class Watch:
    """The services of one run of the app, as the shell makes them."""

    service: MailWatchService
    settings: Settings
    tasks: TaskRunner
    credentials: CredentialService
    signin: SigninService
    counts: list[int | None] = field(default_factory=list)
    notices: list[NewMailNotice] = field(default_factory=list)
    problems: list[WatchProblem | None] = field(default_factory=list)

    @property
    def count(self) -> int | None:
        return self.service.count

    def stop(self) -> bool:
        self.service.shut_down()
        return self.tasks.shutdown(10.0)


@pytest.fixture
def keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def run_app(qtbot: QtBot, profile_dir: Path,
            keyring: MemoryKeyring) -> Iterator[Callable[[], Watch]]:
    """run_app(): the services of a new run on the same profile, the watch started as after
    the first paint."""
    runs: list[Watch] = []

    def run() -> Watch:
        paths = app_paths.resolve(profile_dir).ensure()
        settings = Settings(paths.settings_file)
        tasks = TaskRunner()
        credentials = CredentialService(CredentialStore(keyring), tasks)
        webmail = WebmailService(settings, paths)
        signin = SigninService(settings, credentials)
        # Quick retries, so a test waits for a reconnect in seconds, not minutes.
        rule = MailWatch(lambda: 0.5, base_delay=0.3, max_delay=1.0)
        service = MailWatchService(settings, tasks, credentials, webmail, signin, rule=rule)
        watch = Watch(service, settings, tasks, credentials, signin)
        service.count_changed.connect(watch.counts.append)
        service.new_mail.connect(watch.notices.append)
        service.problem_changed.connect(watch.problems.append)
        runs.append(watch)
        service.start()
        return watch

    yield run
    for watch in runs:
        watch.stop()


def saved(keyring: MemoryKeyring, dovecot: Dovecot, password: str | None = None) -> None:
    keyring.entries[keyring_entry(dovecot)] = password or dovecot.user.password


@pytest.fixture
def mailbox(make_dovecot: DovecotFactory, profile_dir: Path, keyring: MemoryKeyring) -> Dovecot:
    """Dovecot with TLS, the profile pointing at it, the right password saved."""
    dovecot = make_dovecot(mode="tls")
    prepare_profile(profile_dir, dovecot)
    saved(keyring, dovecot)
    return dovecot


def network_information_here() -> bool:
    from PySide6.QtNetwork import QNetworkInformation

    return bool(QNetworkInformation.availableBackends())


def wait_count(qtbot: QtBot, watch: Watch, count: int | None) -> None:
    qtbot.waitUntil(lambda: watch.count == count, timeout=WAIT_MS)


def test_the_unread_count_comes_without_opening_the_webmail(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    mailbox.deliver("Welkom")
    mailbox.deliver("Factuur")
    watch = run_app()
    wait_count(qtbot, watch, 2)
    assert watch.service.active and watch.service.problem is None
    assert watch.notices == []  # what was there at start-up is not news
    mailbox.mark_seen()  # read in another mail program
    wait_count(qtbot, watch, 0)


def test_a_new_message_wakes_the_watch_and_is_told_with_sender_and_subject(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    watch = run_app()
    wait_count(qtbot, watch, 0)
    uid = mailbox.deliver("Afspraak morgen", sender_name="Piet de Vries",
                         body="Dit is geheime inhoud")
    qtbot.waitUntil(lambda: bool(watch.notices), timeout=WAIT_MS)  # IDLE told it
    [notice] = watch.notices
    assert [(m.uid, m.sender, m.subject) for m in notice.messages] == [
        (uid, "Piet de Vries", "Afspraak morgen")]
    assert notice.unread == 1 and not notice.grouped
    assert "geheime" not in repr(notice)  # headers only, never the body


def test_after_the_server_died_it_reconnects_and_tells_the_mail_from_meanwhile_once(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    mailbox.deliver("Een")
    watch = run_app()
    wait_count(qtbot, watch, 1)
    logins = mailbox.login_attempts().succeeded

    assert not watch.service.wake.network_followed  # not needed while all is well
    mailbox.kill()
    qtbot.waitUntil(lambda: watch.service.state is State.WAITING, timeout=WAIT_MS)
    if network_information_here():  # waiting: it listens for the network's return now
        qtbot.waitUntil(lambda: watch.service.wake.network_followed, timeout=WAIT_MS)
    mailbox.start()
    uid = mailbox.deliver("Terwijl de server weg was", sender_name="Anna")
    wait_count(qtbot, watch, 2)
    qtbot.waitUntil(lambda: bool(watch.notices), timeout=WAIT_MS)
    assert [[m.uid for m in n.messages] for n in watch.notices] == [[uid]]
    assert watch.service.state is State.WATCHING and watch.service.problem is None
    assert mailbox.login_attempts().succeeded > logins  # a new connection, not the old one
    assert connections(mailbox) == 1


def test_a_refused_password_is_tried_once_and_not_again_after_a_restart(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch], keyring: MemoryKeyring,
        ) -> None:
    saved(keyring, mailbox, "een-oud-wachtwoord")
    first = run_app()
    qtbot.waitUntil(lambda: first.service.problem is not None, timeout=WAIT_MS)
    problem = first.service.problem
    assert problem is not None and problem.problem is Problem.WRONG_PASSWORD
    assert first.count is None
    assert mailbox.login_attempts().failed == 1
    assert first.stop()

    second = run_app()  # the app started again within the hour
    qtbot.waitUntil(lambda: second.service.problem is not None, timeout=WAIT_MS)
    assert second.service.state is State.WRONG_PASSWORD
    assert mailbox.login_attempts().failed == 1  # no second attempt

    # The user signs in with the right password and it is saved: tried at once, and it works.
    second.credentials.save(account_of(mailbox), mailbox.user.password)
    wait_count(qtbot, second, 0)
    assert second.service.problem is None
    assert PROVIDER not in second.settings.get_map(keys.MAIL_LOGIN_REFUSED)
    assert mailbox.login_attempts().failed == 1


def test_a_certificate_for_another_name_is_refused_before_any_password(
        qtbot: QtBot, make_dovecot: DovecotFactory, profile_dir: Path,
        keyring: MemoryKeyring, run_app: Callable[[], Watch]) -> None:
    other = make_dovecot(mode="tls", cert_names=("mail.example.nl",))
    prepare_profile(profile_dir, other)
    saved(keyring, other)
    watch = run_app()
    qtbot.waitUntil(lambda: watch.service.problem is not None, timeout=WAIT_MS)
    problem = watch.service.problem
    assert problem is not None and problem.problem is Problem.CERTIFICATE
    assert problem.host == other.host
    assert other.login_attempts().total == 0


def test_without_a_saved_password_it_stays_off_until_one_is_saved(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch],
        keyring: MemoryKeyring) -> None:
    keyring.entries.clear()
    watch = run_app()
    qtbot.waitUntil(lambda: watch.service.password_missing, timeout=WAIT_MS)
    assert watch.service.state is State.OFF and watch.service.problem is None
    assert mailbox.login_attempts().total == 0

    watch.credentials.save(account_of(mailbox), mailbox.user.password)
    wait_count(qtbot, watch, 0)


def test_turned_off_and_on_it_tells_what_came_meanwhile_in_one_notification(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    watch = run_app()
    wait_count(qtbot, watch, 0)
    watch.settings.set(keys.MAIL_WATCH, False)
    assert not watch.service.active and watch.count is None
    first = mailbox.deliver("Eerste", sender_name="Anna")
    second = mailbox.deliver("Tweede", sender_name="Bert")

    watch.settings.set(keys.MAIL_WATCH, True)
    qtbot.waitUntil(lambda: bool(watch.notices), timeout=WAIT_MS)
    [notice] = watch.notices
    assert notice.grouped and [m.uid for m in notice.messages] == [first, second]
    assert watch.count == 2


def test_gegevens_vergeten_stops_it_and_forgets_the_mailbox(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch],
        keyring: MemoryKeyring) -> None:
    watch = run_app()
    wait_count(qtbot, watch, 0)
    watch.signin.forget(PROVIDER)
    assert watch.service.state is State.OFF and watch.count is None
    qtbot.waitUntil(lambda: keyring_entry(mailbox) not in keyring.entries, timeout=WAIT_MS)
    mailbox.deliver("Na het vergeten")

    # Signed in and saved again: a fresh start, no notification for mail from before.
    watch.settings.set_map_entry(keys.WEBMAIL_ACCOUNTS, PROVIDER, account_of(mailbox).address)
    watch.credentials.save(account_of(mailbox), mailbox.user.password)
    wait_count(qtbot, watch, 1)
    assert watch.notices == []


def test_the_users_logout_stops_it_for_this_run(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    watch = run_app()
    wait_count(qtbot, watch, 0)
    watch.service.logged_out()
    assert watch.service.state is State.OFF and not watch.service.active
    watch.settings.set(keys.MAIL_WATCH, False)
    watch.settings.set(keys.MAIL_WATCH, True)  # a change elsewhere does not undo the logout
    assert watch.service.state is State.OFF
    watch.signin.signed_in.emit()  # signed in to the webmail again
    wait_count(qtbot, watch, 0)
    watch.service.logged_out()
    assert watch.stop()
    again = run_app()  # the next run watches again
    wait_count(qtbot, again, 0)


def test_a_network_change_reconnects_with_one_connection(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    watch = run_app()
    wait_count(qtbot, watch, 0)
    before = mailbox.login_attempts().succeeded
    watch.service.network_changed()
    qtbot.waitUntil(lambda: mailbox.login_attempts().succeeded == before + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: watch.service.state is State.WATCHING, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: connections(mailbox) == 1, timeout=WAIT_MS)  # the old one closed
    uid = mailbox.deliver("Na het wisselen van netwerk")
    qtbot.waitUntil(lambda: bool(watch.notices), timeout=WAIT_MS)
    assert [m.uid for m in watch.notices[0].messages] == [uid]


def test_quitting_with_the_session_open_ends_the_job(
        qtbot: QtBot, mailbox: Dovecot, run_app: Callable[[], Watch]) -> None:
    watch = run_app()
    wait_count(qtbot, watch, 0)
    assert watch.service.state is State.WATCHING
    assert connections(mailbox) == 1
    assert watch.stop()  # the runner saw the session's job end (a hang guard, not a timing)
    qtbot.waitUntil(lambda: connections(mailbox) == 0, timeout=WAIT_MS)  # it said goodbye

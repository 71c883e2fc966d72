"""The rule and the IMAP client together against a real Dovecot, wired as the app's service is
meant to wire them (tests/support/mail_watch_driver.py): reconnecting after the server died,
one attempt with a refused password, a new password, a network change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.dovecot import Dovecot
from tests.support.mail_watch_driver import WatchDriver
from zeelandnet_desktop.mail.providers import ImapServer
from zeelandnet_desktop.mail.watch import (
    Connect,
    ConnectionLost,
    MailWatch,
    NetworkChanged,
    Notify,
    PasswordChanged,
    Problem,
    RetryIn,
    ShowCount,
    ShowProblem,
    State,
)


def server_of(dovecot: Dovecot) -> ImapServer:
    return ImapServer(dovecot.host, dovecot.port, ca_file=str(dovecot.ca_file))


@pytest.fixture
def drivers() -> Iterator[Callable[..., WatchDriver]]:
    made: list[WatchDriver] = []

    def make(dovecot: Dovecot, password: Callable[[], str] | None = None,
             **options: Any) -> WatchDriver:
        rule = MailWatch(lambda: 0.5, base_delay=0.2, max_delay=1.0)
        driver = WatchDriver(server_of(dovecot), dovecot.user.name,
                             password or (lambda: dovecot.user.password), rule=rule, **options)
        made.append(driver)
        return driver.start()

    yield make
    for driver in made:
        driver.close()
        assert driver.overlaps == 0, "two sessions ran at once"


def last_count(driver: WatchDriver) -> int | None:
    counts = driver.seen(ShowCount)
    return counts[-1].count if counts else None


def test_reconnects_after_the_server_was_killed_and_restarted(
        dovecot_tls: Dovecot, drivers: Callable[..., WatchDriver]) -> None:
    dovecot_tls.deliver("Een")
    driver = drivers(dovecot_tls)
    driver.wait_for(lambda: last_count(driver) == 1, what="count 1")

    dovecot_tls.kill()
    driver.wait_for(lambda: bool(driver.seen(RetryIn)), what="a retry after the loss")
    assert driver.seen(ConnectionLost, "events")[0].problem is Problem.LOST
    dovecot_tls.start()
    uid = dovecot_tls.deliver("Na de herstart", sender_name="Anna")
    driver.wait_for(lambda: last_count(driver) == 2, what="count 2 from a new connection")
    # The message that arrived while it was away is told, once.
    driver.wait_for(lambda: bool(driver.seen(Notify)), what="the notification")
    [notify] = driver.seen(Notify)
    assert [(m.uid, m.sender) for m in notify.messages] == [(uid, "Anna")]
    assert driver.rule.state is State.WATCHING
    assert driver.sessions_started >= 2


def test_refused_password_one_attempt_then_the_new_one(
        dovecot_tls: Dovecot, drivers: Callable[..., WatchDriver]) -> None:
    saved = {"password": "verouderd-wachtwoord"}
    driver = drivers(dovecot_tls, password=lambda: saved["password"])
    driver.wait_for(lambda: bool(driver.seen(ShowProblem)), what="the problem")
    [problem] = driver.seen(ShowProblem)
    assert problem.problem is Problem.WRONG_PASSWORD
    assert "did not accept the user name or password" in problem.message
    assert driver.seen(RetryIn)[-1].seconds == 3600.0  # the next try is an hour away
    driver.post(NetworkChanged())  # no reason for another attempt with the same password
    driver.wait_for(lambda: NetworkChanged() in driver.events, what="the network change")
    assert dovecot_tls.login_attempts().failed == 1
    assert len(driver.seen(Connect)) == 1

    saved["password"] = dovecot_tls.user.password  # the user saved the right one
    driver.post(PasswordChanged())
    driver.wait_for(lambda: last_count(driver) == 0, what="watching with the new password")
    assert driver.seen(ShowProblem)[-1] == ShowProblem(None)
    attempts = dovecot_tls.login_attempts()
    assert (attempts.failed, attempts.succeeded >= 1) == (1, True)


def test_network_change_reconnects_at_once_with_one_session(
        dovecot_tls: Dovecot, drivers: Callable[..., WatchDriver]) -> None:
    driver = drivers(dovecot_tls)
    driver.wait_for(lambda: last_count(driver) == 0, what="watching")
    for _ in range(3):
        driver.post(NetworkChanged())
    driver.wait_for(lambda: len(driver.seen(Connect)) == 2 and driver.rule.state is State.WATCHING,
                    what="one new session")
    dovecot_tls.deliver("Na het wisselen van netwerk")
    driver.wait_for(lambda: last_count(driver) == 1, what="count 1")
    assert len(driver.seen(Connect)) == 2

"""The mail watch rule across runs of the app and without a password: a refusal remembered from
the last run holds the next start back, and a session that found no password ends the watch."""

from __future__ import annotations

import pytest

from zeelandnet_desktop.mail.watch import (
    Closed,
    Connect,
    Connected,
    Disconnect,
    LoginFailed,
    MailboxMark,
    MailWatch,
    NetworkChanged,
    PasswordChanged,
    PasswordMissing,
    Problem,
    RetryDue,
    RetryIn,
    ShowProblem,
    Started,
    State,
    Stop,
    StopReason,
    UnreadCount,
)

MARK = MailboxMark(7, 41)
HOUR = 3600.0


def watch() -> MailWatch:
    return MailWatch(lambda: 0.0, base_delay=2.0, max_delay=300.0, login_retry=HOUR,
                     stable_after=60.0)


@pytest.mark.parametrize(("ago", "waits"), [
    pytest.param(0.0, HOUR, id="refused just before the restart"),
    pytest.param(600.0, HOUR - 600.0, id="refused ten minutes before"),
    pytest.param(-30.0, HOUR, id="a clock set back counts as just now"),
])
def test_a_refusal_remembered_from_the_last_run_is_not_a_new_attempt(
        ago: float, waits: float) -> None:
    rule = watch()
    actions = rule.handle(Started(refused_ago=ago), 1000.0)
    assert not any(isinstance(a, Connect) for a in actions)
    assert ShowProblem(Problem.WRONG_PASSWORD, "") in actions
    [retry] = [a for a in actions if isinstance(a, RetryIn)]
    assert retry.seconds == pytest.approx(waits)
    assert rule.state is State.WRONG_PASSWORD
    # The hour over: one attempt again.
    assert rule.handle(RetryDue(retry.token), 1000.0 + waits) == [Connect(None)]


def test_a_refusal_older_than_the_hour_allows_the_attempt() -> None:
    rule = watch()
    assert rule.handle(Started(refused_ago=HOUR + 1), 50.0) == [Connect(None)]


def test_a_new_password_after_a_remembered_refusal_is_tried_at_once() -> None:
    rule = watch()
    rule.handle(Started(refused_ago=10.0), 100.0)
    assert rule.handle(PasswordChanged(), 101.0) == [Connect(None)]


def test_connected_forgets_the_remembered_refusal() -> None:
    rule = watch()
    rule.handle(Started(refused_ago=HOUR + 5), 0.0)
    rule.handle(Connected(idle=True), 1.0)
    rule.handle(Stop(StopReason.TURNED_OFF), 2.0)
    rule.handle(Closed(), 2.1)
    assert rule.handle(Started(), 3.0) == [Connect(None)]


def test_no_password_ends_the_watch_until_it_is_started_again() -> None:
    rule = watch()
    rule.handle(Started(), 0.0)
    assert rule.handle(PasswordMissing(), 0.1) == []  # nothing was shown, nothing to take back
    assert rule.state is State.OFF and not rule.session_running
    assert rule.handle(NetworkChanged(), 1.0) == []
    assert rule.handle(PasswordChanged(), 2.0) == []
    assert rule.handle(Started(), 3.0) == [Connect(None)]


def test_no_password_after_a_problem_takes_the_problem_back() -> None:
    rule = watch()
    rule.handle(Started(), 0.0)
    rule.handle(Connected(idle=True), 0.1)
    rule.handle(UnreadCount(4, MARK), 0.2)
    rule.handle(LoginFailed("refused"), 100.0)  # a later session: the password was refused
    assert rule.handle(PasswordChanged(), 200.0) == [Connect(MARK)]
    assert rule.handle(PasswordMissing(), 200.5) == [ShowProblem(None)]
    assert rule.state is State.OFF and rule.count is None


def test_no_password_while_the_session_was_asked_to_end_reconnects_nothing() -> None:
    rule = watch()
    rule.handle(Started(), 0.0)
    assert rule.handle(Stop(StopReason.QUIT), 0.1) == [Disconnect()]
    assert rule.handle(PasswordMissing(), 0.2) == []
    assert rule.state is State.OFF and not rule.session_running


def test_no_password_when_no_session_runs_is_ignored() -> None:
    rule = watch()
    assert rule.handle(PasswordMissing(), 0.0) == []
    assert rule.handle(Started(), 1.0) == [Connect(None)]

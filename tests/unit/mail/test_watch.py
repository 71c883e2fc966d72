"""The mail watch rule, table-driven: events in, actions out, no I/O and no clock."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from zeelandnet_desktop.mail.watch import (
    Action,
    Closed,
    Connect,
    Connected,
    ConnectionLost,
    Disconnect,
    Event,
    LoginFailed,
    MailboxMark,
    MailWatch,
    NetworkChanged,
    NewMail,
    NewMessage,
    Notify,
    PasswordChanged,
    Problem,
    RetryDue,
    RetryIn,
    ShowCount,
    ShowProblem,
    Started,
    State,
    Stop,
    StopReason,
    UnreadCount,
)

MARK = MailboxMark(7, 41)
PIET = NewMessage(42, "Piet de Vries", "Factuur")
ANNA = NewMessage(43, "Anna", "Verjaardag")
LOST = ConnectionLost(Problem.LOST, "The connection to the mail server was lost.")
DOWN = ConnectionLost(Problem.UNREACHABLE, "The mail server cannot be reached.")
WRONG = LoginFailed("The mail server did not accept the user name or password.")


def watch(jitter: float = 0.0) -> MailWatch:
    return MailWatch(lambda: jitter, base_delay=2.0, max_delay=300.0, login_retry=3600.0,
                     stable_after=60.0)


def run(rule: MailWatch, steps: Sequence[tuple[float, Event]]) -> list[list[Action]]:
    return [rule.handle(event, now) for now, event in steps]


def watching(rule: MailWatch, now: float = 0.0) -> MailWatch:
    run(rule, [(now, Started()), (now, Connected(idle=True)), (now, UnreadCount(2, MARK))])
    assert rule.state is State.WATCHING
    return rule


def token(actions: Sequence[Action]) -> int:
    return next(a.token for a in actions if isinstance(a, RetryIn))


@pytest.mark.parametrize(("steps", "expected", "state"), [
    pytest.param([Started()], [Connect(None)], State.CONNECTING, id="start connects"),
    pytest.param([Started(), Started()], [], State.CONNECTING, id="started twice: one session"),
    pytest.param([Started(), Connected(idle=True)], [], State.WATCHING, id="connected"),
    pytest.param([Started(), Connected(idle=True), UnreadCount(3, MARK)], [ShowCount(3)],
                 State.WATCHING, id="count shown"),
    pytest.param([Started(), Connected(idle=True), UnreadCount(3, MARK), UnreadCount(3, MARK)],
                 [], State.WATCHING, id="same count said once"),
    pytest.param([Started(), Connected(idle=False), NewMail((PIET,))], [Notify((PIET,))],
                 State.WATCHING, id="one new message"),
    pytest.param([Started(), Connected(idle=True), NewMail((PIET, ANNA), more=3)],
                 [Notify((PIET, ANNA), 3)], State.WATCHING, id="several grouped"),
    pytest.param([NewMail((PIET,))], [], State.OFF, id="off: nothing notified"),
    pytest.param([Started(), UnreadCount(3, MARK)], [], State.CONNECTING,
                 id="no count before connected"),
    pytest.param([Started(), Connected(idle=True), PasswordChanged()], [], State.WATCHING,
                 id="new password while watching: keep the session"),
    pytest.param([Stop(StopReason.QUIT)], [], State.OFF, id="stop when off"),
])
def test_simple_table(steps: list[Event], expected: list[Action], state: State) -> None:
    rule = watch()
    assert run(rule, [(0.0, e) for e in steps])[-1] == expected
    assert rule.state is state


def test_grouped_means_more_than_one() -> None:
    assert not Notify((PIET,)).grouped
    assert Notify((PIET, ANNA)).grouped
    assert Notify((PIET,), more=1).grouped


@pytest.mark.parametrize(("jitter", "delays"), [
    (0.0, [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 150.0, 150.0]),
    (1.0, [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 300.0, 300.0]),
])
def test_back_off_doubles_with_jitter_up_to_a_cap(jitter: float, delays: list[float]) -> None:
    rule = watching(watch(jitter))
    seen = []
    actions = rule.handle(DOWN, 1.0)
    for _ in delays:
        retry = next(a for a in actions if isinstance(a, RetryIn))
        seen.append(retry.seconds)
        assert rule.handle(RetryDue(retry.token), 2.0) == [Connect(MARK)]
        actions = rule.handle(DOWN, 3.0)
    assert seen == delays


def test_a_hiccup_is_not_announced_but_a_second_failure_is() -> None:
    rule = watching(watch())
    first = rule.handle(LOST, 100.0)
    assert [a for a in first if isinstance(a, ShowProblem | ShowCount)] == []
    assert rule.handle(RetryDue(token(first)), 101.0) == [Connect(MARK)]
    second = rule.handle(DOWN, 102.0)
    assert ShowProblem(Problem.UNREACHABLE, DOWN.message) in second
    assert ShowCount(None) in second  # the count cannot be known now: unknown, not 0
    third = rule.handle(RetryDue(token(second)), 110.0) + rule.handle(DOWN, 111.0)
    assert not any(isinstance(a, ShowProblem) for a in third)  # said once
    back = rule.handle(RetryDue(token(third)), 120.0) + rule.handle(Connected(idle=True), 121.0)
    assert ShowProblem(None) in back
    assert rule.handle(UnreadCount(4, MARK), 122.0) == [ShowCount(4)]


@pytest.mark.parametrize("problem", [Problem.CERTIFICATE, Problem.TLS, Problem.REFUSED])
def test_trust_problems_are_said_at_once(problem: Problem) -> None:
    rule = watch()
    rule.handle(Started(), 0.0)
    actions = rule.handle(ConnectionLost(problem, "words"), 1.0)
    assert ShowProblem(problem, "words") in actions
    assert rule.state is State.WAITING


def test_a_stable_session_starts_the_back_off_again() -> None:
    rule = watching(watch(1.0))
    for now in (1.0, 2.0, 3.0):  # three quick failures: 2, 4, 8 s
        retry = rule.handle(DOWN, now)
        rule.handle(RetryDue(token(retry)), now)
    rule.handle(Connected(idle=True), 10.0)
    assert next(a.seconds for a in rule.handle(LOST, 500.0) if isinstance(a, RetryIn)) == 2.0


def test_a_stale_retry_is_ignored() -> None:
    rule = watching(watch())
    old = token(rule.handle(DOWN, 1.0))
    rule.handle(NetworkChanged(), 2.0)  # connects now; the timer that was set is void
    assert rule.handle(RetryDue(old), 3.0) == []


def test_wrong_password_one_attempt_per_hour() -> None:
    rule = watch()
    rule.handle(Started(), 0.0)
    failed = rule.handle(WRONG, 1.0)
    assert ShowProblem(Problem.WRONG_PASSWORD, WRONG.message) in failed
    assert RetryIn(3600.0, token(failed)) in failed
    assert rule.state is State.WRONG_PASSWORD
    # Nothing else makes it try again: not a network change, not turning it off and on.
    assert rule.handle(NetworkChanged(), 10.0) == []
    rule.handle(Stop(StopReason.TURNED_OFF), 20.0)
    again = rule.handle(Started(), 30.0)
    assert not any(isinstance(a, Connect) for a in again)
    assert RetryIn(3600.0 - 29.0, token(again)) in again
    assert ShowProblem(Problem.WRONG_PASSWORD, WRONG.message) in again
    # The hour is over: one attempt, and if it fails, the next hour.
    assert rule.handle(RetryDue(token(again)), 3601.0) == [Connect(None)]
    later = rule.handle(WRONG, 3602.0)
    assert later == [RetryIn(3600.0, token(later))]  # the problem is on screen already


def test_a_new_password_gets_one_attempt_each_time() -> None:
    rule = watch()
    rule.handle(Started(), 0.0)
    rule.handle(WRONG, 1.0)
    assert rule.handle(PasswordChanged(), 5.0) == [Connect(None)]
    assert rule.handle(PasswordChanged(), 6.0) == []  # that attempt is still running
    rule.handle(WRONG, 7.0)  # the one started before the second change used the old one...
    assert rule.state is State.CONNECTING  # ...so the new one gets its own attempt
    assert rule.session_running
    actions = rule.handle(WRONG, 8.0)
    assert rule.state is State.WRONG_PASSWORD
    assert not any(isinstance(a, Connect) for a in actions)
    assert rule.handle(PasswordChanged(), 9.0) == [Connect(None)]
    assert rule.handle(Connected(idle=True), 10.0) == [ShowProblem(None)]


def test_network_change_or_wake_from_sleep_reconnects_promptly() -> None:
    wake = NetworkChanged()
    rule = watching(watch())
    assert rule.handle(wake, 5.0) == [Disconnect()]
    assert rule.handle(wake, 5.1) == []  # already on its way
    assert rule.handle(UnreadCount(9, MARK), 5.2) == []  # the old session's last words
    assert rule.handle(Closed(), 5.3) == [Connect(MARK)]  # only once it is gone
    waiting = watch()
    run(waiting, [(0.0, Started()), (1.0, DOWN)])
    assert waiting.handle(wake, 2.0) == [Connect(None)]


def test_network_change_while_the_old_session_fails() -> None:
    rule = watching(watch())
    rule.handle(NetworkChanged(), 1.0)
    assert rule.handle(LOST, 1.5) == [Connect(MARK)]  # no back-off wait: we asked for it


@pytest.mark.parametrize("reason", list(StopReason))
def test_stop_disconnects_and_clears(reason: StopReason) -> None:
    rule = watching(watch())
    actions = rule.handle(Stop(reason), 5.0)
    assert actions[0] == Disconnect()
    assert ShowCount(None) in actions
    assert rule.state is State.OFF
    assert rule.handle(Closed(), 6.0) == []
    assert rule.handle(NetworkChanged(), 7.0) == []
    assert rule.handle(Started(), 8.0) == [Connect(None if reason is StopReason.FORGET
                                                   else MARK)]


def test_forget_also_forgets_a_refused_password() -> None:
    rule = watch()
    run(rule, [(0.0, Started()), (1.0, WRONG), (2.0, Stop(StopReason.FORGET))])
    assert rule.handle(Started(), 3.0) == [Connect(None)]


def test_restart_while_the_old_session_is_still_closing() -> None:
    rule = watching(watch())
    rule.handle(Stop(StopReason.TURNED_OFF), 1.0)
    assert rule.handle(Started(), 1.1) == []  # not a second connection
    assert rule.handle(Connected(idle=True), 1.2) == []  # the old one, still saying things
    assert rule.handle(Closed(), 1.3) == [Connect(MARK)]


def test_never_two_sessions_whatever_happens() -> None:
    """Random event storms: a Connect only ever follows the end of the previous session."""
    picks = random.Random(16)
    events: list[Event] = [Started(), Connected(idle=True), UnreadCount(1, MARK),
                           NewMail((PIET,)), WRONG, LOST, DOWN, Closed(), NetworkChanged(),
                           PasswordChanged(), Stop(StopReason.TURNED_OFF),
                           Stop(StopReason.FORGET)]
    for _ in range(200):
        rule = watch(picks.random())
        running = False
        for step in range(60):
            event = picks.choice(events)
            if isinstance(event, LoginFailed | ConnectionLost | Closed | Connected):
                if not running:
                    continue  # only a running session can say these
                if not isinstance(event, Connected):
                    running = False
            if isinstance(event, RetryDue):
                continue
            actions = rule.handle(event, float(step))
            for action in actions:
                if isinstance(action, Connect):
                    assert not running, "a second session was asked for"
                    running = True
                if isinstance(action, RetryIn):
                    for follow in rule.handle(RetryDue(action.token), step + 0.5):
                        if isinstance(follow, Connect):
                            assert not running
                            running = True
            assert rule.session_running == running

"""The new-mail watch as a pure rule: events in, actions out. No I/O, no clock, no Qt.

The service that owns it runs the IMAP session (mail/imap.py) as one cancellable background
job, turns what the job reports and what the system says (network, sleep, password saved,
logout) into events, passes the time with each, and carries out the actions. Rules:

- never more than one session: a new one is only asked for once the last one has ended;
- a failed LOGIN is followed by at most one more attempt per change of password or per hour,
  so a stale password never locks the account;
- a dropped connection is retried with exponential back-off and jitter (the random source is
  given, so tests are exact); a network change or a resume from sleep reconnects at once;
- a problem is said once, and cleared when the watch works again; a count the watch cannot
  know is None ("unknown"), never 0;
- without a password to log in with the watch goes off, until it is started again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from .watch_events import (
    Action,
    Closed,
    Connect,
    Connected,
    ConnectionLost,
    Disconnect,
    Event,
    LoginFailed,
    MailboxMark,
    NetworkChanged,
    NewMail,
    NewMessage,
    Notify,
    PasswordChanged,
    PasswordMissing,
    Problem,
    RetryDue,
    RetryIn,
    ShowCount,
    ShowProblem,
    Started,
    Stop,
    StopReason,
    UnreadCount,
)

__all__ = [
    "Action",
    "Closed",
    "Connect",
    "Connected",
    "ConnectionLost",
    "Disconnect",
    "Event",
    "LoginFailed",
    "MailWatch",
    "MailboxMark",
    "NetworkChanged",
    "NewMail",
    "NewMessage",
    "Notify",
    "PasswordChanged",
    "PasswordMissing",
    "Problem",
    "RetryDue",
    "RetryIn",
    "ShowCount",
    "ShowProblem",
    "Started",
    "State",
    "Stop",
    "StopReason",
    "UnreadCount",
]


class State(enum.Enum):
    OFF = "off"
    CONNECTING = "connecting"
    WATCHING = "watching"
    WAITING = "waiting"  # to retry after a problem
    WRONG_PASSWORD = "wrong_password"  # stopped until the password changes (or an hour passes)


# Shown at once; an unreachable server or a dropped connection only when retrying failed too,
# so a short hiccup does not flash a warning.
_SAY_AT_ONCE = frozenset({Problem.WRONG_PASSWORD, Problem.CERTIFICATE, Problem.TLS,
                          Problem.REFUSED})


class MailWatch:
    """The rule. `handle(event, now)` with a monotonic `now` in seconds."""

    def __init__(self, random: Callable[[], float], *, base_delay: float = 2.0,
                 max_delay: float = 300.0, login_retry: float = 3600.0,
                 stable_after: float = 60.0) -> None:
        self._random = random
        self._base, self._max = base_delay, max_delay
        self._login_retry, self._stable_after = login_retry, stable_after
        self.state = State.OFF
        self.session_running = False
        self._closing = False  # asked to end: what it still reports is stale
        self.count: int | None = None
        self.mark: MailboxMark | None = None
        self._reconnect_when_ended = False
        self._failures = 0
        self._connected_at = 0.0
        self._token = 0
        self._shown: Problem | None = None
        self._login_failed_at: float | None = None
        self._login_message = ""
        self._password_changed_in_flight = False

    def handle(self, event: Event, now: float) -> list[Action]:
        if self._closing and isinstance(event, Connected | UnreadCount | NewMail):
            return []
        match event:
            case Started(refused_ago=refused_ago):
                return self._started(now, refused_ago)
            case Connected():
                if self.state is not State.CONNECTING:
                    return []
                self.state, self._connected_at = State.WATCHING, now
                self._login_failed_at = None
                return self._say(None)
            case UnreadCount(count=count, mark=mark):
                if self.state is not State.WATCHING:
                    return []
                self.mark = mark
                return self._show_count(count)
            case NewMail(messages=messages, more=more):
                if self.state is not State.WATCHING or not (messages or more):
                    return []
                return [Notify(messages, more)]
            case LoginFailed(message=message):
                return self._login_failed(message, now)
            case ConnectionLost(problem=problem, message=message):
                return self._lost(problem, message, now)
            case Closed():
                self._ended()
                return self._connect() if self._take_reconnect() else []
            case PasswordMissing():
                return self._password_missing()
            case NetworkChanged():
                return self._network_changed()
            case PasswordChanged():
                return self._password_changed()
            case RetryDue(token=token):
                if token != self._token or self.state not in (State.WAITING,
                                                              State.WRONG_PASSWORD):
                    return []
                return self._connect()
            case Stop(reason=reason):
                return self._stop(reason)
        raise TypeError(f"not a mail watch event: {event!r}")

    # --- the parts -------------------------------------------------------------------------

    def _started(self, now: float, refused_ago: float | None) -> list[Action]:
        if self.state is not State.OFF:
            return []
        if refused_ago is not None and self._login_failed_at is None:
            self._login_failed_at = now - max(0.0, refused_ago)  # a restart is no new password
        if self._login_failed_at is not None:
            left = self._login_failed_at + self._login_retry - now
            if left > 0:  # turned off and on again: that is not a new password
                self.state = State.WRONG_PASSWORD
                self._token += 1
                return [*self._say(Problem.WRONG_PASSWORD, self._login_message),
                        RetryIn(left, self._token)]
        return self._connect()

    def _connect(self) -> list[Action]:
        self._token += 1  # a retry that was due is void now
        self.state = State.CONNECTING
        self._password_changed_in_flight = False
        if self.session_running:
            self._reconnect_when_ended = True
            return []
        self.session_running = True
        return [Connect(self.mark)]

    def _ended(self) -> None:
        self.session_running = self._closing = False

    def _take_reconnect(self) -> bool:
        wanted, self._reconnect_when_ended = self._reconnect_when_ended, False
        return wanted and self.state is not State.OFF

    def _login_failed(self, message: str, now: float) -> list[Action]:
        self._ended()
        self._reconnect_when_ended = False
        self._login_failed_at, self._login_message = now, message
        if self.state is State.OFF:
            return []
        if self._password_changed_in_flight:  # the attempt still used the old password
            return self._connect()
        self.state = State.WRONG_PASSWORD
        self._token += 1
        return [*self._show_count(None), *self._say(Problem.WRONG_PASSWORD, message),
                RetryIn(self._login_retry, self._token)]

    def _lost(self, problem: Problem, message: str, now: float) -> list[Action]:
        was_watching = self.state is State.WATCHING
        self._ended()
        if self.state is State.OFF:
            return []
        if self._take_reconnect():  # we had asked it to end, for a prompt reconnect
            return self._connect()
        if was_watching and now - self._connected_at >= self._stable_after:
            self._failures = 0
        self._failures += 1
        delay = min(self._max, self._base * 2 ** (self._failures - 1))
        delay *= 0.5 + 0.5 * self._random()
        self.state = State.WAITING
        self._token += 1
        actions: list[Action] = []
        if problem in _SAY_AT_ONCE or self._failures > 1:
            actions += [*self._show_count(None), *self._say(problem, message)]
        return [*actions, RetryIn(delay, self._token)]

    def _password_missing(self) -> list[Action]:
        if not self.session_running:
            return []
        self._ended()
        self._reconnect_when_ended = False
        if self.state is State.OFF:
            return []
        self.state = State.OFF
        self._token += 1
        self._failures = 0
        return [*self._show_count(None), *self._say(None)]

    def _network_changed(self) -> list[Action]:
        if self.state in (State.OFF, State.WRONG_PASSWORD):
            return []  # nothing to do; and no extra login with a refused password
        self._failures = 0
        if self.state is State.WAITING:
            return self._connect()
        # The connection may be dead without knowing it (after sleep it usually is).
        self._reconnect_when_ended = True
        self.state = State.CONNECTING
        if self._closing:
            return []
        self._closing = True
        return [Disconnect()]

    def _password_changed(self) -> list[Action]:
        self._login_failed_at = None
        if self.state in (State.WRONG_PASSWORD, State.WAITING):
            return self._connect()
        if self.state is State.CONNECTING:
            self._password_changed_in_flight = True
        return []

    def _stop(self, reason: StopReason) -> list[Action]:
        actions: list[Action] = []
        if self.session_running and not self._closing:
            self._closing = True
            actions.append(Disconnect())
        self.state = State.OFF
        self._reconnect_when_ended = False
        self._token += 1
        self._failures = 0
        if reason is StopReason.FORGET:
            self.mark, self._login_failed_at = None, None
        return [*actions, *self._show_count(None), *self._say(None)]

    def _show_count(self, count: int | None) -> list[Action]:
        if count == self.count:
            return []
        self.count = count
        return [ShowCount(count)]

    def _say(self, problem: Problem | None, message: str = "") -> list[Action]:
        if problem is self._shown:
            return []
        self._shown = problem
        return [ShowProblem(problem, message)]

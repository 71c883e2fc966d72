"""The mail watch wired up without Qt, as the app's service is meant to do it.

One thread owns the rule (as the GUI thread will), the IMAP session runs as one cancellable
background job at a time, and RetryIn becomes a timer. Everything the rule asked for is kept
in `actions` for the test to look at.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from zeelandnet_desktop.mail.imap import watch_inbox
from zeelandnet_desktop.mail.providers import ImapServer
from zeelandnet_desktop.mail.watch import (
    Action,
    Connect,
    Disconnect,
    Event,
    MailWatch,
    RetryDue,
    RetryIn,
    Started,
    Stop,
    StopReason,
)

_QUIT = object()


class WatchDriver:
    def __init__(self, server: ImapServer, user: str, password: Callable[[], str], *,
                 rule: MailWatch, **session_options: Any) -> None:
        self.server, self.user, self.password = server, user, password
        self.rule = rule
        self.session_options = session_options
        self.actions: list[Action] = []
        self.events: list[Event] = []
        self.sessions_started = 0
        self.overlaps = 0  # a session started while another still ran: must stay 0
        self._inbox: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()
        self._session: threading.Thread | None = None
        self._cancel = threading.Event()
        self._timer: threading.Timer | None = None
        self._loop = threading.Thread(target=self._run, name="watch-rule", daemon=True)
        self._loop.start()

    def post(self, event: Event) -> None:
        self._inbox.put(event)

    def start(self) -> WatchDriver:
        self.post(Started())
        return self

    def _run(self) -> None:
        while (item := self._inbox.get()) is not _QUIT:
            event: Event = item  # type: ignore[assignment]
            with self._lock:
                self.events.append(event)
                actions = self.rule.handle(event, time.monotonic())
                self.actions.extend(actions)
            for action in actions:
                self._carry_out(action)

    def _carry_out(self, action: Action) -> None:
        if isinstance(action, Connect):
            if self._session is not None and self._session.is_alive():
                self.overlaps += 1
            self._cancel = cancel = threading.Event()
            password = self.password()  # read when connecting, as from the keyring
            self.sessions_started += 1
            self._session = threading.Thread(
                target=watch_inbox, name="imap-session", daemon=True,
                args=(self.server, self.user, password, cancel.is_set, self.post),
                kwargs={"since": action.since, **self.session_options})
            self._session.start()
        elif isinstance(action, Disconnect):
            self._cancel.set()
        elif isinstance(action, RetryIn):
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(action.seconds, self.post, (RetryDue(action.token),))
            self._timer.daemon = True
            self._timer.start()

    def seen(self, kind: type, where: str = "actions") -> list[Any]:
        with self._lock:
            items = list(self.actions if where == "actions" else self.events)
        return [item for item in items if isinstance(item, kind)]

    def wait_for(self, check: Callable[[], bool], timeout: float = 20.0,
                 what: str = "the mail watch") -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what}; events: {self.events}, "
                                     f"actions: {self.actions}")
            time.sleep(0.02)

    def session(self) -> threading.Thread | None:
        return self._session

    def close(self) -> None:
        self.post(Stop(StopReason.QUIT))
        self.wait_for(lambda: not self.rule.session_running, what="the session to end")
        if self._timer is not None:
            self._timer.cancel()
        self._inbox.put(_QUIT)
        self._loop.join(5)

"""New mail without the webmail page: the mail watch rule (mail/watch.py) on the GUI thread,
and what it asks for carried out.

- Connect starts one session (services/mail_watch_session.py: the password from the keyring,
  then the IMAP session as one job in the "mail-watch" lane); what it reports comes back
  queued to the GUI thread as the rule's events. Disconnect ends it at once; RetryIn is one
  single-shot timer; ShowCount, Notify and ShowProblem are signals.
- The rule hears: Started after the first paint (the setting on, a provider with a mail server,
  an address with a saved password), PasswordChanged when the keyring saved a new one, Stop at
  quit, at the user's logout, at "Gegevens vergeten" and when the setting goes off, and
  NetworkChanged when the computer wakes, or the network comes back while it waits to
  reconnect (services/mail_watch_wake).
- A refused login is remembered in the settings with its time, so a restart is not another
  attempt (the rule allows one per password change or per hour).

No widgets, and nothing heavy before the first connection: the IMAP client is imported in the
job, off the GUI thread.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from .. import settings as keys
from ..mail import watch as events
from ..mail.credentials import Account
from ..mail.providers import ImapServer
from ..mail.watch import MailWatch, Problem, State, StopReason
from ..settings import Settings
from .credentials import CredentialResult, CredentialService
from .mail_watch_session import LAST_WORDS, Mailbox, Session, Sessions, server_for
from .mail_watch_wake import WakeWatcher
from .signin import SigninService
from .tasks import TaskRunner
from .webmail import WebmailService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchProblem:
    problem: Problem
    host: str  # the mail server, for the words
    detail: str = ""  # the session's own English sentence (log, small print)


@dataclass(frozen=True)
class NewMailNotice:
    messages: tuple[events.NewMessage, ...]  # newest last
    more: int  # further new messages not listed
    unread: int | None  # the unread count with them

    @property
    def grouped(self) -> bool:
        return len(self.messages) + self.more > 1


class MailWatchService(QObject):
    count_changed = Signal(object)  # int | None (unknown)
    new_mail = Signal(object)  # NewMailNotice
    problem_changed = Signal(object)  # WatchProblem | None
    active_changed = Signal(bool)  # on: the count and new mail come from the watch
    message_requested = Signal(int)  # open this INBOX message (its UID) in the webmail

    def __init__(self, settings: Settings, tasks: TaskRunner, credentials: CredentialService,
                 webmail: WebmailService, signin: SigninService,
                 parent: QObject | None = None, *,
                 rule: MailWatch | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time,
                 session_options: dict[str, object] | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._webmail, self._signin = webmail, signin
        self._clock, self._wall = clock, wall
        self._rule = rule if rule is not None else MailWatch(random.random)
        self._target: Mailbox | None = None  # what the rule watches now
        self._session: Session | None = None
        self._started = self._stopped = False
        self._logged_out = False  # the user's logout: off until they sign in, or the next run
        self.password_missing = False  # the keyring had none for the account: off until saved
        self.count: int | None = None
        self.problem: WatchProblem | None = None
        self.active = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._retry_due)
        self._retry_token = 0
        self.wake = WakeWatcher(self)
        self.wake.woke.connect(lambda _why: self._handle(events.NetworkChanged()))
        self._sessions = Sessions(tasks, credentials, session_options, self)
        self._sessions.reported.connect(self._on_report)
        settings.changed.connect(self._on_setting_changed)
        webmail.provider_changed.connect(self._reconsider)
        signin.signed_in.connect(self._on_signed_in)
        credentials.finished.connect(self._on_keyring_done)

    # --- what the app tells it ------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._rule.state

    def server(self) -> ImapServer | None:
        """The mail server for the chosen webmail, whether or not the watch runs."""
        provider = self._webmail.provider()
        return server_for(provider, self._settings) if provider is not None else None

    def start(self) -> None:
        """After the first paint: from now on the watch runs whenever it can."""
        self._started = True
        self._reconsider()

    def logged_out(self) -> None:
        """Webmail → Uitloggen, or the provider's own logout: off until signed in again."""
        if not self._logged_out:
            log.info("Mail watch: off after the logout")
        self._logged_out = True
        self._handle(events.Stop(StopReason.LOGOUT))

    def network_changed(self) -> None:
        self._handle(events.NetworkChanged())

    def show_message(self, uid: int) -> None:
        """A click on a new-mail notification: the webmail shows that message."""
        self.message_requested.emit(uid)

    def shut_down(self) -> None:
        """Quitting: the session is asked to end (it ends within the runner's shut-down)."""
        self._handle(events.Stop(StopReason.QUIT))
        self._stopped = True
        self._retry.stop()
        self.wake.stop()

    # --- deciding whether it runs ---------------------------------------------------------

    def _mailbox(self) -> Mailbox | None:
        """The chosen webmail's mailbox: its mail server and the address used there."""
        provider = self._webmail.provider()
        if provider is None:
            return None
        server = server_for(provider, self._settings)
        address = self._signin.address(provider.id)
        return Mailbox(provider.id, server, address) if server and address else None

    def _reconsider(self) -> None:
        mailbox = self._mailbox()
        if self._target is not None and mailbox != self._target:
            # Another mailbox, or none: nothing known about the old one applies any more.
            self._settings.pop_map_entry(keys.MAIL_LOGIN_REFUSED, self._target.provider_id)
            self._handle(events.Stop(StopReason.FORGET))
            self._target = None
        wanted = (self._started and not self._stopped and not self._logged_out
                  and not self.password_missing and self._settings.get(keys.MAIL_WATCH))
        if mailbox is None or not wanted:
            if self.state is not State.OFF:
                self._handle(events.Stop(StopReason.TURNED_OFF))
            return
        self._target = mailbox
        if self.state is State.OFF:
            log.info("Mail watch: on for %s", mailbox.server.host)
            self._handle(events.Started(refused_ago=self._refused_ago(mailbox.provider_id)))

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.MAIL_WATCH.name and self._settings.get(keys.MAIL_WATCH):
            self.password_missing = False  # turned on again: look in the keyring again
        if name in (keys.MAIL_WATCH.name, keys.WEBMAIL_ACCOUNTS.name, keys.MAIL_CUSTOM_HOST.name,
                    keys.MAIL_CUSTOM_PORT.name, keys.MAIL_CUSTOM_TLS.name):
            self._reconsider()

    def _on_signed_in(self) -> None:
        if self._logged_out:
            self._logged_out = False
            self._reconsider()

    def _on_keyring_done(self, result: CredentialResult) -> None:
        provider = self._webmail.provider()
        if (not result.ok or result.operation not in ("save", "delete") or provider is None
                or result.account != Account(provider.id, self._signin.address(provider.id))):
            return
        if result.operation == "save":
            self._settings.pop_map_entry(keys.MAIL_LOGIN_REFUSED, provider.id)
            self.password_missing = False
            if self.state is State.OFF:
                self._reconsider()
            else:
                self._handle(events.PasswordChanged())
        elif self.state is not State.OFF:  # not kept any more: nothing to log in with
            self.password_missing = True
            self._handle(events.Stop(StopReason.TURNED_OFF))

    def _refused_ago(self, provider_id: str) -> float | None:
        stamp = self._settings.get_map(keys.MAIL_LOGIN_REFUSED).get(provider_id)
        if not isinstance(stamp, int | float) or isinstance(stamp, bool):
            return None
        return max(0.0, self._wall() - float(stamp))

    # --- the rule and its actions ---------------------------------------------------------

    def _handle(self, event: events.Event) -> None:
        if self._stopped:
            return
        for action in self._rule.handle(event, self._clock()):
            self._do(action)
        self._remember(event)
        active = self.state is not State.OFF
        if active:
            self.wake.start()
            if self.state is State.WAITING:
                self.wake.follow_network()  # to reconnect as soon as it is back
        else:
            self.wake.stop()
        if active != self.active:
            self.active = active
            self.active_changed.emit(active)

    def _remember(self, event: events.Event) -> None:
        target = self._target
        if target is None:
            return
        if isinstance(event, events.LoginFailed) and self.state is State.WRONG_PASSWORD:
            self._settings.set_map_entry(keys.MAIL_LOGIN_REFUSED, target.provider_id,
                                         int(self._wall()))
        elif isinstance(event, events.Connected):
            log.info("Mail watch: connected to %s, %s", target.server.host,
                     "waiting for new mail (IDLE)" if event.idle else "checking every minute")
            self._settings.pop_map_entry(keys.MAIL_LOGIN_REFUSED, target.provider_id)

    def _do(self, action: events.Action) -> None:
        match action:
            case events.Connect(since=since):
                self._connect(since)
            case events.Disconnect():
                if self._session is not None:
                    self._session.end()
            case events.RetryIn(seconds=seconds, token=token):
                self._retry_token = token
                self._retry.start(max(0, int(seconds * 1000)))
            case events.ShowCount(count=count):
                self.count = count
                self.count_changed.emit(count)
            case events.Notify(messages=messages, more=more):
                log.info("Mail watch: %d new message(s)", len(messages) + more)
                self.new_mail.emit(NewMailNotice(messages, more, self.count))
            case events.ShowProblem(problem=problem, message=message):
                host = self._target.server.host if self._target is not None else ""
                self.problem = WatchProblem(problem, host, message) if problem else None
                self.problem_changed.emit(self.problem)

    def _retry_due(self) -> None:
        self._handle(events.RetryDue(self._retry_token))

    # --- the session ----------------------------------------------------------------------

    def _connect(self, since: events.MailboxMark | None) -> None:
        assert self._target is not None, "Connect without a mailbox"
        self._session = self._sessions.start(self._target, since)

    def _on_report(self, session: Session, event: events.Event) -> None:
        if isinstance(event, LAST_WORDS):
            if session is self._session:
                self._session = None
            if isinstance(event, events.PasswordMissing):
                self.password_missing = True
            self._handle(event)
        elif session is self._session:
            self._handle(event)

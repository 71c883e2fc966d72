"""New mail without the webmail page: the mail watch rule (mail/watch.py) on the GUI thread,
and what it asks for carried out.

- Connect: the password comes from the keyring (the credential service), then one job in the
  task runner's "mail-watch" lane runs the IMAP session (mail/imap.py) with the job's cancel
  token; what it reports comes back queued to the GUI thread as the rule's events.
- Disconnect cancels that token (every wait in the session looks at it several times a
  second); RetryIn is one single-shot timer; ShowCount, Notify and ShowProblem are signals.
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
from concurrent.futures import Future
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from .. import settings as keys
from ..mail import watch as events
from ..mail.credentials import Account
from ..mail.imap_wakeup import Wakeup
from ..mail.providers import ImapServer, Provider, ProviderError, imap_server_from_dict
from ..mail.watch import MailWatch, Problem, State, StopReason
from ..settings import Settings
from .credentials import CredentialResult, CredentialService
from .mail_watch_wake import WakeWatcher
from .signin import SigninService
from .tasks import Cancelled, CancelToken, TaskRunner
from .webmail import WebmailService

log = logging.getLogger(__name__)

LANE = "mail-watch"
_LAST_WORDS = (events.Closed, events.LoginFailed, events.ConnectionLost, events.PasswordMissing)


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


@dataclass(frozen=True)
class _Target:
    provider_id: str
    server: ImapServer
    address: str

    @property
    def account(self) -> Account:
        return Account(self.provider_id, self.address)


class _Session:
    """One Connect, from reading the password to the session's last report."""

    __slots__ = ("over", "target", "token", "wakeup")

    def __init__(self, target: _Target, token: CancelToken) -> None:
        self.target, self.token = target, token
        self.wakeup = Wakeup()  # its waits end at once when it is asked to end
        self.over = False  # the last report is on its way (set on the session's thread)

    def end(self) -> None:
        """Ask it to end (from the GUI thread)."""
        self.token.cancel()
        self.wakeup.wake()


def server_for(provider: Provider, settings: Settings) -> ImapServer | None:
    """The mail server the watch uses for `provider`: its entry's, or for "Other webmail" the
    one given in Instellingen → Webmail (None while there is none that can work)."""
    if not provider.is_custom:
        return provider.imap
    host = settings.get(keys.MAIL_CUSTOM_HOST).strip()
    if not host:
        return None
    try:
        return imap_server_from_dict({"host": host, "port": settings.get(keys.MAIL_CUSTOM_PORT),
                                      "tls": settings.get(keys.MAIL_CUSTOM_TLS)})
    except ProviderError as exc:
        log.warning("The mail server given for the other webmail cannot be used: %s", exc)
        return None


class MailWatchService(QObject):
    count_changed = Signal(object)  # int | None (unknown)
    new_mail = Signal(object)  # NewMailNotice
    problem_changed = Signal(object)  # WatchProblem | None
    active_changed = Signal(bool)  # on: the count and new mail come from the watch
    message_requested = Signal(int)  # open this INBOX message (its UID) in the webmail
    _report = Signal(object, object)  # (_Session, event), from the session's thread

    def __init__(self, settings: Settings, tasks: TaskRunner, credentials: CredentialService,
                 webmail: WebmailService, signin: SigninService,
                 parent: QObject | None = None, *,
                 rule: MailWatch | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time,
                 session_options: dict[str, object] | None = None) -> None:
        super().__init__(parent)
        self._settings, self._tasks = settings, tasks
        self._credentials, self._webmail, self._signin = credentials, webmail, signin
        self._clock, self._wall = clock, wall
        self._session_options = session_options or {}
        self._rule = rule if rule is not None else MailWatch(random.random)
        self._target: _Target | None = None  # what the rule watches now
        self._session: _Session | None = None
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
        self._report.connect(self._on_report, Qt.ConnectionType.QueuedConnection)
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

    def _mailbox(self) -> _Target | None:
        """The chosen webmail's mailbox: its mail server and the address used there."""
        provider = self._webmail.provider()
        if provider is None:
            return None
        server = server_for(provider, self._settings)
        address = self._signin.address(provider.id)
        return _Target(provider.id, server, address) if server and address else None

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
        target = self._target
        assert target is not None, "Connect without a mailbox"
        session = self._session = _Session(target, self._tasks.root.child())
        self._credentials.load(target.account,
                               lambda result: self._password_read(session, since, result))

    def _password_read(self, session: _Session, since: events.MailboxMark | None,
                       result: CredentialResult) -> None:
        if session.token.cancelled:
            session.wakeup.close()
            self._end(session, events.Closed())
            return
        if result.secret is None:
            log.info("Mail watch: no password to log in with (%s)",
                     result.error if result.error is not None else "none saved")
            self.password_missing = True
            session.wakeup.close()
            self._end(session, events.PasswordMissing())
            return
        server, user = session.target.server, session.target.address
        password, options = result.secret.password, self._session_options

        def work(token: CancelToken) -> None:
            from ..mail.imap import watch_inbox  # imaplib, ssl, email: not at start-up

            watch_inbox(server, user, password, token, lambda event: self._post(session, event),
                        since=since, wakeup=session.wakeup, **options)  # type: ignore[arg-type]

        job = self._tasks.run(work, lane=LANE, token=session.token, name="mail-watch")
        job.future.add_done_callback(lambda future: self._job_ended(session, future))

    def _job_ended(self, session: _Session, future: Future[None]) -> None:
        """On the job's thread, or the caller's for a job dropped before it ran: a session
        always ends with one last report, or the rule would wait for it for ever."""
        session.wakeup.close()
        if session.over:
            return
        error = None if future.cancelled() else future.exception()
        if error is None or isinstance(error, Cancelled):
            self._post(session, events.Closed())
        else:
            self._post(session, events.ConnectionLost(Problem.LOST, "The mail watch failed."))

    def _post(self, session: _Session, event: events.Event) -> None:
        if isinstance(event, _LAST_WORDS):
            session.over = True
        try:
            if shiboken6.isValid(self):
                self._report.emit(session, event)
        except RuntimeError:  # the service went away while the session ran
            pass

    def _on_report(self, session: _Session, event: events.Event) -> None:
        if isinstance(event, _LAST_WORDS):
            self._end(session, event)
        elif session is self._session:
            self._handle(event)

    def _end(self, session: _Session, event: events.Event) -> None:
        if session is self._session:
            self._session = None
        self._handle(event)

"""The mail watch's IMAP sessions, run for the service (services/mail_watch.py): which mailbox,
and one session at a time from reading its password to its last report.

A session reads the password from the keyring (the credential service) when it starts, then
runs mail/imap.py's `watch_inbox` as one job in the task runner's "mail-watch" lane with the
job's cancel token and a wake-up socket, so asking it to end ends its waits at once. Everything
it reports comes back to the GUI thread (queued) through `reported`, and its last report is
always one of LAST_WORDS, even for a job dropped before it ran.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from .. import settings as keys
from ..mail import watch as events
from ..mail.credentials import Account
from ..mail.imap_wakeup import Wakeup
from ..mail.providers import ImapServer, Provider, ProviderError, imap_server_from_dict
from ..mail.watch import Problem
from ..settings import Settings
from .credentials import CredentialResult, CredentialService
from .tasks import Cancelled, CancelToken, TaskRunner

log = logging.getLogger(__name__)

LANE = "mail-watch"
LAST_WORDS = (events.Closed, events.LoginFailed, events.ConnectionLost, events.PasswordMissing)


@dataclass(frozen=True)
class Mailbox:
    """What the watch watches: the provider's mail server and the address used there."""

    provider_id: str
    server: ImapServer
    address: str

    @property
    def account(self) -> Account:
        return Account(self.provider_id, self.address)


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


class Session:
    """One Connect, from reading the password to the session's last report."""

    __slots__ = ("mailbox", "over", "token", "wakeup")

    def __init__(self, mailbox: Mailbox, token: CancelToken) -> None:
        self.mailbox, self.token = mailbox, token
        self.wakeup = Wakeup()
        self.over = False  # the last report is on its way (set on the session's thread)

    def end(self) -> None:
        """Ask it to end (from the GUI thread): its waits end now."""
        self.token.cancel()
        self.wakeup.wake()


class Sessions(QObject):
    reported = Signal(object, object)  # (Session, event), on the GUI thread
    _post_event = Signal(object, object)  # the same, from the session's thread

    def __init__(self, tasks: TaskRunner, credentials: CredentialService,
                 options: dict[str, object] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._credentials = tasks, credentials
        self._options = options or {}  # for watch_inbox (tests: polling instead of IDLE)
        self._post_event.connect(self.reported, Qt.ConnectionType.QueuedConnection)

    def start(self, mailbox: Mailbox, since: events.MailboxMark | None) -> Session:
        session = Session(mailbox, self._tasks.root.child())
        self._credentials.load(mailbox.account,
                               lambda result: self._password_read(session, since, result))
        return session

    def _password_read(self, session: Session, since: events.MailboxMark | None,
                       result: CredentialResult) -> None:
        if session.token.cancelled or result.secret is None:
            if not session.token.cancelled:
                log.info("Mail watch: no password to log in with (%s)",
                         result.error if result.error is not None else "none saved")
            session.wakeup.close()
            session.over = True
            self.reported.emit(session, events.Closed() if session.token.cancelled
                               else events.PasswordMissing())
            return
        server, user = session.mailbox.server, session.mailbox.address
        password, options = result.secret.password, self._options

        def work(token: CancelToken) -> None:
            from ..mail.imap import watch_inbox  # imaplib, ssl, email: not at start-up

            watch_inbox(server, user, password, token, lambda event: self._post(session, event),
                        since=since, wakeup=session.wakeup, **options)  # type: ignore[arg-type]

        job = self._tasks.run(work, lane=LANE, token=session.token, name="mail-watch")
        job.future.add_done_callback(lambda future: self._job_ended(session, future))

    def _job_ended(self, session: Session, future: Future[None]) -> None:
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

    def _post(self, session: Session, event: events.Event) -> None:
        if isinstance(event, LAST_WORDS):
            session.over = True
        try:
            if shiboken6.isValid(self):
                self._post_event.emit(session, event)
        except RuntimeError:  # the service went away while the session ran
            pass

"""The new-mail watch's IMAP client: one connection, INBOX read-only, never a mail body.

TLS is always verified, implicit or STARTTLS as the provider entry says; a server that does
not offer STARTTLS when asked gets no password (no downgrade). After LOGIN: EXAMINE INBOX,
unread from STATUS, the new messages' sender and subject from their headers (BODY.PEEK, so
nothing is marked read), then IDLE (RFC 2177: ended and re-issued within 29 minutes), or a
NOOP poll when the server has no IDLE. Every wait ends soon after `cancelled()` turns true
(mail/imap_wire.py). Failures become a MailError with a Problem and plain English words; the
password is never logged and never in a message.

`watch_inbox` is the whole session as one blocking call for a background job: it reports
the mail watch's events (mail/watch.py), the last one telling how it ended.
"""

from __future__ import annotations

import imaplib
import itertools
import logging
import re
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from .imap_wakeup import SLICE, Wakeup
from .imap_wire import (
    TICK,
    CancelCheck,
    Cancelled,
    DeadlineReached,
    Wire,
    certificate_words,
    clean,
    fetched_headers,
    quoted,
    tls_context,
)
from .providers import ImapServer, TlsMode
from .watch_events import (
    Closed,
    Connected,
    ConnectionLost,
    Event,
    LoginFailed,
    MailboxMark,
    NewMail,
    NewMessage,
    Problem,
    UnreadCount,
)

log = logging.getLogger(__name__)

IDLE_LIMIT = 29 * 60.0  # RFC 2177: servers may drop an IDLE after 30 minutes
CONNECT_TIMEOUT = 20.0
COMMAND_TIMEOUT = 45.0  # a login may wait out a server's failure penalty (up to ~15 s)
MAX_LISTED = 5  # new messages named in one report; the rest are counted
_CHANGE = re.compile(rb"^\* \d+ (EXISTS|EXPUNGE|FETCH|RECENT)\b", re.IGNORECASE)
_TEMPORARY = ("[UNAVAILABLE]", "[SERVERBUG]", "[LIMIT]", "[INUSE]")
_tags = itertools.count(1)


class MailError(Exception):
    def __init__(self, problem: Problem, message: str) -> None:
        super().__init__(message)
        self.problem, self.message = problem, message


class MailboxSession:
    """One connection. Use as a context manager; every method may raise MailError or
    Cancelled."""

    def __init__(self, server: ImapServer, cancelled: CancelCheck, *, use_idle: bool = True,
                 poll_seconds: float = 60.0, wakeup: Wakeup | None = None) -> None:
        self.server = server
        self._cancelled = cancelled
        self._wakeup = wakeup
        self._use_idle = use_idle
        self._poll_seconds = poll_seconds
        self._wire: Wire | None = None
        self._connected = False
        self._idling: bytes | None = None
        self.uses_idle = False

    @property
    def where(self) -> str:
        return f"{self.server.host} (port {self.server.port})"

    def __enter__(self) -> MailboxSession:
        try:
            self.connect()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _talking(self, seconds: float = COMMAND_TIMEOUT) -> Iterator[Wire]:
        """Translates what can go wrong on an open connection into a MailError."""
        assert self._wire is not None, "not connected"
        self._wire.allow(seconds)
        try:
            yield self._wire
        except DeadlineReached:
            raise MailError(Problem.LOST, f"The mail server {self.where} stopped answering."
                            ) from None
        except (imaplib.IMAP4.abort, OSError) as exc:
            log.info("IMAP connection to %s lost: %s", self.where, clean(str(exc)))
            raise MailError(Problem.LOST, f"The connection to the mail server {self.where} "
                            "was lost.") from None

    def connect(self) -> None:
        try:
            context = tls_context(self.server.ca_file)
        except OSError:
            raise MailError(Problem.CERTIFICATE, "The certificate file given for the mail "
                            f"server {self.where} cannot be read.") from None
        try:
            self._wire = Wire(self.server.host, self.server.port, context=context,
                              implicit_tls=self.server.tls is TlsMode.IMPLICIT,
                              cancelled=self._cancelled, timeout=CONNECT_TIMEOUT,
                              wakeup=self._wakeup)
            self._connected = True
            if self.server.tls is TlsMode.STARTTLS:
                self._start_tls(self._wire)
        except ssl.SSLCertVerificationError as exc:
            raise MailError(Problem.CERTIFICATE,
                            certificate_words(self.server.host, exc)) from None
        except ssl.SSLError as exc:
            log.info("TLS with %s failed: %s", self.where, clean(str(exc)))
            raise MailError(Problem.TLS, "A secure connection to the mail server "
                            f"{self.where} could not be made.") from None
        except (DeadlineReached, OSError, imaplib.IMAP4.abort) as exc:
            log.info("Cannot reach %s: %s", self.where, clean(str(exc)))
            raise MailError(Problem.UNREACHABLE,
                            f"The mail server {self.where} cannot be reached.") from None
        except imaplib.IMAP4.error as exc:  # a greeting that is not OK
            log.info("%s refused the connection: %s", self.where, clean(str(exc)))
            raise MailError(Problem.REFUSED, f"The mail server {self.where} refused the "
                            "connection.") from None

    def _start_tls(self, wire: Wire) -> None:
        if "STARTTLS" not in wire.capabilities:
            raise MailError(Problem.TLS, f"The mail server {self.where} offers no secure "
                            "connection (STARTTLS), so the password was not sent.")
        wire.allow(CONNECT_TIMEOUT)
        try:
            wire.secure()
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            raise ssl.SSLError(str(exc)) from None

    def login(self, user: str, password: str) -> None:
        if any(c in user + password for c in "\r\n\0"):  # would end the command early
            raise MailError(Problem.REFUSED, "The user name or password contains a line break.")
        with self._talking() as wire:
            try:
                if user.isascii() and password.isascii():
                    wire.login(quoted(user), password)  # imaplib quotes only the password
                elif "AUTH=PLAIN" in wire.capabilities:
                    secret = f"\0{user}\0{password}".encode()
                    wire.authenticate("PLAIN", lambda _: secret)
                else:
                    raise MailError(Problem.REFUSED, f"The mail server {self.where} cannot take "
                                    "a user name or password with these characters.")
            except imaplib.IMAP4.abort:
                raise
            except imaplib.IMAP4.error as exc:
                said = clean(str(exc).replace(password, "…") if password else str(exc))
                log.info("IMAP login refused by %s: %s", self.where, said)
                if any(code in said.upper() for code in _TEMPORARY):
                    raise MailError(Problem.REFUSED, f"The mail server {self.where} cannot "
                                    "let you in right now; it will be tried again.") from None
                raise MailError(Problem.WRONG_PASSWORD, f"The mail server {self.where} did not "
                                "accept the user name or password.") from None
            _, data = wire.capability()
            capabilities = (data[-1] or b"").decode("ascii", "replace").upper().split()
        self.uses_idle = self._use_idle and "IDLE" in capabilities

    def open_inbox(self) -> None:
        """EXAMINE: read-only, so the watch can never change a flag."""
        with self._talking() as wire:
            typ, _ = wire.select("INBOX", readonly=True)
        if typ != "OK":
            raise MailError(Problem.REFUSED, f"The mail server {self.where} would not open "
                            "the inbox.")

    def status(self) -> tuple[int, MailboxMark]:
        """(unread, mark): the mark is UIDVALIDITY and the highest UID in INBOX so far."""
        with self._talking() as wire:
            typ, data = wire.status("INBOX", "(UNSEEN UIDNEXT UIDVALIDITY)")
        text = (data[-1] or b"").decode("ascii", "replace") if typ == "OK" else ""
        found = {k.upper(): int(v) for k, v in re.findall(r"(\w+) (\d+)", text)}
        if not {"UNSEEN", "UIDNEXT", "UIDVALIDITY"} <= found.keys():
            raise MailError(Problem.REFUSED, f"The mail server {self.where} did not say how "
                            "many messages are unread.")
        return found["UNSEEN"], MailboxMark(found["UIDVALIDITY"], found["UIDNEXT"] - 1)

    def new_messages(self, after_uid: int) -> tuple[list[NewMessage], int]:
        """Unread messages with a UID above `after_uid`: the newest few with sender and
        subject, and how many more there are."""
        with self._talking() as wire:
            typ, data = wire.uid("SEARCH", f"UID {after_uid + 1}:*", "UNSEEN")
            if typ != "OK":
                log.info("%s would not search for new mail", self.where)
                return [], 0
            uids = sorted(u for u in map(int, re.findall(rb"\d+", b" ".join(
                d for d in data if isinstance(d, bytes)))) if u > after_uid)
            listed, more = uids[-MAX_LISTED:], max(0, len(uids) - MAX_LISTED)
            if not listed:
                return [], more
            _, data = wire.uid("FETCH", ",".join(map(str, listed)),
                               "(UID BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])")
        return fetched_headers(data), more

    def wait_for_change(self, seconds: float = IDLE_LIMIT) -> None:
        """Until the mailbox changes or `seconds` pass: IDLE, or a NOOP after a pause."""
        if self.uses_idle:
            self._idle(min(seconds, IDLE_LIMIT))
            return
        end = time.monotonic() + min(seconds, self._poll_seconds)
        tick = SLICE if self._wakeup is not None else TICK
        while (left := end - time.monotonic()) > 0:
            if self._cancelled():
                raise Cancelled
            assert self._wire is not None, "not connected"
            self._wire.pause(min(tick, left))
        if self._cancelled():
            raise Cancelled
        with self._talking() as wire:
            wire.noop()
            for name in ("EXISTS", "RECENT", "EXPUNGE", "FETCH"):  # read, so they do not pile up
                wire.response(name)

    def _idle(self, seconds: float) -> None:
        tag = b"ZW%d" % next(_tags)
        with self._talking() as wire:
            wire.send(tag + b" IDLE\r\n")
            self._idling = tag
            changed = False
            while not (line := wire.readline()).startswith(b"+"):
                if line.startswith(tag + b" "):  # refused: poll instead from now on
                    self._idling, self.uses_idle = None, False
                    log.info("%s refused IDLE; polling instead", self.where)
                    return
                changed = changed or bool(_CHANGE.match(line))
        with self._talking(seconds) as wire:
            try:
                while not changed:
                    changed = bool(_CHANGE.match(wire.readline()))  # not "* OK Still here"
            except DeadlineReached:
                pass  # time to end this IDLE and start another
        with self._talking() as wire:
            wire.send(b"DONE\r\n")
            self._idling = None
            while not (line := wire.readline()).startswith(tag + b" "):
                pass
        if not line[len(tag) + 1:].upper().startswith(b"OK"):
            raise MailError(Problem.LOST, f"The mail server {self.where} ended the wait for "
                            "new mail with an error.")

    def close(self) -> None:
        """Say goodbye (LOGOUT) without waiting for the answer, and close."""
        wire, self._wire = self._wire, None
        if wire is None:
            return
        if self._connected:
            goodbye = (b"DONE\r\n" if self._idling else b"") + b"ZWX LOGOUT\r\n"
            wire.send_quietly(goodbye)
        with suppress(OSError):
            wire.shutdown()


def watch_inbox(server: ImapServer, user: str, password: str, cancelled: CancelCheck,
                report: Callable[[Event], None], *, since: MailboxMark | None = None,
                use_idle: bool = True, poll_seconds: float = 60.0,
                wakeup: Wakeup | None = None) -> None:
    """Connect, log in, and report UnreadCount and NewMail until cancelled or the connection
    fails. Always reports exactly one last event: Closed, LoginFailed or ConnectionLost.
    `wakeup`: the canceller wakes it, so its waits can be long (mail/imap_wakeup.py)."""
    try:
        with MailboxSession(server, cancelled, use_idle=use_idle, poll_seconds=poll_seconds,
                            wakeup=wakeup) as session:
            session.login(server.login_name(user), password)
            session.open_inbox()
            count, mark = session.status()
            report(Connected(idle=session.uses_idle))
            seen = mark.last_uid
            if since is not None and since.uidvalidity == mark.uidvalidity:
                seen = min(seen, since.last_uid)  # also what came while we were away
            while True:
                messages, more = session.new_messages(seen) if mark.last_uid > seen else ([], 0)
                seen = mark.last_uid
                report(UnreadCount(count, mark))
                if messages or more:
                    report(NewMail(tuple(messages), more))
                session.wait_for_change()
                count, new_mark = session.status()
                if new_mark.uidvalidity != mark.uidvalidity:
                    seen = new_mark.last_uid  # a new mailbox under the old name: nothing is new
                mark = new_mark
    except Cancelled:
        report(Closed())
    except MailError as exc:
        log.info("Mail watch: %s", exc.message)
        report(LoginFailed(exc.message) if exc.problem is Problem.WRONG_PASSWORD
               else ConnectionLost(exc.problem, exc.message))
    except Exception:  # a bug must not end the watch for good: it retries with back-off
        log.exception("Mail watch failed unexpectedly")
        report(ConnectionLost(Problem.LOST, "The mail watch met an unexpected error."))

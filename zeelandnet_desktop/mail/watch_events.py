"""What the mail watch rule (mail/watch.py) hears and says, and the mail data it passes on.

Plain frozen data: the IMAP session (mail/imap.py) reports events, the service carries out
actions. No I/O here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Problem(enum.Enum):
    WRONG_PASSWORD = "wrong_password"  # the server did not accept the login
    UNREACHABLE = "unreachable"  # no connection (offline, wrong host, port closed)
    CERTIFICATE = "certificate"  # the server's certificate cannot be trusted
    TLS = "tls"  # no secure connection could be made (or it was not offered)
    REFUSED = "refused"  # the server said no to something other than the password
    LOST = "lost"  # a working connection broke or went silent


@dataclass(frozen=True)
class NewMessage:
    uid: int
    sender: str  # the display name, or the address when there is none
    subject: str


@dataclass(frozen=True)
class MailboxMark:
    """How far the watch has seen INBOX: messages above last_uid are new, while the mailbox's
    UIDVALIDITY stays the same."""

    uidvalidity: int
    last_uid: int


class StopReason(enum.Enum):
    QUIT = "quit"
    TURNED_OFF = "turned_off"
    LOGOUT = "logout"
    FORGET = "forget"  # "Gegevens vergeten": nothing about the mailbox is kept


# --- events (in) -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Started:
    """The watch was turned on, with an account and a saved password. `refused_ago`: seconds
    since the server last refused this password, as remembered from an earlier run (None:
    nothing remembered), so a restart is not a new attempt."""

    refused_ago: float | None = None


@dataclass(frozen=True)
class Connected:
    idle: bool  # False: the server has no IDLE and is polled


@dataclass(frozen=True)
class UnreadCount:
    count: int
    mark: MailboxMark


@dataclass(frozen=True)
class NewMail:
    messages: tuple[NewMessage, ...]  # newest last; at most a handful
    more: int = 0  # further new messages not listed


@dataclass(frozen=True)
class LoginFailed:
    message: str


@dataclass(frozen=True)
class ConnectionLost:
    problem: Problem
    message: str


@dataclass(frozen=True)
class Closed:
    """The session ended because it was asked to (Disconnect)."""


@dataclass(frozen=True)
class PasswordMissing:
    """Connect found no password to log in with (none saved any more, or the keyring would
    not give it): the session ended before it began."""


@dataclass(frozen=True)
class NetworkChanged:
    """The network came up or changed, or the computer woke from sleep."""


@dataclass(frozen=True)
class PasswordChanged:
    """A new password was saved."""


@dataclass(frozen=True)
class RetryDue:
    token: int


@dataclass(frozen=True)
class Stop:
    reason: StopReason


Event = (Started | Connected | UnreadCount | NewMail | LoginFailed | ConnectionLost | Closed
         | PasswordMissing | NetworkChanged | PasswordChanged | RetryDue | Stop)


# --- actions (out) ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Connect:
    """Start the one session (read the password now). `since`: report what came after it."""

    since: MailboxMark | None


@dataclass(frozen=True)
class Disconnect:
    """Cancel the running session; it reports Closed (or how it ended) when it is gone."""


@dataclass(frozen=True)
class RetryIn:
    """Call back with RetryDue(token) after `seconds`; a newer RetryIn replaces it."""

    seconds: float
    token: int


@dataclass(frozen=True)
class ShowCount:
    count: int | None  # None: unknown


@dataclass(frozen=True)
class Notify:
    messages: tuple[NewMessage, ...]
    more: int = 0

    @property
    def grouped(self) -> bool:
        return len(self.messages) + self.more > 1


@dataclass(frozen=True)
class ShowProblem:
    problem: Problem | None  # None: the problem is over
    message: str = ""


Action = Connect | Disconnect | RetryIn | ShowCount | Notify | ShowProblem

"""Webmail passwords in the OS keyring (Secret Service, macOS Keychain, Windows Credential Manager).

No Qt here. One entry per provider and e-mail address under the app's service name. Every failure
of the keyring becomes a CredentialError with a kind and plain words; a password never appears in
a message, a log line or a repr, and there is no fallback to another place: without a keyring the
app works without remembering (DESIGN.md: settings and secrets are apart).

The calls may block (a Secret Service unlock prompt, a slow D-Bus), so the GUI calls them through
services/credential_service.py, off its own thread.
"""

from __future__ import annotations

import enum
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

SERVICE_NAME = "zeelandnet-desktop"


class Problem(enum.Enum):
    NO_KEYRING = "no-keyring"  # no backend on this system (keyring.backends.fail)
    LOCKED = "locked"  # the keyring stayed locked (prompt dismissed)
    ACCESS_DENIED = "access-denied"  # the keyring refused this app
    NO_SERVICE = "no-service"  # the keyring service is not reachable (no D-Bus, daemon gone)
    FAILED = "failed"  # anything else the backend raised
    NO_ANSWER = "no-answer"  # no answer in time (an unlock prompt nobody answers)


_WORDS = {
    Problem.NO_KEYRING: "No keyring is available on this computer",
    Problem.NO_ANSWER: "The keyring did not answer in time",
    Problem.LOCKED: "The keyring is locked",
    Problem.ACCESS_DENIED: "The keyring refused access",
    Problem.NO_SERVICE: "The keyring service cannot be reached",
    Problem.FAILED: "The keyring reported an error",
}


class CredentialError(Exception):
    """A keyring operation failed. `problem` is what the UI words; str() is plain English.

    `detail` names the backend's exception type only: backend messages are not ours and are
    kept out, so nothing the backend echoes (such as a secret) reaches a log.
    """

    def __init__(self, problem: Problem, operation: str, detail: str = "") -> None:
        self.problem = problem
        self.operation = operation
        self.detail = detail
        text = f"{_WORDS[problem]} ({operation})"
        super().__init__(f"{text}: {detail}" if detail else text)


@dataclass(frozen=True)
class Account:
    provider_id: str
    address: str

    @property
    def username(self) -> str:
        # The keyring's "user name" field: provider and address, so the same address at two
        # providers has two entries.
        return f"{self.provider_id}:{self.address}"


@dataclass(frozen=True)
class Secret:
    """A password on its way from the keyring to a login form; its repr never shows it."""

    account: Account
    password: str = field(repr=False)


def normalise_address(address: str) -> str:
    """Addresses are case-insensitive in practice; one entry per mailbox, not per spelling."""
    return address.strip().lower()


class CredentialStore:
    """save / load / delete over one keyring backend.

    `backend` pins a keyring.backend.KeyringBackend (tests always do, so they never touch the
    user's keyring); None means keyring's own choice, resolved lazily on first use because
    resolving it may talk to D-Bus. Calls are serialised: backends are not all thread-safe.
    """

    def __init__(self, backend: Any = None, service: str = SERVICE_NAME) -> None:
        self._backend = backend
        self.service = service
        self._lock = threading.Lock()

    def set_backend(self, backend: Any) -> None:
        with self._lock:
            self._backend = backend

    def backend(self) -> Any:
        if self._backend is None:
            import keyring  # an import that scans entry points: kept off start-up

            self._backend = keyring.get_keyring()
            kind = type(self._backend)
            log.info("Keyring backend: %s.%s", kind.__module__, kind.__qualname__)
        return self._backend

    def backend_name(self) -> str:
        return type(self._backend).__name__ if self._backend is not None else "(not chosen yet)"

    def save(self, account: Account, password: str) -> None:
        if not password:
            raise ValueError("an empty password is not saved")
        with self._lock, _translated("save"):
            self.backend().set_password(self.service, account.username, password)
        log.info("Saved the webmail password for %s at %s", _mask(account.address),
                 account.provider_id)

    def load(self, account: Account) -> Secret | None:
        """The saved password, or None when there is none."""
        with self._lock, _translated("load"):
            password = self.backend().get_password(self.service, account.username)
        return Secret(account, password) if password else None

    def delete(self, account: Account) -> bool:
        """Remove the entry; False when there was none."""
        from keyring.errors import PasswordDeleteError

        with self._lock:
            try:
                with _translated("delete", passthrough=(PasswordDeleteError,)):
                    self.backend().delete_password(self.service, account.username)
            except PasswordDeleteError:
                return False
        log.info("Removed the webmail password for %s at %s", _mask(account.address),
                 account.provider_id)
        return True


class _translated:
    """Turn whatever a backend raises into CredentialError (a context manager)."""

    def __init__(self, operation: str, passthrough: tuple[type[BaseException], ...] = ()) -> None:
        self._operation = operation
        self._passthrough = passthrough

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> None:
        if exc is None or not isinstance(exc, Exception):
            return
        if isinstance(exc, (CredentialError, ValueError, *self._passthrough)):
            return
        problem = classify(exc)
        error = CredentialError(problem, self._operation, type(exc).__name__)
        log.warning("Keyring %s failed: %s (%s)", self._operation, _WORDS[problem],
                    type(exc).__name__)
        raise error from None  # the backend's own message and traceback stay out


def classify(exc: BaseException) -> Problem:
    """What a backend exception means for the user. Looks at type names and D-Bus error names,
    never at anything the caller passed in."""
    from keyring import errors

    if isinstance(exc, errors.NoKeyringError):
        return Problem.NO_KEYRING
    if isinstance(exc, errors.KeyringLocked):
        return Problem.LOCKED
    names = " ".join(cls.__name__ for cls in type(exc).__mro__)
    text = str(exc)
    if "AccessDenied" in text or "PermissionError" in names or "NotAuthorized" in text:
        return Problem.ACCESS_DENIED
    if ("Locked" in names or "PromptDismissed" in names or "locked" in text.lower()
            or "Prompt dismissed" in text):
        return Problem.LOCKED
    if (isinstance(exc, errors.InitError) or "DBus" in names or "dbus" in text.lower()
            or isinstance(exc, ConnectionError | FileNotFoundError)):
        return Problem.NO_SERVICE
    return Problem.FAILED


def _mask(address: str) -> str:
    """j***@zeelandnet.nl: enough to tell accounts apart in a log, not a full address."""
    local, at, domain = address.partition("@")
    return f"{local[:1]}***{at}{domain}" if at else f"{address[:1]}***"

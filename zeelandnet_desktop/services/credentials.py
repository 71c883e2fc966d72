"""Keyring calls off the GUI thread, answered on it.

A Secret Service may block on an unlock prompt for as long as the user looks at it, and a dead
D-Bus may hang until a time-out, so every call runs on one daemon worker thread (daemon: a prompt
nobody answers must not keep the app from quitting). One thread, because keyring backends are not
all safe to use from several at once. Results come back as a queued signal and are handed to the
caller's callback on the GUI thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from ..mail.credentials import Account, CredentialError, CredentialStore, Problem, Secret

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CredentialResult:
    operation: str  # "save", "load" or "delete"
    account: Account
    secret: Secret | None = field(default=None, repr=False)  # load: the password, if saved
    removed: bool = False  # delete: there was an entry
    error: CredentialError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


Callback = Callable[[CredentialResult], None]


class CredentialService(QObject):
    """save / load / delete with a callback; `problem` is the last keyring failure (or None)."""

    finished = Signal(object)  # every CredentialResult, after its callback
    problem_changed = Signal(object)  # Problem | None

    _done = Signal(object, object)  # callback, result — from the worker thread (queued)

    def __init__(self, store: CredentialStore | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store if store is not None else CredentialStore()
        self._queue: queue.Queue[tuple[str, Account, str, Callback | None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._pending = 0
        self.problem: Problem | None = None
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def save(self, account: Account, password: str, callback: Callback | None = None) -> None:
        self._submit("save", account, password, callback)

    def load(self, account: Account, callback: Callback | None = None) -> None:
        self._submit("load", account, "", callback)

    def delete(self, account: Account, callback: Callback | None = None) -> None:
        self._submit("delete", account, "", callback)

    def shut_down(self) -> None:
        """Stop taking work. A call stuck in a prompt is left behind on its daemon thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread = None

    # Internals ---------------------------------------------------------------------------------
    def _submit(self, operation: str, account: Account, password: str,
                callback: Callback | None) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="keyring", daemon=True)
            self._thread.start()
        self._pending += 1
        self._queue.put((operation, account, password, callback))

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            operation, account, password, callback = job
            result = self._run(operation, account, password)
            del password, job  # the worker keeps no copy between jobs
            try:
                if not shiboken6.isValid(self):
                    return
                self._done.emit(callback, result)
            except RuntimeError:  # the service was deleted while we worked
                return

    def _run(self, operation: str, account: Account, password: str) -> CredentialResult:
        try:
            if operation == "save":
                self.store.save(account, password)
                return CredentialResult(operation, account)
            if operation == "load":
                return CredentialResult(operation, account, secret=self.store.load(account))
            return CredentialResult(operation, account, removed=self.store.delete(account))
        except CredentialError as exc:
            return CredentialResult(operation, account, error=exc)
        except Exception as exc:  # a bug must still answer the caller, with words
            log.exception("Keyring %s failed unexpectedly", operation)
            error = CredentialError(Problem.FAILED, operation, type(exc).__name__)
            return CredentialResult(operation, account, error=error)

    def _deliver(self, callback: Any, result: CredentialResult) -> None:
        self._pending -= 1
        problem = result.error.problem if result.error is not None else None
        if problem != self.problem:
            self.problem = problem
            self.problem_changed.emit(problem)
        if callback is not None:
            try:
                callback(result)
            except Exception:  # a broken callback must not lose the finished signal
                log.exception("Keyring %s callback failed", result.operation)
        self.finished.emit(result)

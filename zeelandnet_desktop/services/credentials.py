"""Keyring calls off the GUI thread, answered on it.

A Secret Service may block on an unlock prompt for as long as the user looks at it, and a dead
D-Bus may hang until a time-out, so every call is a job in the task runner's "keyring" lane: one
at a time (keyring backends are not all safe to use from several threads), on a daemon thread (a
prompt nobody answers must not keep the app from quitting). The result comes back on the GUI
thread and goes to the caller's callback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from ..mail.credentials import Account, CredentialError, CredentialStore, Problem, Secret
from .tasks import CancelToken, TaskRunner

log = logging.getLogger(__name__)

ANSWER_WITHIN_MS = 30_000  # a person answering an unlock prompt takes seconds, not minutes


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

    def __init__(self, store: CredentialStore | None = None, tasks: TaskRunner | None = None,
                 parent: QObject | None = None, *,
                 answer_within_ms: int = ANSWER_WITHIN_MS) -> None:
        """`tasks`: the app's runner (a private one when None, for use on its own);
        `answer_within_ms`: after this a call that has not answered (an unlock prompt left
        open) is answered with Problem.NO_ANSWER, so nobody waits without words."""
        super().__init__(parent)
        self._answer_within_ms = answer_within_ms
        self.store = store if store is not None else CredentialStore()
        self._tasks = tasks if tasks is not None else TaskRunner(self)
        self._pending = 0
        self._stopped = False
        self.problem: Problem | None = None

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
        self._stopped = True

    # Internals ---------------------------------------------------------------------------------
    def _submit(self, operation: str, account: Account, password: str,
                callback: Callback | None) -> None:
        if self._stopped:
            return
        self._pending += 1

        def work(_token: CancelToken) -> CredentialResult:
            return self._run(operation, account, password)

        answered = [False]

        def deliver(result: CredentialResult) -> None:
            if not answered[0]:
                answered[0] = True
                self._deliver(callback, result)

        def too_late() -> None:
            if not answered[0] and not self._stopped:
                log.warning("The keyring has not answered a %s for %d s", operation,
                            self._answer_within_ms // 1000)
                error = CredentialError(Problem.NO_ANSWER, operation)
                deliver(CredentialResult(operation, account, error=error))

        # The password lives in this closure only until the job has run and is dropped.
        self._tasks.run(work, lane="keyring", name=f"keyring-{operation}", on_done=deliver)
        QTimer.singleShot(self._answer_within_ms, self, too_late)

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

    def _deliver(self, callback: Callback | None, result: CredentialResult) -> None:
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

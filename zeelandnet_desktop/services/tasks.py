"""The one background runner: every job that would block the GUI thread runs here.

- **Lanes.** A job runs in a named lane with a limit on how many of its jobs run at once: the
  store's writes one at a time and in order (limit 1), the keyring one call at a time, feeds
  several at once. Each lane has its own threads, so a lane that waits on another (a feed
  waiting for its write) never starves it.
- **Cancel.** Every job gets a CancelToken; long work checks it between steps (the feed fetcher
  between reads). Cancelling a job that has not started drops it.
- **Back on the GUI thread.** `on_done(result)` / `on_error(exception)` run on the thread that
  owns the runner (the GUI thread) through a queued signal, never after shut-down.
- **Bounded shut-down.** `shutdown(timeout)` cancels everything, drops what has not started and
  waits at most `timeout` seconds for running jobs. Threads are daemons: a job stuck in a socket
  read (a server that answers after 40 s) or an unanswered keyring prompt cannot keep the app
  from quitting. Nothing is half-written by that: every store write is one SQLite transaction.

The lane executors (`executor(lane)`) give core code that knows nothing of Qt a plain
`concurrent.futures.Executor`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")

IDLE_THREAD_SECONDS = 30.0  # a lane's idle thread ends after this; the next job starts one
DEFAULT_LANE = "general"
_LIMITS = {
    "news-store": 1,  # one write connection: writes in order
    "keyring": 1,  # keyring backends are not all safe to use from several threads
    "news-fetch": 6,
    "pictures": 2,
    "mail-watch": 1,  # the one IMAP session: never two connections at once
    DEFAULT_LANE: 4,
}


class Cancelled(Exception):
    """Raised by CancelToken.check(): the job was cancelled (quit, a newer request)."""


class CancelToken:
    """Cancelled when it is, or when its parent is (the runner's root token at shut-down)."""

    __slots__ = ("_event", "_parent")

    def __init__(self, parent: CancelToken | None = None) -> None:
        self._event = threading.Event()
        self._parent = parent

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set() or (self._parent is not None and self._parent.cancelled)

    def __call__(self) -> bool:  # usable where core code takes a `cancelled()` callable
        return self.cancelled

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled

    def child(self) -> CancelToken:
        return CancelToken(self)


class Job(Generic[T]):
    """A submitted job: its token and its future (done, cancelled, result)."""

    __slots__ = ("future", "lane", "name", "token", "work")

    def __init__(self, work: Callable[[CancelToken], T], token: CancelToken, lane: str,
                 name: str) -> None:
        self.work = work
        self.token = token
        self.lane = lane
        self.name = name
        self.future: Future[T] = Future()

    def cancel(self) -> None:
        self.token.cancel()
        self.future.cancel()  # only takes effect while it waits in its lane


class _Lane:
    def __init__(self, name: str, limit: int, runner: TaskRunner) -> None:
        self.name = name
        self.limit = limit
        self._runner = runner
        self._jobs: deque[Job[Any]] = deque()
        self._lock = threading.Condition()
        self._threads = 0
        self._idle = 0
        self.running = 0

    def put(self, job: Job[Any]) -> None:
        with self._lock:
            self._jobs.append(job)
            if self._idle:
                self._lock.notify()
            elif self._threads < self.limit:
                self._threads += 1
                threading.Thread(target=self._work, name=self.name,
                                 daemon=True).start()

    def drop_waiting(self) -> int:
        with self._lock:
            jobs, self._jobs = list(self._jobs), deque()
        for job in jobs:
            job.cancel()
        return len(jobs)

    def _next(self) -> Job[Any] | None:
        with self._lock:
            deadline = time.monotonic() + IDLE_THREAD_SECONDS
            while not self._jobs:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._runner.is_shut_down:
                    self._threads -= 1
                    return None
                self._idle += 1
                self._lock.wait(remaining)
                self._idle -= 1
            self.running += 1
            return self._jobs.popleft()

    def _work(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            try:
                self._runner._execute(job)
            finally:
                with self._lock:
                    self.running -= 1
                self._runner._job_ended()


class _LaneExecutor(Executor):
    """A lane as a concurrent.futures.Executor, for core code (the store's writes)."""

    def __init__(self, runner: TaskRunner, lane: str) -> None:
        self._runner = runner
        self._lane = lane

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self._runner.run(lambda _token: fn(*args, **kwargs), lane=self._lane).future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass  # the runner's shutdown() ends every lane


class TaskRunner(QObject):
    """See the module docstring. Create one per app, on the GUI thread."""

    _deliver = Signal(object)  # (callback, value): queued from a worker to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = CancelToken()
        self._lanes: dict[str, _Lane] = {}
        self._lock = threading.Condition()
        self._running = 0
        self._shut_down = False
        self._deliver.connect(self._on_deliver)

    @property
    def is_shut_down(self) -> bool:
        return self._shut_down

    def run(self, work: Callable[[CancelToken], T], *, lane: str = DEFAULT_LANE,
            on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            token: CancelToken | None = None, name: str = "") -> Job[T]:
        """Run `work(token)` in `lane`. Thread-safe. After shut-down the job is cancelled at
        once and its callbacks never run."""
        job: Job[T] = Job(work, token or self.root.child(), lane, name or lane)
        if on_done is not None or on_error is not None:
            job.future.add_done_callback(
                lambda future: self._hand_back(future, on_done, on_error))
        if self._shut_down:
            job.cancel()
            return job
        with self._lock:
            self._running += 1
        self._lane(lane).put(job)
        return job

    def executor(self, lane: str) -> Executor:
        return _LaneExecutor(self, lane)

    def shutdown(self, timeout: float = 0.5) -> bool:
        """Cancel everything and wait up to `timeout` s for running jobs. True when all ended."""
        self._shut_down = True
        self.root.cancel()
        for lane in list(self._lanes.values()):
            dropped = lane.drop_waiting()
            with self._lock:
                self._running -= dropped
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._running > 0:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    busy = [f"{lane.name} ({lane.running})" for lane in self._lanes.values()
                            if lane.running]
                    log.info("Quitting with background work still running: %s", ", ".join(busy))
                    return False
                self._lock.wait(remaining)
        return True

    # Internals ---------------------------------------------------------------------------------
    def _lane(self, name: str) -> _Lane:
        with self._lock:
            lane = self._lanes.get(name)
            if lane is None:
                lane = self._lanes[name] = _Lane(name, _LIMITS.get(name, 1), self)
            return lane

    def _execute(self, job: Job[Any]) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            if job.token.cancelled:
                raise Cancelled
            result = job.work(job.token)
        except BaseException as error:
            if not isinstance(error, Cancelled):
                log.debug("Background job %s failed: %s", job.name, type(error).__name__)
            job.future.set_exception(error)
        else:
            job.future.set_result(result)

    def _job_ended(self) -> None:
        with self._lock:
            self._running -= 1
            self._lock.notify_all()

    def _hand_back(self, future: Future[Any], on_done: Callable[[Any], None] | None,
                   on_error: Callable[[BaseException], None] | None) -> None:
        # On the worker thread (or the caller's, for a job cancelled before it ran).
        if self._shut_down or future.cancelled():
            return
        error = future.exception()
        if error is not None:
            if isinstance(error, Cancelled) or on_error is None:
                if not isinstance(error, Cancelled):
                    log.error("Background job failed", exc_info=error)
                return
            callback: Callable[[Any], None] = on_error
            value: Any = error
        else:
            if on_done is None:
                return
            callback, value = on_done, future.result()
        try:
            if shiboken6.isValid(self):
                self._deliver.emit((callback, value))
        except RuntimeError:  # the runner was deleted while the job ran
            pass

    def _on_deliver(self, item: tuple[Callable[[Any], None], Any]) -> None:
        if self._shut_down:
            return
        callback, value = item
        try:
            callback(value)
        except Exception:  # a broken callback must not take the others with it
            log.exception("A background job's result could not be handled")

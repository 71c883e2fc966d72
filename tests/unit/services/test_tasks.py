"""The background runner: lanes in order, limits, results on the GUI thread, cancel, bounded
shut-down."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zeelandnet_desktop.services.tasks import Cancelled, CancelToken, TaskRunner


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown(timeout=1)


def test_a_serial_lane_runs_its_jobs_one_at_a_time_in_order(runner: TaskRunner) -> None:
    order: list[int] = []
    overlap = threading.Event()
    running = threading.Lock()

    def job(number: int):  # type: ignore[no-untyped-def]
        def work(_token: CancelToken) -> int:
            if not running.acquire(blocking=False):
                overlap.set()
                return number
            try:
                order.append(number)
            finally:
                running.release()
            return number
        return work

    futures = [runner.run(job(n), lane="news-store").future for n in range(50)]
    assert [f.result(timeout=5) for f in futures] == list(range(50))
    assert order == list(range(50))
    assert not overlap.is_set()


def test_a_parallel_lane_runs_up_to_its_limit_at_once(runner: TaskRunner) -> None:
    release = threading.Event()
    started = threading.Semaphore(0)

    def work(_token: CancelToken) -> None:
        started.release()
        release.wait(5)

    jobs = [runner.run(work, lane="news-fetch") for _ in range(8)]
    for _ in range(6):  # the feed lane's limit: six fetches at once
        assert started.acquire(timeout=5)
    assert not started.acquire(timeout=0.2)  # the seventh waits for a free place
    release.set()
    for job in jobs:
        job.future.result(timeout=5)


def test_results_come_back_on_the_gui_thread(runner: TaskRunner, qtbot: QtBot) -> None:
    seen: list[tuple[int, bool]] = []
    runner.run(lambda _t: 41 + 1,
               on_done=lambda value: seen.append(
                   (value, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]


def test_a_failure_goes_to_on_error_with_the_exception(runner: TaskRunner, qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def fail(_token: CancelToken) -> None:
        raise OSError("disk gone")

    runner.run(fail, on_done=lambda _v: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], OSError)


def test_a_job_cancelled_before_it_starts_never_runs(runner: TaskRunner, qtbot: QtBot) -> None:
    gate = threading.Event()
    ran: list[str] = []
    runner.run(lambda _t: gate.wait(5), lane="keyring")
    waiting = runner.run(lambda _t: ran.append("second"), lane="keyring",
                         on_done=lambda _v: ran.append("callback"))
    waiting.cancel()
    gate.set()
    marker = runner.run(lambda _t: None, lane="keyring")
    marker.future.result(timeout=5)
    assert waiting.future.cancelled()
    assert ran == []


def test_a_running_job_sees_its_token_cancelled(runner: TaskRunner) -> None:
    inside = threading.Event()

    def work(token: CancelToken) -> str:
        inside.set()
        while True:
            token.check()
            threading.Event().wait(0.01)

    job = runner.run(work)
    assert inside.wait(5)
    job.cancel()
    with pytest.raises(Cancelled):
        job.future.result(timeout=5)


def test_shutdown_is_bounded_by_a_stuck_job_and_delivers_nothing_after(
        qapp: QApplication, qtbot: QtBot) -> None:
    runner = TaskRunner()
    stuck, running = threading.Event(), threading.Event()
    delivered: list[object] = []

    def blocked(_token: CancelToken) -> bool:
        # Stands in for a fetch blocked in a socket read: it ignores its token.
        running.set()
        return stuck.wait(30)

    job = runner.run(blocked, lane="news-fetch", on_done=delivered.append)
    assert running.wait(5)
    gate = threading.Event()
    runner.run(lambda _t: gate.wait(5), lane="keyring")  # the lane is busy ...
    waiting = [runner.run(lambda _t: None, lane="keyring") for _ in range(3)]  # ... these wait
    assert runner.shutdown(timeout=0.2) is False
    gate.set()
    stuck.set()
    assert job.future.result(timeout=5) is True
    QApplication.processEvents()  # a delivery queued by the worker, if one (wrongly) were sent
    assert delivered == []
    late = runner.run(lambda _t: 1, on_done=delivered.append)
    assert late.future.cancelled()
    assert all(job.future.done() for job in waiting)


def test_shutdown_waits_for_quick_jobs_to_finish(qapp: QApplication) -> None:
    runner = TaskRunner()
    done: list[int] = []
    for n in range(5):
        runner.run(lambda _t, n=n: done.append(n), lane="news-store")
    # Jobs that already run finish; the rest may be dropped, but nothing hangs.
    assert runner.shutdown(timeout=2) is True


def test_the_lane_executor_serves_core_code(runner: TaskRunner) -> None:
    executor = runner.executor("news-store")
    assert executor.submit(lambda a, b: a + b, 2, b=3).result(timeout=5) == 5

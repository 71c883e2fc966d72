"""Refresh work gives way to a busy window, but never for good and never on the window's own
thread."""

from __future__ import annotations

import threading

import pytest

from zeelandnet_desktop.news import yielding
from zeelandnet_desktop.news.yielding import MAX_WAIT, QuietMoments


class Clock:
    """Time that passes only when the work naps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.naps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps += 1
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(yielding, "time", fake)
    return fake


def on_a_worker(work: threading.Thread) -> None:
    work.start()
    work.join(timeout=10)
    assert not work.is_alive(), "a busy window held the work up for good"


def test_work_waits_while_the_window_is_busy_but_not_for_good(clock: Clock) -> None:
    moments = QuietMoments()
    moments.start()
    clock.now += 1.0  # no beat for a second: the window is busy
    on_a_worker(threading.Thread(target=moments.wait_for_quiet))
    assert clock.naps > 0
    assert clock.now - 1001.0 >= MAX_WAIT


def test_work_goes_on_at_once_while_the_window_beats_on_time(clock: Clock) -> None:
    moments = QuietMoments()
    moments.start()
    clock.now += moments.period
    moments.beat()
    on_a_worker(threading.Thread(target=moments.wait_for_quiet))
    assert clock.naps == 0


def test_a_late_beat_means_busy_until_one_comes_on_time(clock: Clock) -> None:
    moments = QuietMoments()
    moments.start()
    clock.now += 0.05
    moments.beat()  # fifty milliseconds late: the window was busy just now
    assert not moments.quiet()
    clock.now += moments.period
    moments.beat()
    assert moments.quiet()


def test_work_does_not_wait_when_no_round_beats(clock: Clock) -> None:
    moments = QuietMoments()
    clock.now += 1.0
    on_a_worker(threading.Thread(target=moments.wait_for_quiet))
    moments.start()
    moments.stop()
    clock.now += 1.0
    on_a_worker(threading.Thread(target=moments.wait_for_quiet))
    assert clock.naps == 0


def test_the_window_thread_itself_never_waits_for_itself(clock: Clock) -> None:
    moments = QuietMoments()
    moments.start()  # on this thread: it is the one that beats
    clock.now += 1.0
    moments.wait_for_quiet()
    assert clock.naps == 0

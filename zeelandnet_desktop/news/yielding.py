"""Parsing gives way to the window: a refresh round's pure-Python work waits for a moment the GUI
thread is idle.

Every call from Qt into Python (a paint, a size hint, a slot) needs the interpreter lock. While
a worker parses, each such call waits up to the switch interval for it, so a Voorpagina that
takes 25 ms to lay out and paint alone took 100-190 ms during a round (measured with the soak
bench's stall sampler: the GUI thread ran for a fifth of that time). The GUI thread says it is
idle through `beat()`, called from a short timer while a round runs; a timer that fires late,
or not at all, means the GUI thread is busy, and `wait_for_quiet()` then sleeps (releasing
the lock) until it is idle again, never longer than MAX_WAIT, so a round always finishes.
"""

from __future__ import annotations

import threading
import time

PERIOD = 0.005  # seconds between beats while a round runs
LATE = 0.004  # a beat this late: the GUI thread was busy just now
MAX_WAIT = 0.1  # the longest a piece of work gives way at a time
NAP = 0.002


class QuietMoments:
    def __init__(self, period: float = PERIOD) -> None:
        self.period = period
        self._active = False
        self._last = 0.0
        self._late = 0.0
        self._gui: int | None = None

    def start(self) -> None:
        """On the GUI thread, when its timer starts."""
        self._gui = threading.get_ident()
        self._last, self._late, self._active = time.monotonic(), 0.0, True

    def stop(self) -> None:
        self._active = False

    def beat(self) -> None:
        """On the GUI thread, from the timer every `period`."""
        now = time.monotonic()
        self._late = max(0.0, now - self._last - self.period)
        self._last = now

    def quiet(self) -> bool:
        """The GUI thread is idle in its event loop (or nobody is beating)."""
        if not self._active:
            return True
        return self._late < LATE and time.monotonic() - self._last < self.period + LATE

    def wait_for_quiet(self) -> None:
        """On a worker thread, between pieces of work (on the GUI thread itself: at once)."""
        if self.quiet() or threading.get_ident() == self._gui:
            return
        deadline = time.monotonic() + MAX_WAIT
        while not self.quiet() and time.monotonic() < deadline:
            time.sleep(NAP)

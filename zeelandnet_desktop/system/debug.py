"""Developer switches (`--debug-flag`): measurements a benchmark reads from the app's output."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication


def report_startup(qt_app: QCoreApplication, seconds: float) -> None:
    """`startup-report=SECONDS`: print when the window shows its first screen's articles, the
    resident memory SECONDS later, then quit (bench/startup.py)."""
    from PySide6.QtCore import QTimer

    # Wall-clock time: the benchmark compares it with the time it started the process.
    print(f"ZND_SHOWN {time.time():.6f}", flush=True)

    def report_memory() -> None:
        print(f"ZND_RSS_KB {resident_kb()}", flush=True)
        qt_app.quit()

    QTimer.singleShot(int(seconds * 1000), report_memory)


def resident_kb() -> int:
    """Resident memory of this process (Linux), 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_soak(qt_app: QCoreApplication, news: Any, rounds: int,
             before_second_round: Callable[[], None] | None = None) -> None:
    """`soak=ROUNDS`: refresh rounds back to back; after each, print the round, the resident
    memory and the longest the event loop was held during it; quit after ROUNDS (bench/soak.py).
    `news` is the news service (refresh(), refresh_started, refresh_finished)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    probe = _probe()
    clock = QElapsedTimer()
    clock.start()
    state = {"round": 0, "last": 0, "worst": 0, "in_round": False}
    meter = QTimer(qt_app)
    meter.setInterval(10)

    def tick() -> None:
        now = clock.elapsed()
        if state["in_round"]:
            state["worst"] = max(state["worst"], now - state["last"] - 10)
        state["last"] = now
        if probe is not None:
            probe.beat()

    def started() -> None:
        state["in_round"], state["worst"], state["last"] = True, 0, clock.elapsed()

    def finished(_report: object) -> None:
        state["in_round"] = False
        state["round"] += 1
        print(f"ZND_ROUND {state['round']} {resident_kb()} {max(0, state['worst'])}",
              flush=True)
        if probe is not None:
            probe.round_done(state["round"], last=state["round"] >= rounds)
        if state["round"] >= rounds:
            qt_app.quit()
            return
        if state["round"] == 1 and before_second_round is not None:
            before_second_round()
        QTimer.singleShot(0, lambda: news.refresh(force=True))

    meter.timeout.connect(tick)
    meter.start()
    news.refresh_started.connect(started)
    news.refresh_finished.connect(finished)


def _probe() -> Any:
    """ZND_SOAK_PROBE=FILE: the stall sampler (system/stall_probe.py) writes to FILE."""
    import os

    path = os.environ.get("ZND_SOAK_PROBE")
    if not path:
        return None
    from .stall_probe import StallProbe

    return StallProbe(open(path, "w", encoding="utf-8"))  # open until the process ends

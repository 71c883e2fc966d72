"""Developer switches (`--debug-flag`): measurements a benchmark reads from the app's output."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication


def report_startup(qt_app: QCoreApplication, seconds: float) -> None:
    """`startup-report=SECONDS`: print when the window is shown, the resident memory SECONDS
    later, then quit (bench/startup.py)."""
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

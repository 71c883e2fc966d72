"""GUI-thread stall during a cold refresh, the way the app runs it.

    .venv/bin/python bench/refresh_stall.py [--runs 5] [--feeds 20] [--items 50]

The news service refreshes 20 local feeds × 50 items into a fresh profile while the news tab is
on screen; a 10 ms QTimer on the GUI thread records the worst gap between its ticks, from the
start of the round until the tab has re-read the store. Target: ≤ 50 ms.
Also printed: the same timer's worst gap while idle, as a baseline from the same run.
Not a test: run by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.refresh import serve_feeds  # noqa: E402
from tests.support.localserver import LocalServer  # noqa: E402
from zeelandnet_desktop.services.news import NewsService  # noqa: E402
from zeelandnet_desktop.settings import Settings  # noqa: E402
from zeelandnet_desktop.system import paths  # noqa: E402
from zeelandnet_desktop.ui.news.tab import NewsTab  # noqa: E402


class GapMeter:
    """Worst gap between ticks of a 10 ms timer: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0.0

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst

    def _tick(self) -> None:
        self.worst = max(self.worst, self.clock.restart() / 1000)


def one_run(app: QApplication, server: LocalServer, feeds: int, items: int) -> tuple[float, float]:
    catalogue = serve_feeds(server, feeds=feeds, items=items)
    with tempfile.TemporaryDirectory() as tmp:
        catalogue_file = Path(tmp) / "feeds.json"
        catalogue_file.write_text(json.dumps({"version": 1, "categories": [
            {"id": c.id, "name": dict(c.names), "order": c.order, "notify": False,
             "feeds": [{"name": f.name, "url": f.url} for f in c.feeds]}
            for c in catalogue.categories]}), encoding="utf-8")
        app_paths = paths.resolve(Path(tmp) / "profile").ensure()
        settings = Settings(app_paths.settings_file)
        service = NewsService(settings, app_paths, defaults=catalogue_file)
        tab = NewsTab(settings, service)
        tab.resize(1100, 700)
        tab.show()
        meter = GapMeter()
        meter.start()
        loop_done: list[float] = []
        started = time.perf_counter()
        service.articles_changed.connect(lambda: loop_done.append(time.perf_counter()))
        service.refresh(force=True)
        while not loop_done:
            app.processEvents()
            time.sleep(0.001)
        QTimer.singleShot(50, app.quit)  # let the tab finish re-reading and painting
        app.exec()
        worst = meter.stop()
        wall = loop_done[0] - started
        service.shut_down()
        tab.deleteLater()
        app.processEvents()
    return worst, wall


def idle_gap(app: QApplication, seconds: float = 1.0) -> float:
    meter = GapMeter()
    meter.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    return meter.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([])
    server = LocalServer().start()
    try:
        idle = [idle_gap(app) for _ in range(3)]
        runs = [one_run(app, server, args.feeds, args.items) for _ in range(args.runs)]
    finally:
        server.stop()
    worst = statistics.median(r[0] for r in runs)
    print(f"{args.feeds} feeds × {args.items} items, {args.runs} cold refreshes in the service")
    print(f"idle event loop, worst 10 ms-timer gap:   {statistics.median(idle) * 1000:6.1f} ms")
    print(f"during a cold refresh, worst gap (median): {worst * 1000:6.1f} ms "
          f"(max {max(r[0] for r in runs) * 1000:.1f} ms; target ≤ 50 ms)")
    wall = statistics.median(r[1] for r in runs)
    print(f"cold refresh wall time (median):           {wall:6.3f} s")
    return 0 if worst <= 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())

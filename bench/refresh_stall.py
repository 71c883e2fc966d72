"""How long the GUI thread is held while the news tab shows a refresh, the way the app runs it.

    .venv/bin/python bench/refresh_stall.py [--runs 3] [--only NAME]

A 10 ms QTimer on the GUI thread records the worst gap between its ticks (how long the event
loop could not run) while the news service refreshes local feeds into a fresh profile and the
news tab, on screen, lists each source as it is stored, until the tab has re-read the store
after the round. Target: ≤ 50 ms. Cases:

- cold: 20 feeds × 50 items over five categories (a normal first start; pictures off, as
  the other cases but the last);
- big-feed: one feed of 10,000 items;
- many-feeds: 200 feeds × 50 items in one category;
- long-title: a title of 50,000 letters without a space, opened, then ten minute ticks
  (the gap of opening it and the worst tick);
- pictures: the cold case with a 1200×675 JPEG per item, the list scrolled through (thumbnails
  decoded off the GUI thread);
- front-page: the same with the Voorpagina as the first screen (bench/front_page_stall.py).
The other cases show the list (their first category), as a profile that chose it does.

The idle event loop's worst gap is printed as a baseline from the same run, and for the
refresh cases the same round with the service alone under a plain window (no news tab): the
part of the gap the background work (parsing, storing) causes by itself. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QBuffer,
    QByteArray,
    QCoreApplication,
    QElapsedTimer,
    QIODevice,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from bench.front_page_stall import front_page_case, picture_feeds  # noqa: E402
from bench.refresh import serve_feeds  # noqa: E402
from tests.support.feedgen import RSS_TYPE, Item, rss  # noqa: E402
from tests.support.localserver import LocalServer, Response  # noqa: E402
from zeelandnet_desktop import settings as keys  # noqa: E402
from zeelandnet_desktop.news.catalogue import Catalogue, Category, FeedSource  # noqa: E402
from zeelandnet_desktop.services.news import NewsService  # noqa: E402
from zeelandnet_desktop.services.tasks import TaskRunner  # noqa: E402
from zeelandnet_desktop.settings import Settings  # noqa: E402
from zeelandnet_desktop.system import paths  # noqa: E402
from zeelandnet_desktop.ui.news.tab import NewsTab  # noqa: E402

TARGET = 0.050


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


def wait(app: QApplication, done: Callable[[], bool], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the case did not finish")
        app.processEvents()
        time.sleep(0.001)


def catalogue_file(folder: Path, catalogue: Catalogue) -> Path:
    path = folder / "feeds.json"
    path.write_text(json.dumps({"version": 1, "categories": [
        {"id": c.id, "name": dict(c.names), "order": c.order, "notify": False,
         "feeds": [{"name": f.name, "url": f.url} for f in c.feeds]}
        for c in catalogue.categories]}), encoding="utf-8")
    return path


def one_category(server: LocalServer, feeds: list[tuple[str, bytes]]) -> Catalogue:
    sources = []
    for path, body in feeds:
        server.route(path, Response(200, body, content_type=RSS_TYPE))
        sources.append(FeedSource(path.strip("/"), server.url(path)))
    return Catalogue((Category("zeeland", {"nl": "Zeeland"}, 0, False, tuple(sources)),))


def jpeg(width: int = 1200, height: int = 675) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#0b4f8a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())


class Case:
    """A fresh profile with a shown news tab over `catalogue` — or, with `tab=False`, the news
    service alone under a plain window: the floor the background work sets by itself."""

    def __init__(self, app: QApplication, catalogue: Catalogue, folder: Path,
                 pictures: bool = False, tab: bool = True, front_page: bool = False) -> None:
        self.app = app
        app_paths = paths.resolve(folder / "profile").ensure()
        self.settings = Settings(app_paths.settings_file)
        self.settings.set(keys.REMOTE_IMAGES, pictures)
        if not front_page:  # the list: a new profile would open on the Voorpagina
            self.settings.set(keys.LAST_NEWS_CATEGORY, catalogue.categories[0].id)
        self.tasks = TaskRunner()
        self.service = NewsService(self.settings, app_paths, self.tasks,
                                   defaults=catalogue_file(folder, catalogue))
        self.window: QWidget = (NewsTab(self.settings, self.service) if tab
                                else QLabel("no news tab"))
        self.window.resize(1100, 700)
        self.window.show()
        wait(app, lambda: self.settled)

    @property
    def tab(self) -> NewsTab:
        assert isinstance(self.window, NewsTab)
        return self.window

    @property
    def settled(self) -> bool:
        return not isinstance(self.window, NewsTab) or self.window.list_settled

    def refresh(self) -> float:
        """The worst gap from the start of a round until the tab re-read the store after it."""
        finished: list[object] = []
        self.service.refresh_finished.connect(finished.append)
        meter = GapMeter()
        meter.start()
        self.service.refresh(force=True)
        wait(self.app, lambda: bool(finished) and self.settled)
        settle_until = time.monotonic() + 0.1  # the last paint
        wait(self.app, lambda: time.monotonic() > settle_until)
        return meter.stop()

    def close(self) -> None:
        if isinstance(self.window, NewsTab):
            self.window.stop()
        self.service.shut_down()
        self.tasks.shutdown(0.5)
        self.window.deleteLater()
        self.app.processEvents()


def gap_of(app: QApplication, action: Callable[[], object]) -> float:
    meter = GapMeter()
    meter.start()
    action()
    settle_until = time.monotonic() + 0.05
    wait(app, lambda: time.monotonic() > settle_until)
    return meter.stop()


def run_case(app: QApplication, name: str, server: LocalServer,
             tab: bool = True) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if name == "cold":
            case = Case(app, serve_feeds(server, feeds=20, items=50), folder, tab=tab)
            results = {"refresh": case.refresh()}
        elif name == "big-feed":
            items = [Item(f"Bericht {n}: het kabinet neemt een besluit over de dijken",
                          f"DEN HAAG (ANP) - Tekst van bericht {n}.", minutes_ago=n,
                          guid=f"big-{n}", link=f"https://www.nu.nl/artikel/{n}")
                     for n in range(10_000)]
            case = Case(app, one_category(server, [("/big.xml", rss("NU.nl", items))]), folder,
                        tab=tab)
            results = {"refresh": case.refresh()}
        elif name == "many-feeds":
            feeds = []
            for number in range(200):
                items = [Item(f"Bericht {n} van bron {number}: nieuws uit Zeeland",
                              f"GOES - Tekst {n}.", minutes_ago=n * 7 + number,
                              guid=f"m-{number}-{n}",
                              link=f"https://www.example.nl/{number}/{n}")
                         for n in range(50)]
                feeds.append((f"/many-{number}.xml", rss(f"Bron {number}", items)))
            case = Case(app, one_category(server, feeds), folder, tab=tab)
            results = {"refresh": case.refresh()}
        elif name == "long-title":
            item = Item("Zeeland" + "a" * 50_000, "MIDDELBURG - Gewone tekst.")
            case = Case(app, one_category(server, [("/long.xml", rss("NOS", [item]))]), folder)
            case.refresh()
            tab = case.tab
            opened = gap_of(app, lambda: tab.select_row(0))
            ticks = [gap_of(app, tab._tick.timeout.emit) for _ in range(10)]
            results = {"open": opened, "tick (worst of 10)": max(ticks)}
        elif name == "pictures":
            case = Case(app, picture_feeds(server, jpeg()), folder, pictures=True, tab=tab)
            refreshed = case.refresh()
            if not tab:
                case.close()
                return {"refresh": refreshed}
            bar = case.tab.list.verticalScrollBar()

            def scroll_through() -> None:
                for _step in range(30):
                    bar.setValue(bar.value() + bar.pageStep())
                    settle = time.monotonic() + 0.05
                    wait(app, lambda settle=settle: time.monotonic() > settle)

            results = {"refresh": refreshed,
                       "scrolling with thumbnails": gap_of(app, scroll_through)}
        elif name == "front-page":
            return front_page_case(app, server, jpeg(), tab=tab, case_type=Case, gap_of=gap_of,
                                   wait=wait)
        else:
            raise SystemExit(f"unknown case {name}")
        case.close()
        return results


def idle_gap(app: QApplication, seconds: float = 1.0) -> float:
    meter = GapMeter()
    meter.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    return meter.stop()


CASES = ("cold", "big-feed", "many-feeds", "long-title", "pictures", "front-page")
FLOOR_CASES = ("cold", "big-feed", "many-feeds", "pictures", "front-page")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=CASES)
    parser.add_argument("--switch-interval", type=float, default=None,
                        help="sys.setswitchinterval for the run (Python's default: 0.005 s)")
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([])
    server = LocalServer().start()
    worst_overall = 0.0
    try:
        idle = statistics.median(idle_gap(app) for _ in range(3))
        print(f"idle event loop, worst 10 ms-timer gap: {idle * 1000:6.1f} ms")
        for name in [args.only] if args.only else CASES:
            runs = [run_case(app, name, server) for _ in range(args.runs)]
            floors = ([run_case(app, name, server, tab=False) for _ in range(args.runs)]
                      if name in FLOOR_CASES else [])
            for measure in runs[0]:
                values = [run[measure] for run in runs]
                median = statistics.median(values)
                worst_overall = max(worst_overall, median)
                floor = (f"; service alone, no tab: median "
                         f"{statistics.median(f[measure] for f in floors) * 1000:.1f} ms"
                         if floors and measure in floors[0] else "")
                print(f"{name:11} {measure:27} worst gap median {median * 1000:6.1f} ms "
                      f"(max {max(values) * 1000:6.1f} ms over {len(values)} runs{floor})")
    finally:
        server.stop()
    print(f"target ≤ {TARGET * 1000:.0f} ms: {'met' if worst_overall <= TARGET else 'NOT met'}")
    return 0 if worst_overall <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

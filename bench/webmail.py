"""Webmail benchmark (run by hand, never a test): the tab against a bare QWebEngineView.

    .venv/bin/python bench/webmail.py [--runs 5]

Both sides run in fresh processes, alternating, against the same local fake login page, each
with the main window's modules imported first (as in the app, where webmail opens in it):
- time: from WebmailTab.activate() (QtWebEngine import included) to the login page's
  loadFinished, against import + QWebEngineView + load() of the same page;
- memory: PSS (/proc/<pid>/smaps_rollup) of the process and all its QtWebEngine children once
  the page has loaded and settled.
Targets: time ratio <= 1.2, memory ratio <= 1.15.

The tab runs on a new, empty profile each time: a first open ever, when Chromium creates the
profile's databases and caches (Cookies, History, GPU caches, ...), work it does once per
install. So a third series, shown for information, opens the tab on one profile that an
earlier (untimed) run already made, as every later start of a user does; the login page sends
no caching headers, so that profile's HTTP cache gives it no head start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETTLE_MS = 1500  # let Chromium finish its post-load work before memory is read


# --- measuring -------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after the last ")"
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kb(root: int) -> tuple[int, int]:
    """PSS of `root` and all its descendants, and how many processes that was."""
    total, count, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        count += 1
        todo.extend(_children(pid))
    return total, count


# --- one child process ------------------------------------------------------------------------

def child(kind: str, url: str, profile: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # root on these machines
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS",
                          "--disable-background-networking --disable-component-update")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([])
    # The webmail only ever opens inside the main window, whose modules (and the Qt classes
    # they use, which PySide sets up on first use) are loaded at start-up; without this the
    # tab would be charged for that start-up work. Both sides import it, for the same memory.
    import zeelandnet_desktop.ui.main_window  # noqa: F401
    loop = QEventLoop()
    finished_at: list[float] = []

    def on_finished(ok: bool) -> None:
        if not finished_at:
            finished_at.append(time.perf_counter())
            loop.quit()

    keep: list[object] = []
    if kind in ("tab", "again"):
        from zeelandnet_desktop import settings as keys
        from zeelandnet_desktop.services.webmail import WebmailService
        from zeelandnet_desktop.settings import Settings
        from zeelandnet_desktop.system import paths as app_paths
        from zeelandnet_desktop.ui.webmail.tab import WebmailTab

        paths = app_paths.resolve(profile).ensure()
        (paths.config / "providers.json").write_text(json.dumps({"providers": [{
            "id": "bench", "name": "Bench", "start_url": url, "allowed_hosts": ["127.0.0.1"]}]}))
        settings = Settings(paths.settings_file)
        settings.set(keys.WEBMAIL_PROVIDER, "bench")
        tab = WebmailTab(settings, WebmailService(settings, paths))
        tab.resize(1000, 700)
        tab.show()
        app.processEvents()
        started = time.perf_counter()
        tab.activate()
        assert tab.browser is not None
        tab.browser.page.loadFinished.connect(on_finished)
        keep.append(tab)
    else:
        from PySide6.QtCore import QUrl

        started = time.perf_counter()
        from PySide6.QtWebEngineWidgets import QWebEngineView

        view = QWebEngineView()
        view.resize(1000, 700)
        view.show()
        view.loadFinished.connect(on_finished)
        view.load(QUrl(url))
        keep.append(view)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    settle = QEventLoop()
    QTimer.singleShot(SETTLE_MS, settle.quit)
    settle.exec()
    pss, processes = tree_pss_kb(os.getpid())
    ms = (finished_at[0] - started) * 1000 if finished_at else float("nan")
    print(json.dumps({"kind": kind, "ms": ms, "pss_kb": pss, "processes": processes}), flush=True)
    if kind in ("tab", "again"):
        keep[0].shutdown()  # type: ignore[attr-defined]
    else:
        keep.clear()
    os._exit(0)  # the measurement is out; skip teardown that only adds noise


# --- the runner -------------------------------------------------------------------------------

def run(runs: int) -> int:
    sys.path.insert(0, str(REPO))
    from tests.support.fakewebmail import FakeWebmail
    from tests.support.localserver import LocalServer

    # An installed app runs from compiled bytecode (pip compiles wheels); this machine sets
    # PYTHONDONTWRITEBYTECODE, which would put compiling our modules into the timed path.
    pycache = tempfile.TemporaryDirectory(prefix="znd-bench-pyc-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache.name
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "zeelandnet_desktop")],
                   env=env, check=True)
    server = LocalServer().start()
    fake = FakeWebmail(server)
    results: dict[str, list[dict[str, float]]] = {"bare": [], "tab": [], "again": []}
    used = tempfile.TemporaryDirectory(prefix="znd-bench-used-")  # the returning user's profile

    def one(kind: str, profile: str) -> str | None:
        # What earlier runs wrote and deleted goes to the disk first: a new profile's databases
        # fsync as they are made (a bare view never does), and on ext4 such an fsync also waits
        # for other unwritten data, which would charge one run's shutdown to the next one's open.
        os.sync()
        done = subprocess.run(
            [sys.executable, __file__, "--child", "tab" if kind == "warm-up" else kind,
             "--url", fake.start_url, "--profile", profile],
            capture_output=True, text=True, timeout=120, check=False, env=env)
        line = next((x for x in done.stdout.splitlines() if x.startswith("{")), None)
        if line is None:
            print(f"{kind} run failed:\n{done.stderr[-1500:]}")
        return line

    try:
        if one("warm-up", used.name) is None:
            return 1
        for number in range(runs):
            order = ("bare", "tab", "again")
            for kind in order if number % 2 == 0 else reversed(order):
                if kind == "again":
                    line = one(kind, used.name)
                else:
                    with tempfile.TemporaryDirectory(prefix="znd-bench-") as profile:
                        line = one(kind, profile)
                if line is None:
                    return 1
                results[kind].append(json.loads(line))
    finally:
        server.stop()
        pycache.cleanup()
        used.cleanup()

    def median(kind: str, field: str) -> float:
        return statistics.median(r[field] for r in results[kind])

    bare_ms, tab_ms = median("bare", "ms"), median("tab", "ms")
    bare_mb, tab_mb = median("bare", "pss_kb") / 1024, median("tab", "pss_kb") / 1024
    print(f"\nWebmail benchmark: median of {runs} fresh processes each ({os.cpu_count()} cores)")
    print(f"{'':34}{'bare view':>12}{'webmail tab':>14}{'ratio':>8}{'target':>9}")
    print(f"{'open -> login loadFinished (ms)':34}{bare_ms:12.0f}{tab_ms:14.0f}"
          f"{tab_ms / bare_ms:8.2f}{'<= 1.20':>9}")
    again_ms = median("again", "ms")
    print(f"{'  the same, profile used before':34}{bare_ms:12.0f}{again_ms:14.0f}"
          f"{again_ms / bare_ms:8.2f}{'(info)':>9}")
    print(f"{'PSS incl. children (MB)':34}{bare_mb:12.0f}{tab_mb:14.0f}"
          f"{tab_mb / bare_mb:8.2f}{'<= 1.15':>9}")
    print(f"{'processes':34}{median('bare', 'processes'):12.0f}{median('tab', 'processes'):14.0f}")
    print("\nall runs (ms / MB):")
    for kind in ("bare", "tab", "again"):
        cells = ", ".join(f"{r['ms']:.0f}/{r['pss_kb'] / 1024:.0f}" for r in results[kind])
        print(f"  {kind:5} {cells}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("bare", "tab", "again"))
    parser.add_argument("--url")
    parser.add_argument("--profile")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.profile)
        return 0
    return run(max(args.runs, 1))


if __name__ == "__main__":
    sys.exit(main())

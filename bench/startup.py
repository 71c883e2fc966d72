"""Start-up benchmark: process start → main window shown with its first screen's articles (the
Voorpagina or the list filled from the cache), and resident memory 5 s later.

Compared in the same run with a minimal PySide6 script that shows an empty QMainWindow.
Targets: ratio ≤ 1.3 and ≤ 90 MiB with the webmail tab never opened; with the mail watch on
(a local Dovecot with TLS) and the webmail never opened, ≤ 100 MiB and QtWebEngine not loaded.
The watch's password comes from a keyring file (tests/support/filekeyring.py), or from the real
Secret Service when run inside the desktop session, which shows what the keyring itself costs.
The app starts on the Voorpagina (a new profile's first screen) and, in a copy of the same
profile that chose a category last, on the list: the Voorpagina must not be slower.

    .venv/bin/python bench/startup.py [--runs 7] [--articles 500] [--no-watch] [--compare CHECKOUT]
    dbus-run-session -- .venv/bin/python tools/desktop_session.py -- \
        .venv/bin/python bench/startup.py

Runs offscreen unless QT_QPA_PLATFORM says otherwise. Not a test: run by hand, read the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

BASELINE = r"""
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 720)
window.show()
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
def shown():
    print(f"ZND_SHOWN {time.time():.6f}", flush=True)
    def memory():
        print(f"ZND_RSS_KB {rss()}", flush=True)
        app.quit()
    QTimer.singleShot(int(float(os.environ["BENCH_SETTLE_S"]) * 1000), memory)
QTimer.singleShot(0, shown)
app.exec()
"""


# The same widgets as the app's first screen (tabs, menus, splitter, two lists, a text browser,
# status bar) with 100 rows and no app code: what PySide6 itself costs for such a window.
SAME_WIDGETS = r"""
import os, sys, time
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QLabel, QListView, QListWidget, QMainWindow, QMenu,
                               QSplitter, QTabWidget, QTextBrowser)
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 720)
tabs, splitter, categories, articles = QTabWidget(), QSplitter(), QListWidget(), QListView()
categories.addItems(["Net binnen", "Zeeland", "Binnenland", "Buitenland", "Sport"])
model = QStandardItemModel()
for number in range(100):
    model.appendRow(QStandardItem(f"Titel {number}"))
articles.setModel(model)
view = QTextBrowser()
view.setHtml("<h2>Titel</h2><p>Tekst</p>")
for widget in (categories, articles, view):
    splitter.addWidget(widget)
tabs.addTab(splitter, "Nieuws")
tabs.addTab(QLabel(""), "Webmail")
window.setCentralWidget(tabs)
for name in ("&Bestand", "B&eeld", "&Help"):
    menu = QMenu(name, window)
    action = QAction("Vernieuwen", window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    menu.addAction(action)
    window.menuBar().addMenu(menu)
window.statusBar().addWidget(QLabel("Bijgewerkt"))
window.show()
""" + BASELINE.split("window.show()", 1)[1]


WEBENGINE_SEEN: list[bool] = []  # per measured run of the watch row: QtWebEngine was mapped


def measure(command: list[str], env: dict[str, str], *, look_for_webengine: bool = False,
            cwd: Path = ROOT) -> tuple[float, float]:
    """Seconds from process start to window shown, and resident MiB after the settle time.
    `look_for_webengine`: note whether the process had QtWebEngine mapped at that moment."""
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=cwd)
    assert process.stdout is not None
    values: dict[str, str] = {}
    for line in process.stdout:
        if line.startswith("ZND_"):
            name, _, value = line.strip().partition(" ")
            values[name] = value
            if name == "ZND_RSS_KB" and look_for_webengine:
                maps = Path(f"/proc/{process.pid}/maps")
                WEBENGINE_SEEN.append("WebEngine" in maps.read_text(errors="replace"))
    _, errors = process.communicate(timeout=120)
    if "ZND_SHOWN" not in values:
        raise SystemExit(f"no report from {command}:\n{errors}")
    return float(values["ZND_SHOWN"]) - started, int(values["ZND_RSS_KB"]) / 1024


def watched_profile(profile: Path, env: dict[str, str]) -> tuple[object, dict[str, str]]:
    """A local Dovecot with TLS and a profile whose webmail's mail server it is, the password
    in a keyring file: the mail watch runs, the webmail page never opens."""
    sys.path.insert(0, str(ROOT))
    from tests.support.dovecot import Dovecot
    from tests.support.filekeyring import write_keyring
    from tests.support.mail_watch_profile import keyring_entry, prepare_profile

    dovecot = Dovecot(profile.parent / "dovecot", mode="tls").start()
    for number in range(20):
        dovecot.deliver(f"Bericht {number}")
    prepare_profile(profile, dovecot)
    if real_secret_service():
        from keyring.backends import SecretService

        from tests.support.mail_watch_profile import account_of
        from zeelandnet_desktop.mail.credentials import CredentialStore

        CredentialStore(SecretService.Keyring()).save(account_of(dovecot),
                                                      dovecot.user.password)
        return dovecot, {k: v for k, v in env.items() if k != "PYTHON_KEYRING_BACKEND"}
    keyring_env = write_keyring(profile.parent / "keyring.json",
                                {keyring_entry(dovecot): dovecot.user.password})
    return dovecot, {**env, **keyring_env}


def real_secret_service() -> bool:
    """Inside tools/desktop_session.py, with its throw-away gnome-keyring."""
    return "secrets" in os.environ.get("ZND_SERVICES", "").split(",")


def seed_articles(profile: Path, count: int) -> Path:
    """Fill the profile's news cache ('start-up with N cached articles') and return a catalogue
    for --feeds with the same categories, whose feeds answer nothing (a closed local port), so
    the refresh after the window shows never leaves this machine."""
    sys.path.insert(0, str(ROOT))
    from bench.refresh import CATEGORIES, seed_store
    from tests.support.localserver import closed_port_url

    profile.mkdir(parents=True, exist_ok=True)  # an empty profile is a folder all the same
    if count > 0:
        seed_store(profile, count)
    catalogue = profile.parent / "bench-feeds.json"
    catalogue.write_text(json.dumps({"version": 1, "categories": [
        {"id": cid, "name": {"nl": cid.title(), "en": cid.title()}, "order": order,
         "notify": False, "feeds": [{"name": cid, "url": closed_port_url("/feed")}]}
        for order, cid in enumerate(CATEGORIES)]}), encoding="utf-8")
    return catalogue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds before reading RSS")
    parser.add_argument("--articles", type=int, default=0, help="cached articles in the profile")
    parser.add_argument("--no-watch", action="store_true",
                        help="leave out the row with the mail watch on (needs Dovecot)")
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="add a row for another checkout of the app (say, `git worktree "
                             "add` of an older commit), run by this venv on a copy of the "
                             "Voorpagina row's profile")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app runs from compiled bytecode (pip compiles at install time); these
    # machines set PYTHONDONTWRITEBYTECODE, which would make every run compile our sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "zeelandnet_desktop")],
                   check=True, env=env)
    env["BENCH_SETTLE_S"] = str(args.settle)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        feeds = seed_articles(profile, args.articles)
        list_profile = Path(tmp) / "list" / "profile"
        shutil.copytree(profile, list_profile)
        choose_category(list_profile)
        app = [sys.executable, "-m", "zeelandnet_desktop", "--profile-dir", str(profile), "--news",
               "--feeds", str(feeds), "--debug-flag", f"startup-report={args.settle}"]
        on_the_list = [*app[:4], str(list_profile), *app[5:]]
        baseline = [sys.executable, "-c", BASELINE]
        same_widgets = [sys.executable, "-c", SAME_WIDGETS]
        watch_profile = Path(tmp) / "watch" / "profile"
        dovecot: Any = None
        if not args.no_watch:
            dovecot, watch_env = watched_profile(watch_profile, env)
            watching = [*app[:4], str(watch_profile), *app[5:]]
        compare_profile = Path(tmp) / "compare" / "profile"
        if args.compare:
            shutil.copytree(profile, compare_profile)
            subprocess.run([sys.executable, "-m", "compileall", "-q",
                            str(args.compare / "zeelandnet_desktop")], check=True, env=env)
        compared = [*app[:4], str(compare_profile), *app[5:]]
        measure(app, env)  # warm the file cache and create the profile, not counted
        if args.compare:
            measure(compared, env, cwd=args.compare)
        measure(on_the_list, env)
        measure(baseline, env)
        app_runs: list[tuple[float, float]] = []
        list_runs: list[tuple[float, float]] = []
        base_runs: list[tuple[float, float]] = []
        widget_runs: list[tuple[float, float]] = []
        watch_runs: list[tuple[float, float]] = []
        compare_runs: list[tuple[float, float]] = []
        try:
            for _ in range(args.runs):  # interleaved, so drift hits all alike
                base_runs.append(measure(baseline, env))
                widget_runs.append(measure(same_widgets, env))
                app_runs.append(measure(app, env))
                list_runs.append(measure(on_the_list, env))
                if args.compare:
                    compare_runs.append(measure(compared, env, cwd=args.compare))
                if dovecot is not None:
                    watch_runs.append(measure(watching, watch_env, look_for_webengine=True))
            connected = log_of(watch_profile).count("Mail watch: connected")
        finally:
            if dovecot is not None:
                dovecot.kill()

    def median(runs: list[tuple[float, float]], index: int) -> float:
        return statistics.median(run[index] for run in runs)

    app_time, base_time = median(app_runs, 0), median(base_runs, 0)
    app_mem, base_mem = median(app_runs, 1), median(base_runs, 1)
    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} runs each, "
          f"{args.articles} cached articles, RSS after {args.settle:g} s")
    print(f"{'':24}{'shown (s)':>12}{'RSS (MiB)':>12}")
    print(f"{'minimal PySide6 window':24}{base_time:12.3f}{base_mem:12.1f}")
    widgets_time, widgets_mem = median(widget_runs, 0), median(widget_runs, 1)
    print(f"{'same widgets, no app':24}{widgets_time:12.3f}{widgets_mem:12.1f}")
    print(f"{'ZeelandNet, Voorpagina':24}{app_time:12.3f}{app_mem:12.1f}")
    list_time, list_mem = median(list_runs, 0), median(list_runs, 1)
    print(f"{'ZeelandNet, the list':24}{list_time:12.3f}{list_mem:12.1f}")
    ratio = app_time / base_time
    print(f"ratio shown {ratio:.2f} (target ≤ 1.30), RSS {app_mem:.1f} MiB (target ≤ 90), "
          f"RSS ratio {app_mem / base_mem:.2f}")
    print(f"same widgets without app code: ratio shown {widgets_time / base_time:.2f}, "
          f"app against it {app_time / widgets_time:.2f}")
    print(f"Voorpagina against the list: shown {app_time / list_time:.2f} "
          f"({(app_time - list_time) * 1000:+.0f} ms), RSS {app_mem - list_mem:+.1f} MiB")
    if compare_runs:
        other_time, other_mem = median(compare_runs, 0), median(compare_runs, 1)
        print(f"{'other checkout':24}{other_time:12.3f}{other_mem:12.1f}")
        print(f"other checkout ({args.compare}): ratio shown {other_time / base_time:.2f}; "
              f"this one against it {app_time / other_time:.2f}, "
              f"RSS {app_mem - other_mem:+.1f} MiB")
    watch_ok = True
    if watch_runs:
        watch_time, watch_mem = median(watch_runs, 0), median(watch_runs, 1)
        print(f"{'with the mail watch on':24}{watch_time:12.3f}{watch_mem:12.1f}")
        webengine = sum(WEBENGINE_SEEN)
        print(f"mail watch: RSS {watch_mem:.1f} MiB (target ≤ 100), connected in {connected} of "
              f"{len(watch_runs)} runs, QtWebEngine loaded in {webengine} (target 0); password "
              f"from {'the Secret Service' if real_secret_service() else 'a keyring file'}")
        watch_ok = watch_mem <= 100 and webengine == 0 and connected == len(watch_runs)
    return 0 if ratio <= 1.3 and app_mem <= 90 and watch_ok else 1


def choose_category(profile: Path) -> None:
    """The profile opens on the list of the first category (as when it was chosen last)."""
    sys.path.insert(0, str(ROOT))
    from bench.refresh import CATEGORIES
    from zeelandnet_desktop import settings as keys
    from zeelandnet_desktop.settings import Settings
    from zeelandnet_desktop.system import paths

    settings = Settings(paths.resolve(profile).ensure().settings_file)
    settings.set(keys.LAST_NEWS_CATEGORY, CATEGORIES[0])
    settings.sync()


def log_of(profile: Path) -> str:
    path = profile / "logs" / "zeelandnet-desktop.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


if __name__ == "__main__":
    sys.exit(main())

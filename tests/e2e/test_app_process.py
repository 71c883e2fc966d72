"""The app as a real process: command line, single instance, no display, lazy QtWebEngine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.app_process import (
    ROOT,
    app_env,
    log_text,
    run_app,
    start_app,
    stop,
    wait_for_log,
)
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer
from zeelandnet_desktop import __version__
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings


def test_version() -> None:
    result = run_app(None, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"zeelandnet-desktop {__version__}"


def test_help_names_the_options() -> None:
    result = run_app(None, "--help")
    assert result.returncode == 0
    for option in ("--profile-dir", "--news", "--webmail", "--minimized", "headlines"):
        assert option in result.stdout


def test_bad_arguments_exit_2() -> None:
    result = run_app(None, "--no-such-option")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display rules")
def test_no_display_is_one_clear_line_and_exit_code_2(profile_dir: Path) -> None:
    env = {k: v for k, v in app_env().items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = run_app(profile_dir, env=env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("zeelandnet-desktop:") and "DISPLAY" in lines[0]
    assert "Aborted" not in result.stderr and "core dumped" not in result.stderr


def test_second_launch_hands_webmail_to_the_first(profile_dir: Path) -> None:
    first = start_app(profile_dir, "--news")
    try:
        wait_for_log(profile_dir, "Window shown", first)
        second = run_app(profile_dir, "--webmail", timeout=30)
        assert second.returncode == 0, second.stderr
        wait_for_log(profile_dir, "A second launch asked for the window (tab=webmail)", first)
        assert log_text(profile_dir).count("Window shown") == 1  # no second window
    finally:
        assert stop(first) == 0
    # The first instance really switched: the tab it saved on quitting is webmail.
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    assert settings.get(keys.LAST_TAB) == "webmail"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and socket files are POSIX")
def test_a_crashed_instance_leaves_no_lock_behind(profile_dir: Path) -> None:
    crashed = start_app(profile_dir)
    wait_for_log(profile_dir, "Window shown", crashed)
    os.kill(crashed.pid, signal.SIGKILL)
    crashed.wait()
    # Its socket file is still there; the next start must recover, not hand over to a corpse,
    # and must own the socket again: a third launch hands over to it.
    again = start_app(profile_dir)
    try:
        wait_for_log(profile_dir, "Window shown", again, count=2)
        third = run_app(profile_dir, "--webmail", timeout=30)
        assert third.returncode == 0, third.stderr
        wait_for_log(profile_dir, "A second launch asked for the window (tab=webmail)", again)
    finally:
        assert stop(again) == 0
    assert log_text(profile_dir).count("Window shown") == 2


def test_start_up_does_not_load_qtwebengine(profile_dir: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication
from tests.support.shell import start_shell
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
qt_app = QApplication([])
application = start_shell(qt_app, Path({str(profile_dir)!r}), tab="news")
def report():
    print("shown", application.window.isVisible())
    print("webengine", any(name.startswith("PySide6.QtWebEngine") for name in sys.modules))
    qt_app.quit()
QTimer.singleShot(300, report)
qt_app.exec()
application.shut_down()
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=app_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "shown True" in result.stdout
    assert "webengine False" in result.stdout


HEADLINES_CHILD = """
import runpy, sys
sys.argv = ["zeelandnet-desktop", *sys.argv[1:]]
try:
    runpy.run_module("zeelandnet_desktop", run_name="__main__")
except SystemExit as done:
    code = done.code
print("QtWidgets loaded:", "PySide6.QtWidgets" in sys.modules, file=sys.stderr)
sys.exit(code)
"""


def test_headlines_subcommand_of_the_real_entry_point(
    profile_dir: Path, tmp_path: Path, server: LocalServer
) -> None:
    url = serve_feed(server, "/buitenland.xml", "NU.nl Buitenland", [
        Item("Ook China mag bij vredesraad van Trump",
             "SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - China mag aanschuiven.", minutes_ago=54)])
    feeds = write_catalogue(tmp_path / "feeds.json", [
        ("buitenland", "Buitenland", "World", [("NU.nl Buitenland", url)])])
    result = subprocess.run(
        [sys.executable, "-c", HEADLINES_CHILD, "headlines", "--profile-dir", str(profile_dir),
         "--feeds", str(feeds), "--json"],
        cwd=ROOT, env=app_env(), capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "QtWidgets loaded: False" in result.stderr
    items = json.loads(result.stdout)
    assert [item["title"] for item in items] == ["Ook China mag bij vredesraad van Trump"]
    assert items[0]["agencies"] == ["ANP", "RTR", "AFP"]
    assert items[0]["category"] == "buitenland"
    # An unknown category is a bad argument: exit 2 with words on stderr.
    bad = run_app(profile_dir, "headlines", "--category", "mars", "--feeds", str(feeds))
    assert bad.returncode == 2 and bad.stderr.strip()

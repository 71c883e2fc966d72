"""The real process's life cycle: quitting while a feed hangs, launching again at once, and two
launches at the same moment — one instance on the profile, nothing half-written."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.app_process import log_text, run_app, start_app, stop, wait_for_log
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM and flock are POSIX")

HANG_GUARD_S = 10  # far below the 40 s the slow feed takes: only a process that hangs hits it


def stored_titles(profile_dir: Path) -> list[str]:
    database = profile_dir / "data" / "news.sqlite3"
    if not database.exists():
        return []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        try:
            return [row[0] for row in conn.execute("SELECT title FROM articles ORDER BY title")]
        except sqlite3.OperationalError:  # the schema is not there yet
            return []


def catalogue_with_a_hanging_feed(server: LocalServer, tmp_path: Path) -> tuple[Path, list[str]]:
    titles = [f"Veerdienst Vlissingen-Breskens vaart weer, bericht {n}" for n in range(10)]
    fast = serve_feed(server, "/zeeland.xml", "Omroep Zeeland",
                      [Item(title, "VLISSINGEN - De veerboot vaart.", minutes_ago=n)
                       for n, title in enumerate(titles)])
    server.route("/slow.xml", Response(200, b"<rss/>", delay=40))  # answers after 40 s
    feeds = write_catalogue(tmp_path / "feeds.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", fast),
                                           ("Trage bron", server.url("/slow.xml"))])])
    return feeds, sorted(titles)


def test_quitting_mid_refresh_is_prompt_and_a_relaunch_finds_an_intact_store(
        profile_dir: Path, tmp_path: Path, server: LocalServer) -> None:
    feeds, titles = catalogue_with_a_hanging_feed(server, tmp_path)
    first = start_app(profile_dir, "--feeds", str(feeds))
    second: subprocess.Popen[str] | None = None
    try:
        wait_for_log(profile_dir, "Window shown", first)
        deadline = time.monotonic() + 30
        while not (server.requests_for("/slow.xml") and stored_titles(profile_dir) == titles):
            assert time.monotonic() < deadline, log_text(profile_dir)
            time.sleep(0.05)
        # The round is in flight (the slow feed has 40 s to go): quit as a logout does, and
        # launch again at once, as an impatient user does.
        first.send_signal(signal.SIGTERM)
        second = start_app(profile_dir, "--feeds", str(feeds))
        assert first.wait(timeout=HANG_GUARD_S) == 0, first.stderr.read() if first.stderr else ""
        # The second waited for the first to be gone, then became the one instance.
        wait_for_log(profile_dir, "Window shown", second, count=2)
        third = run_app(profile_dir, "--webmail", timeout=30)
        assert third.returncode == 0, third.stderr
        wait_for_log(profile_dir, "A second launch asked for the window (tab=webmail)", second)
        assert log_text(profile_dir).count("Window shown") == 2
    finally:
        if first.poll() is None:
            first.kill()
        if second is not None:
            assert stop(second, timeout=HANG_GUARD_S) == 0
    database = profile_dir / "data" / "news.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert stored_titles(profile_dir) == titles


def test_two_launches_at_the_same_moment_open_one_window(profile_dir: Path) -> None:
    launches = [start_app(profile_dir, "--news"), start_app(profile_dir, "--webmail")]
    try:
        # One of them becomes the instance; the other hands its wish over and exits.
        deadline = time.monotonic() + 60
        while all(p.poll() is None for p in launches):
            assert time.monotonic() < deadline, log_text(profile_dir)
            time.sleep(0.05)
        handed_over = next(p for p in launches if p.poll() is not None)
        running = next(p for p in launches if p is not handed_over)
        assert handed_over.returncode == 0, handed_over.stderr.read() if handed_over.stderr else ""
        wait_for_log(profile_dir, "A second launch asked for the window", running)
        assert log_text(profile_dir).count("Window shown") == 1
    finally:
        for process in launches:
            if process.poll() is None:
                assert stop(process, timeout=HANG_GUARD_S) == 0

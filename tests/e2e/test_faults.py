"""Faults a user's machine throws at the real process: a read-only profile, a database truncated
to nothing. The app keeps going, says what is true, and loses nothing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.support.app_process import run_app, start_app, stop
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer
from tests.support.readonly import read_only

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="bind mounts")

TITLES = ["Veerdienst vaart weer", "Strand van Domburg druk bezocht"]


def profile_with_news(profile_dir: Path, tmp_path: Path, server: LocalServer) -> Path:
    url = serve_feed(server, "/zeeland.xml", "Omroep Zeeland",
                     [Item(title, "VLISSINGEN - Tekst.", minutes_ago=n * 10)
                      for n, title in enumerate(TITLES)])
    feeds = write_catalogue(tmp_path / "feeds.json",
                            [("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)])])
    filled = run_app(profile_dir, "headlines", "--feeds", str(feeds))
    assert filled.returncode == 0, filled.stderr
    return feeds


def test_a_read_only_profile_still_shows_the_saved_news(
        profile_dir: Path, tmp_path: Path, server: LocalServer) -> None:
    feeds = profile_with_news(profile_dir, tmp_path, server)
    database = profile_dir / "data" / "news.sqlite3"
    before = sorted(p.name for p in database.parent.iterdir())
    with read_only(profile_dir):
        offline = run_app(None, "headlines", "--profile-dir", str(profile_dir), "--offline",
                          "--feeds", str(feeds),
                          env={**os.environ, "LANGUAGE": "nl",
                               "QT_QPA_PLATFORM": "offscreen"})
        assert offline.returncode == 0, offline.stderr
        assert [line.split("  ")[2] for line in offline.stdout.splitlines()] == TITLES
        assert "alleen-lezen" in offline.stderr
        assert "beschadigd" not in offline.stderr and "Traceback" not in offline.stderr
        # The window starts too: no traceback, the log (which cannot be written) on stderr.
        app = start_app(profile_dir, "--feeds", str(feeds), "--news")
        try:
            deadline_lines: list[str] = []
            assert app.stderr is not None
            for line in app.stderr:
                deadline_lines.append(line)
                if "Window shown" in line or "Traceback" in line or len(deadline_lines) > 200:
                    break
            assert any("Window shown" in line for line in deadline_lines), deadline_lines
            assert not any("Traceback" in line for line in deadline_lines), deadline_lines
            said = "".join(deadline_lines)
            assert "cannot be written: reading it only" in said  # the store knows, and says
            assert "logging here instead" in said
        finally:
            assert stop(app, timeout=20) == 0
    # Nothing was moved aside or lost.
    assert sorted(p.name for p in database.parent.iterdir()) == before


def test_a_database_truncated_to_nothing_is_set_aside_with_words(
        profile_dir: Path, tmp_path: Path, server: LocalServer) -> None:
    feeds = profile_with_news(profile_dir, tmp_path, server)
    database = profile_dir / "data" / "news.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"")
    env = {**os.environ, "LANGUAGE": "nl", "QT_QPA_PLATFORM": "offscreen"}
    result = run_app(profile_dir, "headlines", "--offline", "--feeds", str(feeds), env=env)
    assert "beschadigd" in result.stderr
    assert [p.name for p in database.parent.glob("news.sqlite3.corrupt-*")]

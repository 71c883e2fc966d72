"""Run the real app as a separate process on an isolated profile, and watch its log."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def app_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def empty_catalogue(profile_dir: Path) -> Path:
    """A catalogue without feeds: a test never reaches for the real news sites."""
    profile_dir.mkdir(parents=True, exist_ok=True)
    empty = profile_dir / "no-feeds.json"
    empty.write_text('{"version": 1, "categories": []}', encoding="utf-8")
    return empty


def no_feeds(profile_dir: Path) -> list[str]:
    """--feeds with an empty catalogue."""
    return ["--feeds", str(empty_catalogue(profile_dir))]


def start_app(profile_dir: Path, *args: str, env: dict[str, str] | None = None
              ) -> subprocess.Popen[str]:
    if "--feeds" not in args:
        args = (*args, *no_feeds(profile_dir))
    return subprocess.Popen(
        [sys.executable, "-m", "zeelandnet_desktop", "--profile-dir", str(profile_dir), *args],
        cwd=ROOT, env=env or app_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )


def run_app(profile_dir: Path | None, *args: str, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    prefix = ["--profile-dir", str(profile_dir), *no_feeds(profile_dir)] if profile_dir else []
    return subprocess.run(
        [sys.executable, "-m", "zeelandnet_desktop", *prefix, *args],
        cwd=ROOT, env=env or app_env(), capture_output=True, text=True, timeout=timeout,
    )


def log_text(profile_dir: Path) -> str:
    path = profile_dir / "logs" / "zeelandnet-desktop.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for_log(profile_dir: Path, needle: str, process: subprocess.Popen[str] | None = None,
                 timeout: float = 60, count: int = 1) -> None:
    """Wait until the app's log holds `needle` `count` times; fail with the log if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_text(profile_dir).count(needle) >= count:
            return
        if process is not None and process.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"never logged {needle!r}; log was:\n{log_text(profile_dir)}")


def stop(process: subprocess.Popen[str], timeout: float = 30) -> int:
    """Quit like a logout does (SIGTERM) and return the exit code."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise

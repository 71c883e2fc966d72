"""The X server as a user and a window manager see it (xdotool): find the app's window, give
it the keyboard, type keys, read its title and geometry. For the desktop pass on Xvfb."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass


def available() -> bool:
    return shutil.which("xdotool") is not None


def _run(*args: str, env: dict[str, str] | None = None, tries: int = 3) -> str:
    """xdotool's answer; asked again when it fails (Xvfb under load refuses a connection
    now and then)."""
    for _attempt in range(tries):
        result = subprocess.run(["xdotool", *args], capture_output=True, text=True, env=env,
                                timeout=20)
        if result.returncode == 0:
            return result.stdout.strip()
        last = result.stderr.strip()
    raise XdoError(f"xdotool {' '.join(args)}: {last}")


class XdoError(RuntimeError):
    pass


def windows_of(pid: int, env: dict[str, str] | None = None) -> list[str]:
    """The mapped windows of process `pid` (Qt sets _NET_WM_PID)."""
    try:
        found = _run("search", "--onlyvisible", "--pid", str(pid), env=env, tries=1)
    except XdoError:
        return []  # none yet
    return [line for line in found.splitlines() if line.strip()]


def wait_for_window(pid: int, name: str | None = None, timeout: float = 30.0,
                    env: dict[str, str] | None = None) -> str:
    """The first mapped window of `pid` (whose title contains `name`, if given)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for window in windows_of(pid, env):
            if name is None or name in title(window, env):
                return window
        time.sleep(0.2)  # gently: Xvfb refuses connections when polled hard
    raise AssertionError(f"no window{' ' + repr(name) if name else ''} of process {pid}")


def title(window: str, env: dict[str, str] | None = None) -> str:
    """The title as the window manager shows it (_NET_WM_NAME)."""
    return _run("getwindowname", window, env=env)


@dataclass(frozen=True)
class Geometry:
    x: int
    y: int
    width: int
    height: int


def geometry(window: str, env: dict[str, str] | None = None) -> Geometry:
    values: dict[str, int] = {}
    for line in _run("getwindowgeometry", "--shell", window, env=env).splitlines():
        key, _, value = line.partition("=")
        if value.strip().lstrip("-").isdigit():
            values[key.strip()] = int(value)
    return Geometry(values.get("X", 0), values.get("Y", 0), values.get("WIDTH", 0),
                    values.get("HEIGHT", 0))


def focus(window: str, env: dict[str, str] | None = None) -> None:
    """Give the window the keyboard (without a window manager: XSetInputFocus)."""
    _run("windowfocus", "--sync", window, env=env)


def key(*keys: str, env: dict[str, str] | None = None) -> None:
    """Press keys as a user does ("ctrl+comma", "F1", "Escape"), to the focused window."""
    _run("key", "--clearmodifiers", "--delay", "60", *keys, env=env)


def screen_size(env: dict[str, str] | None = None) -> tuple[int, int]:
    width, _, height = _run("getdisplaygeometry", env=env).partition(" ")
    return int(width or 0), int(height or 0)

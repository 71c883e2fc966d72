"""An X server of a given size for one test (small laptops, large screens at 200 %)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def available() -> bool:
    return shutil.which("Xvfb") is not None


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """A running Xvfb with one screen of width×height; yields its DISPLAY."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
         "-nolisten", "tcp"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def screenshot(display: str, target: Path) -> bool:
    """The whole screen as a PNG (ImageMagick's import), when ImageMagick is there."""
    if shutil.which("import") is None:
        return False
    result = subprocess.run(["import", "-display", display, "-window", "root", str(target)],
                            capture_output=True, timeout=30)
    return result.returncode == 0

"""An in-process Shell on an isolated profile, for tests that drive the widgets."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.support.app_process import empty_catalogue
from zeelandnet_desktop.options import LaunchOptions
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.system import paths as app_paths


def start_shell(qapp: QApplication, profile_dir: Path, *, tab: str | None = None,
                minimized: bool = False, feeds: Path | None = None,
                on_painted: Callable[[Shell], None] | None = None) -> Shell:
    """A started Shell (window shown unless minimized into a tray). `feeds`: a catalogue
    file (--feeds); without one the app has no feeds at all. `on_painted` looks at the shell
    the moment it says the window is on screen."""
    paths = app_paths.resolve(profile_dir).ensure()
    options = LaunchOptions(profile_dir=str(paths.profile_dir), tab=tab, minimized=minimized,
                            feeds=str(feeds or empty_catalogue(profile_dir)))
    shell = Shell(qapp, paths, options)
    painted: list[bool] = []
    if on_painted is not None:
        shell.first_painted.connect(lambda: on_painted(shell))
    shell.first_painted.connect(lambda: painted.append(True))
    shell.start()
    # What comes after the first paint (the mail side, the tray, the news round) is there
    # before a test goes on, as it is before a user can click.
    deadline = time.monotonic() + 10
    while not painted and time.monotonic() < deadline:
        qapp.processEvents()
    assert painted, "the window was never shown"
    return shell

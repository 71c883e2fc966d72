"""Waking from sleep, as the clocks show it: the wall clock runs on while the monotonic clock
stands still (Linux, macOS), or the timer fires late (Windows). The clocks are given; the timer
tick is called as the QTimer would."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from zeelandnet_desktop.services.mail_watch_wake import WakeWatcher


class Clocks:
    def __init__(self) -> None:
        self.wall = 1_700_000_000.0
        self.monotonic = 500.0

    def tick(self, wall: float, monotonic: float) -> None:
        self.wall += wall
        self.monotonic += monotonic


@pytest.mark.parametrize(("wall", "monotonic", "woke"), [
    pytest.param(30.0, 30.0, False, id="awake: both moved one interval"),
    pytest.param(45.0, 30.0, False, id="a small correction of the wall clock"),
    pytest.param(3600.0, 30.0, True, id="slept an hour (monotonic stood still)"),
    pytest.param(3600.0, 3600.0, True, id="slept an hour (the timer fired late)"),
    pytest.param(-3600.0, 30.0, False, id="the clock set back an hour"),
])
def test_a_jump_of_the_clocks_is_waking_from_sleep(
        qtbot: QtBot, wall: float, monotonic: float, woke: bool) -> None:
    clocks = Clocks()
    watcher = WakeWatcher(wall=lambda: clocks.wall, monotonic=lambda: clocks.monotonic,
                          check_seconds=30.0)
    heard: list[str] = []
    watcher.woke.connect(heard.append)
    watcher.start()
    clocks.tick(wall, monotonic)
    watcher.check_clocks()
    assert heard == (["resumed"] if woke else [])
    clocks.tick(30.0, 30.0)
    watcher.check_clocks()  # measured from the last tick: said once
    assert heard == (["resumed"] if woke else [])
    watcher.stop()

"""When to reconnect at once instead of waiting: the computer woke from sleep (a connection
from before is usually dead), or the network came back or changed while the watch waits to
reconnect. (A connection that dies silently while watching is found by TCP keep-alive, in
mail/imap_wire.py.)

The network comes from QNetworkInformation, loaded when the watch first has to wait for it
(`follow_network`): its backend talks to the system's network service and costs memory that a
watch that never lost its connection does not need; a system without one is fine. Sleep has no
portable signal, so a
slow timer compares how far the clocks moved: on Linux and macOS the monotonic clock stands
still while asleep and the wall clock does not; on Windows the monotonic clock runs on, and the
timer simply fires late. A GUI thread stalled as long, or a clock set forward, looks the same:
that only costs one reconnect.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

CHECK_SECONDS = 30.0
JUMP_SECONDS = 20.0  # more than this beyond the timer's interval: the computer slept

_network_loaded: bool | None = None  # one backend per process; None: not tried yet


def _network_information() -> Any:
    """The process's QNetworkInformation, loading its default backend the first time."""
    global _network_loaded
    from PySide6.QtNetwork import QNetworkInformation

    if _network_loaded is None:
        _network_loaded = (QNetworkInformation.instance() is not None
                           or QNetworkInformation.loadDefaultBackend())
        if _network_loaded:
            info = QNetworkInformation.instance()
            log.info("Network information: %s", info.backendName() if info else "?")
        else:
            log.info("No network information on this system; waking from sleep is still "
                     "noticed")
    return QNetworkInformation.instance() if _network_loaded else None


class WakeWatcher(QObject):
    woke = Signal(str)  # why, for the log

    def __init__(self, parent: QObject | None = None, *,
                 wall: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic,
                 check_seconds: float = CHECK_SECONDS) -> None:
        super().__init__(parent)
        self._wall, self._monotonic = wall, monotonic
        self._interval = check_seconds
        self._timer = QTimer(self)
        self._timer.setInterval(int(check_seconds * 1000))
        self._timer.timeout.connect(self.check_clocks)
        self._info: Any = None
        self._reachability: Any = None
        self._last = (0.0, 0.0)

    def start(self) -> None:
        if self._timer.isActive():
            return
        self._last = (self._wall(), self._monotonic())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def network_followed(self) -> bool:
        """The system's network information is heard (loaded, and the system has one)."""
        return self._info is not None

    def follow_network(self) -> None:
        """From now on also tell when the network comes back or changes."""
        if self._info is None and self._timer.isActive():
            QTimer.singleShot(0, self._follow_network)  # not in the way of the caller

    def check_clocks(self) -> None:
        wall, monotonic = self._wall(), self._monotonic()
        last_wall, last_monotonic = self._last
        self._last = (wall, monotonic)
        moved = max(wall - last_wall, monotonic - last_monotonic)
        if moved > self._interval + JUMP_SECONDS:
            log.info("The clock jumped %.0f s ahead: woken from sleep", moved - self._interval)
            self.woke.emit("resumed")

    def _follow_network(self) -> None:
        if self._info is not None or not self._timer.isActive():
            return
        try:
            info = _network_information()
        except Exception:  # a broken plugin must not stop the watch
            log.exception("Network information could not be loaded")
            info = None
        if info is None:
            return
        self._info = info
        self._reachability = info.reachability()
        info.reachabilityChanged.connect(self._on_reachability)
        info.transportMediumChanged.connect(self._on_medium)

    def _on_reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        before, self._reachability = self._reachability, reachability
        online = QNetworkInformation.Reachability.Online
        if reachability == online and before != online and self._timer.isActive():
            log.info("The network is back")
            self.woke.emit("network")

    def _on_medium(self, _medium: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if (self._timer.isActive()
                and self._reachability == QNetworkInformation.Reachability.Online):
            log.info("The network changed")
            self.woke.emit("network")

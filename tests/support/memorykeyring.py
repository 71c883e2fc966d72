"""Test doubles for the OS keyring service only (never for our own code).

MemoryKeyring stands in for "a keyring that works" in the offscreen pass, where no Secret Service
runs; the desktop pass uses the real one. Neither class is ever chosen by keyring's own discovery
(their priority raises), so they cannot become anybody's default.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("a test double, pinned by the tests that use it")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.threads: list[str] = []  # which thread each call ran on
        self.gate: threading.Event | None = None  # set: calls wait for it (a pending prompt)

    def _enter(self) -> None:
        self.threads.append(threading.current_thread().name)
        if self.gate is not None:
            self.gate.wait(timeout=30)

    def get_password(self, service: str, username: str) -> str | None:
        self._enter()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._enter()
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._enter()
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")


class RaisingKeyring(KeyringBackend):
    """Every call raises what `make()` returns: locked, access denied, a dead D-Bus, …"""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("a test double, pinned by the tests that use it")

    def __init__(self, make: Callable[[], BaseException]) -> None:
        super().__init__()
        self._make = make

    def get_password(self, service: str, username: str) -> str | None:
        raise self._make()

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self._make()

    def delete_password(self, service: str, username: str) -> None:
        raise self._make()

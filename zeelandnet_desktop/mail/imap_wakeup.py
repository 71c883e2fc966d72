"""A way for another thread to cut the IMAP session's waits short.

Waiting in slices that look at `cancelled()` several times a second ends a session promptly,
but wakes the computer all day for nothing. With a Wakeup the session waits on its socket and
on this one together, in long slices: `wake()` (after cancelling) ends the wait at once, so
quitting with a session open does not wait for a slice to run out. A socket pair, so `select`
takes it on every platform (Windows selects sockets only).
"""

from __future__ import annotations

import contextlib
import socket

SLICE = 5.0  # seconds between looks at the cancel check while a Wakeup can end a wait


class Wakeup:
    def __init__(self) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)

    def fileno(self) -> int:
        return self._read.fileno()

    def wake(self) -> None:
        """From any thread: the current (or next) wait ends now."""
        with contextlib.suppress(OSError):  # already full, or closed: woken either way
            self._write.send(b"!")

    def drain(self) -> None:
        with contextlib.suppress(OSError):
            while self._read.recv(64):
                pass

    def close(self) -> None:
        self._read.close()
        self._write.close()

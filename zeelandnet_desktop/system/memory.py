"""Keep the resident size of a long-running app honest (glibc on Linux; elsewhere no-ops).

Refresh rounds parse feeds on worker threads. glibc gives every thread that allocates its own
malloc arena and keeps freed memory in them, so a tray app that refreshed once holds several
megabytes it no longer uses. Two arenas are plenty for our few threads, and trimming after a
round hands the freed pages back to the system.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_M_ARENA_MAX = -8  # from <malloc.h>
_libc: ctypes.CDLL | None = None


def _glibc() -> ctypes.CDLL | None:
    global _libc
    if _libc is None and sys.platform.startswith("linux"):
        try:
            _libc = ctypes.CDLL("libc.so.6")
            _libc.mallopt  # noqa: B018 - raises AttributeError on a libc without it (musl)
            _libc.malloc_trim  # noqa: B018
        except (OSError, AttributeError):
            _libc = None
    return _libc


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Call before any worker thread starts."""
    libc = _glibc()
    if libc is not None and libc.mallopt(_M_ARENA_MAX, arenas) != 1:
        log.debug("mallopt(M_ARENA_MAX) was refused")


def give_back_free_memory() -> None:
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)

"""Keep the resident size of a long-running app honest (glibc on Linux; elsewhere no-ops).

Python's cyclic garbage collector walks every tracked object in a full (generation 2) pass, and
whichever thread triggers one holds the interpreter lock meanwhile: with the window, Qt's
wrappers and the modules loaded that was 30-50 ms every few refresh rounds, all of it on a worker
thread while the GUI thread waited (the soak bench's stall sampler), and it found nothing to
free. What exists once the app has started lives as long as the app: frozen, it is no longer
walked.

Refresh rounds parse feeds on worker threads. glibc gives every thread that allocates its own
malloc arena and keeps freed memory in them, so a tray app that refreshed once holds several
megabytes it no longer uses. Two arenas are plenty for our few threads, and trimming after a
round hands the freed pages back to the system.
"""

from __future__ import annotations

import ctypes
import gc
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


def freeze_long_lived_objects() -> None:
    """Once, when start-up is over: what exists now is left out of the full collections
    (gc.freeze). Young garbage is collected first, so little that is already garbage is kept."""
    gc.collect(1)
    gc.freeze()
    log.debug("Froze %d objects out of the cyclic garbage collector", gc.get_freeze_count())

"""Pictures the app fetched, kept on disk so a list scrolled again (or the next start) does not
fetch them again. Size-capped: past the cap the pictures used longest ago go first.

Plain files named by a hash of the address (never the address itself: it may carry a reader's
tracking parameters), written atomically. Safe for several threads at once. A cache that cannot
be written (a full or read-only disk) only costs fetches: it is logged once, never raised.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_SUFFIX = ".picture"
_TRIM_TO = 0.8  # trimming goes a little below the cap, so it does not run on every write


class PictureCache:
    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._total: int | None = None  # bytes on disk, counted on first use
        self._warned = False

    def _path(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + _SUFFIX)

    def get(self, url: str) -> bytes | None:
        path = self._path(url)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # "used": trimming goes by the time of last use
        return data

    def put(self, url: str, data: bytes) -> None:
        if len(data) > self.max_bytes // 4:
            return  # one picture must not push out a whole list's worth
        path = self._path(url)
        temp = path.with_suffix(f".{threading.get_ident()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(data)
            os.replace(temp, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
            if not self._warned:
                self._warned = True
                log.warning("Pictures cannot be kept on disk (%s); they are fetched again "
                            "when needed", error.strerror or type(error).__name__)
            return
        with self._lock:
            total = self._count() + len(data)
            self._total = total
            if total > self.max_bytes:
                self._trim()

    def size(self) -> int:
        with self._lock:
            return self._count()

    def _count(self) -> int:
        if self._total is None:
            self._total = sum(size for _path, size, _used in self._files())
        return self._total

    def _files(self) -> list[tuple[Path, int, float]]:
        found = []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        for entry in entries:
            if entry.name.endswith(_SUFFIX):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                found.append((Path(entry.path), stat.st_size, stat.st_mtime))
        return found

    def _trim(self) -> None:
        files = sorted(self._files(), key=lambda item: item[2])
        total = sum(size for _path, size, _used in files)
        goal = int(self.max_bytes * _TRIM_TO)
        started = time.monotonic()
        removed = 0
        for path, size, _used in files:
            if total <= goal:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        self._total = total
        log.debug("Picture cache: removed %d old pictures in %.0f ms", removed,
                  (time.monotonic() - started) * 1000)

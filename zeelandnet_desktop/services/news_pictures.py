"""Pictures for the news views: fetched by the app itself (news/fetch.py: no cookie, no
referrer, raster types only, size-capped), kept in a size-capped cache on disk, all off the GUI
thread. A view may pass `prepare` (decode and scale, say) to run in the same background job, so
the GUI thread only receives a picture ready to draw.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..news.picture_cache import PictureCache
from .tasks import CancelToken, TaskRunner

log = logging.getLogger(__name__)

IMAGE_MAX_BYTES = 3 * 1024 * 1024
Prepare = Callable[[bytes], Any]
Done = Callable[[Any], None]
Failed = Callable[[], None]


class _Waiting:
    __slots__ = ("closed", "waiters")

    def __init__(self) -> None:
        self.waiters: list[tuple[Prepare | None, Done | None, Failed | None]] = []
        self.closed = False


class NewsPictures:
    """Owned by the news service; `fetch_bytes(url, token)` is the service's fetcher.

    One address is fetched once however many ask for it (the list's thumbnail and the
    article's picture are often the same file): the job takes every asker that joined while
    it ran and prepares the picture for each."""

    def __init__(self, tasks: TaskRunner, cache_folder: Path,
                 fetch_bytes: Callable[[str, CancelToken], bytes | None]) -> None:
        self._tasks = tasks
        self._cache = PictureCache(cache_folder)
        self._fetch_bytes = fetch_bytes
        self._lock = threading.Lock()
        self._waiting: dict[str, _Waiting] = {}

    @property
    def cache(self) -> PictureCache:
        return self._cache

    def fetch(self, url: str, *, prepare: Prepare | None = None, on_done: Done | None = None,
              on_failed: Failed | None = None,
              on_data: Callable[[str, bytes], None] | None = None) -> None:
        with self._lock:
            waiting = self._waiting.get(url)
            if waiting is not None and not waiting.closed:
                waiting.waiters.append((prepare, on_done, on_failed))
                return
            waiting = self._waiting[url] = _Waiting()
            waiting.waiters.append((prepare, on_done, on_failed))
        results: list[tuple[Done | None, Failed | None, Any]] = []

        def work(token: CancelToken) -> bytes | None:
            data = None
            try:
                data = self._cache.get(url)
                if data is None:
                    token.check()
                    data = self._fetch_bytes(url, token)
                    if data is not None:
                        self._cache.put(url, data)
            finally:
                while True:  # everyone who asked until now gets an answer from this job
                    with self._lock:
                        batch, waiting.waiters = waiting.waiters, []
                        if not batch:
                            waiting.closed = True
                            if self._waiting.get(url) is waiting:
                                del self._waiting[url]
                            break
                    for prepare_one, done_one, failed_one in batch:
                        results.append((done_one, failed_one,
                                        _prepared(prepare_one, data, token)))
            return data

        def answer(data: bytes | None) -> None:
            for done_one, failed_one, value in results:
                if value is None:
                    if failed_one is not None:
                        failed_one()
                elif done_one is not None:
                    done_one(value)
            if data is not None and on_data is not None:
                on_data(url, data)

        def failed(error: BaseException) -> None:
            log.info("A picture could not be fetched: %s", type(error).__name__)
            answer(None)

        self._tasks.run(work, lane="pictures", name="picture", on_done=answer, on_error=failed)


def _prepared(prepare: Prepare | None, data: bytes | None, token: CancelToken) -> Any:
    if data is None or token.cancelled:
        return None
    if prepare is None:
        return data
    try:
        return prepare(data)
    except Exception as error:  # a picture that breaks the decoder is no picture
        log.info("A picture could not be decoded: %s", type(error).__name__)
        return None

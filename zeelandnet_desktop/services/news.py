"""The news service: runs refresh rounds off the GUI thread and tells the GUI what changed.

Data flows once: fetch → parse → store (news core, on worker threads) → a queued signal here →
the view re-reads the store. The GUI thread only reads the store (a few milliseconds) and never
touches the network.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from .. import settings as keys
from ..news.catalogue import USER_FILE_NAME, Catalogue, CatalogueError, load_catalogue
from ..news.store import NewsStore
from ..settings import Settings
from ..system.paths import AppPaths

if TYPE_CHECKING:
    from ..news.fetch import Fetcher
    from ..news.refresh import FeedOutcome, RefreshReport

log = logging.getLogger(__name__)

PRUNE_EVERY = timedelta(hours=6)
IMAGE_MAX_BYTES = 3 * 1024 * 1024


class NewsService(QObject):
    """Owns the store, the catalogue and the refresh timer."""

    refresh_started = Signal()
    refresh_progress = Signal(int, int)  # feeds done, feeds in this round
    refresh_finished = Signal(object)  # RefreshReport
    articles_changed = Signal()  # the store holds new or changed articles: re-read it
    catalogue_changed = Signal()
    image_ready = Signal(str, bytes)  # url, image data (only when remote images are allowed)

    # Internal: worker threads emit these; Qt queues them to the GUI thread.
    _round_done = Signal(object)
    _round_progress = Signal(int, int)

    def __init__(self, settings: Settings, paths: AppPaths, parent: QObject | None = None, *,
                 defaults: Path | None = None) -> None:
        """`defaults`: a catalogue file used instead of the shipped one (--feeds)."""
        super().__init__(parent)
        self._settings = settings
        self._paths = paths
        self._defaults = defaults
        self.store = NewsStore(paths.database_file)
        self.catalogue: Catalogue = self._load_catalogue()
        self._pool: ThreadPoolExecutor | None = None
        self._fetcher: Fetcher | None = None
        self._fetcher_lock = threading.Lock()
        self._running = False
        self._shut_down = False
        self._again_forced: bool | None = None  # a request that came in during a round
        self._last_prune: datetime | None = None
        self.last_report: RefreshReport | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.refresh(force=False))
        self._round_done.connect(self._on_round_done)
        self._round_progress.connect(self.refresh_progress)
        settings.changed.connect(self._on_setting_changed)

    @property
    def user_catalogue_file(self) -> Path:
        return self._paths.config / USER_FILE_NAME

    @property
    def recovered_from_corruption(self) -> bool:
        return self.store.recovered_from_corruption

    @property
    def is_refreshing(self) -> bool:
        return self._running

    def enabled_categories(self) -> list[str]:
        disabled_list: list[str] = self._settings.get(keys.DISABLED_CATEGORIES)
        disabled = set(disabled_list)
        return [c.id for c in self.catalogue.categories if c.id not in disabled]

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        """After the window is shown: the first refresh, then every N minutes."""
        self._restart_timer()
        self.refresh(force=False)

    @property
    def is_shut_down(self) -> bool:
        return self._shut_down

    def shut_down(self) -> None:
        self._shut_down = True
        self._timer.stop()
        if self._pool is not None:
            # Workers finish their current feed (bounded by the fetcher's deadline); each feed
            # is its own transaction, so stopping now never loses stored articles.
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._fetcher is not None:
            self._fetcher.close()
        self.store.close()

    def _restart_timer(self) -> None:
        self._timer.start(self._settings.get(keys.REFRESH_MINUTES) * 60_000)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.REFRESH_MINUTES.name and self._timer.isActive():
            self._restart_timer()
        elif name == keys.DISABLED_CATEGORIES.name:
            self.catalogue_changed.emit()

    def _load_catalogue(self) -> Catalogue:
        try:
            return load_catalogue(self.user_catalogue_file, self._defaults)
        except CatalogueError as error:
            if self._defaults is None:
                raise  # the shipped catalogue is broken: a packaging bug, not user input
            log.warning("Cannot use the feeds file %s (%s); using the shipped feeds",
                        self._defaults, error)
            self._defaults = None
            return load_catalogue(self.user_catalogue_file)

    def reload_catalogue(self) -> None:
        self.catalogue = self._load_catalogue()
        self.catalogue_changed.emit()

    # --- refreshing -------------------------------------------------------------------------

    def refresh(self, force: bool = True) -> None:
        """Fetch what is due (force=True: everything but hosts that asked us to wait)."""
        if self._running:
            self._again_forced = force or bool(self._again_forced)
            return
        self._running = True
        self.refresh_started.emit()
        enabled = self.enabled_categories()
        catalogue = self.catalogue
        self._executor().submit(self._run_round, catalogue, enabled, force)

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="news-service")
        return self._pool

    def _get_fetcher(self) -> Fetcher:
        with self._fetcher_lock:
            if self._fetcher is None:
                from ..news.fetch import Fetcher  # requests is imported here, off the GUI thread

                self._fetcher = Fetcher()
            return self._fetcher

    def _run_round(self, catalogue: Catalogue, enabled: list[str], force: bool) -> None:
        # On a worker thread. Nothing may escape: the GUI waits for _round_done.
        report: RefreshReport | None = None
        try:
            from ..news.refresh import refresh

            def progress(_outcome: FeedOutcome, done: int, total: int) -> None:
                self._round_progress.emit(done, total)

            report = refresh(catalogue, self.store, self._get_fetcher(),
                             enabled_categories=enabled, force=force, progress=progress)
            self._prune_if_due()
        except Exception:
            log.exception("Refresh round failed")
        finally:
            from ..system.memory import give_back_free_memory

            give_back_free_memory()  # the parsing garbage of this round
        self._round_done.emit(report)

    def _prune_if_due(self) -> None:
        now = datetime.now(timezone.utc)
        if self._last_prune is not None and now - self._last_prune < PRUNE_EVERY:
            return
        self._last_prune = now
        days = self._settings.get(keys.PRUNE_DAYS)
        removed = self.store.prune(timedelta(days=days), now).result()
        if removed:
            log.info("Pruned %d articles older than %d days", removed, days)

    def _on_round_done(self, report: RefreshReport | None) -> None:
        self._running = False
        if self._shut_down:  # a round that ended while quitting: nobody is listening any more
            return
        if report is not None:
            self.last_report = report
        self.refresh_finished.emit(report)
        self.articles_changed.emit()
        if self._again_forced is not None:
            force, self._again_forced = self._again_forced, None
            self.refresh(force=force)

    # --- read state -------------------------------------------------------------------------

    def set_read(self, ids: list[str], read: bool = True) -> Future[None]:
        """Mark articles (un)read in the store. The view has already updated itself; a failed
        write is logged by the store."""
        return self.store.set_read(ids, read)

    # --- pictures (only when the user allowed remote images) --------------------------------

    def fetch_image(self, url: str) -> None:
        if not self._settings.get(keys.REMOTE_IMAGES):
            return
        self._executor().submit(self._fetch_image, url)

    def _fetch_image(self, url: str) -> None:
        data = self._get_fetcher().fetch_image(url, IMAGE_MAX_BYTES)
        if data:
            self.image_ready.emit(url, data)

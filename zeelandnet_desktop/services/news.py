"""The news service: refresh rounds as jobs on the task runner, and the questions the views ask.

Data flows once: fetch → parse → store (news core, in runner jobs) → a result back on the GUI
thread → a signal → the view asks this service again. The GUI thread only reads the store (a few
milliseconds) and never touches the network. Views never see the store or the catalogue.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from .. import settings as keys
from ..news.catalogue import Catalogue, Category, valid_feed_url
from ..news.front_page import FrontPage
from ..news.listing import ListPage, ListQuery
from ..news.model import Article
from ..news.store import NewsStore
from ..news.yielding import QuietMoments
from ..settings import Settings
from ..system.paths import AppPaths
from .news_catalogue import CatalogueFiles
from .news_front import FrontReader
from .news_lists import ListReader
from .news_pictures import IMAGE_MAX_BYTES, Done, Failed, NewsPictures, Prepare
from .tasks import CancelToken, TaskRunner

if TYPE_CHECKING:
    from ..news.fetch import Fetcher
    from ..news.refresh import FeedJob, RoundPlan
    from ..news.report import FeedOutcome, RefreshReport

log = logging.getLogger(__name__)

PRUNE_EVERY = timedelta(hours=6)
CHANGES_EVERY_MS = 300  # during a round the views re-read at most this often
STORE_CLOSE_SECONDS = 0.4  # at quit: queued writes are milliseconds; never wait longer


class NewsService(QObject):
    """Owns the store, the catalogue and the refresh timer."""

    refresh_started = Signal()
    refresh_progress = Signal(int, int)  # feeds done, feeds in this round
    refresh_finished = Signal(object)  # RefreshReport, or None when the round itself failed
    # The store holds new or changed articles: ask again. The categories that changed (a
    # tuple), or None for any of them. During a round after each stored feed (at most every
    # CHANGES_EVERY_MS), so one slow source holds back no other news; None after the round.
    articles_changed = Signal(object)
    catalogue_changed = Signal()
    image_ready = Signal(str, bytes)  # url, image data (only when remote images are allowed)

    def __init__(self, settings: Settings, paths: AppPaths, tasks: TaskRunner,
                 parent: QObject | None = None, *, defaults: Path | None = None) -> None:
        """`defaults`: a catalogue file used instead of the shipped one (--feeds)."""
        super().__init__(parent)
        self._settings = settings
        self._paths = paths
        self._tasks = tasks
        # While a round runs: the GUI thread's beat, so parsing and reading wait while it is
        # busy (news/yielding.py).
        self._quiet = QuietMoments()
        self._store = NewsStore(paths.database_file, writer=tasks.executor("news-store"),
                                pause=self._quiet.wait_for_quiet)
        self._files = CatalogueFiles(paths.config, defaults)
        self._catalogue: Catalogue = self._files.load()
        self._lists = ListReader(tasks, self._store)
        self._front = FrontReader(tasks, self._store)
        self._fetcher: Fetcher | None = None
        self._fetcher_lock = threading.Lock()
        self._round: _Round | None = None
        self._shut_down = False
        self._again_forced: bool | None = None  # a request that came in during a round
        self._last_prune: datetime | None = None
        self.last_report: RefreshReport | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.refresh(force=False))
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.timeout.connect(self._announce_changes)
        self._last_change = QElapsedTimer()
        self._changed: set[str] = set()  # categories stored since the last announcement
        self._pictures = NewsPictures(tasks, paths.cache / "pictures", self._fetch_picture)
        self._beat = QTimer(self)
        self._beat.setTimerType(Qt.TimerType.PreciseTimer)
        self._beat.setInterval(int(self._quiet.period * 1000))
        self._beat.timeout.connect(self._quiet.beat)
        settings.changed.connect(self._on_setting_changed)

    # --- questions ------------------------------------------------------------------------

    @property
    def recovered_from_corruption(self) -> bool:
        return self._store.recovered_from_corruption

    @property
    def read_only(self) -> bool:
        """The profile cannot be written: the saved news is shown, nothing is fetched."""
        return self._store.read_only

    @property
    def is_refreshing(self) -> bool:
        return self._round is not None

    @property
    def is_shut_down(self) -> bool:
        return self._shut_down

    def categories(self) -> tuple[Category, ...]:
        """Every category of the catalogue, in its order (enabled or not)."""
        return self._catalogue.categories

    def category(self, category_id: str) -> Category | None:
        return self._catalogue.category(category_id)

    def enabled_categories(self) -> list[str]:
        disabled_list: list[str] = self._settings.get(keys.DISABLED_CATEGORIES)
        disabled = set(disabled_list)
        return [c.id for c in self._catalogue.categories if c.id not in disabled]

    def articles(self, category: str | None = None, *, search: str | None = None,
                 limit: int | None = None) -> list[Article]:
        return self._store.articles(category, limit=limit, search=search)

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        return self._store.articles_by_id(ids)

    def unread_counts(self) -> dict[str, int]:
        return self._store.unread_counts()

    def load_list(self, query: ListQuery, on_done: Callable[[ListPage], None]) -> None:
        """What the article list shows for `query`, read off the GUI thread; only the latest
        question is answered (services/news_lists.py)."""
        if not self._shut_down:
            self._lists.load(query, self.enabled_categories(), on_done)

    def load_counts(self, categories: Iterable[str],
                    on_done: Callable[[dict[str, int]], None]) -> None:
        """The unread counts of these categories, read off the GUI thread."""
        if not self._shut_down:
            self._lists.counts(list(categories), on_done)

    def load_front_page(self, on_done: Callable[[FrontPage], None]) -> None:
        """What the Voorpagina shows (news/front_page.py), read off the GUI thread."""
        if not self._shut_down:
            self._front.load(self.enabled_categories(), on_done)

    def load_more_from(self, article: Article,
                       on_done: Callable[[tuple[Article, ...]], None]) -> None:
        """The stories after `article` in its category ("Meer uit …"), off the GUI thread."""
        if not self._shut_down:
            self._front.more_from(article, on_done)

    def article_count(self) -> int:
        return self._store.article_count()

    # Breaking-news memory (services/breaking.py decides; the store remembers).
    def breaking_seen(self, keys_: Iterable[str]) -> frozenset[str]:
        return self._store.breaking_seen(keys_)

    def breaking_sent_since(self, since: datetime) -> int:
        return self._store.breaking_sent_since(since)

    def remember_breaking(self, keys_: Iterable[str], now: datetime, *, sent: bool) -> None:
        self._store.remember_breaking(keys_, now, sent=sent)

    # --- the user's own news sources -----------------------------------------------------

    def user_feeds(self) -> list[tuple[str, str]]:
        """(category id, address) of each news source the user added."""
        return self._files.user_feeds()

    def categories_of_feed(self, url: str) -> tuple[str, ...]:
        """The ids of the categories that already list this address."""
        return tuple(c.id for c in self._catalogue.categories_of_feed(url))

    @staticmethod
    def is_feed_address(url: str) -> bool:
        return valid_feed_url(url)

    def change_user_feeds(self, add: Iterable[tuple[str, str]],
                          remove: Iterable[tuple[str, str]] = ()) -> None:
        """Apply (category id, address) changes the user made in Instellingen, then reload
        the catalogue once. Raises CatalogueError for an address that is not http(s), OSError
        when the file cannot be written."""
        try:
            self._files.change(add, remove)
        finally:
            self.reload_catalogue()

    def add_user_feed(self, category_id: str, url: str) -> None:
        self.change_user_feeds([(category_id, url)])

    def remove_user_feed(self, category_id: str, url: str) -> None:
        self.change_user_feeds([], [(category_id, url)])

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """After the window is shown: the first refresh, then every N minutes."""
        self._restart_timer()
        self.refresh(force=False)

    def shut_down(self) -> None:
        """Stop the timer and the round; let queued writes finish (bounded) and close."""
        self._shut_down = True
        self._timer.stop()
        self._beat.stop()
        self._quiet.stop()
        if self._round is not None:
            self._round.token.cancel()
        self._store.close(STORE_CLOSE_SECONDS)
        if self._fetcher is not None:
            self._fetcher.close()

    def _restart_timer(self) -> None:
        self._timer.start(self._settings.get(keys.REFRESH_MINUTES) * 60_000)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.REFRESH_MINUTES.name and self._timer.isActive():
            self._restart_timer()
        elif name == keys.DISABLED_CATEGORIES.name:
            self.catalogue_changed.emit()

    def reload_catalogue(self) -> None:
        self._catalogue = self._files.load()
        self.catalogue_changed.emit()

    # --- refreshing -----------------------------------------------------------------------

    def refresh(self, force: bool = True, only: str | None = None) -> None:
        """Fetch what is due (force=True: everything but hosts that asked us to wait);
        `only`: the news sources of that one category."""
        if self._shut_down:
            return
        if self._store.read_only:
            log.info("Read-only profile: no refresh, the saved news stays as it is")
            return
        if self._round is not None:
            self._again_forced = force or bool(self._again_forced)
            return
        round_ = _Round(self._tasks.root.child())
        self._round = round_
        self._quiet.start()
        self._beat.start()
        self.refresh_started.emit()
        catalogue, enabled = self._catalogue, self.enabled_categories()

        def plan(_token: CancelToken) -> RoundPlan:
            from ..news.refresh import plan_round

            planned = plan_round(catalogue, self._store, self._get_fetcher(),
                                 enabled_categories=enabled, force=force)
            if only is not None:
                # The whole round's plan cut down, so every feed keeps the category it has.
                planned = replace(
                    planned, jobs=tuple(j for j in planned.jobs if j.category.id == only),
                    skipped=tuple(o for o in planned.skipped if o.category == only))
            # Handed to the runner from here, not from the GUI thread: starting the lane's
            # threads while feeds are parsed held the GUI thread for 40 ms.
            self._start_feeds(round_, planned)
            return planned

        self._tasks.run(plan, token=round_.token, name="news-plan",
                        on_done=lambda p: self._plan_ready(round_, p),
                        on_error=lambda error: self._round_failed(round_, error))

    def _get_fetcher(self) -> Fetcher:
        with self._fetcher_lock:
            if self._fetcher is None:
                from ..news.fetch import Fetcher  # requests is imported here, off the GUI thread

                self._fetcher = Fetcher()
            return self._fetcher

    def _start_feeds(self, round_: _Round, plan: RoundPlan) -> None:
        """In the planning job: one job per feed; their outcomes come to the GUI thread."""
        from ..news.refresh import refresh_feed

        fetcher, store, pause = self._get_fetcher(), self._store, self._quiet.wait_for_quiet

        def feed_work(job: FeedJob) -> Callable[[CancelToken], FeedOutcome]:
            return lambda token: refresh_feed(job, fetcher, store, plan.now, token, pause)

        for job in plan.jobs:
            self._tasks.run(
                feed_work(job), lane="news-fetch", token=round_.token.child(), name="news-feed",
                on_done=lambda outcome: self._feed_done(round_, outcome),
                on_error=lambda error: self._round_failed(round_, error))

    def _plan_ready(self, round_: _Round, plan: RoundPlan) -> None:
        if round_ is not self._round:
            return
        round_.plan = plan
        round_.outcomes.extend(plan.skipped)
        self.refresh_progress.emit(len(round_.outcomes), plan.total)
        if len(round_.outcomes) == plan.total:
            self._finish(round_)

    def _feed_done(self, round_: _Round, outcome: FeedOutcome) -> None:
        if round_ is not self._round:
            return
        round_.outcomes.append(outcome)  # before the plan is here too: a feed can be quicker
        if outcome.new_ids or outcome.entries:
            self._changed.add(outcome.category)
            self._articles_changed_soon()
        if round_.plan is None:
            return
        self.refresh_progress.emit(len(round_.outcomes), round_.plan.total)
        if len(round_.outcomes) == round_.plan.total:
            self._finish(round_)

    def _finish(self, round_: _Round) -> None:
        from ..news.refresh import finish_round

        assert round_.plan is not None
        report = finish_round(round_.plan, round_.outcomes)
        self._tasks.run(self._after_round, name="news-after-round")
        self._end_round(round_, report)

    def _round_failed(self, round_: _Round, error: BaseException) -> None:
        if self._shut_down:
            log.info("Refresh round ended by quitting (%s)", type(error).__name__)
        else:
            # refresh_feed never raises, so this is a bug or a store that cannot be read.
            log.error("Refresh round failed", exc_info=error)
        self._end_round(round_, None)

    def _end_round(self, round_: _Round, report: RefreshReport | None) -> None:
        if round_ is not self._round:
            return
        self._round = None
        self._beat.stop()
        self._quiet.stop()
        if self._shut_down:  # a round that ended while quitting: nobody is listening any more
            return
        if report is not None:
            if self.last_report is None:
                # The first round has built what the window shows: start-up is over.
                from ..system.memory import freeze_long_lived_objects

                freeze_long_lived_objects()
            self.last_report = report
        self.refresh_finished.emit(report)
        self._announce_changes(everything=True)
        if self._again_forced is not None:
            force, self._again_forced = self._again_forced, None
            self.refresh(force=force)

    def _articles_changed_soon(self) -> None:
        if self._change_timer.isActive():
            return
        since = self._last_change.elapsed() if self._last_change.isValid() else CHANGES_EVERY_MS
        if since >= CHANGES_EVERY_MS:
            self._announce_changes()
        else:
            self._change_timer.start(CHANGES_EVERY_MS - since)

    def _announce_changes(self, everything: bool = False) -> None:
        self._change_timer.stop()
        changed, self._changed = self._changed, set()
        if self._shut_down or not (everything or changed):
            return
        self._last_change.start()
        self.articles_changed.emit(None if everything else tuple(sorted(changed)))

    def _after_round(self, token: CancelToken) -> None:
        """Off the GUI thread: prune now and then, and hand the round's garbage back."""
        from ..system.memory import give_back_free_memory

        try:
            token.check()
            self._prune_if_due()
        finally:
            give_back_free_memory()

    def _prune_if_due(self) -> None:
        now = datetime.now(timezone.utc)
        if self._last_prune is not None and now - self._last_prune < PRUNE_EVERY:
            return
        self._last_prune = now
        days = self._settings.get(keys.PRUNE_DAYS)
        removed = self._store.prune(timedelta(days=days), now).result()
        if removed:
            log.info("Pruned %d articles older than %d days", removed, days)

    # --- read state -----------------------------------------------------------------------

    def set_read(self, ids: list[str], read: bool = True) -> Future[None]:
        """Mark articles (un)read in the store. The view has already updated itself; a failed
        write is logged by the store."""
        return self._store.set_read(ids, read)

    def mark_all_read(self, category: str | None = None) -> None:
        """Every article of a category (None: of every category) read; articles_changed
        follows once it is stored."""
        written = self._store.mark_all_read(category)  # queued now: a quit still writes it
        self._tasks.run(lambda _token: written.result(),
                        name="news-mark-all-read",
                        on_done=lambda _count: self._announce_changes(everything=True),
                        on_error=lambda error: log.error("Could not mark articles read",
                                                         exc_info=error))

    # --- pictures (only when the user allows them) ----------------------------------------

    def fetch_image(self, url: str, *, prepare: Prepare | None = None,
                    on_done: Done | None = None, on_failed: Failed | None = None) -> None:
        """Fetch a picture (or take it from the disk cache), off the GUI thread; `prepare`
        runs on the picture there too. Then `on_done(prepare(data))` and image_ready(url,
        data) on the GUI thread, or `on_failed()`. Nothing when pictures are switched off."""
        if not self._settings.get(keys.REMOTE_IMAGES) or self._shut_down:
            return
        self._pictures.fetch(url, prepare=prepare, on_done=on_done, on_failed=on_failed,
                             on_data=self.image_ready.emit)

    def _fetch_picture(self, url: str, token: CancelToken) -> bytes | None:
        return self._get_fetcher().fetch_image(url, IMAGE_MAX_BYTES, token)


class _Round:
    """One refresh round in flight: its cancel token, its plan and the outcomes so far."""

    __slots__ = ("outcomes", "plan", "token")

    def __init__(self, token: CancelToken) -> None:
        self.token = token
        self.plan: RoundPlan | None = None
        self.outcomes: list[FeedOutcome] = []

"""One refresh: fetch every enabled feed in parallel, parse in the workers, write to the store.

Callable from any non-GUI thread: the app's news service runs plan_round / refresh_feed /
finish_round as jobs on its task runner, the command line runs refresh() with a pool of its
own. Nothing raises out of them: each feed ends as an outcome, failures as FeedProblems.

Politeness rules applied here:
- a feed whose `next_allowed` lies ahead is skipped. That time comes from Cache-Control max-age
  (a minimum interval; `force=True`, e.g. F5, ignores it) or from Retry-After (never ignored);
- a host that sent 429/503 + Retry-After is not contacted until then, for any of its feeds,
  even across app restarts (the block is re-learnt from the stored feed states).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from .catalogue import Catalogue, Category, FeedSource
from .db import StoreClosedError, is_full
from .fetch import FetchCancelled, Fetcher, FetchResult
from .http_answers import host_of
from .model import DISK_FULL, INTERNAL, RATE_LIMITED, FeedProblem, FeedState
from .report import NOT_MODIFIED, OK, PROBLEM, SKIPPED, FeedOutcome, RefreshReport
from .store import NewsStore

log = logging.getLogger(__name__)

# Fetches run in parallel (they wait on the network); parsing is pure-Python CPU work that the
# GIL serialises anyway. Letting all workers parse at once only makes the GUI thread queue
# behind several of them for the GIL (measured: 100 ms stalls); one parser at a time keeps
# the window responsive at no cost in wall time.
_PARSING = threading.Lock()

ProgressCallback = Callable[[FeedOutcome, int, int], None]


@dataclass(frozen=True)
class FeedJob:
    """One feed to fetch in a round, with what the store remembered about it."""

    category: Category
    feed: FeedSource
    state: FeedState | None


@dataclass(frozen=True)
class RoundPlan:
    started: datetime
    now: datetime
    skipped: tuple[FeedOutcome, ...]  # not fetched: asked to wait, or not due yet
    jobs: tuple[FeedJob, ...]
    order: Mapping[str, int]  # catalogue URL -> place in the catalogue, for the report

    @property
    def total(self) -> int:
        return len(self.skipped) + len(self.jobs)


def plan_round(
    catalogue: Catalogue,
    store: NewsStore,
    fetcher: Fetcher,
    *,
    enabled_categories: Iterable[str] | None = None,
    now: datetime | None = None,
    force: bool = False,
) -> RoundPlan:
    """Which feeds a round fetches and which it skips (and why). Reads the store once."""
    started = datetime.now(timezone.utc)
    now = now or started
    try:
        states = store.feed_states()
    except StoreClosedError:
        raise  # quitting: there is no round to plan
    except Exception:
        log.exception("Could not read feed states; refreshing without them")
        states = {}
    _learn_host_blocks(fetcher, states.values(), now)
    enabled = list(enabled_categories) if enabled_categories is not None else None
    skipped: list[FeedOutcome] = []
    jobs: list[FeedJob] = []
    feeds = list(catalogue.feeds(enabled))
    for category, feed in feeds:
        state = states.get(feed.url)
        outcome = _skip(category, feed, state, fetcher, now, force)
        if outcome is not None:
            skipped.append(outcome)
        else:
            jobs.append(FeedJob(category, feed, state))
    order = {feed.url: i for i, (_c, feed) in enumerate(feeds)}
    return RoundPlan(started, now, tuple(skipped), tuple(jobs), order)


def finish_round(plan: RoundPlan, outcomes: Iterable[FeedOutcome]) -> RefreshReport:
    """The round's report, outcomes in catalogue order, with one log line."""
    ordered = sorted(outcomes, key=lambda o: plan.order.get(o.url, 0))
    report = RefreshReport(plan.started, datetime.now(timezone.utc), tuple(ordered))
    log.info(
        "Refresh: %d feeds, %d new articles, %d problems, %.2f s",
        len(ordered),
        len(report.new_ids),
        len(report.problems),
        (report.finished - report.started).total_seconds(),
    )
    return report


def refresh(
    catalogue: Catalogue,
    store: NewsStore,
    fetcher: Fetcher,
    *,
    enabled_categories: Iterable[str] | None = None,
    now: datetime | None = None,
    force: bool = False,
    max_workers: int = 8,
    progress: ProgressCallback | None = None,
) -> RefreshReport:
    """A whole round on the calling thread with a pool of its own (the command line; the app's
    news service runs the same steps as jobs on its task runner).

    `progress(outcome, done, total)` is called on the calling thread as each feed finishes.
    """
    plan = plan_round(catalogue, store, fetcher, enabled_categories=enabled_categories,
                      now=now, force=force)
    outcomes: list[FeedOutcome] = []
    if progress is not None:
        for done, outcome in enumerate(plan.skipped, 1):
            _report(progress, outcome, done, plan.total)
    outcomes.extend(plan.skipped)
    if plan.jobs:
        with ThreadPoolExecutor(
            max_workers=max(1, min(max_workers, len(plan.jobs))), thread_name_prefix="news-fetch"
        ) as pool:
            futures = [pool.submit(refresh_feed, job, fetcher, store, plan.now)
                       for job in plan.jobs]
            for future in as_completed(futures):
                outcome = future.result()  # refresh_feed never raises
                outcomes.append(outcome)
                if progress is not None:
                    _report(progress, outcome, len(outcomes), plan.total)
    return finish_round(plan, outcomes)


def _report(progress: ProgressCallback, outcome: FeedOutcome, done: int, total: int) -> None:
    try:
        progress(outcome, done, total)
    except Exception:
        log.exception("Refresh progress callback failed")


def _learn_host_blocks(fetcher: Fetcher, states: Iterable[FeedState], now: datetime) -> None:
    for state in states:
        rate_limited = state.last_error is not None and state.last_error.kind == RATE_LIMITED
        if rate_limited and state.next_allowed is not None and state.next_allowed > now:
            fetcher.block_host(host_of(state.fetch_url or state.url), state.next_allowed)


def _skip(
    category: Category,
    feed: FeedSource,
    state: FeedState | None,
    fetcher: Fetcher,
    now: datetime,
    force: bool,
) -> FeedOutcome | None:
    if state is not None and state.next_allowed is not None and state.next_allowed > now:
        rate_limited = state.last_error is not None and state.last_error.kind == RATE_LIMITED
        if rate_limited or not force:
            return FeedOutcome(
                feed.url,
                category.id,
                feed.name,
                SKIPPED,
                state.last_error if rate_limited else None,
                next_allowed=state.next_allowed,
            )
    target = (state.fetch_url if state else None) or feed.url
    blocked = fetcher.host_blocked_until(target, now)
    if blocked is not None:
        problem = FeedProblem(RATE_LIMITED, host_of(target))
        return FeedOutcome(feed.url, category.id, feed.name, SKIPPED, problem, next_allowed=blocked)
    return None


def refresh_feed(
    job: FeedJob,
    fetcher: Fetcher,
    store: NewsStore,
    now: datetime,
    cancelled: Callable[[], bool] | None = None,
    pause: Callable[[], None] | None = None,
) -> FeedOutcome:
    """Fetch, parse and store one feed. Never raises: every failure is an outcome. Once
    `cancelled()` is true nothing more is stored and the feed counts as skipped. `pause()`:
    where parsing may give way to the window (news/yielding.py)."""
    category, feed, state = job.category, job.feed, job.state

    def outcome(status: str, problem: FeedProblem | None = None, **extra: object) -> FeedOutcome:
        return FeedOutcome(feed.url, category.id, feed.name, status, problem, **extra)  # type: ignore[arg-type]

    try:
        try:
            result = fetcher.fetch(feed.url, state, cancelled)
        except FetchCancelled:
            return outcome(SKIPPED)
        if result.skipped:
            return outcome(SKIPPED, result.problem, next_allowed=result.retry_after)
        base = _next_state(feed.url, state, result, now)
        received = len(result.body)
        if result.problem is not None:
            log.info("Feed %s (%s): %s", feed.name, feed.url, result.problem)
            store.save_feed(replace(base, last_error=result.problem)).result()
            # A site that asked us to wait says until when: the words name the time.
            return outcome(PROBLEM, result.problem, bytes_received=received,
                           next_allowed=result.retry_after)
        if result.not_modified:
            store.save_feed(_success(base, result, now)).result()
            return outcome(NOT_MODIFIED)
        # The parser (feedparser, the HTML sanitizer: 2 MB resident) is loaded when a feed
        # first brings something to parse, not for a round of "not modified" and offline.
        from .parse import parse_feed

        with _PARSING:
            if pause is not None:
                pause()
            parsed = parse_feed(
                result.body,
                result.headers,
                feed_url=feed.url,
                category=category.id,
                source=feed.name,
                now=now,
                pause=pause,
            )
        if cancelled is not None and cancelled():
            return outcome(SKIPPED)
        if parsed.problem is not None:
            # Keep the old validators: the next fetch must get the full body again, not a 304.
            log.info("Feed %s (%s): %s", feed.name, feed.url, parsed.problem)
            store.save_feed(replace(base, last_error=parsed.problem)).result()
            return outcome(PROBLEM, parsed.problem, bytes_received=received)
        success = replace(_success(base, result, now), title=parsed.title or base.title)
        new_ids = store.save_feed(success, parsed.articles, parsed.undated).result()
        return outcome(OK, new_ids=new_ids, entries=len(parsed.articles), bytes_received=received)
    except Exception as error:  # a bug or a local failure: one feed fails, the refresh goes on
        if is_disk_full(error):
            log.warning("Feed %s not saved: the disk is full", feed.url)
            return outcome(PROBLEM, FeedProblem(DISK_FULL, type(error).__name__))
        log.exception("Refreshing %s failed unexpectedly", feed.url)
        return outcome(PROBLEM, FeedProblem(INTERNAL, type(error).__name__))


def is_disk_full(error: BaseException) -> bool:
    """The disk (or the database file) is full; see db.is_full."""
    return is_full(error)


def _next_state(url: str, state: FeedState | None, result: FetchResult, now: datetime) -> FeedState:
    """The stored state after a fetch, before deciding success or failure."""
    base = state or FeedState(url)
    fetch_url = base.fetch_url
    if result.permanent_url:
        fetch_url = None if result.permanent_url == url else result.permanent_url
        log.info("Feed %s moved permanently to %s", url, result.permanent_url)
    next_allowed = now + result.min_interval if result.min_interval else None
    if result.retry_after is not None:
        next_allowed = result.retry_after
    return replace(base, fetch_url=fetch_url, next_allowed=next_allowed)


def _success(base: FeedState, result: FetchResult, now: datetime) -> FeedState:
    return replace(
        base,
        etag=result.etag or (base.etag if result.not_modified else None),
        last_modified=result.last_modified or (base.last_modified if result.not_modified else None),
        last_success=now,
        last_error=None,
    )

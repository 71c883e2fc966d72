"""The article list's questions, answered off the GUI thread: grouping a category of ten
thousand articles into stories takes longer than a frame.

Writes asked for before a question are seen in its answer (the read waits for them). A newer
question replaces one still waiting: only the latest is answered. The list and the unread
counts are asked apart, so a count for another category never takes the place of the list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from ..news.listing import ListPage, ListQuery
from ..news.store import NewsStore
from .tasks import CancelToken, Job, TaskRunner

log = logging.getLogger(__name__)
T = TypeVar("T")


class LatestOnly(Generic[T]):
    """One read at a time in the news-read lane; of those asked meanwhile only the last runs."""

    def __init__(self, tasks: TaskRunner, store: NewsStore, name: str) -> None:
        self._tasks = tasks
        self._store = store
        self._name = name
        self._job: Job[T] | None = None
        self._next: tuple[Callable[[NewsStore], T], Callable[[T], None], T] | None = None

    def ask(self, read: Callable[[NewsStore], T], on_done: Callable[[T], None],
            failed_answer: T) -> None:
        if self._job is not None and not self._job.future.done():
            self._next = (read, on_done, failed_answer)
            return
        store = self._store

        def work(token: CancelToken) -> T:
            store.flush().result()
            token.check()
            return read(store)

        def answered(value: T) -> None:
            self._job = None
            waiting, self._next = self._next, None
            if waiting is not None:
                self.ask(*waiting)  # a newer question came in: this answer is old
            else:
                on_done(value)

        def failed(error: BaseException) -> None:
            log.error("The news could not be read (%s)", self._name, exc_info=error)
            answered(failed_answer)

        self._job = self._tasks.run(work, lane="news-read", name=self._name,
                                    on_done=answered, on_error=failed)


class ListReader:
    def __init__(self, tasks: TaskRunner, store: NewsStore) -> None:
        self._lists: LatestOnly[ListPage] = LatestOnly(tasks, store, "news-list")
        self._counts: LatestOnly[dict[str, int]] = LatestOnly(tasks, store, "news-counts")

    def load(self, query: ListQuery, categories: Sequence[str],
             on_done: Callable[[ListPage], None]) -> None:
        """`categories`: the ids shown, in order (a search looks in these)."""
        from ..news.listing import list_page

        shown = list(categories)
        self._lists.ask(lambda store: list_page(store, query, shown), on_done, ListPage(query))

    def counts(self, categories: Sequence[str], on_done: Callable[[dict[str, int]], None]
               ) -> None:
        """Unread counts of these categories only (those without articles: 0)."""
        wanted = list(categories)

        def read(store: NewsStore) -> dict[str, Any]:
            found = store.unread_counts(wanted)
            return {c: found.get(c, 0) for c in wanted}

        self._counts.ask(read, on_done, {})

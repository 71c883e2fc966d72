"""The article list's questions, answered off the GUI thread: grouping a category of ten
thousand articles into stories takes longer than a frame.

Writes asked for before a question are seen in its answer (the read waits for them). A newer
question replaces one still waiting: only the latest is answered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ..news.listing import ListPage, ListQuery
from ..news.store import NewsStore
from .tasks import CancelToken, Job, TaskRunner

log = logging.getLogger(__name__)

Answer = Callable[[ListPage], None]


class ListReader:
    def __init__(self, tasks: TaskRunner, store: NewsStore) -> None:
        self._tasks = tasks
        self._store = store
        self._job: Job[ListPage] | None = None
        self._next: tuple[ListQuery, Sequence[str], Answer] | None = None

    def load(self, query: ListQuery, categories: Sequence[str], on_done: Answer) -> None:
        """`categories`: the ids shown, in order (a search looks in these)."""
        if self._job is not None and not self._job.future.done():
            self._next = (query, categories, on_done)
            return
        from ..news.listing import list_page

        store = self._store
        shown = list(categories)

        def read(token: CancelToken) -> ListPage:
            store.flush().result()
            token.check()
            return list_page(store, query, shown)

        def answered(page: ListPage) -> None:
            self._job = None
            waiting, self._next = self._next, None
            if waiting is not None:
                self.load(*waiting)  # a newer question came in: this answer is old
            else:
                on_done(page)

        def failed(error: BaseException) -> None:
            log.error("The article list could not be read", exc_info=error)
            answered(ListPage(query))

        self._job = self._tasks.run(read, lane="news-read", name="news-list",
                                    on_done=answered, on_error=failed)

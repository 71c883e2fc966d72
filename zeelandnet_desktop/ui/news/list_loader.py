"""Asking the service what the list shows, and putting the answer in: a page of the current
category (or a search in all), the unread counts with it, more pages on request.

During a refresh round a changed category is read again at most every three times a read
took, so reading a category of thousands never takes the GUI thread's share; a category that
is not on screen gets only its count.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ... import i18n
from ... import settings as keys
from ...news.listing import PAGE, ListPage, ListQuery
from ...services.news import NewsService
from ...settings import Settings
from .category_list import CategoryList
from .list_pane import ArticleListPane


class ListLoader(QObject):
    answered = Signal(object)  # the ListPage now shown

    def __init__(self, service: NewsService, settings: Settings, categories: CategoryList,
                 pane: ArticleListPane, question: Callable[[], tuple[str, bool]],
                 shown_id: Callable[[], str | None], parent: QObject | None = None) -> None:
        """`question()`: the search text and whether only unread articles are wanted."""
        super().__init__(parent)
        self._service = service
        self._settings = settings
        self._categories = categories
        self._pane = pane
        self._question = question
        self._shown_id = shown_id
        self.limit = PAGE
        self.stored = 0  # articles in the store, as the last answer said
        self.stopped = False
        self._asked: ListQuery | None = None
        self._answered: ListQuery | None = None
        self._asked_at = QElapsedTimer()
        self._since_answer = QElapsedTimer()
        self._read_ms = 0  # how long the last list took to read
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.reload)

    @property
    def settled(self) -> bool:
        """The list shows the answer to the latest question (nothing is being read)."""
        return self._asked is not None and self._answered is self._asked

    def stop(self) -> None:
        self.stopped = True
        self._later.stop()

    def reload(self) -> None:
        """Categories with counts, then the list again."""
        if self.stopped or self._service.is_shut_down:
            return
        wanted = self._categories.current_id() or self._settings.get(keys.LAST_NEWS_CATEGORY)
        enabled = set(self._service.enabled_categories())
        language = i18n.current_language()
        shown = [(c.id, c.name(language)) for c in self._service.categories() if c.id in enabled]
        self._categories.fill(shown, self._categories.counts(), wanted)
        self.ask()

    def changed(self, categories: tuple[str, ...] | None) -> None:
        """The store changed (these categories; None: any)."""
        if self.stopped or self._service.is_shut_down:
            return
        search, _unread = self._question()
        if categories is None:
            self._later.stop()
            self.reload()
        elif search or self._categories.current_id() in categories:
            wait = 3 * self._read_ms - self._since_answer.elapsed()
            if wait <= 0 or not self._since_answer.isValid():
                self.reload()
            elif not self._later.isActive():
                self._later.start(int(wait))
        else:
            self._service.load_counts(categories, self._on_counts)

    def first_page(self) -> None:
        self.limit = PAGE
        self.ask()

    def more(self) -> bool:
        """The next page, unless one is on its way already (or there is none)."""
        if self._pane.has_more and self.settled:
            self.limit += PAGE
            self.ask()
            return True
        return False

    def ask(self) -> None:
        if self.stopped or self._service.is_shut_down:
            return
        category = self._categories.current_id()
        if category is not None:
            self._settings.set(keys.LAST_NEWS_CATEGORY, category)
        search, unread_only = self._question()
        shown = self._shown_id()
        query = ListQuery(category, search, unread_only, self.limit,
                          (shown,) if shown else ())
        self._asked = query
        self._asked_at.start()
        self._service.load_list(query, self._on_page)

    def _on_counts(self, unread: dict[str, int]) -> None:
        if not self.stopped:
            self._categories.set_counts(unread, partial=True)

    def _on_page(self, page: ListPage) -> None:
        if self.stopped or page.query != self._asked:
            return
        self._answered = page.query
        self._read_ms = self._asked_at.elapsed()
        self._since_answer.start()
        self.stored = page.stored
        self._categories.set_counts(page.unread)
        self._pane.fill(page.articles, selected=self._shown_id(),
                        by_category=page.query.searching,
                        category_names=self._categories.names(), more=page.more)
        self.answered.emit(page)

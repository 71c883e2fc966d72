"""The Voorpagina's question and "Meer uit …" under an article, answered off the GUI thread in
the news-read lane, like the article list: only the latest question of each is answered."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..news.front_page import FrontPage
from ..news.model import Article
from ..news.store import NewsStore
from .news_lists import LatestOnly
from .tasks import TaskRunner


class FrontReader:
    def __init__(self, tasks: TaskRunner, store: NewsStore) -> None:
        self._pages: LatestOnly[FrontPage] = LatestOnly(tasks, store, "news-front-page")
        self._more: LatestOnly[tuple[Article, ...]] = LatestOnly(tasks, store,
                                                                 "news-more-from")

    def load(self, categories: Sequence[str], on_done: Callable[[FrontPage], None]) -> None:
        """`categories`: the ids shown, in the user's order."""
        from ..news.front_page import front_page

        shown = list(categories)
        self._pages.ask(lambda store: front_page(store, shown), on_done, FrontPage())

    def more_from(self, article: Article,
                  on_done: Callable[[tuple[Article, ...]], None]) -> None:
        from ..news.front_page import more_from

        self._more.ask(lambda store: more_from(store, article), on_done, ())

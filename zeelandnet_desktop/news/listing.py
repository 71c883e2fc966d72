"""What the article list shows for one question (a category, a search, unread only), read from
the store in one go with the unread counts, so the service can run it off the GUI thread.

A search looks in every category shown: the current category's results first, then the others
in the catalogue's order, each story once (the rule of textkeys.StoryGroups, across categories).
The list is read a page at a time; `more` says whether a longer limit would show more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .model import Article
from .store import NewsStore
from .textkeys import StoryGroups, link_key, title_key

PAGE = 100  # stories per page: a screenful many times over; each row costs a call to lay out


@dataclass(frozen=True)
class ListQuery:
    category: str | None  # None: no category chosen (nothing to list unless searching)
    search: str = ""
    unread_only: bool = False
    limit: int = PAGE
    keep: tuple[str, ...] = ()  # listed even when read (the article being read)

    @property
    def searching(self) -> bool:
        return bool(self.search.strip())


@dataclass(frozen=True)
class ListPage:
    query: ListQuery
    articles: tuple[Article, ...] = ()
    more: bool = False
    unread: Mapping[str, int] = field(default_factory=dict)
    stored: int = 0  # articles in the store at all (0: nothing was ever fetched)


def list_page(store: NewsStore, query: ListQuery, categories: Sequence[str]) -> ListPage:
    """`categories`: the ids shown, in their order (a search looks in these only)."""
    limit = max(1, query.limit)
    unread = store.unread_counts()
    stored = store.article_count()
    if not query.searching:
        if query.category is None:
            return ListPage(query, (), False, unread, stored)
        found = store.articles(query.category, limit + 1, unread_only=query.unread_only,
                               keep=query.keep)
        return ListPage(query, tuple(found[:limit]), len(found) > limit, unread, stored)
    search = query.search.strip()
    here: list[Article] = []
    if query.category is not None:
        here = store.articles(query.category, limit + 1, search, unread_only=query.unread_only,
                              keep=query.keep)
    place = {category: i for i, category in enumerate(categories)}
    elsewhere = [
        a for a in store.articles(None, limit + 1 + len(here), search,
                                  unread_only=query.unread_only, keep=query.keep)
        if a.category != query.category and a.category in place
    ]
    elsewhere.sort(key=lambda a: place[a.category])  # stable: newest first within each
    found = one_per_story([*here, *elsewhere])
    return ListPage(query, tuple(found[:limit]), len(found) > limit, unread, stored)


def one_per_story(articles: Sequence[Article]) -> list[Article]:
    """The first article of each story, in the given order: the same story found in the
    current category and in another one is listed once, in the current one (and on the
    Voorpagina once, where it comes first)."""
    groups = StoryGroups()
    kept: list[Article] = []
    for article in articles:
        before = len(groups.newest)
        groups.add(article.id, link_key(article.link), title_key(article.title),
                   article.published.timestamp(), article.feed_url)
        if len(groups.newest) > before:
            kept.append(article)
    return kept

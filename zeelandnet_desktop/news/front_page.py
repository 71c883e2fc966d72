"""What the Voorpagina shows and what "Meer uit …" under an article lists, read from the store
in one go so the service can run it off the GUI thread.

The Voorpagina as on the portal: "Net binnen", the newest stories across the categories shown
(each story once, even when two categories carry it), then one block per category in the
user's order, its lead story first (a category without stories yet has an empty block, so
the page keeps its parts while a round brings the news). The category that is itself called
"Net binnen" in the shipped catalogue feeds the strip and gets no block of its own: the strip
is its place, so the first block (Zeeland, the regional news) comes straight under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .listing import one_per_story
from .model import Article
from .store import NewsStore
from .textkeys import title_key

JUST_IN = 8  # stories in the "Net binnen" strip
HEADLINES = 4  # stories under a block's lead
MORE_FROM = 5  # stories under an article
JUST_IN_CATEGORY = "net-binnen"
LEAD_CANDIDATES = 3  # the lead is the newest of these with a picture (else the newest)


@dataclass(frozen=True)
class FrontBlock:
    category: str
    stories: tuple[Article, ...]  # the lead first, then the headlines (newest first)
    more: bool = False  # the category has more than these

    @property
    def lead(self) -> Article | None:
        return self.stories[0] if self.stories else None

    @property
    def headlines(self) -> tuple[Article, ...]:
        return self.stories[1:]


@dataclass(frozen=True)
class FrontPage:
    just_in: tuple[Article, ...] = ()
    blocks: tuple[FrontBlock, ...] = ()
    stored: int = 0  # articles in the store at all (0: nothing was ever fetched)
    just_in_category: str | None = None  # the "Net binnen" category, when it is shown

    def articles(self) -> list[Article]:
        """Every article on the page, in reading order (a story may be there twice)."""
        return [*self.just_in, *(a for block in self.blocks for a in block.stories)]


def front_page(store: NewsStore, categories: Sequence[str], *, just_in: int = JUST_IN,
               headlines: int = HEADLINES) -> FrontPage:
    """`categories`: the ids shown, in the user's order."""
    wanted = max(just_in, headlines + LEAD_CANDIDATES)
    newest = {c: store.articles(c, wanted + 1) for c in dict.fromkeys(categories)}
    blocks = []
    for category, found in newest.items():
        if category == JUST_IN_CATEGORY:
            continue
        stories = lead_first(found[:wanted])[: 1 + headlines]
        blocks.append(FrontBlock(category, tuple(stories), len(found) > len(stories)))
    merged = sorted((a for found in newest.values() for a in found[:just_in]),
                    key=lambda a: (-a.published.timestamp(), a.category == JUST_IN_CATEGORY))
    strip = one_per_story(merged)[:just_in]
    return FrontPage(tuple(strip), tuple(blocks), store.article_count(),
                     JUST_IN_CATEGORY if JUST_IN_CATEGORY in newest else None)


def lead_first(stories: Sequence[Article]) -> list[Article]:
    """The newest story with a picture among the newest few leads; the rest keep their order.
    A block without any picture there leads with its newest."""
    lead = next((i for i, a in enumerate(stories[:LEAD_CANDIDATES]) if a.image_url), 0)
    return [stories[lead], *stories[:lead], *stories[lead + 1:]] if stories else []


def more_from(store: NewsStore, article: Article, count: int = MORE_FROM) -> tuple[Article, ...]:
    """The stories that follow `article` in its category's list (older ones), as many as
    `count`; near the end of the list the ones just before it fill up. An article not listed
    itself (an older copy of a story): the category's newest."""
    limit = max(4 * count, 32)
    while True:
        found = store.articles(article.category, limit)
        complete = len(found) < limit
        place = next((i for i, a in enumerate(found) if a.id == article.id), None)
        if place is not None and (complete or place + count < len(found)):
            after = found[place + 1 : place + 1 + count]
            before = found[max(0, place - (count - len(after))) : place][::-1]
            return tuple([*after, *before])
        if complete:
            same = title_key(article.title)
            return tuple([a for a in found if not (same and title_key(a.title) == same)
                          and a.id != article.id][:count])
        limit *= 4

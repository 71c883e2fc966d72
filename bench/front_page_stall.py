"""The Voorpagina's cases of bench/refresh_stall.py (run them there: `--only front-page`).

- front-page: 20 feeds × 50 items over five categories, each item with a 1200×675 JPEG, into
  a fresh profile whose first screen is the Voorpagina (pictures on): the worst gap from the
  start of the round until the page shows what the round stored, every block built and its
  lead picture asked for; then back to the Voorpagina from a category (the page read and
  filled again), and ten minute ticks.

Also the feeds with pictures that the pictures case uses.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.support.feedgen import RSS_TYPE, Item, rss
from tests.support.localserver import LocalServer, Response
from zeelandnet_desktop.news.catalogue import Catalogue, Category, FeedSource

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

PICTURE_CATEGORIES = ("zeeland", "binnenland", "buitenland", "economie", "sport")


def picture_feeds(server: LocalServer, picture: bytes, *, feeds: int = 20, items: int = 50,
                  categories: int = 1) -> Catalogue:
    """`feeds` feeds of `items` items, each with its own picture address (the same JPEG),
    spread over the first `categories` of PICTURE_CATEGORIES."""
    sources: dict[str, list[FeedSource]] = {c: [] for c in PICTURE_CATEGORIES[:categories]}
    for number in range(feeds):
        entries = []
        for n in range(items):
            path = f"/media/{number}/{n}.jpg"
            server.route(path, Response(200, picture, content_type="image/jpeg"))
            entries.append(Item(f"Bericht {n} van bron {number}: nieuws met een foto",
                                f"GOES - Tekst {n}.", minutes_ago=n * 7 + number,
                                guid=f"p-{number}-{n}", image=server.url(path),
                                link=f"https://www.example.nl/p/{number}/{n}"))
        feed_path = f"/pictures-{number}.xml"
        server.route(feed_path, Response(200, rss(f"Bron {number}", entries),
                                         content_type=RSS_TYPE))
        sources[PICTURE_CATEGORIES[number % categories]].append(
            FeedSource(f"Bron {number}", server.url(feed_path)))
    return Catalogue(tuple(Category(cid, {"nl": cid.title()}, order, False, tuple(found))
                           for order, (cid, found) in enumerate(sources.items())))


def front_page_case(app: QApplication, server: LocalServer, picture: bytes, *, tab: bool,
                    case_type: Any, gap_of: Callable[[QApplication, Callable[[], object]], float],
                    wait: Callable[[QApplication, Callable[[], bool]], None]
                    ) -> dict[str, float]:
    """`case_type`, `gap_of`, `wait`: refresh_stall's Case, gap_of and wait."""
    with tempfile.TemporaryDirectory() as tmp:
        catalogue = picture_feeds(server, picture, categories=len(PICTURE_CATEGORIES))
        case = case_type(app, catalogue, Path(tmp), pictures=True, tab=tab, front_page=True)
        try:
            results = {"refresh": case.refresh()}
            if not tab:
                return results
            news = case.tab
            assert news.stage.shown
            assert len(news.front.shown_blocks()) == len(PICTURE_CATEGORIES)

            def back_to_the_front_page() -> None:
                news.categories.setCurrentRow(1)
                wait(app, lambda: news.list_settled)
                news.show_front_page()
                wait(app, lambda: news.list_settled)

            results["category, then back to it"] = gap_of(app, back_to_the_front_page)
            results["tick (worst of 10)"] = max(gap_of(app, news._tick.timeout.emit)
                                                for _ in range(10))
            return results
        finally:
            case.close()


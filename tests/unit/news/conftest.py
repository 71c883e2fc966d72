"""Helpers for the news tests: fixture feeds, a store per test, a fetcher with short limits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.localserver import Response
from zeelandnet_desktop.news.catalogue import Catalogue, Category, FeedSource
from zeelandnet_desktop.news.fetch import Fetcher
from zeelandnet_desktop.news.store import NewsStore

FEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "feeds"
RSS = "application/rss+xml; charset=utf-8"


def feed_bytes(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def feed_response(name: str, content_type: str = RSS, **headers: str) -> Response:
    return Response(200, feed_bytes(name), dict(headers), content_type)


def catalogue_of(*feeds: tuple[str, str, str]) -> Catalogue:
    """A catalogue from (category id, feed name, url) triples, in that order."""
    categories: dict[str, list[FeedSource]] = {}
    for category, name, url in feeds:
        categories.setdefault(category, []).append(FeedSource(name, url))
    return Catalogue(
        tuple(
            Category(cid, {"nl": cid.title(), "en": cid.title()}, order, False, tuple(sources))
            for order, (cid, sources) in enumerate(categories.items())
        )
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[NewsStore]:
    news = NewsStore(tmp_path / "data" / "news.sqlite3")
    try:
        yield news
    finally:
        news.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    # Short limits keep the time-out cases fast; the production defaults are 5 s / 15 s / 30 s.
    fetch = Fetcher(connect_timeout=2.0, read_timeout=1.0, deadline=2.0)
    try:
        yield fetch
    finally:
        fetch.close()

"""Refresh benchmark: 20 feeds x 50 items served locally, our refresh against a plain floor.

    .venv/bin/python bench/refresh.py [--runs 7] [--feeds 20] [--items 50]

Measured in the same run, median of --runs each:
- floor: requests GET + feedparser.parse of each feed, one after the other (what a naive
  sequential reader costs);
- cold: refresh() into a fresh store (fetch in parallel, parse, sanitize, write) — target ≤ 1.0 x
  the floor;
- warm: refresh() again, every feed answers 304 — target ≤ 0.1 s and 0 body bytes.
Not a test: run by hand and read the table. `serve_feeds` and `cold_refresh` are here for other
benchmarks (the GUI-thread stall measurement runs a cold refresh while timing the event loop).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
import requests  # noqa: E402

from tests.support.localserver import LocalServer, Request, Response  # noqa: E402
from zeelandnet_desktop.news.catalogue import Catalogue, Category, FeedSource  # noqa: E402
from zeelandnet_desktop.news.fetch import Fetcher  # noqa: E402
from zeelandnet_desktop.news.refresh import RefreshReport, refresh  # noqa: E402
from zeelandnet_desktop.news.store import NewsStore  # noqa: E402

CATEGORIES = ("binnenland", "buitenland", "economie", "sport", "tech")
PLACES = ("SEOUL/VLADIVOSTOK (ANP/RTR/AFP)", "DOMBURG", "DEN HAAG (ANP)", "VLISSINGEN")


def feed_xml(feed: int, items: int, now: datetime) -> bytes:
    """An NU.nl/NOS-like RSS 2.0 document with `items` items of a realistic size."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench feed {feed}</title><link>https://www.example.nl/{feed}</link>"
        "<description>Benchmark</description><language>nl-nl</language>"
    ]
    for item in range(items):
        when = format_datetime(now - timedelta(minutes=7 * item + feed))
        place = PLACES[(feed + item) % len(PLACES)]
        parts.append(
            f"<item><title>Bericht {item} van feed {feed}: kabinet neemt besluit over dijken"
            f"</title><link>https://www.example.nl/{feed}/artikel/{item}.html</link>"
            f'<guid isPermaLink="false">https://www.example.nl/-/{feed}-{item}/</guid>'
            f"<pubDate>{when}</pubDate>"
            f"<description><![CDATA[<p>{place} - Het kabinet heeft dinsdag besloten de "
            "dijken langs de Westerschelde verder te versterken. Dat meldt de minister na "
            "overleg met de provincie en de waterschappen.</p><p>Het gaat om een bedrag van "
            "enkele honderden miljoenen euro's.</p>]]></description>"
            f'<enclosure url="https://media.example.nl/{feed}/{item}.jpg" type="image/jpeg" '
            'length="0"/></item>'
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve_feeds(server: LocalServer, feeds: int = 20, items: int = 50) -> Catalogue:
    """Route `feeds` feeds (with ETags: a repeat fetch gets 304) and return their catalogue."""
    now = datetime.now(timezone.utc)
    sources: dict[str, list[FeedSource]] = {c: [] for c in CATEGORIES}
    for number in range(feeds):
        body = feed_xml(number, items, now)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

        def answer(request: Request, body: bytes = body, etag: str = etag) -> Response:
            if request.header("If-None-Match") == etag:
                return Response(304, b"", {"ETag": etag})
            return Response(200, body, {"ETag": etag}, "application/rss+xml; charset=utf-8")

        path = f"/feed/{number}"
        server.route(path, answer)
        sources[CATEGORIES[number % len(CATEGORIES)]].append(
            FeedSource(f"Feed {number}", server.url(path))
        )
    return Catalogue(
        tuple(
            Category(cid, {"nl": cid.title(), "en": cid.title()}, order, False, tuple(feeds_))
            for order, (cid, feeds_) in enumerate(sources.items())
        )
    )


def cold_refresh(
    store: NewsStore, catalogue: Catalogue, fetcher: Fetcher | None = None
) -> RefreshReport:
    """One refresh of every feed into `store` (fresh or not); the stall benchmark calls this."""
    own = fetcher is None
    fetch = fetcher or Fetcher()
    try:
        return refresh(catalogue, store, fetch, force=True)
    finally:
        if own:
            fetch.close()


def floor(catalogue: Catalogue) -> int:
    """Sequential GET + feedparser.parse of every feed; returns the entries parsed."""
    entries = 0
    with requests.Session() as session:
        for _category, feed in catalogue.feeds():
            response = session.get(feed.url, timeout=(5, 15))
            parsed = feedparser.parse(response.content, response_headers=dict(response.headers))
            entries += len(parsed.entries)
    return entries


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def cold_then_warm(
    store: NewsStore, catalogue: Catalogue
) -> tuple[tuple[float, RefreshReport], tuple[float, RefreshReport]]:
    """A cold refresh into `store`, then a warm one (every feed 304) with the same fetcher."""
    fetcher = Fetcher()
    try:
        started = time.perf_counter()
        cold = cold_refresh(store, catalogue, fetcher)
        middle = time.perf_counter()
        warm = cold_refresh(store, catalogue, fetcher)
        ended = time.perf_counter()
    finally:
        fetcher.close()
    assert not cold.problems, cold.problems
    assert all(o.status == "not_modified" for o in warm.outcomes), warm.outcomes
    return (middle - started, cold), (ended - middle, warm)


def seed_store(profile_dir: Path, count: int) -> None:
    """Fill <profile>/data/news.sqlite3 with `count` articles (for the start-up benchmark)."""
    server = LocalServer().start()
    try:
        per_feed = 50
        catalogue = serve_feeds(server, feeds=max(1, -(-count // per_feed)), items=per_feed)
        data = profile_dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        with NewsStore(data / "news.sqlite3") as store:
            cold_refresh(store, catalogue)
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()

    server = LocalServer().start()
    floors: list[float] = []
    colds: list[float] = []
    warms: list[float] = []
    warm_bytes: list[int] = []
    cold_new: list[int] = []
    try:
        catalogue = serve_feeds(server, args.feeds, args.items)
        floor(catalogue)  # warm-up: imports, first connections
        with tempfile.TemporaryDirectory(prefix="znd-bench-") as folder:
            for run in range(args.runs):
                seconds, entries = timed(lambda: floor(catalogue))
                assert entries == args.feeds * args.items, entries
                floors.append(seconds)

                with NewsStore(Path(folder) / f"news-{run}.sqlite3") as store:
                    cold, warm = cold_then_warm(store, catalogue)
                colds.append(cold[0])
                cold_new.append(len(cold[1].new_ids))
                warms.append(warm[0])
                warm_bytes.append(warm[1].bytes_received)
    finally:
        server.stop()

    floor_s, cold_s, warm_s = (statistics.median(v) for v in (floors, colds, warms))
    print(f"{args.feeds} feeds x {args.items} items, median of {args.runs} runs")
    print(f"{'':28}{'median':>10}{'min':>10}{'max':>10}")
    for name, values in (
        ("floor (GET + parse, seq.)", floors),
        ("cold refresh (fresh store)", colds),
        ("warm refresh (all 304)", warms),
    ):
        print(
            f"{name:28}{statistics.median(values):>9.3f}s{min(values):>9.3f}s{max(values):>9.3f}s"
        )
    print(f"new articles per cold run:  {statistics.median(cold_new):.0f}")
    print(f"cold / floor ratio:         {cold_s / floor_s:.2f}   (target <= 1.0)")
    print(f"warm wall time:             {warm_s:.3f} s (target <= 0.1 s)")
    print(f"warm body bytes received:   {max(warm_bytes)}       (target 0)")
    ok = cold_s <= floor_s and warm_s <= 0.1 and max(warm_bytes) == 0
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

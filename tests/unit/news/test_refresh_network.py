"""Refresh against a real local HTTP server: every way a feed can fail, and what survives it."""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from tests.support.localserver import LocalServer, Request, Response, closed_port_url, slow_body
from tests.unit.news.conftest import RSS, catalogue_of, feed_bytes, feed_response
from zeelandnet_desktop import __version__
from zeelandnet_desktop.news.catalogue import Catalogue
from zeelandnet_desktop.news.fetch import PICTURE_REDIRECTS, Fetcher
from zeelandnet_desktop.news.model import (
    HTTP,
    INVALID_URL,
    NOT_A_FEED,
    OFFLINE,
    RATE_LIMITED,
    REDIRECT_LOOP,
    TIMEOUT,
    TOO_LARGE,
)
from zeelandnet_desktop.news.refresh import NOT_MODIFIED, OK, PROBLEM, SKIPPED, refresh
from zeelandnet_desktop.news.store import NewsStore

PATH = "/rss/Buitenland"


def prime(server: LocalServer, store: NewsStore, fetcher: Fetcher) -> Catalogue:
    """A first, good refresh: three NU.nl articles in the cache."""
    server.route(PATH, feed_response("nu_buitenland.xml"))
    catalogue = catalogue_of(("buitenland", "NU.nl Buitenland", server.url(PATH)))
    report = refresh(catalogue, store, fetcher)
    assert [o.status for o in report.outcomes] == [OK]
    assert len(report.new_ids) == 3 and report.any_success and not report.all_failed
    return catalogue


def cached_titles(store: NewsStore) -> list[str]:
    return [a.title for a in store.articles("buitenland")]


PRIMED = [
    "Ook China mag bij vredesraad van Trump",
    "Noord-Korea vuurt opnieuw raketten af richting Japanse Zee",
    "Duizenden mensen geëvacueerd na bosbranden in Zuid-Europa",
]


BAD_ANSWERS: dict[str, tuple[Callable[[LocalServer], Response], str, str]] = {
    "html page": (
        lambda s: Response(200, feed_bytes("not_a_feed.html")),
        NOT_A_FEED,
        "unknown format",
    ),
    "http 500": (lambda s: Response(500, b"Internal Server Error"), HTTP, "500"),
    "http 404": (lambda s: Response(404, b"weg"), HTTP, "404"),
    "20 MB with length": (
        lambda s: Response(200, b"<rss>" + b" " * (20 * 1024 * 1024), content_type=RSS),
        TOO_LARGE,
        "",
    ),
    "20 MB streamed": (
        lambda s: Response(200, slow_body(20 * 1024 * 1024), content_type=RSS),
        TOO_LARGE,
        "",
    ),
    "gzip bomb": (
        lambda s: Response(
            200,
            gzip.compress(b"<rss>" + b" " * (20 * 1024 * 1024)),
            {"Content-Encoding": "gzip"},
            RSS,
        ),
        TOO_LARGE,
        "",
    ),
    "redirect loop": (
        lambda s: Response(302, b"", {"Location": s.url(PATH)}),
        REDIRECT_LOOP,
        "127.0.0.1",
    ),
    "slow server": (
        lambda s: Response(200, feed_bytes("nu_buitenland.xml"), delay=10),
        TIMEOUT,
        "",
    ),
    "trickling server": (
        lambda s: Response(200, slow_body(10_000, chunk=10, pause=0.05), content_type=RSS),
        TIMEOUT,
        "deadline",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ANSWERS))
def test_a_failing_feed_keeps_its_cached_articles(
    case: str, server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    catalogue = prime(server, store, fetcher)
    answer, kind, detail = BAD_ANSWERS[case]
    server.route(PATH, answer(server))
    tracemalloc.start()
    try:
        report = refresh(catalogue, store, fetcher)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (outcome,) = report.outcomes
    assert outcome.status == PROBLEM
    assert outcome.problem is not None and outcome.problem.kind == kind
    assert detail in outcome.problem.detail
    assert report.all_failed and not report.any_success and not report.offline
    assert peak < 12 * 1024 * 1024  # a 20 MB body never becomes a 20 MB allocation
    assert cached_titles(store) == PRIMED
    state = store.feed_state(server.url(PATH))
    assert state is not None and state.last_error == outcome.problem
    assert state.last_success is not None  # the earlier success is remembered


def test_truncated_xml_adds_complete_entries_and_keeps_the_rest(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    catalogue = prime(server, store, fetcher)
    server.route(PATH, feed_response("truncated.xml"))
    (outcome,) = refresh(catalogue, store, fetcher).outcomes
    assert outcome.status == OK and outcome.entries == 1 and outcome.new_ids == ()
    assert cached_titles(store) == PRIMED


def test_entity_bomb_does_not_explode(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    catalogue = prime(server, store, fetcher)
    server.route(PATH, feed_response("entity_bomb.xml"))
    refresh(catalogue, store, fetcher)
    assert all(len(a.title) < 1000 for a in store.articles())
    assert PRIMED[0] in cached_titles(store)


def test_offline_is_recognised_and_cache_survives(store: NewsStore, fetcher: Fetcher) -> None:
    catalogue = catalogue_of(
        ("buitenland", "NU.nl", closed_port_url("/rss")), ("sport", "NOS", closed_port_url("/rss"))
    )
    report = refresh(catalogue, store, fetcher)
    assert report.offline and report.all_failed
    assert {o.problem.kind for o in report.outcomes if o.problem} == {OFFLINE}


def test_not_everything_offline_is_not_offline(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    server.route(PATH, feed_response("nu_buitenland.xml"))
    catalogue = catalogue_of(
        ("buitenland", "NU.nl", server.url(PATH)), ("sport", "NOS", closed_port_url("/rss"))
    )
    report = refresh(catalogue, store, fetcher)
    assert report.any_success and not report.all_failed and not report.offline


def test_invalid_url_is_a_problem_not_an_exception(fetcher: Fetcher) -> None:
    result = fetcher.fetch("ftp://example.nl/feed")
    assert result.problem is not None and result.problem.kind == INVALID_URL


def test_honest_user_agent_and_gzip(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    body = gzip.compress(feed_bytes("nu_buitenland.xml"))
    server.route(PATH, Response(200, body, {"Content-Encoding": "gzip"}, RSS))
    catalogue = catalogue_of(("buitenland", "NU.nl", server.url(PATH)))
    (outcome,) = refresh(catalogue, store, fetcher).outcomes
    assert outcome.status == OK and outcome.entries == 3
    (request,) = server.requests_for(PATH)
    assert request.header("User-Agent") == f"ZeelandNetDesktop/{__version__} (+feed reader)"
    assert "gzip" in (request.header("Accept-Encoding") or "")


def conditional(validator: str) -> Callable[[Request], Response]:
    """A feed that answers 304 when the client repeats the validator it was given."""
    header, request_header, value = {
        "etag": ("ETag", "If-None-Match", '"nu-v1"'),
        "last-modified": ("Last-Modified", "If-Modified-Since", "Sat, 28 Nov 2026 12:10:00 GMT"),
    }[validator]

    def answer(request: Request) -> Response:
        if request.header(request_header) == value:
            return Response(304, b"", {header: value})
        return Response(200, feed_bytes("nu_buitenland.xml"), {header: value}, RSS)

    return answer


@pytest.mark.parametrize(
    ("validator", "request_header", "value"),
    [
        ("etag", "If-None-Match", '"nu-v1"'),
        ("last-modified", "If-Modified-Since", "Sat, 28 Nov 2026 12:10:00 GMT"),
    ],
)
def test_not_modified_changes_nothing(
    validator: str,
    request_header: str,
    value: str,
    server: LocalServer,
    store: NewsStore,
    fetcher: Fetcher,
) -> None:
    server.route(PATH, conditional(validator))
    catalogue = catalogue_of(("buitenland", "NU.nl", server.url(PATH)))
    first = refresh(catalogue, store, fetcher)
    assert first.outcomes[0].status == OK
    first_request = server.requests_for(PATH)[0]
    assert first_request.header(request_header) is None
    before = store.articles()
    store.set_read([before[0].id]).result()
    before = store.articles()

    second = refresh(catalogue, store, fetcher)
    (outcome,) = second.outcomes
    assert outcome.status == NOT_MODIFIED and outcome.new_ids == ()
    assert second.bytes_received == 0 and second.any_success
    assert server.requests_for(PATH)[1].header(request_header) == value
    assert store.articles() == before
    state = store.feed_state(server.url(PATH))
    assert state is not None and state.last_error is None
    assert (state.etag if validator == "etag" else state.last_modified) == value


def test_a_failed_parse_does_not_keep_the_new_validators(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    catalogue = prime(server, store, fetcher)
    server.route(PATH, Response(200, b"<html>oeps</html>", {"ETag": '"kapot"'}))
    refresh(catalogue, store, fetcher)
    state = store.feed_state(server.url(PATH))
    assert state is not None and state.etag is None  # next time: a full fetch, not a 304


def test_429_retry_after_blocks_the_host_even_after_a_restart(
    server: LocalServer, store: NewsStore
) -> None:
    server.route(PATH, Response(429, b"rustig aan", {"Retry-After": "120"}))
    server.route("/rss/Sport", feed_response("nu_buitenland.xml"))
    world = ("buitenland", "NU.nl", server.url(PATH))
    sport = ("sport", "NU.nl Sport", server.url("/rss/Sport"))
    fetcher = Fetcher(read_timeout=2.0)
    try:
        report = refresh(catalogue_of(world), store, fetcher)
        (outcome,) = report.outcomes
        assert outcome.status == PROBLEM and outcome.problem is not None
        assert outcome.problem.kind == RATE_LIMITED and "429" in outcome.problem.detail
        seen = len(server.requests)

        # Same host, another feed, even with force: no request reaches the server.
        again = refresh(catalogue_of(world, sport), store, fetcher, force=True)
        assert [o.status for o in again.outcomes] == [SKIPPED, SKIPPED]
        assert not again.all_failed and not again.any_success
        assert len(server.requests) == seen
    finally:
        fetcher.close()

    restarted = Fetcher(read_timeout=2.0)  # a new process: the block comes from the store
    try:
        later = refresh(catalogue_of(world, sport), store, restarted)
        assert [o.status for o in later.outcomes] == [SKIPPED, SKIPPED]
        assert len(server.requests) == seen
        state = store.feed_state(server.url(PATH))
        assert state is not None and state.next_allowed is not None
        wait = state.next_allowed - datetime.now(timezone.utc)
        assert timedelta(seconds=60) < wait <= timedelta(seconds=120)
    finally:
        restarted.close()


def test_503_with_an_http_date(server: LocalServer, store: NewsStore, fetcher: Fetcher) -> None:
    catalogue = prime(server, store, fetcher)
    server.route(
        PATH, Response(503, b"onderhoud", {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
    )
    (outcome,) = refresh(catalogue, store, fetcher).outcomes
    assert outcome.problem is not None and outcome.problem.kind == RATE_LIMITED
    state = store.feed_state(server.url(PATH))
    assert state is not None and state.next_allowed is not None
    # A far-off date is capped: a server cannot silence a feed for more than six hours.
    assert state.next_allowed - datetime.now(timezone.utc) <= timedelta(hours=6)
    assert cached_titles(store) == PRIMED


def test_cache_control_max_age_is_a_minimum_interval(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    server.route(PATH, feed_response("nu_buitenland.xml", **{"Cache-Control": "max-age=600"}))
    catalogue = catalogue_of(("buitenland", "NU.nl", server.url(PATH)))
    refresh(catalogue, store, fetcher)
    skipped = refresh(catalogue, store, fetcher)
    assert skipped.outcomes[0].status == SKIPPED and skipped.outcomes[0].problem is None
    assert len(server.requests_for(PATH)) == 1
    forced = refresh(catalogue, store, fetcher, force=True)  # F5 may ask again
    assert forced.outcomes[0].status == OK
    assert len(server.requests_for(PATH)) == 2


def test_permanent_redirect_updates_the_stored_url(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    catalogue = prime(server, store, fetcher)
    ids = {a.id for a in store.articles()}
    server.route(PATH, Response(301, b"", {"Location": "/rss/buitenland-nieuw"}))
    server.route("/rss/buitenland-nieuw", feed_response("nu_buitenland.xml"))
    (outcome,) = refresh(catalogue, store, fetcher).outcomes
    assert outcome.status == OK and outcome.new_ids == ()  # same ids: scoped by catalogue URL
    state = store.feed_state(server.url(PATH))
    assert state is not None and state.fetch_url == server.url("/rss/buitenland-nieuw")
    old_requests = len(server.requests_for(PATH))
    refresh(catalogue, store, fetcher)
    assert len(server.requests_for(PATH)) == old_requests  # goes straight to the new address
    assert len(server.requests_for("/rss/buitenland-nieuw")) == 2
    assert {a.id for a in store.articles()} == ids


def test_temporary_redirect_keeps_the_stored_url(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    catalogue = prime(server, store, fetcher)
    server.route(PATH, Response(302, b"", {"Location": "/elders"}))
    server.route("/elders", feed_response("nu_buitenland.xml"))
    assert refresh(catalogue, store, fetcher).outcomes[0].status == OK
    state = store.feed_state(server.url(PATH))
    assert state is not None and state.fetch_url is None


def test_progress_is_reported_per_feed(
    server: LocalServer, store: NewsStore, fetcher: Fetcher
) -> None:
    server.route(PATH, feed_response("nu_buitenland.xml"))
    server.route("/nos", feed_response("nos_buitenland.xml"))
    catalogue = catalogue_of(
        ("buitenland", "NU.nl", server.url(PATH)), ("buitenland", "NOS", server.url("/nos"))
    )
    seen: list[tuple[str, int, int]] = []
    report = refresh(
        catalogue, store, fetcher, progress=lambda o, d, t: seen.append((o.name, d, t))
    )
    assert sorted(name for name, _d, _t in seen) == ["NOS", "NU.nl"]
    assert [(d, t) for _n, d, t in seen] == [(1, 2), (2, 2)]
    assert [o.name for o in report.outcomes] == ["NU.nl", "NOS"]  # catalogue order


def test_pictures_are_fetched_with_the_feed_limits(server: LocalServer, fetcher: Fetcher) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    server.route("/foto.png", Response(200, png, content_type="image/png"))
    server.route("/page.html", Response(200, b"<html>not a picture</html>"))
    server.route("/huge.png", Response(200, b"\x00" * 5000, content_type="image/png"))
    assert fetcher.fetch_image(server.url("/foto.png")) == png
    assert fetcher.fetch_image(server.url("/page.html")) is None
    assert fetcher.fetch_image(server.url("/huge.png"), max_bytes=1000) is None
    assert fetcher.fetch_image(server.url("/missing.png")) is None
    assert fetcher.fetch_image("file:///etc/passwd") is None


def test_a_picture_is_fetched_without_cookies_or_a_referrer_and_only_as_a_picture(
        server: LocalServer, fetcher: Fetcher) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    # The feed's site sets a cookie; the picture must not carry it back, nor say where from.
    server.route("/feed-page", Response(200, b"ok", headers={"Set-Cookie": "tracker=1; Path=/"}))
    server.route("/foto.png", Response(200, png, content_type="image/png"))
    server.route("/moved.png", Response(302, headers={"Location": "/foto.png"}))
    server.route("/to-page.png", Response(302, headers={"Location": "/page.html"}))
    server.route("/page.html", Response(200, b"<html>login</html>"))
    server.route("/to-file.png", Response(302, headers={"Location": "file:///etc/passwd"}))
    server.route("/loop.png", Response(302, headers={"Location": "/loop.png"}))
    fetcher.fetch(server.url("/feed-page"))
    assert fetcher.fetch_image(server.url("/moved.png")) == png
    assert fetcher.fetch_image(server.url("/to-page.png")) is None  # HTML is no picture
    assert fetcher.fetch_image(server.url("/to-file.png")) is None
    assert fetcher.fetch_image(server.url("/loop.png")) is None
    assert len(server.requests_for("/loop.png")) == PICTURE_REDIRECTS + 1  # then it gives up
    for request in server.requests_for("/foto.png"):
        assert request.header("Cookie") is None and request.header("Referer") is None

"""The picture fetcher against a real local server: raster pictures only, from http(s) only,
size-capped, redirects bounded, and never a cookie or a referrer."""

from __future__ import annotations

from tests.support.localserver import LocalServer, Response
from zeelandnet_desktop.news.fetch import PICTURE_REDIRECTS, Fetcher

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def test_a_picture_comes_without_cookie_or_referrer(server: LocalServer,
                                                    fetcher: Fetcher) -> None:
    server.route("/feed.xml", Response(200, b"<rss/>", {"Set-Cookie": "reader=jan; Path=/"}))
    server.route("/a.png", Response(200, PNG, content_type="image/png"))
    fetcher.fetch(server.url("/feed.xml"))  # the site set a cookie on its feed
    assert fetcher.fetch_image(server.url("/a.png")) == PNG
    assert fetcher.fetch_image(server.url("/a.png")) == PNG
    for request in server.requests_for("/a.png"):
        assert request.header("Cookie") is None
        assert request.header("Referer") is None
        assert request.header("Accept") == "image/*"


def test_redirects_are_followed_a_few_times_without_their_cookies(
    server: LocalServer, fetcher: Fetcher
) -> None:
    for hop in range(PICTURE_REDIRECTS + 1):
        server.route(f"/hop{hop}", Response(302, b"", {"Location": f"/hop{hop + 1}",
                                                       "Set-Cookie": f"hop{hop}=1; Path=/"}))
    server.route(f"/hop{PICTURE_REDIRECTS + 1}", Response(200, PNG, content_type="image/png"))
    assert fetcher.fetch_image(server.url("/hop1")) == PNG  # exactly PICTURE_REDIRECTS hops
    assert all(r.header("Cookie") is None for r in server.requests)
    assert fetcher.fetch_image(server.url("/hop0")) is None  # one hop too many


def test_only_raster_pictures_from_web_addresses(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/page", Response(200, b"<html>Welkom</html>", content_type="text/html"))
    server.route("/to-page", Response(302, b"", {"Location": "/page"}))
    server.route("/to-file", Response(302, b"", {"Location": "file:///etc/passwd"}))
    server.route("/svg", Response(200, b"<svg/>", content_type="image/svg+xml"))
    server.route("/gone", Response(404, b"", content_type="image/png"))
    for path in ("/page", "/to-page", "/to-file", "/svg", "/gone"):
        assert fetcher.fetch_image(server.url(path)) is None, path
    assert fetcher.fetch_image("file:///etc/passwd") is None
    assert fetcher.fetch_image("data:image/png;base64,iVBORw0KGgo=") is None


def test_a_picture_over_the_cap_is_not_taken(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/big.png", Response(200, PNG + b"0" * 20_000, content_type="image/png"))
    assert fetcher.fetch_image(server.url("/big.png"), max_bytes=10_000) is None
    assert fetcher.fetch_image(server.url("/big.png"), max_bytes=30_000) is not None

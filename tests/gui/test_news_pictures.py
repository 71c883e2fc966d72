"""Pictures in the news: on unless switched off, a thumbnail in the list and the lead picture
with its caption and credit in the article, fetched by the app itself — no cookie, no
referrer, only pictures, once (then from the disk cache)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QTextBlock, QTextDocument, QTextListFormat
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, stop_app
from tests.gui.test_main_window import set_language
from tests.support.feedgen import RSS_TYPE, Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Request, Response
from tests.support.newstab import plain, profile_settings_file, tab_of, wait_for_rounds
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "feeds" / "nos_pictures.xml"
CDN = "https://cdn.nos.nl"
PICTURE = "/image/2026/11/29/1202001/1200x675a.jpg"  # the largest media:content
THUMBNAIL = "/image/2026/11/29/1202001/128x72a.jpg"


def picture_bytes(width: int = 120, height: int = 80, color: str = "#0b4f8a") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def serve_pictures_feed(server: LocalServer, tmp_path: Path) -> Path:
    """The NOS fixture with its pictures on the local server; the feed sets a cookie, as
    news sites do, which must never travel with a picture request."""
    body = FIXTURE.read_bytes().replace(CDN.encode(), server.origin.encode())
    server.route("/nos.xml", Response(200, body, {"Set-Cookie": "reader=jan; Path=/"},
                                      content_type=RSS_TYPE))
    png = picture_bytes()
    for found in re.finditer(re.escape(server.origin) + r"(/[^\s\"'<>]+\.jpg)", body.decode()):
        server.route(found.group(1), Response(200, png, content_type="image/png"))
    return write_catalogue(tmp_path / "f.json", [("binnenland", "Binnenland", "Netherlands",
                                                  [("NOS Binnenland", server.url("/nos.xml"))])])


def picture_requests(server: LocalServer) -> list[Request]:
    return [r for r in server.requests if r.path.endswith(".jpg")]


def test_pictures_are_on_by_default_and_go_without_cookie_or_referrer(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    feeds = serve_pictures_feed(server, tmp_path)
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    storm = tab.model.articles()[0]
    assert storm.title == "Storm Bert zorgt voor overlast in Zeeland"
    assert storm.thumbnail_url == server.url(THUMBNAIL)
    # The list draws the thumbnail once it came.
    qtbot.waitUntil(lambda: tab.pictures.thumbnail(server.url(THUMBNAIL)) is not None)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url(PICTURE)))
    text = plain(tab.view.toPlainText())
    assert "Golven slaan over de boulevard van Vlissingen · Foto: ANP / Lex van Lieshout" in text
    html = tab.article_html(storm)
    assert f"src='{server.url(PICTURE)}'" in html
    assert "alt='Golven slaan over de boulevard van Vlissingen'" in html

    asked = picture_requests(server)
    assert {r.path for r in asked} >= {THUMBNAIL, PICTURE}
    assert len(asked) == len({r.path for r in asked})  # each picture fetched once
    for request in asked:
        assert request.header("Cookie") is None, request.path
        assert request.header("Referer") is None, request.path
        assert (request.header("Accept") or "").startswith("image/")
    # A later round: the cookie the feed set still goes with no picture.
    application.news.refresh(force=True)
    wait_for_rounds(application, qtbot)
    tab.select_row(1)
    qtbot.waitUntil(lambda: all(tab.view.has_picture(a.image_url) or tab.pictures.failed(
        a.image_url) for a in tab.model.articles()[1:2] if a.image_url))
    assert all(r.header("Cookie") is None for r in picture_requests(server))


def every_thumbnail(tab: object) -> bool:
    from zeelandnet_desktop.ui.news.article_delegate import picture_of

    urls = [picture_of(a) for a in tab.model.articles()]  # type: ignore[attr-defined]
    pictures = tab.pictures  # type: ignore[attr-defined]
    return all(pictures.thumbnail(url) is not None or pictures.failed(url)
               for url in urls if url)


def test_the_next_start_takes_the_pictures_from_the_disk(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    feeds = serve_pictures_feed(server, tmp_path)
    first = make_app(feeds=feeds)
    wait_for_rounds(first, qtbot)
    tab = tab_of(first)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url(PICTURE)))
    qtbot.waitUntil(lambda: every_thumbnail(tab))
    stop_app(first)
    before = len(picture_requests(server))
    assert list((profile_dir / "cache" / "pictures").iterdir())  # under the profile's cache

    second = make_app(feeds=feeds)
    wait_for_rounds(second, qtbot)
    tab = tab_of(second)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url(PICTURE)))
    qtbot.waitUntil(lambda: every_thumbnail(tab))
    assert len(picture_requests(server)) == before


@pytest.mark.parametrize("answer", [
    Response(302, b"", {"Location": "/page.html"}),  # on to a web page
    Response(200, b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"),
    Response(200, b"\x89PNG" + b"0" * (4 * 1024 * 1024), content_type="image/png"),  # too big
    Response(200, b"not a picture at all", content_type="image/jpeg"),
], ids=["redirect-to-html", "svg", "too-large", "broken"])
def test_what_is_not_a_picture_is_not_shown_and_leaves_no_placeholder(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, answer: Response
) -> None:
    server.route("/page.html", Response(200, b"<html>Welkom</html>"))
    server.route("/foto.jpg", answer)
    url = serve_feed(server, "/f.xml", "NOS", [Item("Zeeuwse dijken", "MIDDELBURG - Tekst.",
                                                    image=server.url("/foto.jpg"))])
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland",
                                                   [("NOS", url)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.pictures.failed(server.url("/foto.jpg")))
    article = tab.current_article()
    assert article is not None
    assert "<img" not in tab.article_html(article)  # no picture, and no placeholder either
    assert not tab.view.has_picture(server.url("/foto.jpg"))


def test_switched_off_no_picture_is_asked_for_and_no_room_is_kept(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    settings = Settings(profile_settings_file(profile_dir))
    settings.set(keys.REMOTE_IMAGES, False)
    settings.sync()
    feeds = serve_pictures_feed(server, tmp_path)
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    article = tab.current_article()
    assert article is not None and article.image_url == server.url(PICTURE)
    assert "<img" not in tab.article_html(article)
    row = tab.model.row_of(article.id)
    rect = tab.list.visualRect(tab.model.index(row))
    assert rect.height() < 66 + 2 * 6  # three lines of text; no picture column
    application.news.refresh(force=True)
    wait_for_rounds(application, qtbot)
    assert picture_requests(server) == []

    # Switching them on (Instellingen) shows them without a restart.
    application.settings.set(keys.REMOTE_IMAGES, True)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url(PICTURE)))
    assert tab.list.visualRect(tab.model.index(row)).height() >= 66


def test_subheadings_and_lists_of_the_feed_are_kept(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    feeds = serve_pictures_feed(server, tmp_path)
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    blocks = _blocks(tab.view.document())
    headings = [(b.blockFormat().headingLevel(), b.text()) for b in blocks
                if b.blockFormat().headingLevel()]
    items = [b.text() for b in blocks if b.textList() is not None]
    assert (2, "Bomen op de weg") in headings and (3, "Wat je moet weten") in headings
    assert items == ["Code oranje tot 12.00 uur", "De veerdienst vaart niet", "Blijf binnen",
                     "Zet tuinmeubels vast"]
    numbered = next(b for b in blocks if b.text() == "Blijf binnen")
    bullet = next(b for b in blocks if b.text() == "De veerdienst vaart niet")
    assert numbered.textList().format().style() == QTextListFormat.Style.ListDecimal
    assert bullet.textList().format().style() == QTextListFormat.Style.ListDisc


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    found = []
    block = document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def test_the_agency_notice_is_small_print_not_the_lead(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    body = (FIXTURE.parent / "anp_correction.xml").read_bytes()
    server.route("/anp.xml", Response(200, body, content_type=RSS_TYPE))
    feeds = write_catalogue(tmp_path / "f.json", [("binnenland", "Binnenland", "Netherlands",
                                                  [("ANP", server.url("/anp.xml"))])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    noted = [a for a in tab.model.articles() if a.notice]
    assert noted, "the fixture has an agency notice"
    article = noted[0]
    assert not article.lead.lower().startswith(("n i e u w", "correctie", "vervangt"))
    tab.pane.select_article(article.id)
    # In the list the lead line is the story, not the note.
    row = tab.model.row_of(article.id)
    assert tab.model.data(tab.model.index(row), Qt.ItemDataRole.DisplayRole) == article.title
    text = plain(tab.view.toPlainText())
    assert article.notice in text
    # Under the title and the time, before the story: small print, not the lead.
    assert text.index(article.notice) < text.index(article.lead[:30], len(article.title))


def test_a_cookie_set_on_the_way_to_a_picture_is_not_sent_on(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    server.route("/hop.jpg", Response(302, b"", {"Location": "/foto.jpg",
                                                  "Set-Cookie": "tracker=1; Path=/"}))
    server.route("/foto.jpg", Response(200, picture_bytes(), content_type="image/png"))
    server.route("/other.jpg", Response(200, picture_bytes(color="#8a0b2f"),
                                        content_type="image/png"))
    url = serve_feed(server, "/f.xml", "NOS", [
        Item("Zeeuwse dijken", "MIDDELBURG - Tekst.", image=server.url("/hop.jpg")),
        Item("Veerboot vaart weer", "VLISSINGEN - Tekst.", minutes_ago=30,
             image=server.url("/other.jpg"))])
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland",
                                                   [("NOS", url)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url("/hop.jpg")))
    tab.select_row(1)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url("/other.jpg")))
    after = server.requests_for("/foto.jpg") + server.requests_for("/other.jpg")
    assert after and all(r.header("Cookie") is None for r in after)

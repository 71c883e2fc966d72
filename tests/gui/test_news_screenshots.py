"""Screenshots of the news tab with pictures, for a person to look at (light scheme), with a
check that the pictures really are drawn in the list and the article."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response
from tests.support.newstab import tab_of, wait_for_rounds
from zeelandnet_desktop.ui.news.article_delegate import GAP, PADDING
from zeelandnet_desktop.ui.news.pictures import THUMB_SIZE

COLOURS = ["#0b4f8a", "#8a0b2f", "#2f7a0b", "#8a6d0b", "#5b0b8a"]


def photo(colour: str, width: int = 1200, height: int = 675) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(colour))
    gradient.setColorAt(1, QColor("#f4f4f4"))
    painter.fillRect(0, 0, width, height, gradient)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())


def test_the_list_and_the_article_with_pictures(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path,
    screenshots: Path,
) -> None:
    set_language(profile_dir, "nl")
    for number, colour in enumerate(COLOURS):
        server.route(f"/foto{number}.jpg", Response(200, photo(colour),
                                                    content_type="image/jpeg"))
    items = [
        Item("Kabinet trekt geld uit voor de Zeeuwse dijken",
             "MIDDELBURG (ANP) - Het kabinet trekt honderden miljoenen uit voor de dijken langs "
             "de Westerschelde.", minutes_ago=5, image=server.url("/foto0.jpg")),
        Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De veerboot vaart na "
             "een storing weer volgens de dienstregeling.", minutes_ago=80,
             image=server.url("/foto1.jpg")),
        Item("Nieuwe fietsbrug bij Sluiskil geopend", "SLUISKIL - De brug verkort de route "
             "voor fietsers.", minutes_ago=60 * 26, image=server.url("/foto2.jpg")),
        Item("Curaçao krijgt een nieuwe premier", "WILLEMSTAD (ANP) - Er is een nieuwe "
             "premier.", minutes_ago=60 * 30),
        Item("Mosselseizoen begint goed", "YERSEKE - De vissers zijn tevreden.",
             minutes_ago=60 * 52, image=server.url("/foto3.jpg")),
    ]
    url = serve_feed(server, "/zeeland.xml", "Omroep Zeeland", items)
    feeds = write_catalogue(tmp_path / "f.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)]),
        ("binnenland", "Binnenland", "Netherlands", [])])
    application = make_app(feeds=feeds)
    application.window.resize(1200, 760)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(1)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url("/foto1.jpg")))
    urls = [server.url(f"/foto{n}.jpg") for n in range(4)]
    qtbot.waitUntil(lambda: all(tab.pictures.thumbnail(u) is not None for u in urls))
    tab.list.viewport().repaint()

    list_shot = tab.list.viewport().grab().toImage()
    first = tab.list.visualRect(tab.model.index(tab.model.article_rows()[0]))
    inside = QPoint(first.left() + PADDING + 4, first.top() + first.height() // 2)
    drawn = QColor(list_shot.pixel(inside))
    assert abs(drawn.blue() - QColor(COLOURS[0]).blue()) < 60  # the picture, not a placeholder
    text_left = QPoint(first.left() + PADDING + THUMB_SIZE.width() + GAP + 40, inside.y())
    assert QColor(list_shot.pixel(text_left)) != drawn

    window = application.window.grab()
    assert window.save(str(screenshots / "news-list-light.png"))
    assert tab.view.grab().save(str(screenshots / "news-article-light.png"))


def test_an_article_with_caption_subheadings_and_lists(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path,
    screenshots: Path,
) -> None:
    from tests.gui.test_news_pictures import PICTURE, serve_pictures_feed

    set_language(profile_dir, "nl")
    feeds = serve_pictures_feed(server, tmp_path)
    server.route(PICTURE, Response(200, photo(COLOURS[0]), content_type="image/jpeg"))
    application = make_app(feeds=feeds)
    application.window.resize(1200, 900)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url(PICTURE)))
    assert tab.view.grab().save(str(screenshots / "news-article-caption-lists-light.png"))

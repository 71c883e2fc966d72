"""Odd input the news tab must take in its stride: a title of fifty thousand letters without a
space, a source whose name is right-to-left, a feed of ten thousand items. (How long the GUI
thread is held is measured in bench/refresh_stall.py, never asserted here.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextOption
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import RSS_TYPE, Item, rss, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response
from tests.support.newstab import list_titles, settled, tab_of, wait_for_rounds
from zeelandnet_desktop.news.listing import PAGE
from zeelandnet_desktop.ui.news.article_list import TITLE_CAP


def test_a_title_of_fifty_thousand_letters_is_capped_and_wraps(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    title = "Zeeland" + "a" * 50_000
    url = serve_feed(server, "/long.xml", "Omroep Zeeland", [
        Item(title, "MIDDELBURG - Gewone tekst.")])
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland",
                                                   [("Omroep Zeeland", url)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    article = tab.model.articles()[0]
    assert article.title.startswith("Zeeland")
    row = tab.model.row_of(article.id)
    shown = tab.model.data(tab.model.index(row), Qt.ItemDataRole.DisplayRole)
    assert len(shown) <= TITLE_CAP and shown.endswith("…")
    accessible = tab.model.data(tab.model.index(row), Qt.ItemDataRole.AccessibleTextRole)
    assert len(accessible) < TITLE_CAP + 200

    tab.select_row(0)
    heading = tab.view.document().begin().text()
    assert heading.startswith("Zeelandaaa") and len(heading) <= TITLE_CAP
    assert tab.view.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    # The pane is no wider than it was: the title broke over lines instead of one long one.
    assert tab.view.document().size().width() <= tab.view.viewport().width() + 1
    cursor = tab.view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 7)
    tab.view.setTextCursor(cursor)
    tab._tick.timeout.emit()  # the minute tick changes the time line only
    assert tab.view.textCursor().selectedText() == "Zeeland"


def test_a_right_to_left_source_name_does_not_garble_the_time(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    url = serve_feed(server, "/rtl.xml", "Al Jazeera", [
        Item("Nieuws uit het Midden-Oosten", "DOHA - Tekst.", minutes_ago=5)])
    feeds = write_catalogue(tmp_path / "f.json", [("buitenland", "Buitenland", "World",
                                                   [("الجزيرة نت", url)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    article = tab.model.articles()[0]
    # Each part isolated (FSI … PDI): the right-to-left name cannot pull the time into it.
    assert tab.model.meta_text(article) == "\u2068الجزيرة نت\u2069 · \u20685 minuten geleden\u2069"
    tab.select_row(0)
    meta = tab.view.document().begin().next().text()
    assert "\u2068الجزيرة نت\u2069" in meta
    assert meta.count("\u2068") == meta.count("\u2069") >= 2


def test_ten_thousand_items_are_listed_a_page_at_a_time(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    items = [Item(f"Bericht {n}: de dijken in Zeeland", f"GOES - Tekst {n}.", minutes_ago=n,
                  guid=f"item-{n}", link=f"https://www.nu.nl/artikel/{n}")
             for n in range(10_000)]
    server.route("/big.xml", Response(200, rss("NU.nl", items), content_type=RSS_TYPE))
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland",
                                                   [("NU.nl", server.url("/big.xml"))])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    assert tab.categories.item(1).text() == "Zeeland (10000)"
    assert len(list_titles(application)) == PAGE
    assert list_titles(application)[0] == "Bericht 0: de dijken in Zeeland"
    assert tab.pane.has_more
    bar = tab.list.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the next page comes
    qtbot.waitUntil(lambda: len(list_titles(application)) == 2 * PAGE)
    settled(application, qtbot)
    # The keys go on past the end of a page too.
    tab.pane.select_article(tab.model.articles()[-1].id)
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: tab.current_article() is not None
                    and tab.current_article().title == f"Bericht {2 * PAGE}: de dijken in Zeeland")  # type: ignore[union-attr]
    assert len(list_titles(application)) == 3 * PAGE

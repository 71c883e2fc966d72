"""Doing things with the news: search in every category, mark all read, unread only, the
right-click menus, the keys in the menus and F1, and a browser that cannot be opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, stop_app
from tests.gui.test_main_window import set_language
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response
from tests.support.newstab import (
    category_texts,
    choose_category,
    list_titles,
    plain,
    settled,
    tab_of,
    wait_for_rounds,
)
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.shell import Shell

BINNENLAND = [
    Item("Dijken in Zeeland worden versterkt", "MIDDELBURG - Het waterschap begint.",
         minutes_ago=5),
    Item("Veerboot vaart weer", "VLISSINGEN - De boot vaart.", minutes_ago=50),
    Item("Nieuwe burgemeester voor Goes", "GOES - Er is een burgemeester.", minutes_ago=70),
]
BUITENLAND = [
    Item("Denemarken bouwt ook hogere dijken", "KOPENHAGEN (ANP) - Ook daar.", minutes_ago=20),
    Item("Storm trekt over Noord-Frankrijk", "PARIJS (AFP) - Een storm.", minutes_ago=80),
]


@pytest.fixture
def news_feeds(server: LocalServer, tmp_path: Path) -> Path:
    binnen = serve_feed(server, "/binnenland.xml", "NU.nl Binnenland", BINNENLAND)
    buiten = serve_feed(server, "/buitenland.xml", "NU.nl Buitenland", BUITENLAND)
    return write_catalogue(tmp_path / "feeds.json", [
        ("binnenland", "Binnenland", "Netherlands", [("NU.nl Binnenland", binnen)]),
        ("buitenland", "Buitenland", "World", [("NU.nl Buitenland", buiten)]),
    ])


def started(make_app: AppFactory, qtbot: QtBot, feeds: Path) -> Shell:
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    return application


# A menu offscreen cannot grab the keyboard (no window system): about the machine, not the app.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def choose_in_popup(qtbot: QtBot, open_menu: Callable[[], None], text: str) -> list[str]:
    """Open a menu the way the user does, note its entries, choose `text` (and return the
    entries as shown)."""
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        actions = [a for a in menu.actions() if not a.isSeparator()]
        seen.extend(a.text() for a in actions)
        wanted = next(a for a in actions if a.text() == text)
        menu.close()
        wanted.trigger()

    QTimer.singleShot(50, choose)
    open_menu()
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def right_click_category(application: Shell, row: int) -> Callable[[], None]:
    categories = tab_of(application).categories
    point = categories.visualItemRect(categories.item(row + 1)).center()  # Voorpagina: 0
    return lambda: categories.customContextMenuRequested.emit(point)


def right_click_article(application: Shell, number: int) -> Callable[[], None]:
    tab = tab_of(application)
    row = tab.model.article_rows()[number]
    point = tab.list.visualRect(tab.model.index(row)).center()
    return lambda: tab.list.customContextMenuRequested.emit(point)


def test_search_looks_in_every_category_with_the_current_one_first(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = tab_of(application)
    choose_category(application, qtbot, 1)  # Buitenland
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "dijken")
    qtbot.waitUntil(lambda: list_titles(application) == ["Denemarken bouwt ook hogere dijken",
                                                         "Dijken in Zeeland worden versterkt"])
    assert tab.model.headings() == ["Buitenland", "Binnenland"]
    results = tab.model.articles()
    assert plain(tab.model.meta_text(results[1])).startswith("NU.nl Binnenland · Binnenland · ")

    tab.search.clear()
    qtbot.keyClicks(tab.search, "burgemeester goes")  # only in the other category
    qtbot.waitUntil(lambda: list_titles(application) == ["Nieuwe burgemeester voor Goes"])
    assert tab.pane.stack.currentWidget() is tab.list
    # Enter in the search field goes to the results.
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.list.hasFocus()
    assert tab.current_article() is not None
    assert tab.current_article().title == "Nieuwe burgemeester voor Goes"  # type: ignore[union-attr]

    tab.search.clear()
    qtbot.keyClicks(tab.search, "marsmannetjes")
    qtbot.waitUntil(lambda: tab.pane.stack.currentWidget() is tab.pane.empty)
    assert tab.pane.empty.text() == "In geen enkele categorie iets gevonden voor ‘marsmannetjes’."


@POPUP
def test_mark_a_category_and_then_everything_read_and_it_stays_after_a_restart(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path,
    server: LocalServer,
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    assert category_texts(application) == ["Binnenland (3)", "Buitenland (2)"]
    entries = choose_in_popup(qtbot, right_click_category(application, 0),
                              "Alles in ‘Binnenland’ als gelezen markeren")
    assert entries == ["Alles in ‘Binnenland’ als gelezen markeren", "Vernieuwen"]
    assert category_texts(application) == ["Binnenland", "Buitenland (2)"]
    assert not any(a.read is False for a in tab_of(application).model.articles())
    settled(application, qtbot)
    assert category_texts(application) == ["Binnenland", "Buitenland (2)"]  # and stored so

    news_menu = application.news_feature.menu
    everything = next(a for a in news_menu.actions() if a.text() == "&Alles als gelezen markeren")
    everything.trigger()
    assert category_texts(application) == ["Binnenland", "Buitenland"]
    settled(application, qtbot)
    stop_app(application)

    server.route("/binnenland.xml", Response(304))
    server.route("/buitenland.xml", Response(304))
    again = started(make_app, qtbot, news_feeds)
    assert category_texts(again) == ["Binnenland", "Buitenland"]
    choose_category(again, qtbot, 1)
    assert all(a.read for a in tab_of(again).model.articles())


def test_unread_only_keeps_the_article_being_read_until_you_move_on(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = tab_of(application)
    tab.select_row(1)  # read "Veerboot vaart weer"
    qtbot.mouseClick(tab.header.unread_only, Qt.MouseButton.LeftButton)
    assert tab.header.unread_only.isChecked() and tab.actions_.unread_only.isChecked()
    settled(application, qtbot)
    # The one being read stays in the list while it is open ...
    assert list_titles(application) == [item.title for item in BINNENLAND]
    choose_category(application, qtbot, 1)
    choose_category(application, qtbot, 0)
    # ... and once you moved on, read articles are not listed.
    assert list_titles(application) == [BINNENLAND[0].title, BINNENLAND[2].title]
    assert application.settings.get(keys.NEWS_UNREAD_ONLY)
    tab.mark_category_read()
    settled(application, qtbot)
    tab.reload()
    settled(application, qtbot)
    assert list_titles(application) == []
    assert tab.pane.empty.text() == "Geen ongelezen berichten in deze categorie."


@POPUP
def test_the_article_menu_opens_copies_and_marks(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = tab_of(application)
    entries = choose_in_popup(qtbot, right_click_article(application, 2), "Link &kopiëren")
    assert entries == ["&Openen op de website", "Link &kopiëren", "Markeren als gelezen"]
    third = tab.model.articles()[2]
    assert QGuiApplication.clipboard().text() == third.link
    choose_in_popup(qtbot, right_click_article(application, 2), "Markeren als gelezen")
    assert tab.model.articles()[2].read
    assert category_texts(application)[0] == "Binnenland (2)"
    entries = choose_in_popup(qtbot, right_click_article(application, 2),
                              "Markeren als ongelezen")
    assert category_texts(application)[0] == "Binnenland (3)"
    assert tab.current_article() is None  # a right-click opens nothing by itself


def test_the_keys_are_in_the_news_menu_and_f1_lists_them(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    from zeelandnet_desktop.ui.news.dialogs import KeysDialog

    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    menu = application.news_feature.menu
    shown = {a.text(): a.shortcut().toString() for a in menu.actions() if not a.isSeparator()}
    assert shown["&Volgend bericht"] == "J"
    assert shown["Vo&rig bericht"] == "K"
    assert shown["Markeren als &gelezen of ongelezen"] == "M"
    assert shown["Verder &lezen (of volgend bericht)"] in ("Space", "Spatie")
    assert shown["&Openen op de website"] == "Return"
    rows: list[tuple[str, str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, KeysDialog)
        rows.extend(dialog.rows())
        dialog.reject()

    tab = tab_of(application)
    tab.list.setFocus()
    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(tab.list, Qt.Key.Key_F1)
    assert ("J", "Volgend bericht") in rows
    assert ("M", "Markeren als gelezen of ongelezen") in rows
    assert ("F5, Ctrl+R", "Vernieuwen") in rows
    assert ("F1", "Sneltoetsen") in rows
    assert ("Pijltjestoetsen", "Door de lijst gaan") in rows
    # On the webmail tab the news menu is out of the way.
    application.window.show_tab("webmail")
    assert not menu.menuAction().isVisible()
    application.window.show_tab("news")
    assert menu.menuAction().isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support QPlatformServices::openUrl")
def test_no_browser_says_so_instead_of_claiming_it_opened(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    # No URL handler and an offscreen platform: like a computer where no browser can start.
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = tab_of(application)
    tab.list.setFocus()
    tab.select_row(0)
    qtbot.keyClick(tab.list, Qt.Key.Key_Return)
    message = application.window.statusBar().currentMessage()
    assert message.startswith("Er kon geen webbrowser worden geopend.")
    assert "geopend in je browser" not in message


def test_the_webmail_tab_shows_no_news_words(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    server.route("/broken.xml", Response(500, b"oops"))
    feeds = write_catalogue(tmp_path / "f.json", [("sport", "Sport", "Sport", [
        ("NU.nl Sport", server.url("/broken.xml"))])])
    application = started(make_app, qtbot, feeds)
    assert tab_of(application).header.problems.isVisible()
    application.window.show_tab("webmail")
    assert application.window.news_status.text() == ""
    assert application.window.statusBar().currentMessage() == ""

"""Instellingen → Nieuws: Annuleren undoes what the page changed, OK applies it; an address a
category already has is refused with words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer
from tests.support.newstab import category_texts, choose_category, list_titles, wait_for_rounds
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.news.settings_page import NewsSettingsPage
from zeelandnet_desktop.ui.settings.dialog import SettingsDialog


@pytest.fixture
def feeds(server: LocalServer, tmp_path: Path) -> Path:
    zeeland = serve_feed(server, "/zeeland.xml", "Omroep Zeeland",
                         [Item("Veerboot vaart weer", "VLISSINGEN - De boot vaart.")])
    serve_feed(server, "/pzc.xml", "PZC", [Item("Markt in Goes", "GOES - Het is markt.")])
    return write_catalogue(tmp_path / "feeds.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", zeeland)]),
        ("binnenland", "Binnenland", "Netherlands", []),
    ])


def in_settings(application: Shell, qtbot: QtBot,
                work: Callable[[NewsSettingsPage], None], accept: bool) -> None:
    """Open Instellingen, do `work` on the news page, then OK (accept) or Annuleren."""
    done: list[bool] = []

    def on_page() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        page = next(dialog.pages.widget(i) for i in range(dialog.pages.count())
                    if isinstance(dialog.pages.widget(i), NewsSettingsPage))
        dialog.pages.setCurrentWidget(page)
        work(page)  # type: ignore[arg-type]
        if accept:
            dialog.accept()
        else:
            dialog.reject()
        done.append(True)

    QTimer.singleShot(0, on_page)
    application.open_settings()
    assert done


def add(page: NewsSettingsPage, qtbot: QtBot, url: str, category: str) -> str:
    page.url.setText(url)
    page.category.setCurrentIndex(page.category.findData(category))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    return page.message.text()


def test_cancel_undoes_an_added_news_source_and_ok_adds_it(
    make_app: AppFactory, qtbot: QtBot, feeds: Path, profile_dir: Path, server: LocalServer
) -> None:
    set_language(profile_dir, "nl")
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    pzc = server.url("/pzc.xml")
    said: list[str] = []

    def add_pzc(page: NewsSettingsPage) -> None:
        said.append(add(page, qtbot, pzc, "binnenland"))
        said.append(page.user_feeds.item(0).text())

    in_settings(application, qtbot, add_pzc, accept=False)
    assert said[0] == ("De nieuwsbron wordt toegevoegd als je op OK klikt, en meteen daarna "
                       "opgehaald.")
    assert said[1].endswith("\n— wordt toegevoegd als je op OK klikt")
    assert application.news.user_feeds() == []
    assert not (profile_dir / "config" / "feeds.json").exists()
    assert server.requests_for("/pzc.xml") == []

    with qtbot.waitSignal(application.news.refresh_finished, timeout=20_000):
        in_settings(application, qtbot, add_pzc, accept=True)
    wait_for_rounds(application, qtbot)
    assert application.news.user_feeds() == [("binnenland", pzc)]
    assert len(server.requests_for("/pzc.xml")) == 1  # fetched right after OK
    assert category_texts(application) == ["Zeeland (1)", "Binnenland (1)"]
    choose_category(application, qtbot, 1)
    assert list_titles(application) == ["Markt in Goes"]


def test_cancel_undoes_a_removal_and_a_category_switched_off(
    make_app: AppFactory, qtbot: QtBot, feeds: Path, server: LocalServer
) -> None:
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    application.news.add_user_feed("binnenland", server.url("/pzc.xml"))

    def remove_and_switch_off(page: NewsSettingsPage) -> None:
        page.user_feeds.setCurrentRow(0)
        qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
        assert page.user_feeds.count() == 0
        page.categories.item(0).setCheckState(Qt.CheckState.Unchecked)

    in_settings(application, qtbot, remove_and_switch_off, accept=False)
    assert application.news.user_feeds() == [("binnenland", server.url("/pzc.xml"))]
    assert application.news.enabled_categories() == ["zeeland", "binnenland"]
    in_settings(application, qtbot, remove_and_switch_off, accept=True)
    assert application.news.user_feeds() == []
    assert application.news.enabled_categories() == ["binnenland"]


def test_an_address_a_category_has_already_is_refused_with_words(
    make_app: AppFactory, qtbot: QtBot, feeds: Path, profile_dir: Path, server: LocalServer
) -> None:
    set_language(profile_dir, "nl")
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    said: list[str] = []

    def try_addresses(page: NewsSettingsPage) -> None:
        said.append(add(page, qtbot, server.url("/zeeland.xml"), "binnenland"))
        said.append(add(page, qtbot, "nos.nl/rss", "binnenland"))
        said.append(add(page, qtbot, "", "binnenland"))
        said.append(add(page, qtbot, server.url("/pzc.xml"), "binnenland"))
        said.append(add(page, qtbot, server.url("/pzc.xml"), "zeeland"))  # twice, not yet saved
        said.append(str(page.user_feeds.count()))

    in_settings(application, qtbot, try_addresses, accept=False)
    assert said == [
        "Deze nieuwsbron staat al in ‘Zeeland’. Een nieuwsbron kan maar in één categorie staan.",
        "Dat is geen webadres. Een webadres begint met https:// (of http://).",
        "Typ eerst het adres van de nieuwsbron.",
        "De nieuwsbron wordt toegevoegd als je op OK klikt, en meteen daarna opgehaald.",
        "Deze nieuwsbron staat al in ‘Binnenland’. Een nieuwsbron kan maar in één categorie "
        "staan.",
        "1",
    ]


def test_an_address_listed_twice_by_hand_is_marked_where_its_news_is(
    make_app: AppFactory, qtbot: QtBot, feeds: Path, profile_dir: Path, server: LocalServer
) -> None:
    import json

    set_language(profile_dir, "nl")
    user_file = profile_dir / "config" / "feeds.json"
    user_file.parent.mkdir(parents=True, exist_ok=True)
    user_file.write_text(json.dumps({"version": 1, "categories": [{"id": "binnenland", "feeds": [
        {"name": "Omroep Zeeland", "url": server.url("/zeeland.xml")}]}]}), encoding="utf-8")
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    said: list[str] = []
    in_settings(application, qtbot, lambda page: said.append(page.user_feeds.item(0).text()),
                accept=False)
    assert said[0].endswith("\n— staat ook in ‘Zeeland’; het nieuws ervan verschijnt daar")

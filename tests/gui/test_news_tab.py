"""The news tab as a user meets it, against a real local feed server."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, UrlCatcher, stop_app
from tests.gui.test_main_window import set_language
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.shell import Shell

BINNENLAND = [
    Item("Kabinet presenteert plannen voor Zeeuwse dijken",
         "MIDDELBURG (ANP) - Het kabinet trekt geld uit voor de dijken.", minutes_ago=5),
    Item("Veerboot Vlissingen-Breskens vaart weer",
         "VLISSINGEN - De veerboot vaart na een storing weer volgens de dienstregeling.",
         minutes_ago=90),
    Item("Curaçao krijgt nieuwe premier", "WILLEMSTAD (ANP) - Er is een nieuwe premier.",
         minutes_ago=60 * 30),
]
BUITENLAND = [
    Item("Ook China mag bij vredesraad van Trump",
         "SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - China mag aanschuiven bij de vredesraad.",
         minutes_ago=54),
    Item("Storm trekt over Noord-Frankrijk", "PARIJS (AFP) - Een storm trekt over het land.",
         minutes_ago=3 * 60),
]


@pytest.fixture
def news_feeds(server: LocalServer, tmp_path: Path) -> Path:
    binnen = serve_feed(server, "/binnenland.xml", "NU.nl Binnenland", BINNENLAND)
    buiten = serve_feed(server, "/buitenland.xml", "NU.nl Buitenland", BUITENLAND)
    return write_catalogue(tmp_path / "feeds.json", [
        ("binnenland", "Binnenland", "Netherlands", [("NU.nl Binnenland", binnen)]),
        ("buitenland", "Buitenland", "World", [("NU.nl Buitenland", buiten)]),
    ])


def started(make_app: AppFactory, qtbot: QtBot, feeds: Path, profile: Path | None = None,
            rounds: int = 1) -> Shell:
    application = make_app(feeds=feeds, profile=profile)
    wait_for_rounds(application, qtbot, rounds)
    return application


def wait_for_rounds(application: Shell, qtbot: QtBot, rounds: int = 1) -> None:
    done: list[object] = []
    application.news.refresh_finished.connect(done.append)
    if application.news.last_report is not None and not application.news.is_refreshing:
        done.append(application.news.last_report)
    qtbot.waitUntil(lambda: len(done) >= rounds, timeout=20_000)


def category_texts(application: Shell) -> list[str]:
    categories = application.news_feature.tab.categories
    return [categories.item(i).text() for i in range(categories.count())]


def list_titles(application: Shell) -> list[str]:
    model = application.news_feature.tab.model
    return [model.article_at(i).title for i in range(model.rowCount())]  # type: ignore[union-attr]


def test_categories_with_unread_counts_and_newest_first(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    assert category_texts(application) == ["Binnenland (3)", "Buitenland (2)"]
    assert list_titles(application) == [item.title for item in BINNENLAND]
    status = application.window.news_status.text()
    assert status.startswith("Bijgewerkt om ")


def test_selecting_shows_the_article_and_marks_it_read(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = application.news_feature.tab
    tab.categories.setCurrentRow(1)
    tab.select_row(0)
    text = tab.view.toPlainText()
    assert "Ook China mag bij vredesraad van Trump" in text
    assert text.count("SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - China mag aanschuiven") == 1
    assert "54 minuten geleden" in text
    assert "Lees verder op nu.nl" in text
    assert category_texts(application) == ["Binnenland (3)", "Buitenland (1)"]
    assert tab.current_article() is not None and tab.current_article().read  # type: ignore[union-attr]


def test_read_more_opens_the_system_browser(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, system_browser: UrlCatcher
) -> None:
    application = started(make_app, qtbot, news_feeds)
    tab = application.news_feature.tab
    tab.list.setFocus()
    tab.select_row(0)
    qtbot.keyClick(tab.list, Qt.Key.Key_Return)
    assert len(system_browser.urls) == 1
    assert system_browser.urls[0].startswith("https://www.nu.nl/artikel/")


def test_search_is_case_and_accent_insensitive(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path
) -> None:
    application = started(make_app, qtbot, news_feeds)
    tab = application.news_feature.tab
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "CURACAO")
    qtbot.waitUntil(lambda: list_titles(application) == ["Curaçao krijgt nieuwe premier"])
    tab.search.clear()
    qtbot.keyClicks(tab.search, "zeeuwse dijken")
    qtbot.waitUntil(lambda: list_titles(application) ==
                    ["Kabinet presenteert plannen voor Zeeuwse dijken"])
    tab.search.clear()
    qtbot.keyClicks(tab.search, "marsmannetjes")
    qtbot.waitUntil(lambda: tab.list_stack.currentWidget() is tab.empty)
    assert "marsmannetjes" in tab.empty.text()


def test_keyboard_j_k_and_m(make_app: AppFactory, qtbot: QtBot, news_feeds: Path,
                            profile_dir: Path) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = application.news_feature.tab
    tab.search.setFocus()  # typing a j in the search box searches, it does not move
    qtbot.keyClick(tab.search, Qt.Key.Key_J)
    assert tab.search.text() == "j" and tab.current_article() is None
    tab.search.clear()
    qtbot.waitUntil(lambda: len(list_titles(application)) == 3)
    tab.list.setFocus()
    for _ in range(3):
        qtbot.keyClick(tab.list, Qt.Key.Key_J)
    assert tab.current_article().title == BINNENLAND[2].title  # type: ignore[union-attr]
    qtbot.keyClick(tab.list, Qt.Key.Key_K)
    assert tab.current_article().title == BINNENLAND[1].title  # type: ignore[union-attr]
    assert category_texts(application)[0] == "Binnenland"  # all three read by visiting
    qtbot.keyClick(tab.list, Qt.Key.Key_M)
    assert tab.current_article().read is False  # type: ignore[union-attr]
    assert category_texts(application)[0] == "Binnenland (1)"
    qtbot.keyClick(tab.list, Qt.Key.Key_Down)
    assert tab.current_article().title == BINNENLAND[2].title  # type: ignore[union-attr]


def test_read_state_survives_a_restart(make_app: AppFactory, qtbot: QtBot, news_feeds: Path,
                                       profile_dir: Path, server: LocalServer) -> None:
    set_language(profile_dir, "nl")
    first = started(make_app, qtbot, news_feeds)
    first.news_feature.tab.select_row(0)
    first.news_feature.tab.select_row(1)
    stop_app(first)
    server.route("/binnenland.xml", Response(304))  # nothing new on the second start
    second = started(make_app, qtbot, news_feeds)
    assert category_texts(second) == ["Binnenland (1)", "Buitenland (2)"]
    read = [a.read for a in second.news_feature.tab.model.articles()]
    assert read == [True, True, False]


def test_relative_times_move_on_without_refetching(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path,
    server: LocalServer
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    model = application.news_feature.tab.model
    newest = model.article_at(0)
    assert newest is not None
    assert model.meta_text(newest).endswith("5 minuten geleden")
    requests_before = len(server.requests)
    later = datetime.now(timezone.utc) + timedelta(minutes=55)
    assert model.meta_text(newest, now=later) == "NU.nl Binnenland · 1 uur geleden"
    application.news_feature.tab._tick.timeout.emit()  # the minute tick: redraw, no fetch
    assert len(server.requests) == requests_before


def test_offline_keeps_the_cached_news_and_shows_a_banner(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path,
    server: LocalServer
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = application.news_feature.tab
    assert not tab.banner.isVisible()
    server.stop()  # the network goes away: connections are refused
    application.news.refresh(force=True)
    wait_for_rounds(application, qtbot, 1)
    qtbot.waitUntil(tab.banner.isVisible)
    assert tab.banner_text.text() == "Offline — je ziet opgeslagen nieuws"
    assert tab.retry_button.isVisible() and tab.retry_button.text() == "Opnieuw proberen"
    assert list_titles(application) == [item.title for item in BINNENLAND]
    done: list[object] = []
    application.news.refresh_finished.connect(done.append)
    qtbot.mouseClick(tab.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done))
    assert list_titles(application) == [item.title for item in BINNENLAND]


def test_first_run_without_network_shows_words_not_a_blank_pane(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    dead = LocalServer().start()
    url = dead.url("/feed.xml")
    dead.stop()
    feeds = write_catalogue(tmp_path / "dead.json",
                            [("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)])])
    application = started(make_app, qtbot, feeds)
    tab = application.news_feature.tab
    assert tab.list_stack.currentWidget() is tab.empty
    assert tab.empty.text().startswith("Nog geen nieuws: er is geen verbinding.")
    assert tab.banner.isVisible()


def test_a_failing_feed_is_named_in_the_status_bar(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    good = serve_feed(server, "/ok.xml", "NOS Sport", [Item("Ajax wint", "AMSTERDAM - Ajax wint.")])
    server.route("/broken.xml", Response(500, b"oops"))
    server.route("/page.html", Response(200, b"<html><body>Welkom</body></html>"))
    feeds = write_catalogue(tmp_path / "f.json", [("sport", "Sport", "Sport", [
        ("NOS Sport", good), ("NU.nl Sport", server.url("/broken.xml")),
        ("Omroep Zeeland", server.url("/page.html"))])])
    application = started(make_app, qtbot, feeds)
    status = application.window.news_status.text()
    assert "NU.nl Sport: De website van de nieuwsbron gaf een fout" in status
    assert "HTTP" not in status  # no jargon in the words a user reads
    assert "Omroep Zeeland: Op dit adres staat geen nieuwsbron" in status
    assert list_titles(application) == ["Ajax wint"]


def test_article_view_runs_no_script_and_keeps_links_outside(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    evil = Item("Gewoon nieuws", "", html="<p>DEN HAAG - Tekst.<script>alert(1)</script>"
                "<img src=x onerror=alert(2)><a href='javascript:alert(3)'>klik</a></p>")
    url = serve_feed(server, "/evil.xml", "Evil", [evil])
    feeds = write_catalogue(tmp_path / "f.json", [("binnenland", "Binnenland", "Netherlands",
                                                   [("Evil", url)])])
    application = started(make_app, qtbot, feeds)
    tab = application.news_feature.tab
    tab.select_row(0)
    article = tab.current_article()
    assert article is not None
    html = tab.article_html(article).lower()
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_switching_a_category_off_in_settings_hides_it(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path
) -> None:
    from zeelandnet_desktop.ui.news.settings_page import NewsSettingsPage

    application = started(make_app, qtbot, news_feeds)
    page = NewsSettingsPage(application.settings, application.news)
    qtbot.addWidget(page)
    page.categories.item(1).setCheckState(Qt.CheckState.Unchecked)
    page.apply()
    assert application.settings.get(keys.DISABLED_CATEGORIES) == ["buitenland"]
    qtbot.waitUntil(lambda: len(category_texts(application)) == 1)
    QApplication.processEvents()


def png_bytes() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#0b4f8a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.mark.parametrize("allowed", [False, True])
def test_pictures_load_only_when_the_user_allows_them(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path,
    allowed: bool
) -> None:
    server.route("/foto.png", Response(200, png_bytes(), content_type="image/png"))
    url = serve_feed(server, "/f.xml", "NOS", [Item("Zeeuwse dijken", "MIDDELBURG - Tekst.",
                                                    image=server.url("/foto.png"))])
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland",
                                                   [("NOS", url)])])
    settings_file = profile_dir / "config" / "zeelandnet-desktop.ini"
    from zeelandnet_desktop.settings import Settings

    settings = Settings(settings_file)
    settings.set(keys.REMOTE_IMAGES, allowed)
    settings.sync()
    application = started(make_app, qtbot, feeds)
    tab = application.news_feature.tab
    tab.select_row(0)
    article = tab.current_article()
    assert article is not None and article.image_url == server.url("/foto.png")
    if allowed:
        qtbot.waitUntil(lambda: "<img" in tab.article_html(article))
        assert len(server.requests_for("/foto.png")) == 1
    else:
        application.news.refresh(force=True)  # a later round: still no picture fetched
        wait_for_rounds(application, qtbot, 1)
        assert "<img" not in tab.article_html(article)
        assert server.requests_for("/foto.png") == []

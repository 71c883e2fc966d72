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
from tests.support.newstab import (
    category_texts,
    choose_category,
    list_titles,
    plain,
    wait_for_rounds,
)
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


def test_categories_with_unread_counts_and_newest_first(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    assert category_texts(application) == ["Binnenland (3)", "Buitenland (2)"]
    assert list_titles(application) == [item.title for item in BINNENLAND]
    header = application.news_feature.tab.header
    assert header.updated.text().startswith("Bijgewerkt om ")
    assert header.problems.isHidden()  # every source did its job: no problem words


def test_selecting_shows_the_article_and_marks_it_read(
    make_app: AppFactory, qtbot: QtBot, news_feeds: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, news_feeds)
    tab = application.news_feature.tab
    choose_category(application, qtbot, 1)
    tab.select_row(0)
    text = plain(tab.view.toPlainText())
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
    qtbot.waitUntil(lambda: tab.pane.stack.currentWidget() is tab.pane.empty)
    assert "marsmannetjes" in tab.pane.empty.text()


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
    tab = application.news_feature.tab
    model = tab.model
    now = datetime.now(timezone.utc)
    # A zone where it is noon now: an hour on is the same day whenever the test runs.
    noon = timezone(timedelta(hours=12 - now.hour))
    tab.set_clock(lambda: now, noon)
    newest = model.articles()[0]
    assert plain(model.meta_text(newest)).endswith("5 minuten geleden")
    requests_before = len(server.requests)
    later = now + timedelta(minutes=55)
    assert plain(model.meta_text(newest, now=later)) == "NU.nl Binnenland · 1 uur geleden"
    tab.set_clock(lambda: later, noon)  # the minute tick an hour on: times move, no fetch
    tab._tick.timeout.emit()
    assert len(server.requests) == requests_before
    row = model.row_of(newest.id)
    accessible = model.data(model.index(row), Qt.ItemDataRole.AccessibleTextRole)
    assert plain(accessible).endswith("NU.nl Binnenland · 1 uur geleden")


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
    assert tab.banner.text.text() == "Offline — je ziet eerder opgehaald nieuws"
    assert tab.banner.retry.isVisible() and tab.banner.retry.text() == "Opnieuw proberen"
    assert list_titles(application) == [item.title for item in BINNENLAND]
    assert tab.header.updated.text().startswith("Bijgewerkt om ")  # the last time it worked
    assert tab.header.problems.isHidden()  # not seventeen times "no connection"
    done: list[object] = []
    application.news.refresh_finished.connect(done.append)
    qtbot.mouseClick(tab.banner.retry, Qt.MouseButton.LeftButton)
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
    assert tab.pane.stack.currentWidget() is tab.pane.empty
    assert tab.pane.empty.text().startswith("Nog geen nieuws: er is geen verbinding.")
    assert tab.banner.isVisible()
    # Nothing was saved and nothing fetched: no word of saved news, no "updated at".
    assert tab.banner.text.text() == ("Er is geen internetverbinding. Het nieuws verschijnt "
                                      "zodra je weer online bent.")
    assert "bewaard" not in tab.banner.text.text() and "opgehaald" not in tab.banner.text.text()
    assert tab.header.updated.isHidden()


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
    header = application.news_feature.tab.header
    assert header.problems.text() == "2 nieuwsbronnen werken niet — details"
    assert header.updated.text().startswith("Bijgewerkt om ")  # one source did work
    assert list_titles(application) == ["Ajax wint"]
    rows = details_rows(application, qtbot)
    assert rows == [
        ("NU.nl Sport", "Sport", "De website van de nieuwsbron gaf een fout", "foutcode 500"),
        ("Omroep Zeeland", "Sport", "Op dit adres staat geen nieuwsbron", ""),
    ]
    assert not any("HTTP" in " ".join(row) for row in rows)  # no jargon in what users read
    assert application.window.news_status.text() == ""  # the news speaks in its own tab


def details_rows(application: Shell, qtbot: QtBot) -> list[tuple[str, str, str, str]]:
    """Click "details" and read the window that opens."""
    from PySide6.QtCore import QTimer

    from zeelandnet_desktop.ui.news.dialogs import SourceProblemsDialog

    rows: list[tuple[str, str, str, str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SourceProblemsDialog)
        rows.extend(dialog.rows())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.mouseClick(application.news_feature.tab.header.problems, Qt.MouseButton.LeftButton)
    return rows


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
        qtbot.waitUntil(lambda: tab.view.has_picture(server.url("/foto.png")))
        assert server.url("/foto.png") in tab.article_html(article)
        assert len(server.requests_for("/foto.png")) == 1  # the list's and the article's
    else:
        application.news.refresh(force=True)  # a later round: still no picture fetched
        wait_for_rounds(application, qtbot, 1)
        assert "<img" not in tab.article_html(article)
        assert server.requests_for("/foto.png") == []

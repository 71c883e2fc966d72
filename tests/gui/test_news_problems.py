"""When news sources fail: a short, true summary with every source one click away, sources
that asked us to wait named with the time, an empty news source is no problem, and saved news
that had to be set aside keeps its notice while offline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import RSS_TYPE, Item, rss, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response, closed_port_url
from tests.support.newstab import list_titles, one_more_round, tab_of, wait_for_rounds
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.news.dialogs import SourceProblemsDialog


def details(application: Shell, qtbot: QtBot) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SourceProblemsDialog)
        rows.extend(dialog.rows())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.mouseClick(tab_of(application).header.problems, Qt.MouseButton.LeftButton)
    return rows


def test_many_unreachable_sources_are_summed_up_with_the_list_one_click_away(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    good = serve_feed(server, "/ok.xml", "NOS", [Item("Ajax wint", "AMSTERDAM - Ajax wint.")])
    dead = [(f"Streekbron {n}", closed_port_url(f"/feed{n}.xml")) for n in range(12)]
    feeds = write_catalogue(tmp_path / "f.json", [
        ("regio", "Regio", "Region", dead), ("sport", "Sport", "Sport", [("NOS", good)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    header = tab_of(application).header
    assert header.problems.text() == "12 nieuwsbronnen niet bereikbaar — details"
    assert header.updated.text().startswith("Bijgewerkt om ")
    assert tab_of(application).banner.isHidden()  # one source worked: we are not offline
    rows = details(application, qtbot)
    assert [row[0] for row in rows] == [name for name, _url in dead]
    assert {row[1:3] for row in rows} == {("Regio", "Geen internetverbinding")}


def test_a_source_that_asks_us_to_wait_is_named_with_the_time(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    server.route("/busy.xml", Response(429, b"slow down", {"Retry-After": "3600"}))
    other = LocalServer().start()  # another site: its news is not held back
    try:
        good = serve_feed(other, "/ok.xml", "NOS", [Item("Ajax wint", "AMSTERDAM - Ajax.")])
        feeds = write_catalogue(tmp_path / "f.json", [("sport", "Sport", "Sport", [
            ("NU.nl Sport", server.url("/busy.xml")), ("NOS Sport", good)])])
        application = make_app(feeds=feeds)
        wait_for_rounds(application, qtbot)
        header = tab_of(application).header
        report = application.news.last_report
        assert report is not None
        until = next(o.next_allowed for o in report.outcomes if o.name == "NU.nl Sport")
        assert until is not None
        clock = until.astimezone().strftime("%H:%M")
        said = f"NU.nl Sport vraagt ons te wachten tot {clock} — details"
        assert header.problems.text() == said
        asked_before = len(server.requests)

        one_more_round(application, qtbot)  # the site asked for an hour: no request to it
        assert len(server.requests) == asked_before
        assert header.problems.text() == said
        assert header.updated.text().startswith("Bijgewerkt om ")
        rows = details(application, qtbot)
        assert rows == [("NU.nl Sport", "Sport", f"De website vraagt ons te wachten tot {clock}; "
                         "dan wordt de nieuwsbron weer opgehaald", "")]
        assert list_titles(application) == ["Ajax wint"]
    finally:
        other.stop()


def test_a_category_whose_sources_all_failed_says_so(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    good = serve_feed(server, "/ok.xml", "NOS", [Item("Ajax wint", "AMSTERDAM - Ajax.")])
    feeds = write_catalogue(tmp_path / "f.json", [
        ("regio", "Regio", "Region", [("Streekbron", closed_port_url("/feed.xml"))]),
        ("sport", "Sport", "Sport", [("NOS", good)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    assert tab.current_category() == "regio"
    assert tab.pane.empty.text() == ("De nieuwsbronnen van deze categorie konden niet worden "
                                     "opgehaald. Kies ‘details’ boven de lijst om te zien "
                                     "waarom.")


def test_an_empty_news_source_is_not_a_problem(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    server.route("/empty.xml", Response(200, rss("Omroep Zeeland", []), content_type=RSS_TYPE))
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland", [
        ("Omroep Zeeland", server.url("/empty.xml"))])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    assert tab.header.problems.isHidden()
    assert tab.header.updated.text().startswith("Bijgewerkt om ")
    assert tab.pane.empty.text() == "Nog geen nieuws. Druk op F5 om het op te halen."


def test_saved_news_set_aside_keeps_its_notice_while_offline(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    database = profile_dir / "data" / "news.sqlite3"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"this is not a database " * 400)
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland", [
        ("Omroep Zeeland", closed_port_url("/feed.xml"))])])
    application = make_app(feeds=feeds)
    tab = tab_of(application)
    assert tab.banner.isVisible()
    assert tab.banner.text.text().startswith("Het bewaarde nieuws kon niet worden gelezen")
    wait_for_rounds(application, qtbot)
    text = tab.banner.text.text()
    assert text.startswith("Het bewaarde nieuws kon niet worden gelezen en is apart gezet.")
    assert "geen internetverbinding" in text
    assert "eerder opgehaald nieuws" not in text  # there is none to see
    assert tab.banner.retry.isVisible()
    assert tab.pane.empty.text().startswith("Nog geen nieuws: er is geen verbinding.")
    assert list(database.parent.glob("news.sqlite3.corrupt-*"))  # kept, not thrown away

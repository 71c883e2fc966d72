"""News as it arrives: each news source's articles show as soon as that source is stored, and
the list keeps the user's place while more come in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import RSS_TYPE, Item, rss, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Request, Response
from tests.support.newstab import list_titles, settled, tab_of, wait_for_rounds

FAST = [Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De boot vaart.",
             minutes_ago=20),
        Item("Dijken worden versterkt", "MIDDELBURG - Het waterschap begint.", minutes_ago=40)]
SLOW = [Item("Nieuwe premier op Curaçao", "WILLEMSTAD (ANP) - Er is een premier.",
             minutes_ago=10)]


class Gate:
    """A route that answers only when the test opens the gate: a slow news source whose
    slowness does not depend on the clock."""

    def __init__(self, body: bytes) -> None:
        self._open = threading.Event()
        self.body = body
        self.asked = threading.Event()

    def __call__(self, _request: Request) -> Response:
        self.asked.set()
        self._open.wait(30)
        return Response(200, self.body, content_type=RSS_TYPE)

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def gate() -> Iterator[Gate]:
    slow = Gate(rss("NOS", SLOW))
    yield slow
    slow.open()  # never leave a server thread waiting


def test_a_slow_source_holds_back_no_other_news(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path,
    gate: Gate,
) -> None:
    set_language(profile_dir, "nl")
    fast = serve_feed(server, "/fast.xml", "Omroep Zeeland", FAST)
    server.route("/slow.xml", gate)
    feeds = write_catalogue(tmp_path / "f.json", [("net-binnen", "Net binnen", "Just in", [
        ("NOS", server.url("/slow.xml")), ("Omroep Zeeland", fast)])])
    application = make_app(feeds=feeds)
    tab = tab_of(application)
    # The fast source is listed while the slow one has not even answered yet.
    qtbot.waitUntil(lambda: list_titles(application) == [item.title for item in FAST],
                    timeout=10_000)
    assert gate.asked.is_set() and application.news.is_refreshing
    assert tab.header.progress.isVisible()
    assert tab.header.progress.text() == "Nieuws ophalen… 1 van 2"
    assert tab.categories.item(1).text() == "Net binnen (2)"

    gate.open()
    wait_for_rounds(application, qtbot)
    assert list_titles(application) == [SLOW[0].title] + [item.title for item in FAST]
    assert tab.categories.item(1).text() == "Net binnen (3)"
    assert tab.header.progress.isHidden()


def test_the_article_being_read_stays_selected_while_news_arrives(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path,
    gate: Gate,
) -> None:
    fast = serve_feed(server, "/fast.xml", "Omroep Zeeland", FAST)
    server.route("/slow.xml", gate)
    feeds = write_catalogue(tmp_path / "f.json", [("net-binnen", "Net binnen", "Just in", [
        ("NOS", server.url("/slow.xml")), ("Omroep Zeeland", fast)])])
    application = make_app(feeds=feeds)
    tab = tab_of(application)
    qtbot.waitUntil(lambda: len(list_titles(application)) == 2, timeout=10_000)
    tab.select_row(1)
    reading = tab.current_article()
    assert reading is not None and reading.title == FAST[1].title
    tab.view.verticalScrollBar().setValue(tab.view.verticalScrollBar().maximum())
    gate.open()
    wait_for_rounds(application, qtbot)
    settled(application, qtbot)
    # A new article came in above it: the same article is still selected and open, not
    # opened again (its place in the reading pane kept), and it is still read.
    current = tab.model.article_at(tab.list.currentIndex().row())
    assert current is not None and current.id == reading.id and current.read
    assert tab.current_article() is not None and tab.current_article().id == reading.id  # type: ignore[union-attr]
    assert list_titles(application)[0] == SLOW[0].title

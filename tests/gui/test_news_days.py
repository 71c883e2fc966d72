"""Dates by calendar day on the user's wall clock: the list under Vandaag, Gisteren, weekday and
date; older articles show their date; the minute tick moves the times (and at midnight the
headings) without opening the article again. The clock and the zone are set, never the
machine's."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import RSS_TYPE, Item, rss, write_catalogue
from tests.support.localserver import LocalServer, Response
from tests.support.newstab import plain, settled, tab_of, wait_for_rounds
from zeelandnet_desktop.shell import Shell

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=AMSTERDAM)  # type: ignore[misc]


def items_at(now: datetime, titles_and_times: list[tuple[str, datetime]]) -> list[Item]:
    return [Item(title, f"MIDDELBURG - {title}.",
                 minutes_ago=(now - when).total_seconds() / 60)
            for title, when in titles_and_times]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now.astimezone(timezone.utc)


def start_at(make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
             now: datetime, titles_and_times: list[tuple[str, datetime]]) -> tuple[Shell, Clock]:
    body = rss("Omroep Zeeland", items_at(now, titles_and_times), now=now)
    server.route("/f.xml", Response(200, body, content_type=RSS_TYPE))
    url = server.url("/f.xml")
    feeds = write_catalogue(tmp_path / "f.json", [("zeeland", "Zeeland", "Zeeland",
                                                   [("Omroep Zeeland", url)])])
    application = make_app(feeds=feeds)
    clock = Clock(now)
    tab_of(application).set_clock(clock, AMSTERDAM)
    wait_for_rounds(application, qtbot)
    return application, clock


def sections(application: Shell) -> list[tuple[str, list[str]]]:
    """The list as read from top to bottom: each heading with the titles under it."""
    model = tab_of(application).model
    found: list[tuple[str, list[str]]] = []
    for row in range(model.rowCount()):
        article = model.article_at(row)
        if article is None:
            found.append((str(model.data(model.index(row))), []))
        else:
            found[-1][1].append(article.title)
    return found


def meta_of(application: Shell, title: str) -> str:
    model = tab_of(application).model
    article = next(a for a in model.articles() if a.title == title)
    return plain(model.meta_text(article))


def test_the_list_is_grouped_by_calendar_day_and_regrouped_at_midnight(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    now = local(2026, 11, 24, 23, 58)  # a Tuesday, two minutes to midnight
    application, clock = start_at(make_app, qtbot, server, tmp_path, now, [
        ("Late raadsvergadering", local(2026, 11, 24, 23, 48)),
        ("Vroege veerboot", local(2026, 11, 24, 0, 10)),  # nearly 24 hours ago: still today
        ("Storm op maandag", local(2026, 11, 23, 23, 50)),  # not 24 hours ago: yesterday
        ("Markt op zondag", local(2026, 11, 22, 8, 0)),
        ("Vorige week", local(2026, 11, 16, 12, 0)),
    ])
    assert sections(application) == [
        ("Vandaag", ["Late raadsvergadering", "Vroege veerboot"]),
        ("Gisteren", ["Storm op maandag"]),
        ("Zondag", ["Markt op zondag"]),
        ("16 november", ["Vorige week"]),
    ]
    assert meta_of(application, "Late raadsvergadering") == "Omroep Zeeland · 10 minuten geleden"
    assert meta_of(application, "Storm op maandag") == "Omroep Zeeland · ma 23 nov 23:50"

    tab = tab_of(application)
    tab.select_row(0)
    assert "23:48 (10 minuten geleden)" in plain(tab.view.toPlainText())
    cursor = tab.view.textCursor()  # the user selects a word in the article
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    tab.view.setTextCursor(cursor)
    assert tab.view.textCursor().selectedText() == "Late"

    clock.now = local(2026, 11, 25, 0, 3)  # past midnight: Wednesday
    tab._tick.timeout.emit()
    assert sections(application) == [
        ("Gisteren", ["Late raadsvergadering", "Vroege veerboot"]),
        ("Maandag", ["Storm op maandag"]),
        ("Zondag", ["Markt op zondag"]),
        ("16 november", ["Vorige week"]),
    ]
    assert meta_of(application, "Late raadsvergadering") == "Omroep Zeeland · di 24 nov 23:48"
    # The article stays open and selected; only its time line moved on.
    assert tab.current_article() is not None
    assert tab.current_article().title == "Late raadsvergadering"  # type: ignore[union-attr]
    assert tab.model.article_at(tab.list.currentIndex().row()).title == "Late raadsvergadering"  # type: ignore[union-attr]
    assert "di 24 nov 23:48 (15 minuten geleden)" in plain(tab.view.toPlainText())
    assert tab.view.textCursor().selectedText() == "Late"  # not laid out again


def test_yesterday_across_the_autumn_clock_change(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    now = local(2026, 10, 26, 0, 30)  # Monday; Sunday 25 October had 25 hours
    application, _clock = start_at(make_app, qtbot, server, tmp_path, now, [
        ("Net na middernacht", local(2026, 10, 26, 0, 5)),
        ("Zondag vroeg", local(2026, 10, 25, 0, 15)),  # 25 h 15 min ago: yesterday
        ("Zaterdag laat", local(2026, 10, 24, 23, 45)),
    ])
    assert sections(application) == [
        ("Vandaag", ["Net na middernacht"]),
        ("Gisteren", ["Zondag vroeg"]),
        ("Zaterdag", ["Zaterdag laat"]),
    ]
    tab = tab_of(application)
    tab.select_row(1)
    assert "zo 25 okt 00:15 (gisteren)" in plain(tab.view.toPlainText())
    tab.select_row(2)
    assert "za 24 okt 23:45 (2 dagen geleden)" in plain(tab.view.toPlainText())


def test_yesterday_across_the_spring_clock_change(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    now = local(2026, 3, 30, 0, 30)  # Monday; Sunday 29 March had 23 hours
    application, _clock = start_at(make_app, qtbot, server, tmp_path, now, [
        ("Zondagavond", local(2026, 3, 29, 23, 50)),
        ("Zondag vroeg", local(2026, 3, 29, 0, 45)),  # 22 h 45 min ago, but yesterday
    ])
    assert sections(application) == [("Gisteren", ["Zondagavond", "Zondag vroeg"])]
    assert meta_of(application, "Zondag vroeg") == "Omroep Zeeland · zo 29 mrt 00:45"
    tab = tab_of(application)
    tab.select_row(1)
    assert "zo 29 mrt 00:45 (22 uur geleden)" in plain(tab.view.toPlainText())


def test_english_headings_and_dates(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "en")
    now = local(2026, 11, 24, 12, 0)
    application, _clock = start_at(make_app, qtbot, server, tmp_path, now, [
        ("Today's news", local(2026, 11, 24, 11, 0)),
        ("Yesterday's news", local(2026, 11, 23, 18, 58)),
    ])
    assert sections(application) == [("Today", ["Today's news"]),
                                      ("Yesterday", ["Yesterday's news"])]
    assert meta_of(application, "Yesterday's news") == "Omroep Zeeland · Mon 23 Nov 18:58"
    settled(application, qtbot)

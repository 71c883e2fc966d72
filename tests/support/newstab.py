"""Driving the news tab in tests: wait for rounds and for the list (it is read off the GUI
thread), and read what the user sees."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from zeelandnet_desktop.shell import Shell
    from zeelandnet_desktop.ui.news.tab import NewsTab

BIDI = str.maketrans("", "", "\u2068\u2069")


def plain(text: str) -> str:
    """Text as a reader sees it: without the invisible bidi isolation marks."""
    return text.translate(BIDI)


def tab_of(application: Shell) -> NewsTab:
    return application.news_feature.tab


def settled(application: Shell, qtbot: QtBot) -> None:
    """The list shows what the store holds now."""
    qtbot.waitUntil(lambda: tab_of(application).list_settled, timeout=10_000)


def wait_for_rounds(application: Shell, qtbot: QtBot, rounds: int = 1) -> None:
    done: list[object] = []
    application.news.refresh_finished.connect(done.append)
    if application.news.last_report is not None and not application.news.is_refreshing:
        done.append(application.news.last_report)
    qtbot.waitUntil(lambda: len(done) >= rounds, timeout=20_000)
    settled(application, qtbot)


def one_more_round(application: Shell, qtbot: QtBot) -> None:
    with qtbot.waitSignal(application.news.refresh_finished, timeout=20_000):
        application.news.refresh(force=True)
    settled(application, qtbot)


def category_texts(application: Shell) -> list[str]:
    """The categories' texts (the Voorpagina's entry above them is not one)."""
    categories = tab_of(application).categories
    return [categories.item(i).text() for i in range(1, categories.count())]


def list_titles(application: Shell) -> list[str]:
    return [article.title for article in tab_of(application).model.articles()]


def choose_category(application: Shell, qtbot: QtBot, row: int) -> None:
    """Choose the `row`th category (0: the first below the Voorpagina)."""
    tab_of(application).categories.setCurrentRow(row + 1)
    settled(application, qtbot)


def open_on_first_category(profile: Path, feeds: Path) -> None:
    """The profile shows the catalogue's first category when it starts (as when the user had
    chosen it last), not the Voorpagina a new profile opens on."""
    import json

    from zeelandnet_desktop import settings as keys
    from zeelandnet_desktop.settings import Settings

    categories = json.loads(feeds.read_text(encoding="utf-8")).get("categories") or []
    settings = Settings(profile_settings_file(profile))
    if categories and not settings.get(keys.LAST_NEWS_CATEGORY):
        first = min(categories, key=lambda c: (c.get("order", 1000), c["id"]))
        settings.set(keys.LAST_NEWS_CATEGORY, first["id"])
    settings.sync()


def profile_settings_file(profile: Path) -> Path:
    return profile / "config" / "zeelandnet-desktop.ini"

"""The app's side of a notification test: a catalogue with one category marked for breaking
news, settings made before the app starts, refresh rounds, and a barrier that tells when
everything the app sent has reached the notification server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from tests.support.feedgen import Item, serve_feed
from tests.support.localserver import LocalServer
from tests.support.notifications import Dunst
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.news import announce
from zeelandnet_desktop.settings import Settings
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.system.notifications import Announcement

FEED_PATH = "/net-binnen.xml"
CHANNEL = "NU.nl Algemeen"
BACKLOG = [Item("Veerboot Vlissingen-Breskens vaart weer",
                "VLISSINGEN - De veerboot vaart weer.", minutes_ago=5, guid="backlog-1")]
BREAKING = Item("Dijk bij Kruiningen wordt versterkt",
                "KRUININGEN (ANP) - Het waterschap begint maandag aan de dijk.\nMeer volgt.",
                minutes_ago=1, guid="breaking-1")
WHERE_FROM = "NU.nl · Net binnen"  # source and category, as the bubble says them


def breaking_catalogue(server: LocalServer, folder: Path) -> Path:
    """A catalogue whose one category is marked for notifications, like "Net binnen"; its
    feed holds the backlog until a test serves more with `serve`."""
    url = serve(server, BACKLOG)
    path = folder / "feeds.json"
    path.write_text(json.dumps({"version": 1, "categories": [
        {"id": "net-binnen", "name": {"nl": "Net binnen", "en": "Just in"}, "order": 0,
         "notify": True, "feeds": [{"name": "NU.nl", "url": url}]},
        {"id": "sport", "name": {"nl": "Sport", "en": "Sport"}, "order": 1, "notify": False,
         "feeds": []},
    ]}), encoding="utf-8")
    return path


def serve(server: LocalServer, items: list[Item]) -> str:
    return serve_feed(server, FEED_PATH, CHANNEL, items)


def preset(profile_dir: Path, **values: Any) -> None:
    """Settings before the app starts. Quiet hours off: these tests must pass at night too."""
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.QUIET_HOURS, False)
    settings.set(keys.LANGUAGE, "nl")  # what users see; compared through app_text()
    for name, value in values.items():
        settings.set(getattr(keys, name), value)
    settings.sync()


def app_text(source: str, context: str = "Tray") -> str:
    """A string as the app shows it now (Dutch once its translation is merged)."""
    return QCoreApplication.translate(context, source)


def notice_text(source: str) -> str:
    """A notification's own words (new mail, its buttons) as the app shows them now."""
    return app_text(source, "Notifications")


def one_round(application: Shell, qtbot: QtBot) -> None:
    with qtbot.waitSignal(application.news.refresh_finished, timeout=20_000):
        application.news.refresh(force=True)


def first_round(application: Shell, qtbot: QtBot) -> None:
    if application.news.last_report is None or application.news.is_refreshing:
        qtbot.waitSignal(application.news.refresh_finished, timeout=20_000).wait()


def notifications_ready(application: Shell, qtbot: QtBot) -> None:
    """The app has found out where its notifications go (it asks off the GUI thread)."""
    qtbot.waitUntil(lambda: application.notices is not None
                    and application.notices.reach() is not None, timeout=10_000)


def with_barrier(application: Shell, qtbot: QtBot, dunst: Dunst,
                 before: int) -> list[tuple[str, str]]:
    """Everything the app sent until now: a last message through the app's own notifier (one
    worker, one bus connection, in order) arrives after any it sent earlier, so once it is in,
    nothing earlier is still on its way. A kind of its own, so it replaces nothing."""
    notifications_ready(application, qtbot)
    assert application.notices is not None and application.notices.notifier is not None
    application.notices.notifier.notify(
        Announcement("barrier", announce.WINDOW_KEY, "barrier", "end of test"))
    received = dunst.received(qtbot, before + 1)
    assert received[-1] == ("barrier", "end of test")
    return received[:-1]

"""Notifications as a user meets them, against the real dunst on the desktop pass's private bus:
what the Notify call carries (read with dbus-monitor), dunst's own click reaching us, one bubble
per kind, closes reported back; and the tray-message fallback."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime, time, timedelta, timezone

import pytest
from jeepney.io.blocking import open_dbus_connection
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.support.notifications import NotifyMonitor, displayed, dunstctl, need_dunst
from zeelandnet_desktop import i18n
from zeelandnet_desktop.assets import resource_path
from zeelandnet_desktop.news import announce, breaking
from zeelandnet_desktop.news.model import Article
from zeelandnet_desktop.system import freedesktop, notifications
from zeelandnet_desktop.system.freedesktop import ServerTraits
from zeelandnet_desktop.system.notifications import Announcement, FreedesktopNotifier
from zeelandnet_desktop.ui.tray.balloon import BalloonNotifier, GuiPost, translate

ICON = resource_path("icons", "zeelandnet-desktop.png")
NOW = datetime.now(timezone.utc)


def news(n: int, title: str) -> Announcement:
    """A breaking-news announcement as the rule and the text functions make it."""
    article = Article(
        id=f"id-{n}", feed_url="https://feed", category="buitenland", source="NOS",
        title=title, link=f"https://nos.nl/{n}", published=NOW, first_seen=NOW,
        summary_html="", summary_text="", lead="Het waterschap <begint> maandag & meer.",
        places=(), agencies=(), image_url=None)
    situation = breaking.Situation(now=NOW + timedelta(minutes=1), local_time=time(12),
                                   notify_categories=frozenset({"buitenland"}),
                                   category_names={"buitenland": "Buitenland"})
    note = breaking.decide([article], situation).notification
    assert note is not None
    text = announce.breaking_text(note)
    return Announcement(notifications.NEWS, announce.news_key(note), *text)


def mail(count: int) -> Announcement:
    text = announce.mail_text(count, [("Jan Jansen", "Afspraak morgen")], translate=translate)
    return Announcement(notifications.MAIL, announce.MAIL_KEY, *text,
                        category=notifications.MAIL_CATEGORY)


class Heard:
    """The notifier's callbacks, with the thread each ran on."""

    def __init__(self) -> None:
        self.activated: list[tuple[str, str]] = []
        self.closed: list[tuple[str, str]] = []
        self.paused: list[str] = []
        self.threads: set[threading.Thread] = set()

    def on_activated(self, key: str, action: str) -> None:
        self.threads.add(threading.current_thread())
        self.activated.append((key, action))

    def on_closed(self, key: str, reason: str) -> None:
        self.threads.add(threading.current_thread())
        self.closed.append((key, reason))

    def on_pause(self, key: str) -> None:
        self.paused.append(key)


@pytest.fixture
def monitor(qtbot: QtBot) -> Iterator[NotifyMonitor]:
    need_dunst()
    dunstctl("close-all")
    watcher = NotifyMonitor()
    qtbot.waitUntil(watcher.ready, timeout=10_000)
    yield watcher
    watcher.stop()
    dunstctl("close-all")


@pytest.fixture
def heard() -> Heard:
    return Heard()


@pytest.fixture
def notifier(qapp: QApplication, heard: Heard,
             monitor: NotifyMonitor) -> Iterator[FreedesktopNotifier]:
    before = i18n.current_language()
    i18n.install_translators(qapp, "nl")
    post = GuiPost()
    made = FreedesktopNotifier(on_activated=heard.on_activated, on_closed=heard.on_closed,
                               on_pause=heard.on_pause, post=post, translate=translate,
                               icon=str(ICON), reply_timeout=5.0)
    yield made
    made.close()
    i18n.install_translators(qapp, before)


def shown(notifier: FreedesktopNotifier, announcement: Announcement) -> int:
    notification_id = notifier.notify(announcement).result(timeout=10)
    assert notification_id is not None
    return notification_id


# --- the desktop pass ------------------------------------------------------------------------

@pytest.mark.desktop
def test_the_bubble_carries_our_name_icon_desktop_entry_and_actions(
        notifier: FreedesktopNotifier, monitor: NotifyMonitor, qtbot: QtBot) -> None:
    shown(notifier, news(1, "Dijk bij Kruiningen wordt versterkt"))
    qtbot.waitUntil(lambda: len(monitor.calls()) == 1, timeout=10_000)
    [call] = monitor.calls()
    assert call["app"] == "ZeelandNet"
    assert call["icon"] == str(ICON) and ICON.is_file()
    assert call["hints"]["desktop-entry"] == "nl.zeelandnet.desktop"
    assert call["hints"]["urgency"] == 1
    assert call["actions"] == ["default", "Openen", "open", "Openen", "pause", "Een uur pauzeren"]
    assert call["summary"] == "Dijk bij Kruiningen wordt versterkt"
    # dunst parses body markup: our own <i>, the feed's text escaped.
    assert call["body"] == ("<i>NOS · Buitenland</i>\n"
                            "Het waterschap &lt;begint&gt; maandag &amp; meer.")
    assert call["replaces_id"] == 0
    qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)


@pytest.mark.desktop
def test_dunsts_click_opens_what_the_bubble_announced(
        notifier: FreedesktopNotifier, heard: Heard, qtbot: QtBot) -> None:
    announcement = news(2, "Storm op komst")
    shown(notifier, announcement)
    qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)
    dunstctl("action", "0")  # what a user's click does
    qtbot.waitUntil(lambda: heard.activated != [], timeout=10_000)
    assert heard.activated == [(announcement.key, "default")]
    assert announce.target_of(heard.activated[0][0]) == ("buitenland", "id-2")
    # A used bubble goes away, and the close is reported too; all on the GUI thread.
    qtbot.waitUntil(lambda: heard.closed != [], timeout=10_000)
    assert heard.closed == [(announcement.key, "closed")]
    assert displayed() == 0
    assert heard.threads == {threading.main_thread()}
    assert heard.paused == []


@pytest.mark.desktop
def test_a_second_round_updates_the_one_bubble_of_its_kind(
        notifier: FreedesktopNotifier, monitor: NotifyMonitor, heard: Heard,
        qtbot: QtBot) -> None:
    first = shown(notifier, news(3, "Eerste ronde"))
    second = shown(notifier, news(4, "Tweede ronde"))
    assert second == first
    qtbot.waitUntil(lambda: len(monitor.calls()) == 2, timeout=10_000)
    assert monitor.calls()[1]["replaces_id"] == first
    qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)
    # Mail is its own bubble, and a click on the news one opens the newest round's article.
    assert shown(notifier, mail(3)) != first
    qtbot.waitUntil(lambda: displayed() == 2, timeout=10_000)
    assert monitor.calls()[2]["hints"]["category"] == "email.arrived"
    assert monitor.calls()[2]["body"] == ("Je hebt 3 ongelezen berichten.\n"
                                          "<b>Jan Jansen</b>: Afspraak morgen")
    dunstctl("action", "0")  # the first one shown: the news bubble
    qtbot.waitUntil(lambda: heard.activated != [], timeout=10_000)
    assert heard.activated == [(news(4, "Tweede ronde").key, "default")]


@pytest.mark.desktop
def test_closes_are_reported_and_a_closed_bubble_is_not_replaced(
        notifier: FreedesktopNotifier, monitor: NotifyMonitor, heard: Heard,
        qtbot: QtBot) -> None:
    announcement = news(5, "Weggeklikt")
    first = shown(notifier, announcement)
    qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)
    dunstctl("close")  # the user closes it
    qtbot.waitUntil(lambda: heard.closed != [], timeout=10_000)
    assert heard.closed == [(announcement.key, "dismissed")]

    again = shown(notifier, news(6, "Nieuw bericht"))
    qtbot.waitUntil(lambda: len(monitor.calls()) == 2, timeout=10_000)
    assert monitor.calls()[1]["replaces_id"] == 0 and again != first
    notifier.dismiss(notifications.NEWS)  # taken back by the app
    qtbot.waitUntil(lambda: len(heard.closed) == 2, timeout=10_000)
    assert heard.closed[1] == (news(6, "Nieuw bericht").key, "closed")
    assert displayed() == 0 and heard.activated == []


@pytest.mark.desktop
def test_shutting_down_takes_the_bubbles_back_and_sends_nothing_more(
        notifier: FreedesktopNotifier, monitor: NotifyMonitor, qtbot: QtBot) -> None:
    shown(notifier, news(7, "Voor het afsluiten"))
    shown(notifier, mail(1))
    qtbot.waitUntil(lambda: displayed() == 2, timeout=10_000)
    notifier.close()
    qtbot.waitUntil(lambda: displayed() == 0, timeout=10_000)
    assert notifier.notify(news(8, "Na het afsluiten")).result(timeout=0) is None
    # A barrier: a call from another client after close() arrives after anything we sent.
    barrier = Announcement(notifications.HINT, "barrier", "barrier", "")
    with open_dbus_connection(bus="SESSION") as connection:
        connection.send_and_get_reply(freedesktop.notify_message(
            barrier, replaces_id=0, traits=ServerTraits(), icon="", translate=str,
            pause_offered=False), timeout=10)
    qtbot.waitUntil(lambda: any(c["summary"] == "barrier" for c in monitor.calls()),
                    timeout=10_000)
    assert [c["summary"] for c in monitor.calls()] == [
        "Voor het afsluiten", "Nieuwe e-mail", "barrier"]


@pytest.mark.desktop
def test_the_pause_button_asks_for_a_pause_not_an_open(
        notifier: FreedesktopNotifier, monitor: NotifyMonitor, heard: Heard,
        qtbot: QtBot) -> None:
    announcement = news(9, "Te veel nieuws")
    notification_id = shown(notifier, announcement)
    qtbot.waitUntil(lambda: len(monitor.calls()) == 1, timeout=10_000)
    # dunst has no command for a named button (only the default click), so the test sends the
    # signal dunst sends when "Een uur pauzeren" is chosen: ActionInvoked to the connection that
    # asked, which dbus-monitor named as the Notify call's sender.
    ours = monitor.calls()[0]["sender"]
    subprocess.run(["dbus-send", "--session", "--type=signal", f"--dest={ours}",
                    "/org/freedesktop/Notifications",
                    "org.freedesktop.Notifications.ActionInvoked",
                    f"uint32:{notification_id}", "string:pause"],
                   check=True, capture_output=True, timeout=10)
    qtbot.waitUntil(lambda: heard.paused != [], timeout=10_000)
    assert heard.paused == [announcement.key]
    assert heard.activated == []  # a pause opens nothing
    qtbot.waitUntil(lambda: displayed() == 0, timeout=10_000)  # and the used bubble goes


# --- the fallback: the tray's own messages ------------------------------------------------------

def test_a_click_on_a_tray_message_opens_what_it_announced(qapp: QApplication) -> None:
    icon = QSystemTrayIcon()
    clicks: list[tuple[str, str]] = []
    balloon = BalloonNotifier(icon, on_activated=lambda *a: clicks.append(a))
    assert balloon.notify(news(1, "Eerste")).result(timeout=0) == 1
    assert balloon.notify(mail(2)).result(timeout=0) == 2
    icon.messageClicked.emit()  # Qt's click on the message shown last
    assert clicks == [(announce.MAIL_KEY, "default")]
    icon.messageClicked.emit()  # nothing shown since: nothing to open
    assert clicks == [(announce.MAIL_KEY, "default")]
    balloon.close()
    assert balloon.notify(news(2, "Na het afsluiten")).result(timeout=0) is None
    icon.messageClicked.emit()
    assert len(clicks) == 1

"""Notifications as a user of the app meets them. On the desktop pass, against the real dunst:
what a real round's bubble carries, dunst's click opening the window on that article, one bubble
updated by the next round, the pause button, one bubble for one new mail, the real app quitting
on SIGTERM without a word, and the app without a tray. Offscreen: who speaks for new mail, and
a computer with nowhere to show notifications at all."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from jeepney.io.blocking import open_dbus_connection
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.conftest import require_service
from tests.gui.conftest import AppFactory
from tests.support.app_process import app_env, start_app, stop, wait_for_log
from tests.support.breaking_news import (
    BACKLOG,
    BREAKING,
    WHERE_FROM,
    app_text,
    breaking_catalogue,
    first_round,
    notice_text,
    notifications_ready,
    one_round,
    preset,
    serve,
    with_barrier,
)
from tests.support.feedgen import Item
from tests.support.localserver import LocalServer
from tests.support.notifications import (
    Dunst,
    NotifyMonitor,
    as_read,
    displayed,
    dunstctl,
    need_dunst,
    services,
    watching,
)
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.assets import resource_path
from zeelandnet_desktop.services.breaking import BreakingNewsService
from zeelandnet_desktop.settings import Settings
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.system import freedesktop
from zeelandnet_desktop.system.freedesktop import ServerTraits
from zeelandnet_desktop.system.notifications import HINT, Announcement
from zeelandnet_desktop.ui.tray.settings_page import TraySettingsPage

STORM = Item("Storm op komst", "VLISSINGEN - Code oranje voor de kust.", minutes_ago=0,
             guid="storm")
FLOOD = Item("Hoogwater in de Westerschelde", "TERNEUZEN - Het water stijgt.", minutes_ago=0.5,
             guid="flood")
PAGE_TITLE, PAGE_BODY = "Nieuw bericht", "Jan Jansen: Afspraak morgen"


def need_tray() -> None:
    require_service("tray" in services(), "a system tray (status-notifier-watcher)")


def settings_of(profile_dir: Path) -> Settings:
    return Settings(profile_dir / "config" / "zeelandnet-desktop.ini")


@pytest.fixture(autouse=True)
def no_real_desktop_offscreen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Outside the desktop pass the app must not reach the developer's own notification
    server: its session bus is one that does not exist."""
    if os.environ.get("ZND_DESKTOP_PASS") != "1":
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")


@pytest.fixture
def breaking_feeds(server: LocalServer, tmp_path: Path) -> Path:
    return breaking_catalogue(server, tmp_path)


@pytest.fixture
def monitor(qtbot: QtBot) -> Iterator[NotifyMonitor]:
    yield from watching(qtbot)


@pytest.fixture
def dunst(monitor: NotifyMonitor) -> Dunst:
    return Dunst()


def hidden_after_the_backlog(make_app: AppFactory, qtbot: QtBot, feeds: Path,
                             profile_dir: Path) -> Shell:
    """The app, its first round (the backlog: no news) done, its window closed to the tray."""
    preset(profile_dir, TRAY_HINT_SHOWN=True)
    application = make_app(feeds=feeds)
    first_round(application, qtbot)
    notifications_ready(application, qtbot)
    application.window.close()
    assert application.window.isHidden()
    return application


def after_first_paint(application: Shell, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: application.webmail_feature._tab is not None, timeout=10_000)


def bubble_ids(monitor: NotifyMonitor) -> int:
    """How many Notify calls the server has answered with a bubble id so far."""
    return sum(1 for call in monitor.calls() if call["id"] is not None)


def barrier_from_another_client(monitor: NotifyMonitor, qtbot: QtBot) -> None:
    """Once another client's Notify is seen, whatever an app sent before it is seen too."""
    barrier = Announcement(HINT, "barrier", "barrier", "")
    with open_dbus_connection(bus="SESSION") as connection:
        connection.send_and_get_reply(freedesktop.notify_message(
            barrier, replaces_id=0, traits=ServerTraits(), icon="", translate=str,
            pause_offered=False), timeout=10)
    qtbot.waitUntil(lambda: "barrier" in monitor.summaries(), timeout=10_000)


# --- the desktop pass: breaking news ------------------------------------------------------------

@pytest.mark.desktop
def test_a_rounds_bubble_carries_our_name_icon_and_buttons_and_a_click_opens_the_article(
    make_app: AppFactory, qtbot: QtBot, monitor: NotifyMonitor, server: LocalServer,
    breaking_feeds: Path, profile_dir: Path,
) -> None:
    need_tray()
    application = hidden_after_the_backlog(make_app, qtbot, breaking_feeds, profile_dir)
    serve(server, [BREAKING, *BACKLOG])
    one_round(application, qtbot)
    qtbot.waitUntil(lambda: monitor.summaries() == [BREAKING.title], timeout=10_000)
    [call] = monitor.calls()
    assert call["app"] == "ZeelandNet"
    icon = Path(call["icon"])
    assert icon == resource_path("icons", "zeelandnet-desktop.png") and icon.is_file()
    assert call["hints"]["desktop-entry"] == freedesktop.DESKTOP_ID
    assert call["hints"]["urgency"] == 1
    opened, pause = notice_text("Open"), notice_text("Pause for an hour")
    assert call["actions"] == ["default", opened, "open", opened, "pause", pause]
    assert as_read(call["body"]) == f"{WHERE_FROM}\nHet waterschap begint maandag aan de dijk."
    assert call["replaces_id"] == 0
    qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)

    dunstctl("action", "0")  # what a user's click on the bubble does
    qtbot.waitUntil(application.window.isVisible, timeout=10_000)
    assert application.window.current_tab() == "news"
    article = application.news_feature.tab.current_article()
    assert article is not None and article.title == BREAKING.title
    qtbot.waitUntil(lambda: displayed() == 0, timeout=10_000)  # a used bubble goes


@pytest.mark.desktop
def test_a_second_round_updates_the_one_bubble_and_a_click_opens_their_category(
    make_app: AppFactory, qtbot: QtBot, monitor: NotifyMonitor, dunst: Dunst,
    server: LocalServer, breaking_feeds: Path, profile_dir: Path,
) -> None:
    need_tray()
    application = hidden_after_the_backlog(make_app, qtbot, breaking_feeds, profile_dir)
    application.news_feature.tab.show_article("sport")  # where the user left the news
    serve(server, [BREAKING, *BACKLOG])
    one_round(application, qtbot)
    qtbot.waitUntil(lambda: bubble_ids(monitor) == 1, timeout=10_000)
    first = monitor.calls()[0]["id"]

    serve(server, [STORM, FLOOD, BREAKING, *BACKLOG])
    one_round(application, qtbot)
    qtbot.waitUntil(lambda: bubble_ids(monitor) == 2, timeout=10_000)
    second = monitor.calls()[1]
    several = app_text("%1 new articles").replace("%1", "2")
    assert (second["summary"], second["replaces_id"], second["id"]) == (several, first, first)
    assert as_read(second["body"]) == f"• {STORM.title} (NU.nl)\n• {FLOOD.title} (NU.nl)"
    assert displayed() == 1  # one bubble, with the newer words

    dunstctl("action", "0")
    qtbot.waitUntil(application.window.isVisible, timeout=10_000)
    tab = application.news_feature.tab
    assert application.window.current_tab() == "news" and tab.current_category() == "net-binnen"
    # dunst kept one bubble in all: the updated one.
    assert dunst.received(qtbot, 1) == [(several, as_read(second["body"]))]


@pytest.mark.desktop
def test_the_pause_button_on_a_bubble_pauses_for_an_hour(
    make_app: AppFactory, qtbot: QtBot, monitor: NotifyMonitor, server: LocalServer,
    breaking_feeds: Path, profile_dir: Path,
) -> None:
    need_tray()
    application = hidden_after_the_backlog(make_app, qtbot, breaking_feeds, profile_dir)
    assert application.tray is not None
    serve(server, [BREAKING, *BACKLOG])
    one_round(application, qtbot)
    qtbot.waitUntil(lambda: bubble_ids(monitor) == 1, timeout=10_000)
    call = monitor.calls()[0]
    # dunst has no command for a named button, so the test sends what dunst sends when
    # "Een uur pauzeren" is chosen: ActionInvoked, to the connection that asked.
    subprocess.run(["dbus-send", "--session", "--type=signal", f"--dest={call['sender']}",
                    "/org/freedesktop/Notifications",
                    "org.freedesktop.Notifications.ActionInvoked",
                    f"uint32:{call['id']}", "string:pause"],
                   check=True, capture_output=True, timeout=10)
    qtbot.waitUntil(lambda: application.settings.get(keys.PAUSED_UNTIL) > 0, timeout=10_000)
    until = datetime.fromtimestamp(application.settings.get(keys.PAUSED_UNTIL), timezone.utc)
    assert timedelta(minutes=59) < until - datetime.now(timezone.utc) <= timedelta(hours=1)
    assert application.tray.tray.action_resume.isEnabled()
    assert application.window.isHidden()  # a pause opens nothing
    qtbot.waitUntil(lambda: displayed() == 0, timeout=10_000)


# --- the desktop pass: mail ---------------------------------------------------------------------

@pytest.mark.desktop
def test_one_new_mail_gives_one_bubble_when_the_page_announces_it_too(
    make_app: AppFactory, qtbot: QtBot, dunst: Dunst, profile_dir: Path,
) -> None:
    need_tray()
    preset(profile_dir, TRAY_HINT_SHOWN=True, WEBMAIL_PROVIDER="zeelandnet")
    settings_of(profile_dir).set_map_entry(keys.WEBMAIL_NOTIFICATIONS, "zeelandnet", "granted")
    application = make_app()
    after_first_paint(application, qtbot)
    webmail = application.webmail_feature.tab
    webmail.unread_changed.emit(2)  # the count at start-up: not news
    application.window.close()
    # One check for mail on the page: its title's count rises and it says so itself.
    webmail.unread_changed.emit(3)
    webmail.web_notification.emit(PAGE_TITLE, PAGE_BODY)
    assert with_barrier(application, qtbot, dunst, 1) == [(PAGE_TITLE, PAGE_BODY)]


# --- the desktop pass: the real app, quitting and without a tray --------------------------------

@pytest.mark.desktop
def test_the_real_app_quitting_on_sigterm_sends_no_notification(
    profile_dir: Path, monitor: NotifyMonitor, qtbot: QtBot,
) -> None:
    need_tray()
    preset(profile_dir)  # the close-to-tray hint is still to come: a close would give it
    process = start_app(profile_dir, env=app_env())  # the window shown, the tray icon too
    try:
        wait_for_log(profile_dir, "Tray icon shown", process)
        wait_for_log(profile_dir, "Notifications: through the notification server", process)
    finally:
        code = stop(process)  # SIGTERM, as a logout does
    assert code == 0
    wait_for_log(profile_dir, "Quitting on signal 15")
    wait_for_log(profile_dir, "Stopped (exit code 0)")
    barrier_from_another_client(monitor, qtbot)
    assert monitor.summaries() == ["barrier"]
    assert not settings_of(profile_dir).get(keys.TRAY_HINT_SHOWN)  # still to come, once


@pytest.mark.desktop
def test_without_a_tray_breaking_news_still_reaches_the_desktop_and_a_click_opens_it(
    profile_dir: Path, monitor: NotifyMonitor, qtbot: QtBot, server: LocalServer,
    tmp_path: Path,
) -> None:
    feeds = breaking_catalogue(server, tmp_path)
    preset(profile_dir)
    # Offscreen has no tray; the session bus is the desktop pass's, with dunst on it. The
    # webmail tab in front keeps the news off screen.
    env = app_env(QT_QPA_PLATFORM="offscreen")
    launch = ("--webmail", "--feeds", str(feeds))
    first = start_app(profile_dir, *launch, env=env)
    try:
        wait_for_log(profile_dir, "No system tray", first)
        wait_for_log(profile_dir, "first refresh of this profile", first)  # the backlog
    finally:
        assert stop(first) == 0

    serve(server, [BREAKING, *BACKLOG])
    second = start_app(profile_dir, *launch, env=env)
    try:
        qtbot.waitUntil(lambda: monitor.summaries() == [BREAKING.title], timeout=30_000)
        assert monitor.calls()[0]["app"] == "ZeelandNet"
        qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)
        dunstctl("action", "0")
        wait_for_log(profile_dir, "Notification clicked (default): opening the article", second)
    finally:
        code = stop(second)
    assert code == 0
    assert settings_of(profile_dir).get(keys.LAST_TAB) == "news"  # the click showed the news
    barrier_from_another_client(monitor, qtbot)
    assert monitor.summaries() == [BREAKING.title, "barrier"]


@pytest.mark.desktop
def test_without_a_server_the_tray_messages_announce_and_a_click_opens_the_article(
    make_app: AppFactory, qtbot: QtBot, dunst: Dunst, server: LocalServer,
    breaking_feeds: Path, profile_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_tray()
    # Qt's own bus connection (the tray icon's) is made; the app's search for a notification
    # server then finds no bus at all, as on a desktop without one. Qt's tray messages still
    # reach dunst through Qt's connection (as toasts do on Windows), without buttons.
    assert QSystemTrayIcon.isSystemTrayAvailable()
    with monkeypatch.context() as patch:
        patch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={profile_dir}/no-bus")
        application = hidden_after_the_backlog(make_app, qtbot, breaking_feeds, profile_dir)
    assert application.notices is not None and application.notices.reach() == "tray"
    assert application.tray is not None
    serve(server, [BREAKING, *BACKLOG])
    one_round(application, qtbot)
    assert dunst.received(qtbot, 1) == [
        (BREAKING.title, f"{WHERE_FROM}\nHet waterschap begint maandag aan de dijk.")]
    application.tray.tray.icon.messageClicked.emit()  # Qt's click on its message
    qtbot.waitUntil(application.window.isVisible, timeout=10_000)
    article = application.news_feature.tab.current_article()
    assert article is not None and article.title == BREAKING.title


# --- offscreen: who speaks for new mail -----------------------------------------------------------

def hidden_with_mail(make_app: AppFactory, qtbot: QtBot, profile_dir: Path, *,
                     page_allowed: bool) -> tuple[Shell, BreakingNewsService]:
    preset(profile_dir, WEBMAIL_PROVIDER="zeelandnet")
    if page_allowed:
        settings_of(profile_dir).set_map_entry(keys.WEBMAIL_NOTIFICATIONS, "zeelandnet",
                                               "granted")
    application = make_app()
    after_first_paint(application, qtbot)
    assert application.breaking is not None
    application.report_unread_mail(2)  # the count at start-up: not news
    application.window.close()
    assert application.window_hidden()
    return application, application.breaking


def test_without_the_pages_own_notifications_ours_says_the_count_at_once(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    application, breaking = hidden_with_mail(make_app, qtbot, profile_dir, page_allowed=False)
    with qtbot.waitSignal(breaking.new_mail, timeout=1_000) as heard:
        application.report_unread_mail(3)
    assert heard.args == [3] and not breaking.mail_waiting


def test_the_pages_own_notification_speaks_for_the_mail_ours_stays_silent(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    application, breaking = hidden_with_mail(make_app, qtbot, profile_dir, page_allowed=True)
    with qtbot.assertNotEmitted(breaking.new_mail):
        application.report_unread_mail(3)
        assert breaking.mail_waiting  # the page may say it itself
        with qtbot.waitSignal(breaking.page_notification, timeout=1_000) as shown:
            application.report_web_notification(PAGE_TITLE, PAGE_BODY)
        assert not breaking.mail_waiting  # nothing of ours is left to come
    assert shown.args == [PAGE_TITLE, PAGE_BODY]


def test_the_page_speaking_just_before_the_count_rises_is_one_voice_too(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    application, breaking = hidden_with_mail(make_app, qtbot, profile_dir, page_allowed=True)
    with qtbot.waitSignal(breaking.page_notification, timeout=1_000):
        application.report_web_notification(PAGE_TITLE, PAGE_BODY)
    with qtbot.assertNotEmitted(breaking.new_mail):
        application.report_unread_mail(3)
        assert not breaking.mail_waiting


def test_when_the_page_stays_silent_ours_says_the_count_now(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    application, breaking = hidden_with_mail(make_app, qtbot, profile_dir, page_allowed=True)
    breaking.page_grace = timedelta(milliseconds=100)
    with qtbot.waitSignal(breaking.new_mail, timeout=5_000) as heard:
        application.report_unread_mail(3)
        application.report_unread_mail(4)  # more mail while waiting
    assert heard.args == [4]


def test_mail_read_elsewhere_while_waiting_is_not_announced(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    application, breaking = hidden_with_mail(make_app, qtbot, profile_dir, page_allowed=True)
    with qtbot.assertNotEmitted(breaking.new_mail):
        application.report_unread_mail(3)
        application.report_unread_mail(0)
        assert not breaking.mail_waiting


def test_the_pages_own_notification_keeps_the_calm_rules(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    application, breaking = hidden_with_mail(make_app, qtbot, profile_dir, page_allowed=True)
    breaking.pause_for_an_hour()
    with qtbot.assertNotEmitted(breaking.page_notification), \
            qtbot.assertNotEmitted(breaking.new_mail):
        application.report_unread_mail(3)
        application.report_web_notification(PAGE_TITLE, PAGE_BODY)  # paused: not shown
        assert not breaking.mail_waiting


# --- offscreen: nowhere to show them --------------------------------------------------------------

def meldingen_sentence(application: Shell) -> str | None:
    """Open Instellingen as the user does; the sentence about notifications on its Meldingen
    page, or None when the page does not show it."""
    seen: list[str | None] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        page = dialog.findChild(TraySettingsPage)
        assert page is not None
        label = page.findChild(QLabel, "notificationsUnavailable")
        seen.append(label.text() if label is not None and label.isVisibleTo(page) else None)
        dialog.reject()

    QTimer.singleShot(0, look)
    application.open_settings()
    return seen[0]


def test_without_a_server_or_a_tray_instellingen_says_so(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if "tray" in services():
        pytest.skip("there is a tray here")
    # No session bus at all, so no notification server (offscreen has no tray either).
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={profile_dir}/no-bus")
    application = make_app()
    notifications_ready(application, qtbot)
    assert application.tray is None and application.notices is not None
    assert application.notices.reach() == "nowhere"
    expected = app_text("This computer cannot show notifications, so breaking news and new "
                        "e-mail are not announced.", "TraySettingsPage")
    assert expected.startswith("Deze computer")  # in Dutch, as the user reads it
    assert meldingen_sentence(application) == expected


@pytest.mark.desktop
def test_with_a_notification_server_instellingen_says_nothing_about_it(
        make_app: AppFactory, qtbot: QtBot) -> None:
    need_dunst()
    application = make_app()
    notifications_ready(application, qtbot)
    assert application.notices is not None and application.notices.reach() == "desktop"
    assert meldingen_sentence(application) is None

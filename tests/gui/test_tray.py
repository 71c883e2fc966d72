"""The tray as users meet it: on a real tray watcher and notification daemon (the desktop pass:
Xvfb, status-notifier-watcher and dunst on a private bus), and without any tray (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.conftest import require_service
from tests.gui.conftest import AppFactory, settings_pages_shown_by, stop_app
from tests.support.app_process import app_env, start_app, stop, wait_for_log
from tests.support.breaking_news import (
    BACKLOG,
    BREAKING,
    WHERE_FROM,
    breaking_catalogue,
    first_round,
    notice_text,
    one_round,
    preset,
    serve,
    with_barrier,
)
from tests.support.breaking_news import app_text as tray_text
from tests.support.feedgen import Item
from tests.support.localserver import LocalServer
from tests.support.notifications import Dunst, displayed, dunstctl, need_dunst, services
from tests.support.shell import start_shell
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.tray.settings_page import TraySettingsPage


def need(*names: str) -> None:
    words = {"tray": "a system tray (status-notifier-watcher)",
             "notifications": "a notification daemon (dunst)"}
    for name in names:
        require_service(name in services(), words[name])


@pytest.fixture
def breaking_feeds(server: LocalServer, tmp_path: Path) -> Path:
    return breaking_catalogue(server, tmp_path)


@pytest.fixture
def dunst() -> Iterator[Dunst]:
    need_dunst()
    yield Dunst()
    dunstctl("close-all")


def watcher_items() -> list[str]:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    address = DBusAddress("/StatusNotifierWatcher", bus_name="org.kde.StatusNotifierWatcher",
                          interface="org.freedesktop.DBus.Properties")
    with open_dbus_connection(bus="SESSION") as connection:
        reply = connection.send_and_get_reply(new_method_call(
            address, "Get", "ss",
            ("org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems")))
    _signature, items = reply.body[0]
    return list(items)


def start_minimized(qapp: QApplication, profile_dir: Path) -> Shell:
    return start_shell(qapp, profile_dir, minimized=True)


def after_first_paint(application: Shell, qtbot: QtBot) -> None:
    # Its last step builds the webmail tab; stopping the app before would leave it pending.
    qtbot.waitUntil(lambda: application.webmail_feature._tab is not None, timeout=10_000)


# --- the desktop pass -------------------------------------------------------------------------

@pytest.mark.desktop
def test_icon_registers_with_the_watcher(make_app: AppFactory, qtbot: QtBot,
                                         tmp_path: Path) -> None:
    need("tray")
    before = len(watcher_items())
    application = make_app()
    qtbot.waitUntil(lambda: application.tray is not None, timeout=5_000)
    assert application.tray is not None
    qtbot.waitUntil(lambda: len(watcher_items()) > before, timeout=10_000)
    tray = application.tray.tray
    assert tray.icon.isVisible()
    assert tray.tooltip().startswith("ZeelandNet Desktop")
    assert not QApplication.quitOnLastWindowClosed()
    # The menu in its order, as a user reads it.
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert len(texts) == 6
    assert [a.text() for a in tray.pause_menu.actions()] == [
        tray.action_pause_hour.text(), tray.action_pause_tomorrow.text(),
        tray.action_resume.text()]
    tray.menu.grab().save(str(tmp_path / "tray-menu.png"))


@pytest.mark.desktop
def test_breaking_article_gives_exactly_one_notification_then_none(
    make_app: AppFactory, qtbot: QtBot, dunst: Dunst, server: LocalServer,
    breaking_feeds: Path, profile_dir: Path,
) -> None:
    need("tray")
    preset(profile_dir, TRAY_HINT_SHOWN=True)
    application = make_app(feeds=breaking_feeds)
    first_round(application, qtbot)  # a new profile: its backlog is no news
    assert application.tray is not None
    hub = application.tray
    application.window.close()  # to the tray: the app keeps running
    assert application.window.isHidden() and not application.news.is_shut_down

    serve(server, [BREAKING, *BACKLOG])
    one_round(application, qtbot)
    qtbot.waitUntil(lambda: displayed() == 1, timeout=10_000)
    assert hub.tray.has_indicator

    # dunst's own click (what a user's click does) opens the window on that article, and the
    # used bubble goes.
    dunstctl("action", "0")
    qtbot.waitUntil(application.window.isVisible, timeout=10_000)
    assert application.window.current_tab() == "news"
    article = application.news_feature.tab.current_article()
    assert article is not None and article.title == BREAKING.title
    qtbot.waitUntil(lambda: not hub.tray.has_indicator)
    received = dunst.received(qtbot, 1)
    assert received == [("Dijk bij Kruiningen wordt versterkt",
                         f"{WHERE_FROM}\nHet waterschap begint maandag aan de dijk.")]

    application.window.close()
    one_round(application, qtbot)  # the same article again, window hidden: nothing
    assert with_barrier(application, qtbot, dunst, 1) == received


@pytest.mark.desktop
def test_pausing_suppresses_and_resuming_allows(
    make_app: AppFactory, qtbot: QtBot, dunst: Dunst, server: LocalServer,
    breaking_feeds: Path, profile_dir: Path,
) -> None:
    need("tray")
    preset(profile_dir, TRAY_HINT_SHOWN=True)
    application = make_app(feeds=breaking_feeds)
    first_round(application, qtbot)
    assert application.tray is not None
    tray = application.tray.tray
    application.window.close()

    tray.action_pause_hour.trigger()
    assert application.settings.get(keys.PAUSED_UNTIL) > 0
    assert tray.action_resume.isEnabled()
    serve(server, [BREAKING, *BACKLOG])
    one_round(application, qtbot)
    assert with_barrier(application, qtbot, dunst, 0) == []

    tray.action_resume.trigger()
    assert application.settings.get(keys.PAUSED_UNTIL) == 0
    assert not tray.action_resume.isEnabled()
    # What arrived during the pause stays unannounced; the next new article is announced.
    serve(server, [
        Item("Storm op komst", "VLISSINGEN - Code oranje.", minutes_ago=0, guid="new-2"),
        BREAKING, *BACKLOG])
    one_round(application, qtbot)
    assert dunst.received(qtbot, 2)[-1] == ("Storm op komst", f"{WHERE_FROM}\nCode oranje.")


@pytest.mark.desktop
def test_new_mail_while_hidden_gives_one_notification(
    make_app: AppFactory, qtbot: QtBot, dunst: Dunst, profile_dir: Path,
) -> None:
    need("tray")
    preset(profile_dir, TRAY_HINT_SHOWN=True)
    application = make_app()
    after_first_paint(application, qtbot)
    assert application.tray is not None
    webmail = application.webmail_feature.tab
    webmail.unread_changed.emit(2)  # what the page showed at start-up: not news
    webmail.unread_changed.emit(3)  # window shown: the tab title says it, no notification
    application.window.close()
    webmail.unread_changed.emit(4)  # hidden: one notification
    webmail.unread_changed.emit(1)  # read elsewhere: nothing
    assert application.tray.tray.has_indicator
    assert with_barrier(application, qtbot, dunst, 1) == [
        (notice_text("New e-mail"),
         notice_text("You have %1 unread messages.").replace("%1", "4"))]
    assert application.tray.tray.tooltip().splitlines()[-1] == tray_text(
        "Unread mail: %1").replace("%1", "1")


@pytest.mark.desktop
def test_menu_actions_switch_tabs_and_open_settings(make_app: AppFactory, qtbot: QtBot,
                                                   profile_dir: Path) -> None:
    need("tray")
    preset(profile_dir, TRAY_HINT_SHOWN=True)
    application = make_app()
    qtbot.waitUntil(lambda: application.tray is not None, timeout=5_000)
    assert application.tray is not None
    tray, window = application.tray.tray, application.window

    tray.action_webmail.trigger()
    assert window.isVisible() and window.current_tab() == "webmail"
    tray.action_news.trigger()
    assert window.current_tab() == "news"
    window.close()
    tray.action_webmail.trigger()  # one click from the tray, also when hidden
    assert window.isVisible() and window.current_tab() == "webmail"

    tray.toggle_window.emit()  # a left click hides a shown window ...
    assert window.isHidden()
    tray.toggle_window.emit()  # ... and shows a hidden one
    assert window.isVisible()

    with qtbot.waitSignal(application.news.refresh_started):
        tray.action_refresh.trigger()

    pages = settings_pages_shown_by(tray.action_settings.trigger)
    assert "TraySettingsPage" in pages


@pytest.mark.desktop
def test_close_to_tray_says_so_once(make_app: AppFactory, qtbot: QtBot, dunst: Dunst,
                                    profile_dir: Path) -> None:
    need("tray")
    preset(profile_dir)
    application = make_app()
    qtbot.waitUntil(lambda: application.tray is not None, timeout=5_000)
    assert application.tray is not None
    window = application.window
    window.close()
    assert window.isHidden() and not application.news.is_shut_down
    assert application.settings.get(keys.TRAY_HINT_SHOWN)
    [(summary, body)] = dunst.received(qtbot, 1)
    assert summary == tray_text("ZeelandNet keeps running")
    assert body == tray_text("ZeelandNet is still running in the system tray and announces "
                             "breaking news. Choose Quit in its menu to stop it.")

    application.tray.tray.toggle_window.emit()
    assert window.isVisible()
    window.close()  # the second time: no message
    assert with_barrier(application, qtbot, dunst, 1) == [(summary, body)]


@pytest.mark.desktop
def test_minimized_with_a_tray_starts_hidden(qapp: QApplication, qtbot: QtBot,
                                             profile_dir: Path) -> None:
    need("tray")
    application = start_minimized(qapp, profile_dir)
    try:
        after_first_paint(application, qtbot)
        assert not application.window.isVisible()
        assert application.tray is not None
        application.tray.tray.action_news.trigger()
        qtbot.waitExposed(application.window)
    finally:
        stop_app(application)


@pytest.mark.desktop
def test_the_real_app_starts_in_the_tray_and_quits_on_sigterm(profile_dir: Path) -> None:
    need("tray")
    process = start_app(profile_dir, "--minimized", env=app_env())
    try:
        wait_for_log(profile_dir, "Starting hidden in the system tray", process)
        wait_for_log(profile_dir, "Tray icon shown", process)
    finally:
        code = stop(process)
    assert code == 0
    wait_for_log(profile_dir, "Stopped (exit code 0)")


# --- without a tray (offscreen) ---------------------------------------------------------------

def test_without_a_tray_closing_quits(make_app: AppFactory, qtbot: QtBot,
                                      qapp: QApplication) -> None:
    if "tray" in services():
        pytest.skip("there is a tray here")
    application = make_app()
    after_first_paint(application, qtbot)
    assert application.tray is None
    # Qt quits when the last window closes (it does so only inside exec(), which a test
    # does not run): nothing keeps the app alive with its window out of reach.
    assert qapp.quitOnLastWindowClosed()
    application.window.close()
    assert not application.quitting and application.window.isHidden()


def test_minimized_without_a_tray_starts_normally(qapp: QApplication, qtbot: QtBot,
                                                  profile_dir: Path) -> None:
    if "tray" in services():
        pytest.skip("there is a tray here")
    application = start_minimized(qapp, profile_dir)
    try:
        qtbot.waitExposed(application.window)
        after_first_paint(application, qtbot)
        assert application.window.isVisible()
    finally:
        stop_app(application)


class FakeStarter:
    def __init__(self) -> None:
        self.enabled = False

    def is_enabled(self) -> bool:
        return self.enabled

    def enable(self) -> None:
        self.enabled = True

    def disable(self) -> None:
        self.enabled = False


def test_settings_page_writes_its_keys(make_app: AppFactory, breaking_feeds: Path) -> None:
    application = make_app(feeds=breaking_feeds)
    starter = FakeStarter()
    dialog = QDialog()
    page = TraySettingsPage(application.settings, application.news, dialog, starter=starter)
    rows = {page.categories.item(i).text(): page.categories.item(i)
            for i in range(page.categories.count())}
    # The catalogue's notify flag is the default: "Net binnen" on, "Sport" off.
    from PySide6.QtCore import Qt

    assert rows["Net binnen"].checkState() == Qt.CheckState.Checked
    assert rows["Sport"].checkState() == Qt.CheckState.Unchecked
    assert page.quiet_start.time().toString("HH:mm") == "23:00"
    rows["Net binnen"].setCheckState(Qt.CheckState.Unchecked)
    rows["Sport"].setCheckState(Qt.CheckState.Checked)
    page.per_hour.setValue(2)
    page.mail.setChecked(False)
    page.start_at_login.setChecked(True)
    page.apply()
    settings = application.settings
    assert settings.get(keys.NOTIFY_CATEGORIES_ON) == ["sport"]
    assert settings.get(keys.NOTIFY_CATEGORIES_OFF) == ["net-binnen"]
    assert settings.get(keys.NOTIFY_PER_HOUR) == 2
    assert settings.get(keys.NOTIFY_MAIL) is False
    assert settings.get(keys.START_AT_LOGIN) is True and starter.enabled
    page.start_at_login.setChecked(False)
    page.apply()
    assert settings.get(keys.START_AT_LOGIN) is False and not starter.enabled
    dialog.deleteLater()

"""The main window as a user meets it: tabs, menus, titles in their language, state kept."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, stop_app
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings


def tab_titles(application: object) -> list[str]:
    tabs = application.window.tabs  # type: ignore[attr-defined]
    return [tabs.tabText(i) for i in range(tabs.count())]


def menu_titles(application: object) -> list[str]:
    bar = application.window.menuBar()  # type: ignore[attr-defined]
    return [action.text() for action in bar.actions()]


def set_language(profile_dir: Path, language: str) -> None:
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.LANGUAGE, language)
    settings.sync()


def test_window_opens_with_both_tabs_and_the_menus(make_app: AppFactory, profile_dir: Path) -> None:
    set_language(profile_dir, "nl")
    application = make_app()
    window = application.window
    assert window.isVisible()
    assert tab_titles(application) == ["Nieuws", "Webmail"]
    assert menu_titles(application) == ["&Bestand", "B&eeld", "&Nieuws", "Web&mail", "&Help"]
    file_menu = [a.text() for a in window.menu_file.actions() if not a.isSeparator()]
    assert file_menu == ["&Vernieuwen", "&Instellingen…", "&Afsluiten"]
    assert window.action_refresh.shortcut().toString() == "F5"
    # The title ends with the name Qt adds to every title, so it is said once, not twice.
    assert window.windowTitle() == "ZeelandNet"


def test_tab_titles_in_dutch_and_english(make_app: AppFactory, profile_dir: Path,
                                         tmp_path: Path) -> None:
    set_language(profile_dir, "nl")
    assert tab_titles(make_app()) == ["Nieuws", "Webmail"]
    english = tmp_path / "english"
    english.mkdir()
    set_language(english, "en")
    assert tab_titles(make_app(profile=english)) == ["News", "Webmail"]


def test_switching_language_in_settings_retranslates_the_open_window(
    make_app: AppFactory, profile_dir: Path, qtbot: QtBot
) -> None:
    set_language(profile_dir, "en")
    application = make_app()
    assert tab_titles(application)[0] == "News"
    application.settings.set(keys.LANGUAGE, "nl")
    # Qt delivers LanguageChange through the event loop.
    qtbot.waitUntil(lambda: tab_titles(application)[0] == "Nieuws")
    assert menu_titles(application)[0] == "&Bestand"


def test_geometry_and_last_tab_come_back_on_the_next_start(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    first = make_app()
    # The offscreen screen is 800×600; restoreGeometry() keeps windows on screen.
    first.window.setGeometry(40, 30, 640, 470)
    first.window.show_tab("webmail")
    geometry = first.window.geometry()
    stop_app(first)  # closing saves, like a user quitting

    second = make_app()
    assert second.window.current_tab() == "webmail"
    assert second.window.size() == geometry.size()


def test_requested_tab_wins_over_the_last_tab(make_app: AppFactory) -> None:
    first = make_app()
    first.window.show_tab("webmail")
    stop_app(first)
    assert make_app(tab="news").window.current_tab() == "news"


def test_corrupt_settings_file_gives_defaults_and_a_log_line(
    make_app: AppFactory, profile_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ini = profile_dir / "config" / "zeelandnet-desktop.ini"
    ini.parent.mkdir(parents=True)
    ini.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage[ui]\nlast_tab=webmail\n\x00")
    with caplog.at_level(logging.WARNING):
        application = make_app()
    assert application.window.isVisible()
    assert application.window.current_tab() == "news"
    assert application.settings.get(keys.REFRESH_MINUTES) == 15
    assert "could not be read" in caplog.text


def test_about_dialog_shows_version_and_folders(make_app: AppFactory, profile_dir: Path,
                                                qtbot: QtBot) -> None:
    from zeelandnet_desktop import __version__
    from zeelandnet_desktop.system.paths import resolve
    from zeelandnet_desktop.ui.about import AboutDialog

    set_language(profile_dir, "nl")
    application = make_app()
    dialog = AboutDialog(resolve(profile_dir), application.window)
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert __version__ in text
    assert str(profile_dir / "logs") in text and str(profile_dir / "config") in text
    assert "Mappen die deze app gebruikt" in text
    assert dialog.windowTitle() == "Over ZeelandNet"


def test_settings_dialog_writes_what_the_user_chose(make_app: AppFactory, qtbot: QtBot) -> None:
    from zeelandnet_desktop.ui.settings.dialog import GeneralPage, SettingsDialog

    application = make_app()
    dialog = SettingsDialog(application.settings, parent=application.window)
    qtbot.addWidget(dialog)
    page = dialog.pages.widget(0)
    assert isinstance(page, GeneralPage)
    page.refresh_minutes.setValue(42)
    page.language.setCurrentIndex(page.language.findData("nl"))
    dialog.accept()
    assert application.settings.get(keys.REFRESH_MINUTES) == 42
    assert tab_titles(application)[0] == "Nieuws"

"""An in-process Shell on an isolated profile, torn down cleanly after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.newstab import open_on_first_category
from tests.support.shell import start_shell
from zeelandnet_desktop import i18n
from zeelandnet_desktop.shell import Shell

AppFactory = Callable[..., Shell]


@pytest.fixture
def make_app(qapp: QApplication, qtbot: QtBot, profile_dir: Path) -> Iterator[AppFactory]:
    """make_app(tab=None, profile=profile_dir, feeds=None, front_page=False): a started Shell
    whose window is shown. `feeds` is a catalogue file (--feeds); without one the app has no
    feeds at all. With feeds the news tab opens on their first category (the list), unless
    the profile chose otherwise or `front_page` asks for what a new profile opens on."""
    started: list[Shell] = []

    def make(tab: str | None = None, profile: Path | None = None,
             feeds: Path | None = None, front_page: bool = False) -> Shell:
        if feeds is not None and not front_page:
            open_on_first_category(profile or profile_dir, feeds)
        application = start_shell(qapp, profile or profile_dir, tab=tab, feeds=feeds)
        qtbot.waitExposed(application.window)
        # Shortcuts only reach an active window, as on a real desktop. (On the webmail tab the
        # one-time "choose your webmail" dialog may be the active one.)
        application.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is not None)
        started.append(application)
        return application

    yield make
    for application in started:
        stop_app(application)
    i18n.install_translators(qapp, "en")


def stop_app(application: Shell) -> None:
    """What quitting does, without ending the test's QApplication. Safe to call twice."""
    if getattr(application, "_test_stopped", False):
        return
    application._test_stopped = True  # type: ignore[attr-defined]
    if application.window.isVisible():
        application.window.close()
    application.shut_down()
    application.window.deleteLater()
    application.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class UrlCatcher(QObject):
    """Stands in for the system browser: QDesktopServices hands it every http(s) URL."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def system_browser() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    for scheme in ("http", "https", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    yield catcher
    for scheme in ("http", "https", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


def settings_pages_shown_by(open_dialog: Callable[[], object]) -> list[str]:
    """Run `open_dialog` (which opens the modal Instellingen dialog), note the object names of
    its pages, and close it again."""
    from zeelandnet_desktop.ui.settings.dialog import SettingsDialog

    pages: list[str] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        pages.extend(dialog.pages.widget(i).objectName() for i in range(dialog.pages.count()))
        dialog.reject()

    QTimer.singleShot(0, close_dialog)
    open_dialog()  # modal: returns once close_dialog rejected it
    return pages

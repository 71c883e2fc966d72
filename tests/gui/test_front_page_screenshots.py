"""Screenshots of the Voorpagina for a person to look at — light, dark and narrow — with checks
that what they show follows the palette and the width."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_front_page import front_settled, serve_pictures
from tests.gui.test_main_window import set_language
from tests.support.front_page import AMSTERDAM, NOW, articles, quiet_catalogue, seed_profile
from tests.support.localserver import LocalServer
from tests.support.newstab import tab_of, wait_for_rounds
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.news.tab import NewsTab


def dark_palette() -> QPalette:
    """A dark scheme as a desktop sets it (here by hand: the test machine has none)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#2c2c2c",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.PlaceholderText: "#a8a8a8",
        QPalette.ColorRole.Button: "#353535", QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7bd9", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7cb8ff", QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.Midlight: "#444444", QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def started(make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
            profile_dir: Path, width: int, height: int) -> tuple[Shell, NewsTab]:
    set_language(profile_dir, "nl")
    serve_pictures(server)
    seed_profile(profile_dir, articles(server))
    application = make_app(feeds=quiet_catalogue(server, tmp_path / "feeds.json"),
                           front_page=True)
    application.window.resize(width, height)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.set_clock(lambda: NOW, AMSTERDAM)
    front_settled(application, qtbot)
    qtbot.waitUntil(lambda: all(b.lead.image is not None for b in tab.front.shown_blocks()
                                if b.lead.show_picture))
    return application, tab


def background(tab: NewsTab) -> QColor:
    shot = tab.front.viewport().grab().toImage()
    return QColor(shot.pixel(QPoint(shot.width() - 3, shot.height() - 3)))


def test_light_and_dark(make_app: AppFactory, qtbot: QtBot, server: LocalServer,
                        tmp_path: Path, profile_dir: Path, screenshots: Path) -> None:
    application, tab = started(make_app, qtbot, server, tmp_path, profile_dir, 1280, 860)
    assert tab.front.columns >= 2
    application.window.grab().save(str(screenshots / "voorpagina-light.png"))
    assert background(tab).lightness() > 200

    application.window.setPalette(dark_palette())
    qtbot.waitUntil(lambda: background(tab).lightness() < 60)  # Base of the dark scheme
    lead = tab.front.shown_blocks()[0].lead
    assert lead.palette().color(QPalette.ColorRole.Text) == QColor("#e8e8e8")
    application.window.grab().save(str(screenshots / "voorpagina-dark.png"))

    lead.click()  # the article, with "Meer uit Zeeland" under it, in the dark scheme
    qtbot.waitUntil(lambda: bool(tab.view.more.stories) and tab.list_settled)
    bar = tab.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    application.window.grab().save(str(screenshots / "artikel-meer-uit-dark.png"))


def test_narrow(make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
                profile_dir: Path, screenshots: Path) -> None:
    application, tab = started(make_app, qtbot, server, tmp_path, profile_dir, 720, 900)
    assert tab.front.columns == 1
    assert len({block.x() for block in tab.front.shown_blocks()}) == 1
    application.window.grab().save(str(screenshots / "voorpagina-narrow.png"))

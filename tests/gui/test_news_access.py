"""Everyone can use the news tab: every control it added has a name a screen reader reads,
unread is in the words and not only in bold, and the keyboard reaches every part."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response
from tests.support.newstab import tab_of, wait_for_rounds
from zeelandnet_desktop.ui.news.dialogs import KeysDialog, SourceProblemsDialog
from zeelandnet_desktop.ui.news.status import SourceLine


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Focusable, visible widgets without a name (scroll-area viewports do not count)."""
    found = []
    for widget in root.findChildren(QWidget):
        if (widget.isVisibleTo(root) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                and widget.objectName() != "qt_scrollarea_viewport"
                and not accessible_name(widget).strip()):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def test_every_control_of_the_news_tab_has_a_name(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    good = serve_feed(server, "/ok.xml", "NOS", [Item("Ajax wint", "AMSTERDAM - Ajax wint.")])
    server.route("/broken.xml", Response(500, b"oops"))
    feeds = write_catalogue(tmp_path / "f.json", [("sport", "Sport", "Sport", [
        ("NOS", good), ("NU.nl", server.url("/broken.xml"))])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    assert tab.header.problems.isVisible()
    assert unnamed_controls(tab) == []
    assert accessible_name(tab.search) == "Zoeken in het nieuws"
    assert accessible_name(tab.list) == "Berichten"
    assert accessible_name(tab.view) == "Bericht"
    assert accessible_name(tab.categories) == "Categorieën"

    for dialog in (SourceProblemsDialog([SourceLine("NU.nl", "Sport", "Fout", "foutcode 500")]),
                   KeysDialog([("J", "Volgend bericht")])):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__


def test_unread_is_in_the_words_not_only_in_bold(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path
) -> None:
    set_language(profile_dir, "nl")
    url = serve_feed(server, "/f.xml", "NOS", [
        Item("Ajax wint", "AMSTERDAM - Ajax wint.", minutes_ago=5),
        Item("PSV verliest", "EINDHOVEN - PSV verliest.", minutes_ago=9)])
    feeds = write_catalogue(tmp_path / "f.json", [("sport", "Sport", "Sport", [("NOS", url)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    category = tab.categories.item(1)  # below the Voorpagina
    assert category.data(Qt.ItemDataRole.AccessibleTextRole) == "Sport, 2 ongelezen"
    model = tab.model
    first, second = model.article_rows()
    assert model.data(model.index(first), Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Ongelezen: Ajax wint.")
    tab.select_row(1)
    assert not model.data(model.index(second), Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Ongelezen")
    assert category.data(Qt.ItemDataRole.AccessibleTextRole) == "Sport, 1 ongelezen"


def test_the_keyboard_reaches_every_part(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path
) -> None:
    url = serve_feed(server, "/f.xml", "NOS", [Item("Ajax wint", "AMSTERDAM - Ajax wint.")])
    feeds = write_catalogue(tmp_path / "f.json", [("sport", "Sport", "Sport", [("NOS", url)])])
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.header.refresh.setFocus(Qt.FocusReason.TabFocusReason)
    reached = []
    for _step in range(12):
        reached.append(application.qt_app.focusWidget())
        tab.focusNextChild()
    for widget in (tab.header.refresh, tab.header.unread_only, tab.search, tab.categories,
                   tab.list, tab.view):
        assert widget in reached, widget.objectName()

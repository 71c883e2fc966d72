"""The keyboard alone: the focus starts where the keys work, every action has a key that works
on Linux, Windows and macOS (and no key belongs to two actions at once), the focus is always
outlined, Return answers "Kies je webmail", and a narrow window shows one pane at a time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer
from tests.support.newstab import tab_of, wait_for_rounds
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.palette import contrast, outline_color

CTRL = Qt.KeyboardModifier.ControlModifier


def zeeland_feeds(server: LocalServer, tmp_path: Path) -> Path:
    url = serve_feed(server, "/zeeland.xml", "Omroep Zeeland", [
        Item("Stormvloedkering in de Oosterschelde gaat dicht",
             "KAMPERLAND (ANP) - De Oosterscheldekering gaat vannacht dicht vanwege de storm. "
             + "De kering blijft dicht tot het water zakt. " * 30, minutes_ago=5),
        Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De boot vaart.",
             minutes_ago=40)])
    return write_catalogue(tmp_path / "f.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)]),
        ("binnenland", "Binnenland", "Netherlands", [])])


def started(make_app: AppFactory, qtbot: QtBot, feeds: Path) -> Shell:
    application = make_app(feeds=feeds)
    wait_for_rounds(application, qtbot)
    return application


def test_the_keyboard_starts_in_the_article_list(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path) -> None:
    application = started(make_app, qtbot, zeeland_feeds(server, tmp_path))
    tab = tab_of(application)
    assert QApplication.focusWidget() is tab.list
    assert tab.current_article() is None  # coming in opened nothing, marked nothing read
    qtbot.keyClick(tab.list, Qt.Key.Key_Down)  # the first arrow chooses the first article
    article = tab.current_article()
    assert article is not None and article.title.startswith("Stormvloedkering")
    qtbot.keyClick(tab.list, Qt.Key.Key_J)
    article = tab.current_article()
    assert article is not None and article.title.startswith("Veerboot")


def keys_in_reach(window: QWidget, focus: QWidget) -> dict[str, list[str]]:
    """Each key sequence and the enabled actions it would trigger with `focus` focused."""
    found: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if not action.isEnabled() or not action.shortcuts():
            continue
        widgets = action.associatedObjects()
        context = action.shortcutContext()
        if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            if not any(isinstance(w, QWidget) and w.isVisible()
                       and (w is focus or w.isAncestorOf(focus)) for w in widgets):
                continue
        elif context == Qt.ShortcutContext.WidgetShortcut and focus not in widgets:
            continue
        for sequence in action.shortcuts():
            found.setdefault(sequence.toString(), []).append(action.text() or
                                                             action.objectName())
    return found


def test_every_window_key_is_one_actions_and_works(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path) -> None:
    application = started(make_app, qtbot, zeeland_feeds(server, tmp_path))
    window = application.window
    tab = tab_of(application)
    reach = keys_in_reach(window, tab.list)
    assert {k: v for k, v in reach.items() if len(v) > 1} == {}  # never ambiguous
    for key in ("Ctrl+,", "F11", "Ctrl+Q", "F5", "Ctrl+R", "Ctrl+1", "Ctrl+2", "Ctrl++",
                "Ctrl+-", "Ctrl+0", "F1", "Ctrl+F", "J", "K", "M", "Space"):
        assert key in reach, key

    # Instellingen with Ctrl+, (Qt's standard key for it exists only on macOS).
    opened: list[str] = []

    def close_settings() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            opened.append(dialog.objectName())
            dialog.reject()

    QTimer.singleShot(0, close_settings)
    qtbot.keyClick(tab.list, Qt.Key.Key_Comma, CTRL)
    assert opened == ["SettingsDialog"]
    window.activateWindow()  # back from the dialog, as a window manager gives it
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(tab.list, Qt.Key.Key_F11)
    assert window.isFullScreen() and window.action_fullscreen.isChecked()
    qtbot.keyClick(tab.list, Qt.Key.Key_F11)
    assert not window.isFullScreen()

    quits: list[bool] = []
    window.quit_requested.disconnect(application.quit)
    window.quit_requested.connect(lambda: quits.append(True))
    qtbot.keyClick(tab.list, Qt.Key.Key_Q, CTRL)
    assert quits == [True]

    qtbot.keyClick(tab.list, Qt.Key.Key_2, CTRL)
    assert window.current_tab() == "webmail"
    question = application.webmail_feature.tab.choose_dialog  # asked once: which webmail
    if question is not None:
        question.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_1, CTRL)
    assert window.current_tab() == "news" and QApplication.focusWidget() is tab.list


def test_text_size_keys_change_the_news_and_are_remembered(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path) -> None:
    application = started(make_app, qtbot, zeeland_feeds(server, tmp_path))
    tab = tab_of(application)
    tab.select_row(0)
    list_size = tab.list.font().pointSizeF()
    article_size = tab.view.font().pointSizeF()
    row_height = tab.list.visualRect(tab.model.index(1)).height()
    qtbot.keyClick(tab.list, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(tab.list, Qt.Key.Key_Plus, CTRL)
    assert application.settings.get(keys.TEXT_SIZE) == 125
    assert tab.list.font().pointSizeF() == list_size * 1.25
    assert tab.view.font().pointSizeF() == article_size * 1.25
    texts = [a.text() for a in application.window.text_size.menu.actions()]
    assert texts[-1].endswith("125%)")  # Beeld → Tekstgrootte says what it is now
    for _step in range(3):  # to 200 %: three lines of text outgrow the picture beside them
        qtbot.keyClick(tab.list, Qt.Key.Key_Plus, CTRL)
    assert application.settings.get(keys.TEXT_SIZE) == 200
    assert tab.list.visualRect(tab.model.index(1)).height() > row_height
    qtbot.keyClick(tab.list, Qt.Key.Key_0, CTRL)
    assert tab.list.font().pointSizeF() == list_size


def test_the_focus_is_outlined_where_it_is(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path) -> None:
    application = started(make_app, qtbot, zeeland_feeds(server, tmp_path))
    tab = tab_of(application)
    ring = application.theme.focus_ring
    for widget in (tab.list, tab.search, tab.categories, tab.view, tab.header.unread_only):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda widget=widget: ring.target is widget)
        outline = ring.outline
        assert outline is not None and outline.isVisible()
        where = QRect(widget.mapTo(application.window, QPoint(0, 0)), widget.size())
        assert outline.geometry().contains(where.adjusted(2, 2, -2, -2)), widget.objectName()
        assert outline.geometry().width() <= where.width() + 8  # around it, not elsewhere
    palette = application.window.palette()
    assert contrast(outline_color(palette), palette.color(palette.ColorRole.Window)) >= 3.0


def test_choose_your_webmail_takes_return_on_a_choice(qtbot: QtBot, qapp: QApplication) -> None:
    from zeelandnet_desktop.mail.providers import load_providers
    from zeelandnet_desktop.ui.webmail.choose_dialog import ChooseWebmailDialog

    dialog = ChooseWebmailDialog(list(load_providers(None).values()))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first = dialog.chosen_id()
    choice = next(b for b in dialog.findChildren(QRadioButton) if b.isChecked())
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # the arrow moves to the next choice
    chosen = dialog.chosen_id()
    assert chosen != first and chosen != "custom"
    focused = QApplication.focusWidget()
    assert isinstance(focused, QRadioButton)  # Return on a choice, not on a button
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.chosen_id() == chosen
    flags = dialog.windowFlags()
    assert not flags & (Qt.WindowType.WindowMinimizeButtonHint
                        | Qt.WindowType.WindowMaximizeButtonHint)


def test_a_narrow_window_shows_the_list_or_the_article(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
        profile_dir: Path, screenshots: Path) -> None:
    set_language(profile_dir, "nl")
    application = started(make_app, qtbot, zeeland_feeds(server, tmp_path))
    tab = tab_of(application)
    application.window.resize(600, 560)
    qtbot.waitUntil(lambda: tab.narrow.narrow)
    assert tab.list.isVisible() and tab.categories.isVisible() and not tab.view.isVisible()
    qtbot.keyClick(tab.list, Qt.Key.Key_Down)  # choosing in the list: not read yet
    article = tab.current_article()
    assert article is not None and not tab.model.articles()[0].read
    qtbot.keyClick(tab.list, Qt.Key.Key_Space)  # open it
    assert tab.view.isVisible() and not tab.list.isVisible()
    assert tab.narrow.back.isVisible() and tab.narrow.back.text() == "Terug naar de lijst"
    assert QApplication.focusWidget() is tab.view and tab.model.articles()[0].read
    qtbot.waitUntil(lambda: tab.view.width() > 500)  # the whole width, not a third of it
    assert application.window.grab().save(str(screenshots / "narrow-article.png"))
    # No headline broken inside a word ("Oosterschel-de"): each line ends at a space.
    block = tab.view.document().begin()
    text, layout = block.text(), block.layout()
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        end = line.textStart() + line.textLength()
        assert end == len(text) or text[end - 1].isspace(), text[:end]
    qtbot.keyClick(tab.view, Qt.Key.Key_Escape)
    assert tab.list.isVisible() and not tab.view.isVisible()
    qtbot.waitUntil(lambda: tab.list.width() > 300)  # the list has the room again
    assert application.window.grab().save(str(screenshots / "narrow-list.png"))
    assert QApplication.focusWidget() is tab.list
    application.window.resize(1000, 600)
    qtbot.waitUntil(lambda: not tab.narrow.narrow)
    assert tab.list.isVisible() and tab.view.isVisible() and tab.categories.isVisible()


def test_dialogs_have_a_close_button_only_and_titles_say_the_name_once(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    from zeelandnet_desktop.system.paths import resolve
    from zeelandnet_desktop.ui.about import AboutDialog
    from zeelandnet_desktop.ui.news.dialogs import KeysDialog
    from zeelandnet_desktop.ui.settings.dialog import SettingsDialog
    from zeelandnet_desktop.ui.webmail.login_dialog import LoginDialog

    set_language(profile_dir, "nl")
    application = make_app()
    window = application.window
    assert window.windowTitle() == "ZeelandNet"  # Qt adds nothing to a title ending in it
    window.show_tab("webmail")
    window.set_page_title("Postvak IN (3)")
    assert window.windowTitle() == "Postvak IN (3) — ZeelandNet"
    dialogs = [SettingsDialog(application.settings, parent=window),
               AboutDialog(resolve(profile_dir), window), KeysDialog([("J", "Volgende")], window),
               LoginDialog("ZeelandNet webmail", parent=window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        flags = dialog.windowFlags()
        assert flags & Qt.WindowType.WindowCloseButtonHint, dialog.objectName()
        assert not flags & (Qt.WindowType.WindowMinimizeButtonHint
                            | Qt.WindowType.WindowMaximizeButtonHint), dialog.objectName()
        assert "ZeelandNet Desktop" not in dialog.windowTitle()
    assert dialogs[1].windowTitle() == "Over ZeelandNet"


def test_every_action_key_is_explicit(qapp: QApplication) -> None:
    from zeelandnet_desktop.ui import keys as key_specs

    # Each of the window's actions has a key of its own besides the platform's standard,
    # which may be missing (Preferences off macOS, FullScreen without a KDE or GNOME theme).
    for name in ("SETTINGS", "QUIT", "FULL_SCREEN", "REFRESH", "BIGGER", "SMALLER",
                 "NORMAL_SIZE", "HELP", "FIND", "PRINT"):
        spec = getattr(key_specs, name)
        assert any(isinstance(s, str) for s in spec), name
        made = key_specs.sequences(*spec)
        assert made and len({s.toString() for s in made}) == len(made), name
    assert all(s != QKeySequence("Backspace")
               for s in key_specs.sequences(*key_specs.BACK, modified=True))


def test_keyboard_only_search_read_and_the_webmail_toolbar(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
        profile_dir: Path) -> None:
    from PySide6.QtWidgets import QToolButton

    from tests.support.fakewebmail import FakeWebmail
    from zeelandnet_desktop.settings import Settings

    fake = FakeWebmail(server)
    fake.write_provider_file(profile_dir / "config")
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    settings.sync()
    application = started(make_app, qtbot, zeeland_feeds(server, tmp_path))
    tab = tab_of(application)
    # Search, go to the results, read the first, back out: keys only.
    qtbot.keyClick(tab.list, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is tab.search
    qtbot.keyClicks(tab.search, "veerboot")
    qtbot.waitUntil(lambda: [a.title for a in tab.model.articles()] == [
        "Veerboot Vlissingen-Breskens vaart weer"])
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is tab.list
    assert tab.current_article() is not None and tab.current_article().title.startswith(
        "Veerboot")
    qtbot.keyClick(tab.list, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is tab.list

    # The webmail: from the tab bar, Tab goes through every toolbar button.
    window = application.window
    qtbot.keyClick(tab.list, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: application.webmail_feature.tab.browser is not None,
                    timeout=10_000)
    browser = application.webmail_feature.tab.browser
    qtbot.waitUntil(lambda: application.webmail_feature.tab.title == "Fake Webmail :: Welcome"
                    and not browser.page.isLoading(), timeout=15_000)
    page = browser.view.focusProxy()
    # From the tab bar, Tab goes along the toolbar before it enters the page.
    assert QApplication.focusWidget() is page  # Ctrl+2 put the keyboard in the page
    window.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    reached = []
    for _press in range(16):
        focused = QApplication.focusWidget()
        reached.append(focused)
        qtbot.keyClick(focused or window, Qt.Key.Key_Tab)
    buttons = [b for b in browser.toolbar.findChildren(QToolButton)
               if b.isVisible() and b.isEnabled() and b.objectName() != "qt_toolbar_ext_button"]
    assert buttons and all(b in reached for b in buttons), [
        b.accessibleName() for b in buttons if b not in reached]
    after_buttons = reached[max(reached.index(b) for b in buttons) + 1]
    assert after_buttons is page  # and from the last button into the page, not elsewhere

"""The main window: two tabs (news, webmail), menus, a status bar; it remembers its place and
always fits the screen it opens on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import settings as keys
from ..settings import Settings, upgrade_text_size
from . import DISPLAY_NAME
from . import keys as key_specs
from .focus import focus_first_control
from .keys import KeySpec, sequences
from .text_size import TextSizeActions
from .window_fit import fit_window

TAB_NAMES = ("news", "webmail")
# Webmail menu items that act on the page: (name, keys). Their keys work while webmail is in
# front; on the news tab the items are off, so Ctrl+F there is the news search.
WEBMAIL_ACTIONS: tuple[tuple[str, tuple[KeySpec, ...]], ...] = (
    ("find", key_specs.FIND), ("print", key_specs.PRINT), ("pdf", ()), ("signout", ()),
    ("choose", ()))


class MainWindow(QMainWindow):
    """Holds the tabs; features put their widget into a tab (set_tab_content) and connect to
    the actions.

    The window never does I/O itself: it reads settings and emits signals.
    """

    tab_activated = Signal(str)  # "news" or "webmail", each time a tab comes to the front
    refresh_requested = Signal()
    settings_requested = Signal()
    login_requested = Signal()  # Webmail → Sign in…
    webmail_requested = Signal(str)  # the other Webmail menu items, by name (WEBMAIL_ACTIONS)
    about_requested = Signal()
    quit_requested = Signal()
    closing = Signal()

    def __init__(self, settings: Settings, icon: QIcon | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self._settings = settings
        upgrade_text_size(settings)
        self._page_title = ""
        self._shown_before = False
        self._before_full_screen = Qt.WindowState.WindowNoState
        self._webmail_unread = 0
        # Asked before the window closes; False keeps it open (the shell decides, see there).
        self.close_guard: Callable[[], bool] | None = None
        if icon is not None:
            self.setWindowIcon(icon)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self._hosts: dict[str, QWidget] = {}
        for name in TAB_NAMES:
            host = QWidget(self.tabs)
            host.setObjectName(f"{name}Host")
            QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
            self._hosts[name] = host
            self.tabs.addTab(host, "")
        self.setCentralWidget(self.tabs)
        self.statusBar().setObjectName("statusbar")
        self.news_status = QLabel(self)
        self.news_status.setObjectName("newsStatus")
        self.statusBar().addWidget(self.news_status, 1)

        self._build_actions()
        self.text_size = TextSizeActions(settings, self)
        self._build_menus()
        self._retranslate()
        self.tabs.currentChanged.connect(self._on_current_changed)
        self._geometry_restored = False

    # --- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(slot: object, specs: tuple[KeySpec, ...] = (),
                   role: QAction.MenuRole | None = None) -> QAction:
            made = QAction(self)
            made.setShortcuts(sequences(*specs))
            if role is not None:
                made.setMenuRole(role)
            made.triggered.connect(slot)
            return made

        roles = QAction.MenuRole
        self.action_refresh = action(self.refresh_requested, key_specs.REFRESH)
        self.action_settings = action(self.settings_requested, key_specs.SETTINGS,
                                      roles.PreferencesRole)
        self.action_quit = action(self.quit_requested, key_specs.QUIT, roles.QuitRole)
        self.action_show_news = action(lambda: self.show_tab("news", focus=True),
                                       key_specs.SHOW_NEWS)
        self.action_show_webmail = action(lambda: self.show_tab("webmail", focus=True),
                                          key_specs.SHOW_WEBMAIL)
        self.action_fullscreen = QAction(self)
        self.action_fullscreen.setShortcuts(sequences(*key_specs.FULL_SCREEN))
        self.action_fullscreen.setCheckable(True)
        self.action_fullscreen.toggled.connect(self._set_fullscreen)
        self.action_statusbar = QAction(self)
        self.action_statusbar.setCheckable(True)
        self.action_statusbar.setChecked(True)
        self.action_statusbar.toggled.connect(self.statusBar().setVisible)
        self.action_login = QAction(self)
        self.action_login.setObjectName("action_login")
        self.action_login.triggered.connect(self.login_requested)
        self.webmail_actions: dict[str, QAction] = {}
        for name, specs in WEBMAIL_ACTIONS:
            made = action(lambda _checked=False, n=name: self.webmail_requested.emit(n), specs)
            made.setObjectName(f"action_webmail_{name}")
            made.setEnabled(False)
            self.webmail_actions[name] = made
        self.action_about = action(self.about_requested, (), roles.AboutRole)
        for made in (self.action_refresh, self.action_settings, self.action_quit,
                     self.action_show_news, self.action_show_webmail, self.action_fullscreen,
                     self.action_statusbar):
            self.addAction(made)  # the keys work with the menu bar hidden (full screen) too

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = QMenu(self)
        self.menu_file.setObjectName("menu_file")
        self.menu_file.addAction(self.action_refresh)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_quit)
        self.menu_view = QMenu(self)
        self.menu_view.setObjectName("menu_view")
        self.menu_view.addAction(self.action_show_news)
        self.menu_view.addAction(self.action_show_webmail)
        self.menu_view.addSeparator()
        self.menu_view.addMenu(self.text_size.menu)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.action_statusbar)
        self.menu_view.addAction(self.action_fullscreen)
        self.menu_webmail = QMenu(self)
        self.menu_webmail.setObjectName("menu_webmail")
        actions = self.webmail_actions
        self.menu_webmail.addAction(actions["find"])
        self.menu_webmail.addAction(actions["print"])
        self.menu_webmail.addAction(actions["pdf"])
        self.menu_webmail.addSeparator()
        self.menu_webmail.addAction(self.action_login)
        self.menu_webmail.addAction(actions["signout"])
        self.menu_webmail.addSeparator()
        self.menu_webmail.addAction(actions["choose"])
        self.menu_help = QMenu(self)
        self.menu_help.setObjectName("menu_help")
        self.menu_help.addAction(self.action_about)
        for menu in (self.menu_file, self.menu_view, self.menu_webmail, self.menu_help):
            bar.addMenu(menu)

    def _retranslate(self) -> None:
        self.tabs.setAccessibleName(self.tr("News and webmail"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.menu_webmail.setTitle(self.tr("Web&mail"))
        self.action_login.setText(self.tr("&Sign in…"))
        self.webmail_actions["find"].setText(self.tr("&Find on this page…"))
        self.webmail_actions["print"].setText(self.tr("&Print…"))
        self.webmail_actions["pdf"].setText(self.tr("Save as P&DF…"))
        self.webmail_actions["signout"].setText(self.tr("Sign &out"))
        self.webmail_actions["choose"].setText(self.tr("Choose another &webmail…"))
        self.action_refresh.setText(self.tr("&Refresh"))
        self.action_refresh.setStatusTip(self.tr("Fetch the latest news now"))
        self.action_settings.setText(self.tr("&Settings…"))
        self.action_quit.setText(self.tr("&Quit"))
        self.action_show_news.setText(self.tr("&News"))
        self.action_show_webmail.setText(self.tr("&Webmail"))
        self.action_statusbar.setText(self.tr("&Status bar"))
        self.action_fullscreen.setText(self.tr("&Full screen"))
        self.action_about.setText(self.tr("&About ZeelandNet Desktop"))
        self.text_size.retranslate()
        self._update_tab_titles()
        self._update_window_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- tabs and titles ------------------------------------------------------------------

    def set_tab_content(self, name: str, widget: QWidget) -> None:
        """Put a feature's widget into its tab (once)."""
        host = self._hosts[name]
        layout = host.layout()
        assert layout is not None
        widget.setParent(host)
        layout.addWidget(widget)


    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("News"))
        webmail = self.tr("Webmail")
        if self._webmail_unread > 0:
            webmail = f"{webmail} ({self._webmail_unread})"
        self.tabs.setTabText(1, webmail)

    def _update_window_title(self) -> None:
        # Qt adds the display name to a title that does not end with it: said once, not twice.
        if self.current_tab() == "webmail" and self._page_title:
            self.setWindowTitle(f"{self._page_title} — {DISPLAY_NAME}")
        else:
            self.setWindowTitle(DISPLAY_NAME)

    def set_news_status(self, text: str) -> None:
        """The permanent news line: last refresh and failing feeds, in words."""
        self.news_status.setText(text)
        self.news_status.setToolTip(text)

    def set_webmail_unread(self, count: int) -> None:
        self._webmail_unread = max(0, count)
        self._update_tab_titles()

    def set_page_title(self, title: str) -> None:
        self._page_title = title
        self._update_window_title()

    def current_tab(self) -> str:
        return TAB_NAMES[max(0, self.tabs.currentIndex())]

    def show_tab(self, name: str, *, focus: bool = False) -> None:
        """Bring a tab to the front; `focus`: the keyboard goes into it (Ctrl+1, Ctrl+2)."""
        if name in TAB_NAMES:
            self.tabs.setCurrentIndex(TAB_NAMES.index(name))
            if focus:
                self.focus_content()

    def focus_content(self) -> None:
        """The keyboard into the current tab's content (the news: its article list), not on
        the tab bar, where j, k and Space would do nothing."""
        host = self._hosts[self.current_tab()]
        focused = QApplication.focusWidget()
        if focused is not None and host.isAncestorOf(focused):
            return  # the tab put it in place itself (the webmail page)
        layout = host.layout()
        item = layout.itemAt(0) if layout is not None else None
        content = item.widget() if item is not None else None
        if content is not None:
            focus_first_control(content)

    def _on_current_changed(self, index: int) -> None:
        name = TAB_NAMES[index]
        for action in self.webmail_actions.values():
            action.setEnabled(name == "webmail")
        self._settings.set(keys.LAST_TAB, name)
        self._update_window_title()
        self.tab_activated.emit(name)

    def bring_to_front(self, tab: str | None = None) -> None:
        """Show, un-minimise and raise the window (for a second launch or the tray)."""
        if tab:
            self.show_tab(tab)
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    # --- state ----------------------------------------------------------------------------

    def restore_state(self, tab: str | None = None) -> None:
        """Geometry, toolbars and the last tab from the previous run; `tab` wins over the last."""
        geometry = self._settings.get(keys.WINDOW_GEOMETRY)
        self._geometry_restored = bool(geometry) and self.restoreGeometry(QByteArray(geometry))
        # A geometry from a larger monitor (or a lower scale) would leave the close button
        # or the status bar off this screen.
        fit_window(self, first=not self._geometry_restored)
        state = self._settings.get(keys.WINDOW_STATE)
        if state:
            self.restoreState(QByteArray(state))
        wanted = tab or self._settings.get(keys.LAST_TAB)
        self.tabs.blockSignals(True)  # the first tab_activated comes from showEvent below
        self.show_tab(wanted)
        self.tabs.blockSignals(False)
        for action in self.webmail_actions.values():
            action.setEnabled(self.current_tab() == "webmail")
        self._update_window_title()

    def save_state(self) -> None:
        self._settings.set(keys.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self._settings.set(keys.WINDOW_STATE, bytes(self.saveState().data()))
        self._settings.set(keys.LAST_TAB, self.current_tab())
        self._settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_before:
            self._shown_before = True
            fit_window(self)  # now with the window manager's frame
            self.focus_content()

    def _set_fullscreen(self, on: bool) -> None:
        if on:
            self._before_full_screen = self.windowState() & ~Qt.WindowState.WindowFullScreen
            self.showFullScreen()
        else:
            self.setWindowState(self._before_full_screen)
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard():
            event.ignore()  # asked first (unsaved webmail); the guard closes again when it may
            return
        self.save_state()
        self.closing.emit()
        super().closeEvent(event)

"""The news tab's actions with their keys, so the keys can be found: the Nieuws menu shows them,
the right-click menus reuse them, F1 lists them.

The letter keys (J, K, M, Space, Enter) work only while the focus is in the news tab: typed in
the search field they are text (a line edit claims printable keys), in webmail they are mail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ...news.model import Article


class NewsCommands(Protocol):
    """What the actions ask the news tab to do."""

    def step(self, step: int) -> None: ...
    def page_or_next(self) -> None: ...
    def activate(self) -> None: ...
    def toggle_read(self, article: Article | None = None) -> None: ...
    def copy_link(self, article: Article | None = None) -> None: ...
    def open_in_browser(self, article: Article | None = None) -> None: ...
    def mark_category_read(self, category: str | None = None) -> None: ...
    def mark_everything_read(self) -> None: ...
    def set_unread_only(self, on: bool) -> None: ...
    def focus_search(self) -> None: ...
    def escape(self) -> None: ...
    def refresh(self, category: str | None = None) -> None: ...


class NewsMenu(QMenu):
    def exec_and_forget(self, position: QPoint) -> None:
        """Show at `position` until chosen or dismissed, then go."""
        self.exec(position)
        self.deleteLater()


class NewsActions(QObject):
    def __init__(self, tab: QWidget, commands: NewsCommands) -> None:
        super().__init__(tab)
        self._tab = tab
        self._commands = commands

        def make(name: str, keys: list[str | QKeySequence.StandardKey],
                 slot: Callable[[], None]) -> QAction:
            action = QAction(tab)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False: slot())
            tab.addAction(action)
            return action

        self.next = make("action_next", ["J"], lambda: commands.step(1))
        self.previous = make("action_previous", ["K"], lambda: commands.step(-1))
        self.read_on = make("action_read_on", ["Space"], commands.page_or_next)
        self.open = make("action_open", ["Return", "Enter"], commands.activate)
        self.copy_link = make("action_copy_link", [], lambda: commands.copy_link())
        self.toggle_read = make("action_toggle_read", ["M"], lambda: commands.toggle_read())
        # The bulk marks have no key: there is no undo, and a slip of the finger is easy.
        self.category_read = make("action_category_read", [],
                                  lambda: commands.mark_category_read())
        self.all_read = make("action_all_read", [], commands.mark_everything_read)
        self.unread_only = make("action_unread_only", [], lambda: None)
        self.unread_only.setCheckable(True)
        self.unread_only.toggled.connect(commands.set_unread_only)
        self.search = make("action_search", [QKeySequence.StandardKey.Find], commands.focus_search)
        self.escape = make("action_escape", ["Escape"], commands.escape)
        self.keys = QAction(tab)  # F1: everywhere in the window, also on the webmail tab
        self.keys.setObjectName("action_keys")
        self.keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        if self.keys.shortcut().toString() != "F1":
            self.keys.setShortcuts([self.keys.shortcut(), QKeySequence("F1")])
        self.keys.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._retranslate()
        tab.installEventFilter(self)

    def in_menu_order(self) -> list[QAction | None]:
        """The Nieuws menu (None: a separator)."""
        return [self.next, self.previous, self.read_on, None, self.open, self.copy_link,
                self.toggle_read, None, self.category_read, self.all_read, None,
                self.unread_only, self.search]

    def fill_menu(self, menu: QMenu) -> None:
        for action in self.in_menu_order():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    def article_menu(self, article: Article, parent: QWidget) -> NewsMenu:
        """The right-click menu of one article."""
        menu = NewsMenu(parent)
        menu.setObjectName("articleMenu")
        opening = menu.addAction(self.open.text())
        opening.setShortcut(self.open.shortcut())
        opening.triggered.connect(lambda: self._commands.open_in_browser(article))
        opening.setEnabled(bool(article.link))
        copying = menu.addAction(self.copy_link.text())
        copying.triggered.connect(lambda: self._commands.copy_link(article))
        copying.setEnabled(bool(article.link))
        reading = menu.addAction(self.tr("Mark as unread") if article.read
                                 else self.tr("Mark as read"))
        reading.setShortcut(self.toggle_read.shortcut())
        reading.triggered.connect(lambda: self._commands.toggle_read(article))
        return menu

    def category_menu(self, category: str, name: str, parent: QWidget) -> NewsMenu:
        """The right-click menu of a category."""
        menu = NewsMenu(parent)
        menu.setObjectName("categoryMenu")
        marking = menu.addAction(self.tr("Mark all in “%1” as read").replace("%1", name))
        marking.triggered.connect(lambda: self._commands.mark_category_read(category))
        refreshing = menu.addAction(self.tr("Refresh"))
        refreshing.triggered.connect(lambda: self._commands.refresh(category))
        return menu

    def _retranslate(self) -> None:
        self.next.setText(self.tr("&Next article"))
        self.previous.setText(self.tr("&Previous article"))
        self.read_on.setText(self.tr("Read on (or next article)"))
        self.open.setText(self.tr("&Open on the website"))
        self.copy_link.setText(self.tr("&Copy link"))
        self.toggle_read.setText(self.tr("&Mark as read or unread"))
        self.category_read.setText(self.tr("Mark this &category as read"))
        self.all_read.setText(self.tr("Mark &everything as read"))
        self.unread_only.setText(self.tr("&Unread only"))
        self.search.setText(self.tr("&Search…"))
        self.escape.setText(self.tr("Stop searching"))
        self.keys.setText(self.tr("&Keyboard shortcuts"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tab and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False

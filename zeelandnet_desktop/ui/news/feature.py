"""The news feature: the Nieuws tab, its menu (with the keys, so they can be found), F1 for an
overview of the keys, and its Instellingen page, attached to the shell.

The news status lives in the news tab's own header, so the webmail tab never shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ...services.news import NewsService
from ..shell_api import ShellApi
from .tab import NewsTab


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys_of(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                     for s in action.shortcuts())


def _news_page(shell: ShellApi, news: NewsService, parent: QWidget) -> QWidget:
    # Imported when Instellingen first opens: not before the first paint.
    from .settings_page import NewsSettingsPage

    return NewsSettingsPage(shell.settings, news, parent)


class NewsFeature(QObject):
    def __init__(self, shell: ShellApi, news: NewsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self.tab = NewsTab(shell.settings, news)
        window = shell.window
        window.set_tab_content("news", self.tab)
        window.set_news_status("")  # the news tab's header says it now
        self.tab.message.connect(shell.show_status)
        shell.article_requested.connect(self.tab.show_article)
        shell.shutting_down.connect(self.tab.stop)
        shell.tab_activated.connect(self._on_tab)
        shell.settings_pages.register("news", 10, lambda parent: _news_page(shell, news, parent))

        actions = self.tab.actions_
        self.menu = QMenu(window)
        self.menu.setObjectName("menu_news")
        self.menu.addAction(self.tab.stage.action)  # the Voorpagina first, as in the list
        self.menu.addSeparator()
        actions.fill_menu(self.menu)
        window.menuBar().insertMenu(window.menu_webmail.menuAction(), self.menu)
        self.keys_action = actions.keys
        window.addAction(self.keys_action)
        self.keys_action.triggered.connect(self.show_keys)
        help_actions = window.menu_help.actions()
        if help_actions:
            window.menu_help.insertAction(help_actions[0], self.keys_action)
            window.menu_help.insertSeparator(help_actions[0])
        else:
            window.menu_help.addAction(self.keys_action)
        self._retranslate()
        window.installEventFilter(self)

    def widget(self) -> QWidget:
        return self.tab

    def _on_tab(self, name: str) -> None:
        # The news keys act on the news tab only; on the webmail tab its menu would do nothing.
        self.menu.menuAction().setVisible(name == "news")

    def key_overview(self) -> list[tuple[str, str]]:
        """(keys, what they do) of every action with a key, news first."""
        window = self._shell.window
        news = [self.tab.stage.action,
                *(a for a in self.tab.actions_.in_menu_order() if a is not None)]
        sizes = window.text_size
        general = [window.action_refresh, window.action_show_news, window.action_show_webmail,
                   sizes.action_bigger, sizes.action_smaller, sizes.action_normal,
                   window.action_settings, window.action_fullscreen, window.action_quit]
        rows = [(_keys_of(a), _plain(a.text())) for a in news + general if a.shortcuts()]
        rows.insert(3, (self.tr("Arrow keys"), self.tr("Move through the list")))
        rows.append((_keys_of(self.keys_action), _plain(self.keys_action.text())))
        return rows

    def show_keys(self) -> None:
        from .dialogs import KeysDialog

        dialog = KeysDialog(self.key_overview(), self._shell.window)
        dialog.exec()
        dialog.deleteLater()

    def _retranslate(self) -> None:
        self.menu.setTitle(self.tr("&News"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._shell.window and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False

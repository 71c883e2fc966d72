"""The news feature: the Nieuws tab and its Instellingen page, attached to the shell."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...services.news import NewsService
from ..shell_api import ShellApi
from .settings_page import NewsSettingsPage
from .tab import NewsTab


class NewsFeature(QObject):
    def __init__(self, shell: ShellApi, news: NewsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self.tab = NewsTab(shell.settings, news)
        shell.window.set_tab_content("news", self.tab)
        self.tab.status_changed.connect(self._show_news_status)
        shell.article_requested.connect(self.tab.show_article)
        shell.shutting_down.connect(self.tab.stop)
        shell.settings_pages.register(
            "news", 10, lambda parent: NewsSettingsPage(shell.settings, news, parent))

    def widget(self) -> QWidget:
        return self.tab

    def _show_news_status(self, text: str) -> None:
        self._shell.window.set_news_status(text)

"""The article being read: shown in the reading pane with its lead picture (asked for, shown
when it comes, left out when it will not), its links opened in the system browser — and when
no browser opens, the user is told so, not that it opened. A story under "Meer uit …" opens in
the app."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QUrl, Signal

from ... import settings as keys
from ...news.model import Article
from ...settings import Settings
from .article_view import ArticleView
from .more_from import story_id
from .pictures import PictureBank

log = logging.getLogger(__name__)


class ArticleReader(QObject):
    message = Signal(str)  # a passing message for the status bar
    story_chosen = Signal(object)  # an Article under "Meer uit …" to read next

    def __init__(self, settings: Settings, view: ArticleView, pictures: PictureBank,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.view = view
        self._pictures = pictures
        self.article: Article | None = None
        pictures.arrived.connect(self._on_picture)
        view.anchorClicked.connect(self.open_link)

    def show(self, article: Article | None) -> None:
        self.article = article
        if article is None:
            self.view.show_placeholder()
            return
        pictures = self._settings.get(keys.REMOTE_IMAGES)
        url = article.image_url
        if url and self._pictures.failed(url):
            self.view.picture_failed(url)  # no placeholder for what will not come
        self.view.show_article(article, pictures=pictures)
        if url and pictures:
            image = self._pictures.lead(url)
            if image is not None and not self.view.has_picture(url):
                self.view.add_picture(url, image)

    def again(self) -> None:
        """Show the same article again (another language, pictures switched on or off)."""
        self.show(self.article)

    def changed(self, article: Article) -> None:
        """The article on screen changed (read or unread): nothing to draw again."""
        if self.article is not None and self.article.id == article.id:
            self.article = article

    def article_html(self, article: Article, now: datetime | None = None) -> str:
        return self.view.article_html(article, now,
                                      pictures=self._settings.get(keys.REMOTE_IMAGES))

    def open_in_browser(self, article: Article | None = None) -> None:
        article = article or self.article
        if article is not None and article.link:
            self.open_link(QUrl(article.link))

    def copy_link(self, article: Article | None = None) -> None:
        from PySide6.QtGui import QGuiApplication

        article = article or self.article
        if article is not None and article.link:
            QGuiApplication.clipboard().setText(article.link)
            self.message.emit(self.tr("Link copied"))

    def open_link(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        chosen = story_id(url)
        if chosen is not None:
            story = self.view.more.story(chosen)
            if story is not None:
                self.story_chosen.emit(story)
            return
        if url.scheme() not in ("http", "https"):
            log.info("Ignored a link with scheme %r in an article", url.scheme())
            return
        if not QDesktopServices.openUrl(url):
            log.warning("No web browser could be opened for a link to %s", url.host())
            self.message.emit(self.tr("No web browser could be opened. Copy the link with the "
                                      "right mouse button and open it yourself."))

    def _on_picture(self, url: str) -> None:
        shown = self.article
        if shown is None or shown.image_url != url or self.view.has_picture(url):
            return
        if self._pictures.failed(url):
            self.view.picture_failed(url)
            return
        image = self._pictures.lead(url)
        if image is not None:
            self.view.add_picture(url, image)

"""The reading pane: one article as the portal shows it — title, dateline, time, source, the
lead picture when pictures are allowed, the text, and a link to read on at the source.

Rich text, no script: a QTextBrowser shows the sanitized HTML and loads nothing itself; pictures
come from the app's own fetcher and are added as document resources.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime, timezone
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ... import i18n
from ...news.model import Article
from ...news.reltime import clock_time, relative_time

log = logging.getLogger(__name__)

PICTURE_WIDTH = 480


class ArticleView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenLinks(False)  # links go to the system browser, never inside
        self._pictures: set[str] = set()

    def show_placeholder(self) -> None:
        hint = self.tr("Choose an article to read it here.")
        self.setHtml(f"<p style='color:gray; margin-top:40px' align='center'>"
                     f"{html.escape(hint)}</p>")

    def show_article(self, article: Article, *, pictures: bool, keep_place: bool = False) -> None:
        """Show `article`; `keep_place`: the same article redrawn (its time moved on)."""
        place = self.verticalScrollBar().value()
        self.setHtml(self.article_html(article, pictures=pictures))
        self.verticalScrollBar().setValue(place if keep_place else 0)

    def has_picture(self, url: str) -> bool:
        return url in self._pictures

    def add_picture(self, url: str, data: bytes) -> bool:
        """Keep a fetched picture for the articles that show it; False when it is no picture."""
        image = QImage()
        if not image.loadFromData(data):
            log.info("A picture could not be decoded: %s", url)
            return False
        if image.width() > PICTURE_WIDTH:
            image = image.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        self._pictures.add(url)
        return True

    def article_html(self, article: Article, now: datetime | None = None, *,
                     pictures: bool) -> str:
        now = now or datetime.now(timezone.utc)
        language = i18n.current_language()
        meta_parts = []
        # The lead usually opens with its dateline (as on the portal); repeat it only if not.
        lead_has_dateline = bool(article.places) and article.summary_text.lstrip().upper(
        ).startswith(article.places[0].upper())
        if article.places and not lead_has_dateline:
            meta_parts.append("/".join(article.places))
        if article.agencies and not lead_has_dateline:
            meta_parts.append("/".join(article.agencies))
        ago = relative_time(article.published, now, language)
        meta_parts.append(f"{clock_time(article.published)} ({ago})")
        meta_parts.append(article.source)
        host = (urlsplit(article.link).hostname or "").removeprefix("www.")
        read_on = self.tr("Read more on %1").replace("%1", host) if host else ""
        image = ""
        if article.image_url and pictures and article.image_url in self._pictures:
            image = (f"<p><img src='{html.escape(article.image_url)}' "
                     f"width='{PICTURE_WIDTH}'></p>")
        link = (f"<p><a href='{html.escape(article.link)}'>{html.escape(read_on)} →</a></p>"
                if article.link and host else "")
        return (
            f"<h2>{html.escape(article.title)}</h2>"
            f"<p style='color:gray'>{html.escape(' · '.join(meta_parts))}</p>"
            f"{image}<div>{article.summary_html}</div>{link}"
        )

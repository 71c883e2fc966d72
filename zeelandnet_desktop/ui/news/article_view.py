"""The reading pane: one article as the portal shows it — title, time and source, an agency's
note in small print, the lead picture with its caption and credit, the text with its
subheadings and lists, and a link to read on at the source.

Rich text, no script: a QTextBrowser shows the sanitized HTML and loads nothing itself; the
picture comes from the app's own fetcher (loadResource answers only with what it was given, a
quiet placeholder until then). The minute tick rewrites only the time lines, so a long article
is not laid out again (and a selection in it stays). "Meer uit …" follows the article
(more_from.py).

Its colours are the palette's (the muted lines readable in light and dark alike) and it is drawn
again when the palette changes. For screen readers it is read-only text with a caret to move
through, not a caption (see ReadOnlyText).
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from ... import i18n
from ...news.model import Article
from ...news.reltime import relative_time, time_label
from ..palette import muted
from .article_list import capped, isolate
from .clock import NewsClock
from .more_from import MoreFromSection
from .pictures import LEAD_WIDTH

log = logging.getLogger(__name__)

PLACEHOLDER = "placeholder:picture"

# Qt chooses an object's accessibility by the first class name it knows, from the object's own
# class upwards. For a QTextBrowser that is "static text" (AT-SPI: a label), which screen readers
# read as a caption and cannot move through; for a QTextEdit it is text, read-only here, with a
# caret and text navigation. A class of that name in between gives the article the second.
if TYPE_CHECKING:
    ReadOnlyText = QTextBrowser
else:
    ReadOnlyText = type("QTextEdit", (QTextBrowser,), {"__module__": __name__})


class ArticleView(ReadOnlyText):
    def __init__(self, parent: QWidget | None = None, clock: NewsClock | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenLinks(False)  # links go to the system browser, never inside
        # A word longer than the pane (a title of one 50,000-letter word) breaks anywhere
        # instead of being laid out as one endless line.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.clock = clock or NewsClock()
        self._article: Article | None = None
        self._pictures: dict[str, QImage] = {}
        self._failed: set[str] = set()
        self._picture_wanted = False
        self._meta = ""
        self.more = MoreFromSection(self)
        self._room = LEAD_WIDTH
        # The picture fits the pane again once a resize (a splitter drag) has come to rest.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(120)
        self._refit.timeout.connect(self._fit_picture)
        self.setAccessibleName(self.tr("Article"))

    @property
    def article(self) -> Article | None:
        return self._article

    def show_placeholder(self) -> None:
        self._article = None
        self._meta = ""
        hint = self.tr("Choose an article to read it here.")
        self.setHtml(f"<p style='color:{self._muted()}; margin-top:40px' align='center'>"
                     f"{html.escape(hint)}</p>")

    def _room_now(self) -> int:
        margin = round(self.document().documentMargin())
        return max(120, self.viewport().width() - 2 * margin - 4)

    def _picture_room(self) -> int:
        """How wide the picture may be: the pane's width, so nothing scrolls sideways."""
        self._room = self._room_now()
        return self._room

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self._room_now()
        if (self._article is not None and self._picture_wanted and room != self._room
                and min(room, self._room) < LEAD_WIDTH):
            self._refit.start()  # a narrower or wider pane: the picture fits it again

    def _fit_picture(self) -> None:
        if self._article is not None and self._picture_wanted:
            self.show_article(self._article, pictures=True, keep_place=True)

    def _muted(self) -> str:
        return muted(self.palette()).name()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Light to dark or back: the muted lines take the new palette's colour.
            if self._article is None:
                self.show_placeholder()
            else:
                self.show_article(self._article, pictures=self._picture_wanted, keep_place=True)
            self.more.rewrite()

    def show_article(self, article: Article, *, pictures: bool, keep_place: bool = False) -> None:
        """Show `article`; `keep_place`: the same article again (its picture came)."""
        place = self.verticalScrollBar().value()
        self._article = article
        self._picture_wanted = pictures and bool(article.image_url)
        self.setHtml(self.article_html(article, pictures=pictures))
        self.more.append(article)
        self.verticalScrollBar().setValue(place if keep_place else 0)

    def event(self, event: QEvent) -> bool:
        # Enter on a link reached with Tab opens that link, not the tab's "open on the website".
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.textCursor().hasSelection() and self.textCursor().charFormat().isAnchor():
            event.accept()
            return True
        return super().event(event)

    def has_picture(self, url: str) -> bool:
        return url in self._pictures

    def add_picture(self, url: str, image: QImage) -> None:
        """The lead picture came; shown at once when it belongs to the article on screen."""
        self._pictures[url] = image
        while len(self._pictures) > 24:
            self._pictures.pop(next(iter(self._pictures)))
        article = self._article
        if article is not None and article.image_url == url and self._picture_wanted:
            self.show_article(article, pictures=True, keep_place=True)

    def picture_failed(self, url: str) -> None:
        """The lead picture will not come (not a picture, too large, gone): no placeholder."""
        self._failed.add(url)
        article = self._article
        if article is not None and article.image_url == url and self._picture_wanted:
            self.show_article(article, pictures=True, keep_place=True)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            if name in self._pictures:
                return self._pictures[name]
            if name == PLACEHOLDER:  # the picture is on its way
                placeholder = QImage(LEAD_WIDTH, LEAD_WIDTH * 9 // 16,
                                     QImage.Format.Format_RGB32)
                placeholder.fill(self.palette().alternateBase().color())
                return placeholder
            nothing = QImage(1, 1, QImage.Format.Format_ARGB32)
            nothing.fill(QColor(0, 0, 0, 0))
            return nothing
        return None  # nothing else is ever loaded: no style sheets, no frames

    # --- times ----------------------------------------------------------------------------

    def meta_line(self, article: Article, now: datetime | None = None) -> str:
        """'ma 23 nov 18:58 (3 dagen geleden) · NU.nl', each part bidi-isolated."""
        now = now or self.clock.now()
        language = i18n.current_language()
        parts = []
        # The lead usually opens with its dateline (as on the portal); repeat it only if not.
        lead_has_dateline = bool(article.places) and article.summary_text.lstrip().upper(
        ).startswith(article.places[0].upper())
        if article.places and not lead_has_dateline:
            parts.append("/".join(article.places))
        if article.agencies and not lead_has_dateline:
            parts.append("/".join(article.agencies))
        when = time_label(article.published, now, language, self.clock.tz)
        ago = relative_time(article.published, now, language, self.clock.tz)
        parts.append(f"{when} ({ago})")
        parts.append(article.source)
        return " · ".join(isolate(part) for part in parts)

    def update_times(self) -> None:
        """The minute tick: rewrite the time lines in place, nothing else."""
        self.more.update_times()
        if self._article is None or not self._meta:
            return
        text = self.meta_line(self._article)
        if text == self._meta:
            return
        block = self.document().begin()
        while block.isValid() and block.text() != self._meta:
            block = block.next()
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        char_format = cursor.charFormat()
        cursor.insertText(text, char_format)
        self._meta = text

    # --- the document ---------------------------------------------------------------------

    def article_html(self, article: Article, now: datetime | None = None, *,
                     pictures: bool) -> str:
        self._meta = self.meta_line(article, now)
        color = self._muted()
        small = f"color:{color}; font-size:small"
        host = (urlsplit(article.link).hostname or "").removeprefix("www.")
        read_on = self.tr("Read more on %1").replace("%1", host) if host else ""
        notice = (f"<p style='{small}'>{html.escape(capped(article.notice, 600))}</p>"
                  if article.notice else "")
        link = (f"<p><a href='{html.escape(article.link)}'>{html.escape(read_on)} →</a></p>"
                if article.link and host else "")
        return (
            f"<h1>{html.escape(capped(article.title))}</h1>"
            f"<p style='color:{color}'>{html.escape(self._meta)}</p>"
            f"{notice}{self._picture_html(article, pictures)}"
            f"<div>{article.summary_html}</div>{link}"
        )

    def _picture_html(self, article: Article, pictures: bool) -> str:
        if not (pictures and article.image_url) or article.image_url in self._failed:
            return ""
        url = article.image_url
        alt = html.escape(capped(article.image_caption or article.title, 200), quote=True)
        room = self._picture_room()
        if url in self._pictures:
            image = self._pictures[url]
            width = min(image.width(), room)
            height = round(image.height() * width / max(1, image.width()))
            tag = (f"<img src='{html.escape(url, quote=True)}' alt='{alt}' "
                   f"width='{width}' height='{height}'>")
        else:
            width = min(LEAD_WIDTH, room)
            tag = (f"<img src='{PLACEHOLDER}' alt='{alt}' width='{width}' "
                   f"height='{width * 9 // 16}'>")
        words = [capped(article.image_caption, 400)] if article.image_caption else []
        if article.image_credit:
            words.append(self.tr("Picture: %1").replace("%1", capped(article.image_credit, 200)))
        caption = (f"<p style='color:{self._muted()}; font-size:small'>"
                   f"{html.escape(' · '.join(words))}</p>" if words else "")
        return f"<p>{tag}</p>{caption}"

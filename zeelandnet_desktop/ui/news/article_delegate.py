"""How a list row looks: a day (or category) heading, or an article as the portal shows it —
a thumbnail, the title (bold while unread), the first line of the lead, and "source · time".

Everything is elided to the width, so a long title never wraps; the texts are capped by the
model before they reach here. A picture not here yet is a quiet placeholder (and is asked for);
with pictures switched off there is no picture column at all.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...news.model import Article
from .article_list import ARTICLE_ROLE, HEADING_ROLE, ArticleListModel, capped
from .pictures import THUMB_SIZE, PictureBank

Index = QModelIndex | QPersistentModelIndex
PADDING = 6
GAP = 10  # between the picture and the text


def picture_of(article: Article) -> str | None:
    return article.thumbnail_url or article.image_url


class ArticleDelegate(QStyledItemDelegate):
    def __init__(self, model: ArticleListModel, pictures: PictureBank,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._pictures = pictures

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()
        if index.data(HEADING_ROLE) is not None:
            return QSize(200, line + PADDING * 2 + 4)
        text = line * 3 + 4
        if self._pictures.enabled:
            text = max(text, THUMB_SIZE.height())
        return QSize(200, text + PADDING * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        heading = index.data(HEADING_ROLE)
        if heading is not None:
            self._paint_heading(painter, option, str(heading))
            return
        article = index.data(ARTICLE_ROLE)
        if not isinstance(article, Article):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)

        painter.save()
        if self._pictures.enabled:
            url = picture_of(article)
            if url:
                self._paint_picture(painter, palette, rect, url)
            rect = rect.adjusted(THUMB_SIZE.width() + GAP, 0, 0, 0)
        base_font = QFont(opt.font)
        line = QFontMetrics(base_font).height()
        top = rect.y() + max(0, (rect.height() - (line * 3 + 4)) // 2)
        title_font = QFont(base_font)
        title_font.setBold(not article.read)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title = QFontMetrics(title_font).elidedText(capped(article.title),
                                                    Qt.TextElideMode.ElideRight, rect.width())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(rect.x(), top, rect.width(), line), align, title)

        painter.setFont(base_font)
        muted = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        lead_source = article.lead or article.summary_text
        lead = lead_source[:600].splitlines()[0] if lead_source.strip() else ""
        painter.drawText(QRect(rect.x(), top + line + 2, rect.width(), line), align,
                         QFontMetrics(base_font).elidedText(capped(lead),
                                                            Qt.TextElideMode.ElideRight,
                                                            rect.width()))
        small = QFont(base_font)
        small.setPointSizeF(max(6.0, base_font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.drawText(QRect(rect.x(), top + 2 * line + 4, rect.width(), line), align,
                         QFontMetrics(small).elidedText(self._model.meta_text(article),
                                                        Qt.TextElideMode.ElideRight,
                                                        rect.width()))
        painter.restore()

    def _paint_picture(self, painter: QPainter, palette: QPalette, rect: QRect,
                       url: str) -> None:
        box = QRect(rect.x(), rect.y() + max(0, (rect.height() - THUMB_SIZE.height()) // 2),
                    THUMB_SIZE.width(), THUMB_SIZE.height())
        image = self._pictures.thumbnail(url)
        if image is not None:
            painter.drawImage(box, image)
        elif not self._pictures.failed(url):
            painter.fillRect(box, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawRect(box.adjusted(0, 0, -1, -1))

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem,
                       text: str) -> None:
        painter.save()
        palette: QPalette = option.palette
        rect = option.rect
        # A heading row is not enabled (the keys pass over it); it is drawn as active text all
        # the same, not in the greyed-out colours of a disabled item.
        active = QPalette.ColorGroup.Active
        painter.fillRect(rect, palette.color(active, QPalette.ColorRole.Window))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(active, QPalette.ColorRole.WindowText))
        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                       inner.width()))
        painter.setPen(palette.color(active, QPalette.ColorRole.Mid))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()

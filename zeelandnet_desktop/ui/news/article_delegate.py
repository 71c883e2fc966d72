"""How a list row looks: a day (or category) heading, or an article as the portal shows it —
a thumbnail, the title (bold while unread), the first line of the lead, and "source · time".

Everything is elided to the width, so a long title never wraps; the texts are capped by the
model before they reach here. A picture not here yet is a quiet placeholder (and is asked for);
with pictures switched off there is no picture column at all.

Painting runs for every visible row on every repaint, while feeds are parsed on other
threads: fonts, metrics and Qt flags are made once, not per row (building a Qt flag from
Python costs as much as drawing a line of text).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...news.model import Article
from .article_list import ArticleListModel, capped
from .pictures import THUMB_SIZE, PictureBank

Index = QModelIndex | QPersistentModelIndex
PADDING = 6
GAP = 10  # between the picture and the text
_LINE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_HEADING = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
_ELIDE = Qt.TextElideMode.ElideRight
_SELECTED = QStyle.StateFlag.State_Selected
_ACTIVE = QPalette.ColorGroup.Active
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED = QPalette.ColorRole.HighlightedText
_MUTED = QPalette.ColorRole.PlaceholderText
# What of a row's state changes how it looks (selected, focused, hovered, the window active).
_ROW_STATES = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus
               | QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Active)
KEEP_ROWS = 80  # rows kept drawn: a screenful or two, in both selection states


def picture_of(article: Article) -> str | None:
    return article.thumbnail_url or article.image_url


class _Fonts:
    """The fonts of a row and their metrics, for one base font."""

    def __init__(self, base: QFont) -> None:
        self.key = base.key()
        self.base = QFont(base)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.0, base.pointSizeF() * 0.9))
        self.base_metrics = QFontMetrics(self.base)
        self.bold_metrics = QFontMetrics(self.bold)
        self.small_metrics = QFontMetrics(self.small)
        self.line = self.base_metrics.height()


class ArticleDelegate(QStyledItemDelegate):
    def __init__(self, model: ArticleListModel, pictures: PictureBank,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._pictures = pictures
        self._fonts: _Fonts | None = None
        self._rows: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def _fonts_for(self, font: QFont) -> _Fonts:
        fonts = self._fonts
        if fonts is None or fonts.key != font.key():
            fonts = self._fonts = _Fonts(font)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = self._fonts_for(option.font).line
        if self._model.is_heading(index.row()):
            return QSize(200, line + PADDING * 2 + 4)
        text = line * 3 + 4
        if self._pictures.enabled:
            text = max(text, THUMB_SIZE.height())
        return QSize(200, text + PADDING * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.row()
        fonts = self._fonts_for(option.font)
        heading = self._model.heading_at(row)
        if heading is not None:
            self._paint_heading(painter, option, fonts, heading)
            return
        article = self._model.article_at(row)
        if article is None:
            return
        # A row's text is drawn once into a picture of itself and then copied: repaints (the
        # list filled again during a round, a thumbnail arriving) cost one copy per row instead
        # of a dozen text layouts, each slowed down by the threads parsing feeds meanwhile. The
        # thumbnail is drawn on top, so its arrival leaves the text's picture as it is.
        widget = option.widget
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        rect: QRect = option.rect
        pictures = self._pictures.enabled
        key = (article.id, article.read, (option.state & _ROW_STATES).value, rect.width(),
               rect.height(), self._model.meta_text(article), pictures, fonts.key, ratio,
               option.palette.cacheKey())
        text = self._rows.get(key)
        if text is None:
            text = QPixmap(int(rect.width() * ratio), int(rect.height() * ratio))
            text.setDevicePixelRatio(ratio)
            text.fill(Qt.GlobalColor.transparent)
            canvas = QPainter(text)
            local = QStyleOptionViewItem(option)
            local.rect = QRect(0, 0, rect.width(), rect.height())
            self._paint_article(canvas, local, fonts, article, key[5])
            canvas.end()
            self._rows[key] = text
            while len(self._rows) > KEEP_ROWS:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), text)
        url = picture_of(article) if pictures else None
        if url:
            self._paint_picture(painter, option.palette,
                                rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), url)

    def _paint_article(self, painter: QPainter, option: QStyleOptionViewItem, fonts: _Fonts,
                       article: Article, meta: str) -> None:
        # No initStyleOption: it asks the model for a dozen roles per row, none of them used;
        # the style draws the row's background, selection and focus from the option alone.
        opt = option
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter,
                                       widget)
        selected = bool(opt.state & _SELECTED)
        palette: QPalette = opt.palette
        rect: QRect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)

        painter.save()
        if self._pictures.enabled:  # the picture itself is drawn over this, in paint()
            rect = rect.adjusted(THUMB_SIZE.width() + GAP, 0, 0, 0)
        line = fonts.line
        width = rect.width()
        left = rect.x()
        top = rect.y() + max(0, (rect.height() - (line * 3 + 4)) // 2)
        painter.setPen(palette.color(_HIGHLIGHTED if selected else _TEXT))
        if article.read:
            painter.setFont(fonts.base)
            title = fonts.base_metrics.elidedText(capped(article.title), _ELIDE, width)
        else:
            painter.setFont(fonts.bold)
            title = fonts.bold_metrics.elidedText(capped(article.title), _ELIDE, width)
        painter.drawText(QRect(left, top, width, line), _LINE, title)

        painter.setFont(fonts.base)
        painter.setPen(palette.color(_HIGHLIGHTED if selected else _MUTED))
        lead_source = article.lead or article.summary_text
        lead = lead_source[:600].splitlines()[0] if lead_source.strip() else ""
        painter.drawText(QRect(left, top + line + 2, width, line), _LINE,
                         fonts.base_metrics.elidedText(capped(lead), _ELIDE, width))
        painter.setFont(fonts.small)
        painter.drawText(QRect(left, top + 2 * line + 4, width, line), _LINE,
                         fonts.small_metrics.elidedText(meta, _ELIDE, width))
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

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, fonts: _Fonts,
                       text: str) -> None:
        # A heading row is not enabled (the keys pass over it); it is drawn as active text all
        # the same, not in the greyed-out colours of a disabled item.
        painter.save()
        palette: QPalette = option.palette
        rect = option.rect
        painter.fillRect(rect, palette.color(_ACTIVE, QPalette.ColorRole.Window))
        painter.setFont(fonts.bold)
        painter.setPen(palette.color(_ACTIVE, QPalette.ColorRole.WindowText))
        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        painter.drawText(inner, _HEADING, fonts.bold_metrics.elidedText(text, _ELIDE,
                                                                        inner.width()))
        painter.setPen(palette.color(_ACTIVE, QPalette.ColorRole.Mid))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()

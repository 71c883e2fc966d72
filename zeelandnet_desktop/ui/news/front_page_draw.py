"""How a story of the Voorpagina looks, drawn into the picture its button keeps (see
StoryButton.paintEvent): the focus frame and hover in the palette's colours, the lead's
picture (or its placeholder), the title bold while unread, the lead line and the time in the
muted colour; a line of "Net binnen" as category, clock time and title; a link's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette

from .article_list import capped
from .front_page_paint import (
    JUST_IN,
    LEAD,
    LEAD_LINES,
    LINK,
    PADDING,
    TITLE_LINES,
    StoryFonts,
    cover,
    placeholder,
)

if TYPE_CHECKING:
    from .front_page_items import StoryButton


def draw_story(button: StoryButton, painter: QPainter) -> None:
    palette = button.palette()
    fonts = button.fonts()
    rect = button.rect()
    if button.underMouse() or button.hasFocus():
        painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
    if button.hasFocus():
        pen = painter.pen()
        pen.setColor(palette.color(QPalette.ColorRole.Highlight))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
    text, muted = palette.color(QPalette.ColorRole.Text), palette.color(
        QPalette.ColorRole.PlaceholderText)
    if button.kind == LINK:
        painter.setFont(fonts.bold)
        painter.setPen(palette.color(QPalette.ColorRole.Link))
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(fonts.bold).elidedText(
                             button.label, Qt.TextElideMode.ElideRight, inner.width()))
        return
    if button.article is None:
        return
    if button.kind == JUST_IN:
        _just_in(button, painter, fonts, inner, text, muted)
        return
    top = inner.top()
    picture = button.picture_height(inner.width())
    if picture:
        _picture(button, painter, QRect(inner.left(), top, inner.width(), picture), palette)
        top += picture + PADDING
    title_font = button.title_font(fonts)
    line = fonts.large_line if button.kind == LEAD else fonts.line
    painter.setPen(text)
    painter.setFont(title_font)
    ascent = QFontMetrics(title_font).ascent()
    for row in button.lines("title", capped(button.article.title), title_font, inner.width(),
                            TITLE_LINES[button.kind]):
        painter.drawText(QPoint(inner.left(), top + ascent), row)
        top += line
    if button.kind == LEAD:
        top += 2
        painter.setFont(fonts.base)
        ascent = QFontMetrics(fonts.base).ascent()
        for row in button.lines("lead", button.lead_text(), fonts.base, inner.width(),
                                LEAD_LINES):
            painter.drawText(QPoint(inner.left(), top + ascent), row)
            top += fonts.line
    painter.setPen(muted)
    painter.setFont(fonts.small)
    painter.drawText(QPoint(inner.left(), top + QFontMetrics(fonts.small).ascent()),
                     QFontMetrics(fonts.small).elidedText(
                         button.when, Qt.TextElideMode.ElideRight, inner.width()))


def _just_in(button: StoryButton, painter: QPainter, fonts: StoryFonts, inner: QRect,
             text: QColor, muted: QColor) -> None:
    """`Binnenland 18:21 titel`: the category and the time muted, the title as a title."""
    assert button.article is not None
    left, baseline = inner.left(), inner.top() + QFontMetrics(fonts.base).ascent()
    parts = ((button.label, fonts.bold, muted), (button.when, fonts.base, muted),
             (capped(button.article.title), button.title_font(fonts), text))
    for words, font, colour in parts:
        metrics = QFontMetrics(font)
        room = inner.right() - left
        if room <= 0 or not words:
            continue
        shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, room)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QPoint(left, baseline), shown)
        left += metrics.horizontalAdvance(shown) + metrics.horizontalAdvance(" ")


def _picture(button: StoryButton, painter: QPainter, box: QRect, palette: QPalette) -> None:
    if button.image is None or button.image.isNull():
        placeholder(painter, box, palette)
        return
    ratio = button.devicePixelRatioF()
    size = QSize(int(box.width() * ratio), int(box.height() * ratio))
    if button.scaled is None or button.scaled[0] != size:
        button.scaled = (size, cover(button.image, size, ratio))
    painter.drawPixmap(box.topLeft(), button.scaled[1])

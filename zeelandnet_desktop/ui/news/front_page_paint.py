"""Drawing the stories of the Voorpagina: lines broken to a width (at most so many, the last
elided), the fonts of a story (made from the widget's font, so they follow the text size), and
its picture filling its box, or a quiet placeholder in the palette's colours until it comes."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette, QPixmap, QTextLayout

LEAD, HEADLINE, JUST_IN, LINK = "lead", "headline", "just_in", "link"  # the kinds of story
PADDING = 6
TITLE_LINES = {LEAD: 3, HEADLINE: 2}
LEAD_LINES = 3


def wrapped(text: str, font: QFont, width: int, most: int) -> list[str]:
    """`text` broken into lines of `width`, at most `most` of them, the last elided."""
    if not text or width <= 0:
        return []
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == most - 1:
            lines.append(QFontMetrics(font).elidedText(
                text[start:].replace("\n", " "), Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].rstrip())
    layout.endLayout()
    return lines


class StoryFonts:
    """Made once per base font and shared by every story (fonts_for)."""

    def __init__(self, base: QFont) -> None:
        self.key = base.key()
        self.base = QFont(base)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.0, base.pointSizeF() * 0.9))
        self.large = QFont(base)
        self.large.setPointSizeF(base.pointSizeF() * 1.3)
        self.large_bold = QFont(self.large)
        self.large_bold.setBold(True)
        self.line = QFontMetrics(self.base).lineSpacing()
        self.small_line = QFontMetrics(self.small).lineSpacing()
        self.large_line = QFontMetrics(self.large).lineSpacing()
        self.char = QFontMetrics(self.base).averageCharWidth()


_FONTS: dict[str, StoryFonts] = {}


def fonts_for(base: QFont) -> StoryFonts:
    key = base.key()
    fonts = _FONTS.get(key)
    if fonts is None:
        if len(_FONTS) > 8:
            _FONTS.clear()
        fonts = _FONTS[key] = StoryFonts(base)
    return fonts


def cover(image: QImage, size: QSize, ratio: float) -> QPixmap:
    """`image` scaled to fill `size` (device pixels), the middle kept, the rest cut off."""
    scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                          Qt.TransformationMode.SmoothTransformation)
    left = (scaled.width() - size.width()) // 2
    top = (scaled.height() - size.height()) // 2
    pixmap = QPixmap.fromImage(scaled.copy(left, top, size.width(), size.height()))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def placeholder(painter: QPainter, box: QRect, palette: QPalette) -> None:
    painter.fillRect(box, palette.color(QPalette.ColorRole.AlternateBase))
    painter.setPen(palette.color(QPalette.ColorRole.Midlight))
    painter.drawRect(box.adjusted(0, 0, -1, -1))

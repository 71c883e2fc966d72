"""One story on the Voorpagina as the portal shows it: a block's lead (its picture, the title
large, the lead line, how long ago), a headline under it (title and time), a line of "Net
binnen" (`Binnenland 18:21 titel`), or a "Meer uit Zeeland →" link.

Each is one painted button, not a stack of labels: a page of fifty stories stays fifty
widgets, and the minute tick repaints only the buttons whose time text changed. Its fonts
are made from the widget's own font (so they follow the text size) and its colours come from
the palette (light or dark). Unread is bold, and said in the accessible name too. The keys
that move through the page are the page's (front_page.py): the button only hands them on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from ...news.model import Article
from .article_list import capped
from .front_page_paint import StoryFonts, cover, placeholder, wrapped

LEAD, HEADLINE, JUST_IN, LINK = "lead", "headline", "just_in", "link"
PADDING = 6
PICTURE_RATIO = 9 / 16
MAX_PICTURE_HEIGHT = 320  # a one-column page in a wide window: the picture is not a poster
_TITLE_LINES = {LEAD: 3, HEADLINE: 2}
_LEAD_LINES = 3
MOVE_KEYS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1,
             Qt.Key.Key_Home: -10_000, Qt.Key.Key_End: 10_000}
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class StoryButton(QAbstractButton):
    moved = Signal(int, bool)  # a move key: the step (Home, End: far), and whether by block
    focused = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.article: Article | None = None
        self.label = ""  # the category of a "Net binnen" line; a link's words
        self.when = ""  # "5 minuten geleden" or "18:21"
        self.show_picture = False  # a lead with pictures on and its picture not failed
        self.image: QImage | None = None
        self._scaled: tuple[QSize, QPixmap] | None = None
        self._fonts: StoryFonts | None = None
        self._lines: dict[tuple[object, ...], list[str]] = {}
        self.unread_words: Callable[[str], str] = lambda text: text
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Preferred, not Fixed, in height: a fixed height would be the size hint's, for one
        # width, whatever width the column has.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    # --- what it shows ------------------------------------------------------------------

    def set_story(self, article: Article | None, when: str, label: str = "") -> None:
        """Show `article` (None: nothing, hidden); `when` its time text."""
        same_size = (self.article is not None and article is not None
                     and (article.title, article.lead, article.image_url, article.read)
                     == (self.article.title, self.article.lead, self.article.image_url,
                         self.article.read)
                     and label == self.label)
        if article is not None and self.article is not None and article.image_url != \
                self.article.image_url:
            self.image, self._scaled = None, None
        changed = article != self.article or when != self.when or label != self.label
        self.article, self.when, self.label = article, when, label
        self.setVisible(article is not None or self.kind == LINK)
        if changed:
            self._name()
            if not same_size:
                self._lines.clear()
                self.updateGeometry()
            self.update()

    def set_link(self, words: str) -> None:
        if words == self.label:
            return
        self.label = words
        self.setAccessibleName(words.rstrip(" →"))
        self._lines.clear()
        self.updateGeometry()
        self.update()

    def set_time(self, when: str) -> None:
        if when != self.when:
            self.when = when
            self._name()
            self.update()

    def set_picture(self, shown: bool, image: QImage | None) -> None:
        if shown != self.show_picture:
            self.show_picture = shown
            self.updateGeometry()
        if image is not self.image:
            self.image, self._scaled = image, None
        self.update()

    def _name(self) -> None:
        article = self.article
        if article is None:
            return
        title = capped(article.title)
        if self.kind == JUST_IN:
            text = f"{self.label} {self.when} {title}"
        else:
            text = f"{title}, {self.when}"
        self.setAccessibleName(text if article.read else self.unread_words(text))
        lead = self._lead_text()
        self.setAccessibleDescription(lead if self.kind == LEAD else "")
        self.setToolTip(capped(article.summary_text, 300) if self.kind != LEAD else "")

    def _lead_text(self) -> str:
        article = self.article
        if article is None:
            return ""
        source = article.lead or article.summary_text
        return capped(source[:900]) if source.strip() else ""

    # --- size -----------------------------------------------------------------------------

    def fonts(self) -> StoryFonts:
        if self._fonts is None or self._fonts.key != self.font().key():
            self._fonts = StoryFonts(self.font())
            self._lines.clear()
        return self._fonts

    def _wrapped(self, what: str, text: str, font: QFont, width: int, most: int) -> list[str]:
        key = (what, width, most, font.key(), text)
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) > 32:
                self._lines.clear()
            lines = self._lines[key] = wrapped(text, font, width, most)
        return lines

    def title_font(self, fonts: StoryFonts | None = None) -> QFont:
        """Bold while unread."""
        fonts = fonts or self.fonts()
        unread = self.article is not None and not self.article.read
        if self.kind == LEAD:
            return fonts.large_bold if unread else fonts.large
        return fonts.bold if unread else fonts.base

    def picture_height(self, width: int) -> int:
        if self.kind != LEAD or not self.show_picture:
            return 0
        return min(MAX_PICTURE_HEIGHT, int(width * PICTURE_RATIO))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        fonts = self.fonts()
        inner = width - 2 * PADDING
        if self.kind in (JUST_IN, LINK):
            return fonts.line + 2 * PADDING
        title = self._wrapped("title", capped(self.article.title) if self.article else "",
                              self.title_font(fonts), inner, _TITLE_LINES[self.kind])
        line = fonts.large_line if self.kind == LEAD else fonts.line
        height = 2 * PADDING + max(1, len(title)) * line + fonts.small_line
        if self.kind == LEAD:
            picture = self.picture_height(inner)
            height += picture + (PADDING if picture else 0)
            lead = self._wrapped("lead", self._lead_text(), fonts.base, inner, _LEAD_LINES)
            height += len(lead) * fonts.line + (2 if lead else 0)
        return height

    def sizeHint(self) -> QSize:
        width = 36 * QFontMetrics(self.font()).averageCharWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(12 * QFontMetrics(self.font()).averageCharWidth(), self.fonts().line)

    # --- keys and focus -------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The tab's own keys (Enter: open on the website, Space: read on, the arrows of the
        # list) must not take these from a story that has the focus.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier) \
                and (event.key() in OPEN_KEYS or event.key() in MOVE_KEYS):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in OPEN_KEYS and not event.isAutoRepeat():
            self.click()
        elif key in MOVE_KEYS:
            self.moved.emit(MOVE_KEYS[key], key in (Qt.Key.Key_Left, Qt.Key.Key_Right))
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:  # clicked on the press already
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    # --- painting -------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        fonts = self.fonts()
        rect = self.rect()
        if self.underMouse() or self.hasFocus():
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        if self.hasFocus():
            pen = painter.pen()
            pen.setColor(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        text, muted = palette.color(QPalette.ColorRole.Text), palette.color(
            QPalette.ColorRole.PlaceholderText)
        if self.kind == LINK:
            painter.setFont(fonts.bold)
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(fonts.bold).elidedText(
                                 self.label, Qt.TextElideMode.ElideRight, inner.width()))
            return
        if self.article is None:
            return
        if self.kind == JUST_IN:
            self._paint_just_in(painter, fonts, inner, text, muted)
            return
        top = inner.top()
        picture = self.picture_height(inner.width())
        if picture:
            self._paint_picture(painter, QRect(inner.left(), top, inner.width(), picture),
                                palette)
            top += picture + PADDING
        title_font = self.title_font(fonts)
        line = fonts.large_line if self.kind == LEAD else fonts.line
        painter.setPen(text)
        painter.setFont(title_font)
        ascent = QFontMetrics(title_font).ascent()
        for row in self._wrapped("title", capped(self.article.title), title_font,
                                 inner.width(), _TITLE_LINES[self.kind]):
            painter.drawText(QPoint(inner.left(), top + ascent), row)
            top += line
        if self.kind == LEAD:
            top += 2
            painter.setFont(fonts.base)
            ascent = QFontMetrics(fonts.base).ascent()
            for row in self._wrapped("lead", self._lead_text(), fonts.base, inner.width(),
                                     _LEAD_LINES):
                painter.drawText(QPoint(inner.left(), top + ascent), row)
                top += fonts.line
        painter.setPen(muted)
        painter.setFont(fonts.small)
        painter.drawText(QPoint(inner.left(), top + QFontMetrics(fonts.small).ascent()),
                         QFontMetrics(fonts.small).elidedText(
                             self.when, Qt.TextElideMode.ElideRight, inner.width()))

    def _paint_just_in(self, painter: QPainter, fonts: StoryFonts, inner: QRect,
                       text: object, muted: object) -> None:
        assert self.article is not None
        left, baseline = inner.left(), inner.top() + QFontMetrics(fonts.base).ascent()
        for words, font, colour in ((self.label, fonts.bold, muted), (self.when, fonts.base, muted),
                                    (capped(self.article.title), self.title_font(fonts), text)):
            metrics = QFontMetrics(font)
            room = inner.right() - left
            if room <= 0 or not words:
                continue
            shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QPoint(left, baseline), shown)
            left += metrics.horizontalAdvance(shown) + metrics.horizontalAdvance(" ")

    def _paint_picture(self, painter: QPainter, box: QRect, palette: QPalette) -> None:
        if self.image is None or self.image.isNull():
            placeholder(painter, box, palette)
            return
        ratio = self.devicePixelRatioF()
        size = QSize(int(box.width() * ratio), int(box.height() * ratio))
        if self._scaled is None or self._scaled[0] != size:
            self._scaled = (size, cover(self.image, size, ratio))
        painter.drawPixmap(box.topLeft(), self._scaled[1])

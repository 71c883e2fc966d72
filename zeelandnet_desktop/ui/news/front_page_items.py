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

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from ...news.model import Article
from .article_list import capped
from .front_page_draw import draw_story
from .front_page_paint import (
    JUST_IN,
    LEAD,
    LEAD_LINES,
    LINK,
    PADDING,
    TITLE_LINES,
    StoryFonts,
    fonts_for,
    wrapped,
)

PICTURE_RATIO = 9 / 16
MAX_PICTURE_HEIGHT = 260  # a one-column page in a wide window: the picture is not a poster
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
        self.scaled: tuple[QSize, QPixmap] | None = None
        self._fonts: StoryFonts | None = None
        self._lines: dict[tuple[object, ...], list[str]] = {}
        self._heights: dict[tuple[int, str], int] = {}
        self._drawn: tuple[tuple[object, ...], QPixmap] | None = None
        self._present = True
        self._said: tuple[str, str, str] = ("", "", "")  # accessible name, description, tip
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
            self.image, self.scaled = None, None
        changed = article != self.article or when != self.when or label != self.label
        self.article, self.when, self.label = article, when, label
        present = article is not None or self.kind == LINK
        if present != self._present:
            self._present = present
            self.setVisible(present)
        if changed:
            self._name()
            if not same_size:
                self._resized()
            self.update()

    def set_link(self, words: str) -> None:
        if words == self.label:
            return
        self.label = words
        self.setAccessibleName(words.rstrip(" →"))
        self._resized()
        self.update()

    def set_time(self, when: str) -> None:
        if when != self.when:
            self.when = when
            self._name()
            self.update()

    def set_picture(self, shown: bool, image: QImage | None) -> None:
        if shown != self.show_picture:
            self.show_picture = shown
            self._resized()
            self.update()
        if image is not self.image:
            self.image, self.scaled = image, None
            self.update()

    def _resized(self) -> None:
        self._lines.clear()
        self._heights.clear()
        self.updateGeometry()

    def _name(self) -> None:
        article = self.article
        if article is None:
            return
        title = capped(article.title)
        if self.kind == JUST_IN:
            text = f"{self.label} {self.when} {title}"
        else:
            text = f"{title}, {self.when}"
        said = (text if article.read else self.unread_words(text),
                self.lead_text() if self.kind == LEAD else "",
                capped(article.summary_text, 300) if self.kind != LEAD else "")
        before, self._said = self._said, said
        if said[0] != before[0]:
            self.setAccessibleName(said[0])
        if said[1] != before[1]:
            self.setAccessibleDescription(said[1])
        if said[2] != before[2]:
            self.setToolTip(said[2])

    def lead_text(self) -> str:
        article = self.article
        if article is None:
            return ""
        source = article.lead or article.summary_text
        return capped(source[:900]) if source.strip() else ""

    # --- size -----------------------------------------------------------------------------

    def fonts(self) -> StoryFonts:
        if self._fonts is None:  # made again after a FontChange (the text size changed)
            self._fonts = fonts_for(self.font())
            self._lines.clear()
            self._heights.clear()
        return self._fonts

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fonts = None
        super().changeEvent(event)

    def lines(self, what: str, text: str, font: QFont, width: int, most: int) -> list[str]:
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
        key = (width, fonts.key)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 16:
                self._heights.clear()
            height = self._heights[key] = self._height_for(width, fonts)
        return height

    def _height_for(self, width: int, fonts: StoryFonts) -> int:
        inner = width - 2 * PADDING
        if self.kind in (JUST_IN, LINK):
            return fonts.line + 2 * PADDING
        title = self.lines("title", capped(self.article.title) if self.article else "",
                              self.title_font(fonts), inner, TITLE_LINES[self.kind])
        line = fonts.large_line if self.kind == LEAD else fonts.line
        height = 2 * PADDING + max(1, len(title)) * line + fonts.small_line
        if self.kind == LEAD:
            picture = self.picture_height(inner)
            height += picture + (PADDING if picture else 0)
            lead = self.lines("lead", self.lead_text(), fonts.base, inner, LEAD_LINES)
            height += len(lead) * fonts.line + (2 if lead else 0)
        return height

    def sizeHint(self) -> QSize:
        width = 36 * self.fonts().char
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        fonts = self.fonts()
        return QSize(12 * fonts.char, fonts.line)

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
        # Drawn once into a picture of itself and then copied: the page is repainted whole
        # while feeds are parsed on other threads, and a copy is one call where drawing the
        # texts is a dozen, each waiting for the interpreter.
        ratio = self.devicePixelRatioF()
        article = self.article
        key = (self.width(), self.height(), ratio, self.underMouse(), self.hasFocus(),
               self.palette().cacheKey(), self.fonts().key, self.when, self.label,
               self.show_picture, self.image.cacheKey() if self.image is not None else 0,
               (article.id, article.read, article.title) if article is not None else None)
        if self._drawn is None or self._drawn[0] != key:
            pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            canvas = QPainter(pixmap)
            draw_story(self, canvas)
            canvas.end()
            self._drawn = (key, pixmap)
        QPainter(self).drawPixmap(0, 0, self._drawn[1])

"""A narrow news tab shows the list and the article one at a time.

Three panes side by side need room: squeezed, headlines break mid-word and the article is a
column of a few words. Below NARROW_WIDTH the categories and the list fill the tab; opening an
article (a click, Space) puts the article there instead, with a button back to the list
(Escape does the same). Wider again, all three panes come back.

While only the list shows, moving through it does not mark articles read: nobody read them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

NARROW_WIDTH = 720  # below this, three panes squeeze each other (categories 150, list and article)


class NarrowLayout(QObject):
    article_opened = Signal()  # the article is on screen in a narrow tab: it is read now

    def __init__(self, tab: QWidget, splitter: QSplitter, article: QWidget,
                 articles: QListView, parent: QObject | None = None, *,
                 stand_in: QWidget | None = None,
                 stand_in_shown: Callable[[], bool] = lambda: False) -> None:
        """`stand_in`: a view that takes the place of list and article when
        `stand_in_shown()` (the Voorpagina): then it alone shows beside the categories, and it
        reflows to the width itself."""
        super().__init__(parent)
        self._tab = tab
        self._stand_in = stand_in
        self._stand_in_shown = stand_in_shown
        self._splitter = splitter
        self._articles = articles
        self.narrow = False
        self._article_page = False
        # The article with a way back above it, in the article's place in the splitter.
        self.reading = QWidget()
        self.reading.setObjectName("readingPane")
        index = splitter.indexOf(article)
        sizes = splitter.sizes()
        self.back = QToolButton(self.reading)
        self.back.setObjectName("backToList")
        self.back.setIcon(QIcon.fromTheme("go-previous"))
        self.back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back.clicked.connect(self.back_to_list)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(self.back)
        bar.addStretch(1)
        layout = QVBoxLayout(self.reading)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(article, 1)
        splitter.insertWidget(index, self.reading)
        splitter.setStretchFactor(index, 3)
        splitter.setSizes(sizes)
        self._article = article
        self.back.hide()
        articles.clicked.connect(lambda _index: self.open_article())
        tab.installEventFilter(self)
        self._retranslate()

    @property
    def list_only(self) -> bool:
        """Narrow, and the list is what shows."""
        return self.narrow and not self._article_page

    @property
    def article_only(self) -> bool:
        return self.narrow and self._article_page

    def open_article(self) -> None:
        if not self.list_only:
            return
        self._article_page = True
        self.show_pages()
        self._article.setFocus(Qt.FocusReason.OtherFocusReason)
        self.article_opened.emit()

    def back_to_list(self) -> None:
        if not self.article_only:
            return
        self._article_page = False
        self.show_pages()
        self._articles.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        if narrow == self.narrow:
            return
        had_focus = self._article.hasFocus()
        self.narrow = narrow
        self._article_page = narrow and had_focus
        self.show_pages()

    def show_pages(self) -> None:
        """Show what the width allows: both panes, or the one being used."""
        if self._stand_in_shown():
            self.reading.hide()
            self.back.hide()
            return
        for number in range(self._splitter.count()):
            widget = self._splitter.widget(number)
            if widget is not None and widget not in (self.reading, self._stand_in):
                widget.setVisible(not self.article_only)
        self.reading.setVisible(not self.list_only)
        self.back.setVisible(self.article_only)

    def _retranslate(self) -> None:
        self.back.setText(self.tr("Back to the list"))
        self.back.setToolTip(self.tr("Back to the list (Esc)"))
        self.back.setAccessibleName(self.tr("Back to the list"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tab:
            if event.type() == QEvent.Type.Resize:
                self.set_width(self._tab.width())
            elif event.type() == QEvent.Type.LanguageChange:
                self._retranslate()
        return False

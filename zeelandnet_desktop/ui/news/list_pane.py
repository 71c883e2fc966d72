"""The middle pane: the article list (or words when it is empty), filled from a ListPage.

Filling again keeps the user's place: the article being read stays selected without being
"opened" again, and when the user has scrolled down, the article at the top of the view stays
where it was while new ones arrive above it. At the top, new articles simply appear there.
Near the end of the list the next page is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLabel,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...news.model import Article
from ..viewport import own_viewport
from .article_list import ArticleListModel
from .clock import NewsClock
from .pictures import PictureBank


class ArticleListView(QListView):
    """The list of articles. The keyboard coming into it (at start-up, with Tab) makes the first
    row current without choosing it, so nothing is opened or marked read by that; the first
    arrow key then chooses that row rather than skipping it.

    The rows' painter is made when the list is first shown: its module makes PySide6 set up
    QStyle's large enums (about 20 ms), which a start on the Voorpagina does not need before
    its first paint."""

    def __init__(self, make_delegate: Callable[[QListView], QAbstractItemDelegate],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        self._make_delegate: Callable[[QListView], QAbstractItemDelegate] | None = make_delegate

    def ensure_delegate(self) -> None:
        if self._make_delegate is not None:
            make, self._make_delegate = self._make_delegate, None
            self.setItemDelegate(make(self))

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_delegate()
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        if (event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and current.isValid()
                and not self.selectionModel().isSelected(current)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.selectionModel().setCurrentIndex(
                current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return
        super().keyPressEvent(event)


class ArticleListPane(QWidget):
    more_wanted = Signal()  # scrolled near the end of a list that has more
    menu_requested = Signal(object, QPoint)  # the Article under the pointer, global position

    def __init__(self, language: Callable[[], str], pictures: PictureBank, clock: NewsClock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.restoring = False  # True while filling: a selection change is not the user's
        self.has_more = False
        self.model = ArticleListModel(language, self, clock)
        self.list = ArticleListView(partial(_article_delegate, self.model, pictures), self)
        self.list.setObjectName("articles")
        self.list.setModel(self.model)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_menu)
        self.list.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        # Pictures arrive one by one; the list is redrawn for them at most every 80 ms.
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(80)
        # A method, not the bound `viewport().update`: connecting to an overloaded Qt method
        # makes PySide6 read the signatures of all of QtWidgets first (30 ms at start-up).
        self._repaint.timeout.connect(self._repaint_rows)
        pictures.arrived.connect(lambda _url: self._repaint.start()
                                 if not self._repaint.isActive() else None)

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._retranslate()

    def _retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Articles"))

    def fill(self, articles: Sequence[Article], *, selected: str | None, by_category: bool,
             category_names: Mapping[str, str], more: bool) -> None:
        bar = self.list.verticalScrollBar()
        at_top = bar.value() <= bar.minimum()
        anchor = self.list.indexAt(QPoint(8, 8))
        anchor_article = self.model.article_at(anchor.row()) if anchor.isValid() else None
        anchor_top = self.list.visualRect(anchor).top() if anchor.isValid() else 0
        self.restoring = True
        try:
            self.model.set_articles(articles, by_category=by_category,
                                    category_names=category_names)
            self.has_more = more
            row = self.model.row_of(selected) if selected else -1
            if row >= 0:
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.doItemsLayout()
            if at_top:
                bar.setValue(bar.minimum())
            elif anchor_article is not None:
                again = self.model.row_of(anchor_article.id)
                if again >= 0:
                    rect = self.list.visualRect(self.model.index(again))
                    bar.setValue(bar.value() + rect.top() - anchor_top)
        finally:
            self.restoring = False
        self.stack.setCurrentWidget(self.list if self.model.rowCount() else self.empty)

    def show_words(self, text: str) -> None:
        """The list is empty: say why."""
        self.empty.setText(text)
        if self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.empty)

    def select_article(self, article_id: str) -> bool:
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)
        return True

    def step(self, step: int, current: str | None) -> bool:
        """Select the next (1) or previous (-1) article; False at the end of the list."""
        rows = self.model.article_rows()
        if not rows:
            return False
        here = self.model.row_of(current) if current else -1
        if here < 0:
            target = rows[0]
        else:
            place = rows.index(here) + step
            if not 0 <= place < len(rows):
                return False
            target = rows[place]
        index = self.model.index(target)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)
        return True

    def _repaint_rows(self) -> None:
        if self.list.isVisible():  # a hidden list is painted anew when it is shown
            self.list.viewport().update()

    def _on_scrolled(self, value: int) -> None:
        bar = self.list.verticalScrollBar()
        if self.has_more and not self.restoring and value >= bar.maximum() - bar.pageStep():
            self.more_wanted.emit()

    def _on_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        if not index.isValid():  # the menu key: the article that is current
            index = self.list.currentIndex()
            position = self.list.visualRect(index).center() if index.isValid() else position
        article = self.model.article_at(index.row()) if index.isValid() else None
        if article is not None:
            self.menu_requested.emit(article, self.list.viewport().mapToGlobal(position))


def _article_delegate(model: ArticleListModel, pictures: PictureBank,
                      view: QListView) -> QAbstractItemDelegate:
    from .article_delegate import ArticleDelegate

    return ArticleDelegate(model, pictures, view)

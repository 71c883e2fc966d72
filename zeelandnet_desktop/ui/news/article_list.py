"""The article list: a model over the store's articles and a delegate that draws each row as
title (bold while unread), the first line of the lead, and "source · 5 minuten geleden"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...news.model import Article
from ...news.reltime import relative_time

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractListModel):
    def __init__(self, language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._articles: list[Article] = []
        self._language = language

    def set_articles(self, articles: list[Article]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def articles(self) -> list[Article]:
        return list(self._articles)

    def article_at(self, row: int) -> Article | None:
        return self._articles[row] if 0 <= row < len(self._articles) else None

    def row_of(self, article_id: str) -> int:
        return next((i for i, a in enumerate(self._articles) if a.id == article_id), -1)

    def replace(self, article: Article) -> None:
        row = self.row_of(article.id)
        if row >= 0:
            self._articles[row] = article
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def times_changed(self) -> None:
        """Relative times move on every minute; nothing is refetched, rows are redrawn."""
        if self._articles:
            self.dataChanged.emit(self.index(0), self.index(len(self._articles) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._articles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        article = self.article_at(index.row()) if index.isValid() else None
        if article is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return article.title
        if role == ARTICLE_ROLE:
            return article
        if role == Qt.ItemDataRole.ToolTipRole:
            return article.summary_text[:300]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{article.title}. {self.meta_text(article)}"
        return None

    def meta_text(self, article: Article, now: datetime | None = None) -> str:
        now = now or datetime.now(timezone.utc)
        return f"{article.source} · {relative_time(article.published, now, self._language())}"


class ArticleDelegate(QStyledItemDelegate):
    """Three lines per article; everything elided to the width, so long titles never wrap."""

    PADDING = 6

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.height() * 3 + self.PADDING * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
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
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        rect: QRect = opt.rect.adjusted(self.PADDING, self.PADDING,
                                        -self.PADDING, -self.PADDING)
        base_font = QFont(opt.font)
        line = QFontMetrics(base_font).height()

        painter.save()
        title_font = QFont(base_font)
        title_font.setBold(not article.read)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title = QFontMetrics(title_font).elidedText(article.title, Qt.TextElideMode.ElideRight,
                                                    rect.width())
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        painter.setFont(base_font)
        muted = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        metrics = QFontMetrics(base_font)
        lead = (article.lead or article.summary_text).splitlines()[0] if (
            article.lead or article.summary_text) else ""
        painter.drawText(QRect(rect.x(), rect.y() + line + 2, rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(lead, Qt.TextElideMode.ElideRight, rect.width()))
        small = QFont(base_font)
        small.setPointSizeF(max(6.0, base_font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.drawText(QRect(rect.x(), rect.y() + 2 * line + 4, rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(small).elidedText(self._model.meta_text(article),
                                                        Qt.TextElideMode.ElideRight,
                                                        rect.width()))
        painter.restore()

"""The article list's model: the articles under day headings (Vandaag, Gisteren, Maandag, 16
november) or, for a search, under their categories (the current one first).

Heading rows are not enabled, so the keyboard and the mouse pass over them. What is laid out is
capped (TITLE_CAP): a title of fifty thousand characters costs no more than a normal one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ...news.model import Article
from ...news.reltime import days_ago, group_by_day, local_date, relative_time, time_label
from .clock import NewsClock

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # the heading's text, on heading rows only
Index = QModelIndex | QPersistentModelIndex
TITLE_CAP = 300  # characters of a title that are ever laid out (a line shows far fewer)
_NO_ISOLATES = str.maketrans("", "", "\u2068\u2069")


def isolate(text: str) -> str:
    """Bidi-isolated (FSI … PDI): a right-to-left source name cannot reorder what follows."""
    return f"\u2068{text}\u2069"


def capped(text: str, cap: int = TITLE_CAP) -> str:
    text = " ".join(text[: cap * 2].split())  # no line breaks in a one-line title
    return text if len(text) <= cap else text[: cap - 1] + "…"


def when_text(published: datetime, now: datetime, language: str, tz: Any = None) -> str:
    """Today: how long ago ("5 minuten geleden"); before today the date ("ma 23 nov 18:58")."""
    if days_ago(published, now, tz) == 0:
        return relative_time(published, now, language, tz)
    return time_label(published, now, language, tz)


class ArticleListModel(QAbstractListModel):
    def __init__(self, language: Callable[[], str], parent: QWidget | None = None,
                 clock: NewsClock | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.clock = clock or NewsClock()
        self._rows: list[Article | str] = []
        self._articles: list[Article] = []
        self._category_names: Mapping[str, str] = {}
        self._by_category = False
        self._grouped_on: date | None = None

    # --- filling ----------------------------------------------------------------------------

    def set_articles(self, articles: Sequence[Article], *, by_category: bool = False,
                     category_names: Mapping[str, str] | None = None) -> None:
        """Newest first; `by_category` (a search): under category headings, in the given
        order, each row saying its category."""
        self.beginResetModel()
        self._articles = list(articles)
        self._by_category = by_category
        self._category_names = dict(category_names or {})
        self._rows = self._grouped()
        self.endResetModel()

    def _grouped(self) -> list[Article | str]:
        now = self.clock.now()
        self._grouped_on = local_date(now, self.clock.tz)
        rows: list[Article | str] = []
        if self._by_category:
            current: str | None = None
            for article in self._articles:
                if article.category != current:
                    current = article.category
                    rows.append(self._category_names.get(current, current))
                rows.append(article)
            return rows
        for heading, items in group_by_day(self._articles, lambda a: a.published, now,
                                           self._language(), self.clock.tz):
            rows.append(heading)
            rows.extend(items)
        return rows

    def day_changed(self) -> bool:
        """The wall clock passed midnight since the headings were made: they need redoing."""
        if self._grouped_on is None or self._by_category:
            return False
        return local_date(self.clock.now(), self.clock.tz) != self._grouped_on

    def regroup(self) -> None:
        self.set_articles(self._articles, by_category=self._by_category,
                          category_names=self._category_names)

    # --- questions --------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        return list(self._articles)

    def headings(self) -> list[str]:
        return [row for row in self._rows if isinstance(row, str)]

    def is_heading(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], str)

    def heading_at(self, row: int) -> str | None:
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, str) else None

    def article_at(self, row: int) -> Article | None:
        """The article on this row (None for a heading or outside the list)."""
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, Article) else None

    def row_of(self, article_id: str) -> int:
        return next((i for i, item in enumerate(self._rows)
                     if isinstance(item, Article) and item.id == article_id), -1)

    def article_rows(self) -> list[int]:
        return [i for i, item in enumerate(self._rows) if isinstance(item, Article)]

    def replace(self, article: Article) -> None:
        row = self.row_of(article.id)
        if row >= 0:
            self._rows[row] = article
            self._articles = [article if a.id == article.id else a for a in self._articles]
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def mark_all_read(self, category: str | None = None) -> None:
        from dataclasses import replace

        self._articles = [replace(a, read=True) if category in (None, a.category) else a
                          for a in self._articles]
        self._rows = [replace(r, read=True)
                      if isinstance(r, Article) and category in (None, r.category) else r
                      for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def times_changed(self) -> None:
        """Times move on every minute: rows are redrawn, nothing is read again."""
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1),
                                  [Qt.ItemDataRole.AccessibleTextRole])

    def meta_text(self, article: Article, now: datetime | None = None) -> str:
        """'NU.nl · 5 minuten geleden'; a search result names its category too."""
        now = now or self.clock.now()
        parts = [article.source]
        if self._by_category:
            parts.append(self._category_names.get(article.category, article.category))
        parts.append(when_text(article.published, now, self._language(), self.clock.tz))
        return " · ".join(isolate(part) for part in parts)

    # --- Qt's model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if isinstance(self._rows[index.row()] if index.isValid() else None, Article):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags  # headings: passed over by keys and clicks

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if isinstance(item, str):
            if role in (Qt.ItemDataRole.DisplayRole, HEADING_ROLE,
                        Qt.ItemDataRole.AccessibleTextRole):
                return item
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return capped(item.title)
        if role == ARTICLE_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return capped(item.summary_text, 300)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Without the bidi marks: a screen reader has no use for them.
            text = f"{capped(item.title)}. {self.meta_text(item)}".translate(_NO_ISOLATES)
            return text if item.read else self.tr("Unread: %1").replace("%1", text)
        return None

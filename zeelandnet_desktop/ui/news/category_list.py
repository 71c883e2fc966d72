"""The categories on the left, below the Voorpagina: each with its unread count, the ones with
unread news in bold, and the count in the accessible text too ("Binnenland, 3 ongelezen")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ..viewport import own_viewport

CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3
# The Voorpagina's entry, first in the list; also what the last view remembers for it, so a
# new profile (nothing remembered) opens on it.
FRONT_PAGE = ""


class CategoryList(QListWidget):
    menu_requested = Signal(str, str, QPoint)  # category id, its name, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        self.setObjectName("categories")
        self.setMinimumWidth(150)
        self.setStyleSheet("QListWidget#categories::item { padding: 5px 8px; }")
        self.setAccessibleName(self.tr("Categories"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_menu)

    def fill(self, categories: Sequence[tuple[str, str]], unread: Mapping[str, int],
             wanted: str | None) -> None:
        """(id, name) in order, with their unread counts; `wanted` becomes current (else the
        first). Emits no change signal: the caller loads the articles itself. When the same
        categories are shown already, only the counts change (the focus and place stay)."""
        if [(c, n) for c, n in categories] == self.shown() and self.count():
            self.set_counts(unread)
            return
        self.blockSignals(True)
        self.clear()
        front = QListWidgetItem()
        front.setData(CATEGORY_ROLE, FRONT_PAGE)
        front.setData(NAME_ROLE, self.tr("Front page"))
        self.addItem(front)
        self._label(front, 0)
        for category_id, name in categories:
            item = QListWidgetItem()
            item.setData(CATEGORY_ROLE, category_id)
            item.setData(NAME_ROLE, name)
            self.addItem(item)
            self._label(item, unread.get(category_id, 0))
            if category_id == wanted:
                self.setCurrentItem(item)
        if self.currentItem() is None and self.count():
            self.setCurrentRow(0)
        self.blockSignals(False)

    def _categories(self) -> list[QListWidgetItem]:
        """The items of the categories (not the Voorpagina's)."""
        items = (self.item(i) for i in range(self.count()))
        return [item for item in items if item.data(CATEGORY_ROLE) != FRONT_PAGE]

    def shown(self) -> list[tuple[str, str]]:
        return [(str(item.data(CATEGORY_ROLE)), str(item.data(NAME_ROLE)))
                for item in self._categories()]

    def names(self) -> dict[str, str]:
        return dict(self.shown())

    def set_counts(self, unread: Mapping[str, int], *, partial: bool = False) -> None:
        """The counts of every category (one not in `unread`: 0), or with `partial` only of
        those in `unread`."""
        for item in self._categories():
            category = str(item.data(CATEGORY_ROLE))
            if category in unread or not partial:
                self._label(item, unread.get(category, 0))

    def counts(self) -> dict[str, int]:
        return {str(item.data(CATEGORY_ROLE)): int(item.data(UNREAD_ROLE) or 0)
                for item in self._categories()}

    def current_id(self) -> str | None:
        """The category shown (None: none, or the Voorpagina)."""
        item = self.currentItem()
        category = item.data(CATEGORY_ROLE) if item is not None else None
        return None if category == FRONT_PAGE else category

    def front_page_current(self) -> bool:
        item = self.currentItem()
        return item is not None and item.data(CATEGORY_ROLE) == FRONT_PAGE

    def select_front_page(self) -> None:
        if self.count() and self.item(0).data(CATEGORY_ROLE) == FRONT_PAGE:
            self.setCurrentRow(0)

    def select(self, category_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(CATEGORY_ROLE) == category_id:
                self.setCurrentRow(row)
                return

    def change_unread(self, category_id: str | None, delta: int | None) -> None:
        """Add `delta` to a category's count (None: set it to 0); category None: every one."""
        for item in self._categories():
            if category_id in (None, item.data(CATEGORY_ROLE)):
                count = 0 if delta is None else max(0, int(item.data(UNREAD_ROLE) or 0) + delta)
                self._label(item, count)

    def _label(self, item: QListWidgetItem, unread: int) -> None:
        name = str(item.data(NAME_ROLE))
        item.setData(UNREAD_ROLE, unread)
        item.setText(f"{name} ({unread})" if unread else name)
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     self.tr("%1, %2 unread").replace("%1", name).replace("%2", str(unread))
                     if unread else name)
        font = item.font()
        font.setBold(unread > 0)
        item.setFont(font)

    def _on_menu(self, position: QPoint) -> None:
        item = self.itemAt(position) or self.currentItem()
        if item is None or item.data(CATEGORY_ROLE) == FRONT_PAGE:  # nothing to mark there
            return
        if self.itemAt(position) is None:
            position = self.visualItemRect(item).center()
        self.menu_requested.emit(str(item.data(CATEGORY_ROLE)), str(item.data(NAME_ROLE)),
                                 self.viewport().mapToGlobal(position))

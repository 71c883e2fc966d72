"""The categories on the left: each with its unread count, the ones with unread news in bold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3


class CategoryList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categories")
        self.setMinimumWidth(150)
        self.setStyleSheet("QListWidget#categories::item { padding: 5px 8px; }")

    def fill(self, categories: Sequence[tuple[str, str]], unread: Mapping[str, int],
             wanted: str | None) -> None:
        """(id, name) in order, with their unread counts; `wanted` becomes current (else the
        first). Emits no change signal: the caller loads the articles itself."""
        self.blockSignals(True)
        self.clear()
        for category_id, name in categories:
            item = QListWidgetItem()
            item.setData(CATEGORY_ROLE, category_id)
            item.setData(NAME_ROLE, name)
            self.addItem(item)
            _label(item, unread.get(category_id, 0))
            if category_id == wanted:
                self.setCurrentItem(item)
        if self.currentItem() is None and self.count():
            self.setCurrentRow(0)
        self.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(CATEGORY_ROLE) if item is not None else None

    def select(self, category_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(CATEGORY_ROLE) == category_id:
                self.setCurrentRow(row)
                return

    def change_unread(self, category_id: str, delta: int) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(CATEGORY_ROLE) == category_id:
                _label(item, max(0, int(item.data(UNREAD_ROLE) or 0) + delta))


def _label(item: QListWidgetItem, unread: int) -> None:
    name = str(item.data(NAME_ROLE))
    item.setData(UNREAD_ROLE, unread)
    item.setText(f"{name} ({unread})" if unread else name)
    font = item.font()
    font.setBold(unread > 0)
    item.setFont(font)

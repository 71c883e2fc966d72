"""Two small windows of the news tab: the news sources with a problem (from the header's
"details"), and the keyboard shortcuts (F1)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..dialogs import plain_title_bar
from .status import SourceLine


class SourceProblemsDialog(QDialog):
    """Each news source that failed or asked us to wait: what happened, in small print why."""

    def __init__(self, lines: Sequence[SourceLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SourceProblemsDialog")
        plain_title_bar(self)
        self.setWindowTitle(self.tr("News sources with a problem"))
        intro = QLabel(self.tr("These news sources were not updated in the last round. The "
                               "news they gave before is kept."), self)
        intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("sourceProblems")
        self.table.setAccessibleName(self.tr("News sources with a problem"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("News source"), self.tr("Category"),
                                    self.tr("What happened")])
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        for line in lines:
            item = QTreeWidgetItem([line.name, line.category, line.words])
            item.setToolTip(2, line.words)
            if line.detail:
                detail = QTreeWidgetItem(["", "", line.detail])
                detail.setFont(2, small)
                detail.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.addChild(detail)
            self.table.addTopLevelItem(item)
        self.table.expandAll()
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(source, category, what happened, small print) as shown."""
        found = []
        for item in _items(self.table):
            child = item.child(0) if item.childCount() else None
            found.append((item.text(0), item.text(1), item.text(2),
                          child.text(2) if child is not None else ""))
        return found


class KeysDialog(QDialog):
    """The keyboard shortcuts: (keys, what they do) as the menus have them."""

    def __init__(self, keys: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeysDialog")
        plain_title_bar(self)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTreeWidget(self)
        self.table.setObjectName("keys")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Key"), self.tr("What it does")])
        for key, what in keys:
            self.table.addTopLevelItem(QTreeWidgetItem([key, what]))
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 460)

    def rows(self) -> list[tuple[str, str]]:
        return [(item.text(0), item.text(1)) for item in _items(self.table)]


def _items(table: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (table.topLevelItem(i) for i in range(table.topLevelItemCount()))
    return [item for item in items if item is not None]

"""The news tab's header row: refresh with its progress, when the news was last fetched, the
sources with a problem (one click to the details), unread only, and the search field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ..names import name_clear_button


class NewsHeader(QWidget):
    refresh_clicked = Signal()
    details_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newsHeader")
        self.refresh = QToolButton(self)
        self.refresh.setObjectName("refreshButton")
        self.refresh.setIcon(QIcon.fromTheme("view-refresh"))
        self.refresh.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.refresh.clicked.connect(self.refresh_clicked)

        # A label, not a QProgressBar: a progress bar repaints itself (and with it whatever
        # else is due) synchronously on every step, which held the GUI thread for 200 ms.
        self.progress = QLabel(self)
        self.progress.setObjectName("refreshProgress")
        self.progress.hide()

        self.updated = QLabel(self)
        self.updated.setObjectName("updatedLabel")

        self.problems = QPushButton(self)
        self.problems.setObjectName("problemsButton")
        self.problems.setFlat(True)
        # As wide as its words, narrower when the window is (then clipped: the tooltip and
        # the details have it all); left-aligned, next to the time, as a link would be.
        self.problems.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.problems.setMinimumWidth(60)
        self.problems.setStyleSheet("QPushButton#problemsButton { text-align: left; "
                                    "color: palette(link); padding: 2px 6px; }")
        self.problems.clicked.connect(self.details_clicked)
        self.problems.hide()

        self.unread_only = QCheckBox(self)
        self.unread_only.setObjectName("unreadOnly")

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.refresh)
        layout.addWidget(self.progress)
        layout.addWidget(self.updated)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addWidget(self.unread_only)
        layout.addWidget(self.search, 1)
        self._retranslate()

    def set_progress(self, done: int, total: int) -> None:
        """A round is running: `done` of `total` news sources fetched."""
        if total <= 0:  # still finding out which sources are due
            text = self.tr("Fetching the news…")
        else:
            text = self.tr("Fetching the news… %1 of %2").replace("%1", str(done)).replace(
                "%2", str(total))
        self.progress.setText(text)
        self.progress.show()
        self.refresh.setEnabled(False)

    def set_idle(self) -> None:
        self.progress.hide()
        self.refresh.setEnabled(True)

    def set_updated(self, text: str) -> None:
        self.updated.setText(text)
        self.updated.setVisible(bool(text))

    def set_problems(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.setToolTip(text)
        self.problems.setAccessibleName(text)
        self.problems.setVisible(bool(text))

    def _retranslate(self) -> None:
        self.refresh.setText(self.tr("Refresh"))
        self.refresh.setToolTip(self.tr("Fetch the latest news now (F5)"))
        self.refresh.setAccessibleName(self.tr("Refresh the news"))
        self.unread_only.setText(self.tr("Unread only"))
        self.unread_only.setAccessibleName(self.tr("Show unread articles only"))
        self.search.setPlaceholderText(self.tr("Search all news (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search the news"))
        name_clear_button(self.search, self.tr("Clear the search"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

"""Find in the webmail page (Ctrl+F): a small bar under the page, as in a browser."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWebEngineCore import QWebEngineFindTextResult, QWebEnginePage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    def __init__(self, page: QWebEnginePage, parent: QWidget | None = None,
                 back_to: QWidget | None = None) -> None:
        """`back_to`: where the keyboard goes when the bar closes (the page)."""
        super().__init__(parent)
        self.setObjectName("findBar")
        self._page = page
        self._back_to = back_to
        self.field = QLineEdit(self)
        self.field.setObjectName("findText")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("Find on this page"))
        self.field.setAccessibleName(self.tr("Find on this page"))
        self.result = QLabel(self)
        self.result.setObjectName("findResult")
        self.previous = QToolButton(self)
        self.previous.setText(self.tr("Previous"))
        self.previous.setAccessibleName(self.tr("Previous match"))
        self.next = QToolButton(self)
        self.next.setText(self.tr("Next"))
        self.next.setAccessibleName(self.tr("Next match"))
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        close.setAccessibleName(self.tr("Close the search"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.field, self.previous, self.next, self.result):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        self.field.textChanged.connect(lambda _text: self.search())
        self.field.returnPressed.connect(self.search)
        self.next.clicked.connect(self.search)
        self.previous.clicked.connect(lambda: self.search(backward=True))
        close.clicked.connect(self.close_bar)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)
        page.findTextFinished.connect(self._on_found)
        self.hide()

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self._page.findText("")  # takes the highlighting away
        self.result.clear()
        self.hide()
        target = self._back_to or self.parentWidget()
        if target is not None:
            target.setFocus()

    def search(self, backward: bool = False) -> None:
        text = self.field.text()
        if not text:
            self._page.findText("")
            self.result.clear()
            return
        flags = QWebEnginePage.FindFlag.FindBackward if backward else QWebEnginePage.FindFlag(0)
        self._page.findText(text, flags)

    def _on_found(self, result: QWebEngineFindTextResult) -> None:
        if not self.field.text():
            return
        if result.numberOfMatches() == 0:
            self.result.setText(self.tr("Not found"))
        else:
            self.result.setText(self.tr("%1 of %2").replace("%1", str(result.activeMatch()))
                                .replace("%2", str(result.numberOfMatches())))

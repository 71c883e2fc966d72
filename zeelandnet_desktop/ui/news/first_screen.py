"""When the news tab's first screen is on screen: the page the tab starts on (the Voorpagina or
the list) filled with its articles and painted.

The rest of start-up waits for this (shell.py). Filled is not yet seen: the page paints at the
next turn of the event loop, and work started when it was filled would hold that turn back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstScreen(QObject):
    ready = Signal()  # once

    def __init__(self, front_page_shown: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.done = False
        self._front_page_shown = front_page_shown
        self._watched: QWidget | None = None  # the page, until it has painted

    def filled(self, page: QWidget, front_page: bool) -> None:
        """`page` (the Voorpagina's content, the list's viewport) shows its first answer; only
        the page the tab is showing counts."""
        if self.done or self._watched is not None or front_page != self._front_page_shown():
            return
        if not page.isVisible():
            self._shown()
            return
        self._watched = page
        page.installEventFilter(self)
        page.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint, in the same pass: the children's paints and the flush to the
            # screen; then the next turn.
            QTimer.singleShot(0, self._shown)
        return False

    def _shown(self) -> None:
        self._watched = None
        self.done = True
        self.ready.emit()

"""Asking the service what the Voorpagina shows, and putting the answer in.

Only while the page is on screen: hidden, a change in the store only marks it out of date, and
it is read again when it is shown. During a refresh round it is read again at most once a
second (or every three times a read took, when that is longer): each answer moves the blocks
under the one that changed, and the page is drawn again while the feeds are parsed.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ...news.front_page import FrontPage
from ...services.news import NewsService
from .front_page import FrontPageView

ROUND_EVERY_MS = 1000


class FrontPageLoader(QObject):
    answered = Signal(object)  # the FrontPage now shown

    def __init__(self, service: NewsService, view: FrontPageView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._view = view
        self.active = False
        self.stopped = False
        self._asked = 0  # questions asked and answered, by number
        self._answered = 0
        self._asked_at = QElapsedTimer()
        self._since_answer = QElapsedTimer()
        self._read_ms = 0
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.ask)

    @property
    def settled(self) -> bool:
        """The page shows the answer to the latest question, every block built."""
        return (self._answered == self._asked and self._asked > 0
                and not self._view.building and not self._later.isActive())

    def stop(self) -> None:
        self.stopped = True
        self._later.stop()

    def set_active(self, on: bool) -> None:
        """The page is shown (read it again: the list may have marked stories read) or
        hidden."""
        self.active = on
        self._later.stop()
        if on:
            self.ask()

    def changed(self, categories: tuple[str, ...] | None = None) -> None:
        """The store changed (these categories; None: any, the round is over)."""
        if self.stopped:
            return
        if not self.active:
            return  # read again when it is shown
        wait = max(ROUND_EVERY_MS, 3 * self._read_ms) - self._since_answer.elapsed()
        if categories is None or not self._since_answer.isValid() or wait <= 0:
            self._later.stop()
            self.ask()
        elif not self._later.isActive():
            self._later.start(int(wait))

    def ask(self) -> None:
        if self.stopped or self._service.is_shut_down:
            return
        self._asked += 1
        number = self._asked
        self._asked_at.start()
        self._service.load_front_page(lambda page: self._on_page(number, page))

    def _on_page(self, number: int, page: FrontPage) -> None:
        if self.stopped:
            return
        self._answered = max(self._answered, number)
        if number != self._asked:
            return  # a newer question is on its way (the service answers only the latest)
        self._read_ms = self._asked_at.elapsed()
        self._since_answer.start()
        self._view.show_page(page)
        self.answered.emit(page)

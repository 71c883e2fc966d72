"""How a refresh round shows in the news tab: progress and "Bijgewerkt om" in the header, the
sources with a problem one click from their details, and the banner for what concerns all of
the news (no connection, a full disk, saved news that had to be set aside)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ...news.report import RefreshReport
from ...services.news import NewsService
from .clock import NewsClock
from .header import NewsHeader
from .status import Banner, RoundWords


class NewsBanner(QFrame):
    retry_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newsBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The palette's note colours (a tooltip's), readable in light and dark (ui/palette.py).
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.text = QLabel(self)
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.retry = QPushButton(self)
        self.retry.setObjectName("retryButton")
        self.retry.clicked.connect(self.retry_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry)
        self.retry.setText(self.tr("Try again"))
        self.hide()

    def show_banner(self, banner: Banner | None) -> None:
        if banner is None:
            self.hide()
            return
        self.text.setText(banner.text)
        self.retry.setVisible(banner.retry)
        self.show()


class RoundFeedback(QObject):
    finished = Signal()  # a round's words are up to date

    def __init__(self, service: NewsService, header: NewsHeader, banner: NewsBanner,
                 clock: NewsClock, category_names: Callable[[], Mapping[str, str]],
                 stored: Callable[[], int], parent: QObject | None = None) -> None:
        """`stored`: how many articles the store holds, as the list's last answer said (no
        count of its own on the GUI thread)."""
        super().__init__(parent)
        self._service = service
        self._header = header
        self._banner = banner
        self._clock = clock
        self._category_names = category_names
        self._stored = stored
        self.words = RoundWords(clock, self)
        self.report: RefreshReport | None = service.last_report
        self._round_failed = False
        self._fetched: RefreshReport | None = None  # the last round that fetched anything
        service.refresh_started.connect(lambda: header.set_progress(0, 0))
        service.refresh_progress.connect(header.set_progress)
        service.refresh_finished.connect(self._on_finished)
        header.refresh_clicked.connect(lambda: service.refresh(force=True))
        header.details_clicked.connect(self.show_details)
        banner.retry_clicked.connect(lambda: service.refresh(force=True))
        self.update_words()

    @property
    def offline(self) -> bool:
        return self.report is not None and self.report.offline

    def _on_finished(self, report: object) -> None:
        self._header.set_idle()
        self._round_failed = not isinstance(report, RefreshReport)
        if isinstance(report, RefreshReport):
            self.report = report
            if report.any_success:  # nothing fetched: the last time stays
                self._fetched = report
            self._announce_new(len(report.new_ids))
        self.update_words()
        self.finished.emit()

    def _announce_new(self, count: int) -> None:
        """A screen reader says, when it has a moment, that news came: only when something
        is new, and only to someone in this window (not every quarter of an hour, not from
        the background)."""
        window = self._header.window()
        if count <= 0 or not QAccessible.isActive() or not window.isActiveWindow():
            return
        text = (self.tr("1 new article") if count == 1 else
                self.tr("%1 new articles").replace("%1", str(count)))
        event = QAccessibleAnnouncementEvent(self._header, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)

    def update_words(self) -> None:
        """All the words again (after a round, or in another language)."""
        if self._round_failed:
            self._header.set_updated(self.tr("The news could not be fetched (see the log "
                                             "file)."))
        else:
            self._header.set_updated(self.words.updated(self._fetched) if self._fetched else "")
        report = self.report
        now = self._clock.now()
        self._header.set_problems(self.words.problems(report, now) if report else "")
        self._banner.show_banner(self.words.banner(
            report, stored=self._stored(),
            recovered=self._service.recovered_from_corruption,
            read_only=self._service.read_only))

    def show_details(self) -> None:
        from .dialogs import SourceProblemsDialog

        if self.report is None:
            return
        lines = self.words.source_lines(self.report, self._category_names(), self._clock.now())
        dialog = SourceProblemsDialog(lines, self._header.window())
        dialog.exec()
        dialog.deleteLater()

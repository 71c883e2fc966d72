"""Attachments the webmail downloads: where they go (never overwriting), progress, failures."""

from __future__ import annotations

import logging
from collections.abc import Callable, Container
from pathlib import Path

import shiboken6
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


PlaceDownload = Callable[[str, Container[Path]], tuple[Path, Path]]


class DownloadsBar(QWidget):
    """A row per attachment: name, progress, then 'Open folder' — or why it failed."""

    status_message = Signal(str)
    MAX_ROWS = 4

    def __init__(self, place: PlaceDownload, parent: QWidget | None = None) -> None:
        """`place(suggested name, names taken)`: (folder, target) for a download, the folder
        made; raises OSError when it cannot be written (the webmail service does the disk)."""
        super().__init__(parent)
        self._place = place
        self._reserved: set[Path] = set()
        self._rows: list[QWidget] = []
        self._downloads: list[QWebEngineDownloadRequest] = []  # keep them referenced
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setSpacing(2)
        self.hide()

    def start(self, download: QWebEngineDownloadRequest) -> Path | None:
        """Accept `download` into the download folder under a name that overwrites nothing."""
        suggested = download.suggestedFileName() or download.downloadFileName()
        try:
            folder, target = self._place(suggested, self._reserved)
        except OSError as exc:
            download.cancel()
            self._add_failed_row(suggested, self.tr("Cannot write to %1: %2")
                                 .replace("%1", str(exc.filename or "")).replace(
                                     "%2", exc.strerror or ""))
            return None
        self._reserved.add(target)
        download.setDownloadDirectory(str(folder))
        download.setDownloadFileName(target.name)
        download.accept()
        self._downloads.append(download)
        self._add_row(download, target)
        log.info("Download started into %s", folder)
        return target

    def cancel_running(self) -> None:
        for download in list(self._downloads):
            if shiboken6.isValid(download) and not download.isFinished():
                download.cancel()

    def _new_row(self) -> tuple[QWidget, QHBoxLayout]:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows.append(row)
        self._layout.addWidget(row)
        while len(self._rows) > self.MAX_ROWS:
            old = self._rows.pop(0)
            old.deleteLater()
        self.show()
        return row, layout

    def _dismiss_button(self, row: QWidget, layout: QHBoxLayout) -> None:
        close = QPushButton("×", row)
        close.setFlat(True)
        close.setToolTip(self.tr("Hide"))
        close.setFixedWidth(28)
        close.clicked.connect(lambda: self._remove_row(row))
        layout.addWidget(close)

    def _remove_row(self, row: QWidget) -> None:
        if row in self._rows:
            self._rows.remove(row)
        row.deleteLater()
        if not self._rows:
            self.hide()

    def _add_failed_row(self, name: str, reason: str) -> None:
        row, layout = self._new_row()
        label = QLabel(self.tr("Download of %1 failed: %2").replace("%1", name)
                       .replace("%2", reason), row)
        label.setObjectName("downloadLabel")
        layout.addWidget(label, 1)
        self._dismiss_button(row, layout)
        self.status_message.emit(label.text())

    def _add_row(self, download: QWebEngineDownloadRequest, target: Path) -> None:
        row, layout = self._new_row()
        row.setProperty("downloadPath", str(target))
        label = QLabel(self.tr("Downloading %1…").replace("%1", target.name), row)
        label.setObjectName("downloadLabel")
        progress = QProgressBar(row)
        progress.setMaximumWidth(180)
        progress.setMaximumHeight(14)
        progress.setTextVisible(False)
        progress.setRange(0, 0)  # busy until the size is known
        open_folder = QPushButton(self.tr("Open folder"), row)
        open_folder.setObjectName("openFolder")
        open_folder.hide()
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent))))
        layout.addWidget(label, 1)
        layout.addWidget(progress)
        layout.addWidget(open_folder)
        self._dismiss_button(row, layout)

        def on_progress() -> None:
            total = download.totalBytes()
            if total > 0:
                progress.setRange(0, 1000)
                progress.setValue(int(1000 * download.receivedBytes() / total))

        def on_state(state: QWebEngineDownloadRequest.DownloadState) -> None:
            states = QWebEngineDownloadRequest.DownloadState
            if state == states.DownloadInProgress:
                return
            self._reserved.discard(target)
            if download in self._downloads:
                self._downloads.remove(download)
            if not shiboken6.isValid(row):
                return
            progress.hide()
            if state == states.DownloadCompleted:
                label.setText(self.tr("Downloaded %1").replace("%1", target.name))
                open_folder.show()
            elif state == states.DownloadCancelled:
                label.setText(self.tr("Download of %1 cancelled").replace("%1", target.name))
            else:
                label.setText(self.tr("Download of %1 failed: %2").replace("%1", target.name)
                              .replace("%2", download.interruptReasonString()))
                log.warning("Download failed: %s", download.interruptReasonString())
            self.status_message.emit(label.text())

        download.receivedBytesChanged.connect(on_progress)
        download.totalBytesChanged.connect(on_progress)
        download.stateChanged.connect(on_state)


# --- the browser widget ------------------------------------------------------------------------

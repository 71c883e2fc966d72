"""Printing the webmail page (an invoice, a ticket): the page's own window.print() and Webmail →
Afdrukken… open Qt's print dialog; Opslaan als PDF… writes the page as a PDF file."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWebEngineWidgets import QWebEngineView

log = logging.getLogger(__name__)


class Printing(QObject):
    status_message = Signal(str)

    def __init__(self, view: QWebEngineView, parent: QWidget) -> None:
        super().__init__(parent)
        self._view = view
        self._parent = parent
        self._printer: QPrinter | None = None  # alive until Chromium has printed
        view.printRequested.connect(self.print_page)  # the page's own window.print()
        view.printFinished.connect(self._on_printed)
        view.pdfPrintingFinished.connect(self._on_pdf_written)

    def print_page(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded when first printing

        if self._printer is not None:
            return  # one print job at a time
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(self.tr("Print"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._printer = printer
        self.status_message.emit(self.tr("Printing…"))
        self._view.print(printer)

    def save_as_pdf(self, path: str | None = None) -> None:
        """Ask where (unless `path` is given), then write the page as PDF."""
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self._parent, self.tr("Save as PDF"), str(self._suggested_file()),
                self.tr("PDF documents (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._view.printToPdf(path)

    def _suggested_file(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        title = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", self._view.title()).strip()[:80]
        return Path(folder or Path.home()) / f"{title or 'webmail'}.pdf"

    def _on_printed(self, ok: bool) -> None:
        self._printer = None
        if ok:
            self.status_message.emit(self.tr("Sent to the printer."))
        else:
            log.warning("Printing the webmail page failed")
            self.status_message.emit(self.tr("Printing did not work. Check the printer and try "
                                             "again."))

    def _on_pdf_written(self, path: str, ok: bool) -> None:
        if ok:
            self.status_message.emit(self.tr("Saved as %1").replace("%1", Path(path).name))
        else:
            log.warning("Could not write the webmail page as PDF to %s", Path(path).parent)
            self.status_message.emit(self.tr("The PDF could not be saved there. Choose another "
                                             "folder."))

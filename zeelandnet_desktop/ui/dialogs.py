"""What every dialog of the app shares: a title bar with a close button only (a dialog is not
a window to minimise or maximise), and Return for its default button in every platform theme."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton

from .palette import error_color


def plain_title_bar(dialog: QDialog) -> None:
    dialog.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.WindowTitleHint
                          | Qt.WindowType.WindowCloseButtonHint)


def default_button(buttons: QDialogButtonBox,
                   which: QDialogButtonBox.StandardButton) -> QPushButton:
    """`which` answers Return wherever the focus is in the dialog. Left to Qt, the default
    button depends on the platform theme (some make none default, and then Return does
    nothing while the focus is on a radio button)."""
    button = buttons.button(which)
    button.setAutoDefault(True)
    button.setDefault(True)
    return button


class _ErrorColour(QObject):
    """Keeps a label's words in the error colour of the palette of the moment."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLabel) and event.type() == QEvent.Type.ApplicationPaletteChange:
            _paint_as_error(watched)
        return False


def _paint_as_error(label: QLabel) -> None:
    palette = QPalette(label.palette())
    palette.setColor(QPalette.ColorRole.WindowText, error_color(QApplication.palette()))
    label.setPalette(palette)


def show_as_error(label: QLabel) -> None:
    """Red words, readable in light and dark (and again after a switch between them)."""
    keeper = _ErrorColour(label)
    label.installEventFilter(keeper)
    _paint_as_error(label)

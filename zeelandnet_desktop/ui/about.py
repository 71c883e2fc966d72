"""Help → About: the version and the folders the app uses (what a bug report needs)."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..system.paths import AppPaths
from . import DISPLAY_NAME
from .dialogs import plain_title_bar


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        plain_title_bar(self)
        self.setWindowTitle(self.tr("About %1").replace("%1", DISPLAY_NAME))
        folders = [
            (self.tr("Settings"), paths.config),
            (self.tr("News and data"), paths.data),
            (self.tr("Cache"), paths.cache),
            (self.tr("Web profile"), paths.web),
            (self.tr("Log files"), paths.logs),
        ]
        rows = "".join(
            f"<tr><td>{html.escape(label)}:&nbsp;</td>"
            f"<td><a href='{QUrl.fromLocalFile(str(folder)).toString()}'>"
            f"{html.escape(str(folder))}</a></td></tr>"
            for label, folder in folders
        )
        blurb = self.tr("News from Zeeland and the world, and your webmail, in one calm window.")
        folders_heading = self.tr("Folders this app uses:")
        text = (
            f"<h2>{html.escape(APP_NAME)} {html.escape(__version__)}</h2>"
            f"<p>{html.escape(blurb)}</p>"
            f"<p>{html.escape(folders_heading)}</p><table>{rows}</table>"
            f"<p><small>Python {html.escape(platform.python_version())}, "
            f"PySide6 {html.escape(pyside_version)}</small></p>"
        )
        self.label = QLabel(text, self)
        self.label.setObjectName("about_text")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)

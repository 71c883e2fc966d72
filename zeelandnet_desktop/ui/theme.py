"""Light or dark, as the computer is set or as the user chose (Instellingen → Algemeen), with
readable text in both; and the focus outline that shows where the keyboard is.

The system's preference comes from Qt (QStyleHints.colorScheme, and its change signal). A
choice of our own is asked of the platform first (QStyleHints.setColorScheme); where the
platform cannot switch (xcb without a desktop theme, an older Windows style) the app draws
Fusion with a palette of its own. Widgets take their colours from the application palette, so
whatever builds HTML or draws by hand reads them when it draws and again on a palette change.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from .. import settings as keys
from ..settings import Settings
from .focus import FocusRing
from .palette import dark_palette, is_dark, light_palette, readable_palette

log = logging.getLogger(__name__)

SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


class Theme(QObject):
    applied = Signal(bool)  # the palette is in place; True when it is dark

    def __init__(self, app: QApplication, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._settings = settings
        # Asked for only when we draw a scheme ourselves: the first app.style() makes PySide6
        # set up QStyle's Python enums, which most starts do not need before the first paint.
        self._native_style: str | None = None
        self._own_style = False
        self.dark = False
        self.focus_ring = FocusRing(app, self)
        settings.changed.connect(self._on_setting_changed)
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.apply()

    def wanted_dark(self) -> bool:
        """Dark by the user's choice, or by the system's when the choice is "system"."""
        choice = self._settings.get(keys.COLOR_SCHEME)
        if choice in SCHEMES:
            return choice == "dark"
        return self._app.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def apply(self) -> None:
        """Ask the platform for the scheme, and draw it ourselves where it cannot."""
        app = self._app
        hints = app.styleHints()
        choice = self._settings.get(keys.COLOR_SCHEME)
        hints.blockSignals(True)  # our own request is no change of the system's mind
        try:
            if choice in SCHEMES:
                hints.setColorScheme(SCHEMES[choice])
            else:
                hints.unsetColorScheme()
        finally:
            hints.blockSignals(False)
        dark = self.wanted_dark()
        if self._own_style and self._native_style:  # back to what the platform gives, to
            app.setStyle(self._native_style)  # see whether it can switch now
            self._own_style = False
        app.setPalette(QPalette())  # the platform's own palette, without our changes
        palette = app.palette()
        if is_dark(palette) != dark:
            # The platform could not switch: Fusion draws any palette, native styles may not.
            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                if self._native_style is None:
                    self._native_style = app.style().name()
                app.setStyle(fusion)
                self._own_style = self._native_style.lower() != "fusion"
            palette = dark_palette() if dark else light_palette()
            log.info("Drawing the %s colour scheme ourselves (the platform cannot switch)",
                     "dark" if dark else "light")
        app.setPalette(readable_palette(palette))
        self.dark = dark
        self.focus_ring.update()
        self.applied.emit(dark)

    def _on_system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.COLOR_SCHEME.name:
            self.apply()

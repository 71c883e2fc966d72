"""Scroll areas on the first screen get a viewport made from Python.

A scroll area makes its viewport in C++. The first time Python asks for it (`viewport()`),
PySide6 must find out which Python class that widget has, and to do that it sets up every
class of QtWidgets not yet used: 20-50 ms on the GUI thread, before the first paint when the
first screen asks. A viewport made here is known to PySide6 from the start.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea) -> None:
    """Call in the scroll area's constructor, before anything is put into it."""
    viewport = QWidget(area)
    # As Qt's own viewport: drawn in the palette's base colour (white, or dark in dark mode).
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)

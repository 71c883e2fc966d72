"""The window always fits the screen it opens on: a small laptop (1024×600), 200 % scaling
(a 1366×768 screen is 683×384 to Qt then), or a size remembered from a larger monitor."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1100, 720)
SHARE = 0.92  # of the available screen at most, when the window opens at its own size


def screen_for(widget: QWidget, area: QRect | None = None) -> QScreen:
    """The screen `area` (else the widget) is mostly on, or the primary one."""
    point = (area or widget.geometry()).center()
    return (QGuiApplication.screenAt(point) or widget.screen()
            or QGuiApplication.primaryScreen())


def fitted(frame: QRect, available: QRect) -> QRect:
    """`frame` made no larger than `available` and moved inside it."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.right() + 1 - width)
    top = min(max(frame.top(), available.top()), available.bottom() + 1 - height)
    return QRect(left, top, width, height)


def default_size(available: QRect) -> QSize:
    return QSize(min(PREFERRED.width(), int(available.width() * SHARE)),
                 min(PREFERRED.height(), int(available.height() * SHARE)))


def frame_margins(window: QWidget) -> QMargins:
    """The window manager's frame around the window (nothing before it is shown)."""
    handle = window.windowHandle()
    return handle.frameMargins() if handle is not None else QMargins()


def fit_window(window: QWidget, *, first: bool = False) -> None:
    """Size and place `window` inside the available part of its screen, frame included;
    `first`: it opens at its own size (none was remembered)."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = screen_for(window)
    available = screen.availableGeometry()
    margins = frame_margins(window)
    if first:
        size = default_size(available)
        client = QRect(QPoint(0, 0), size)
        client.moveCenter(available.center())
    else:
        client = window.geometry()
    frame = client.marginsAdded(margins)
    inside = fitted(frame, available).marginsRemoved(margins)
    minimum = window.minimumSize()
    inside.setWidth(max(inside.width(), min(minimum.width(), available.width())))
    inside.setHeight(max(inside.height(), min(minimum.height(), available.height())))
    if inside != window.geometry():
        window.setGeometry(inside)

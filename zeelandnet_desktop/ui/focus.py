"""Where the keyboard is, always clearly: an outline around the widget that has the focus.

Styles draw focus faintly or not at all (Fusion's lists show a dotted line on the current item,
some styles nothing); this outline is the same in every style and scheme, in the selection
colour made to stand out against the window (palette.outline_color). It is a small overlay on
the focused widget's window, masked to the outline itself and to what of the widget is in
view, so it takes no clicks and repaints nothing but its own few pixels. Each window has its
own overlay, which goes with the window.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QMenu, QMenuBar, QWidget

from .palette import outline_color

WIDTH = 2  # the outline's thickness in pixels
GAP = 1  # between the widget and the outline


class _Outline(QWidget):
    """The overlay in one window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusOutline")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # A splitter or a toolbar takes a new child widget for itself; this one is no pane.
        self.setAttribute(Qt.WidgetAttribute.WA_NoChildEventsForParent)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def place(self, target: QWidget) -> None:
        window = self.parentWidget()
        if window is None or not target.isVisible():
            self.hide()
            return
        margin = WIDTH + GAP
        origin = target.mapTo(window, QPoint(0, 0))
        ring = QRect(origin, target.size()).adjusted(-margin, -margin, margin, margin)
        # Only what of the widget shows: a field scrolled half out of view is outlined there.
        clip = QRect(QPoint(0, 0), window.size())
        parent = target.parentWidget()
        while parent is not None and parent is not window:
            clip = clip.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
            parent = parent.parentWidget()
        area = ring.intersected(clip.adjusted(-margin, -margin, margin, margin))
        if area.isEmpty():
            self.hide()
            return
        self.setGeometry(area)
        outer = QRegion(ring.translated(-area.topLeft()))
        inner = QRegion(ring.adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH).translated(-area.topLeft()))
        self._ring = ring.translated(-area.topLeft())
        self.setMask(outer.subtracted(inner).intersected(QRegion(self.rect())))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(outline_color(self.palette()), WIDTH))
        half = WIDTH / 2
        painter.drawRoundedRect(self._ring.toRectF().adjusted(half, half, -half, -half), 3, 3)
        painter.end()


class FocusRing(QObject):
    """Follows the focus through the application, a moment after it moved: a focus change
    can come from a window being closed and deleted, which is not the time to touch it."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._target: QWidget | None = None
        self._outline: _Outline | None = None
        self._watched: list[QWidget] = []
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setInterval(0)
        self._due.timeout.connect(self._follow_focus)
        app.focusChanged.connect(self._on_focus_changed)

    @property
    def target(self) -> QWidget | None:
        target = self._target
        return target if target is not None and shiboken6.isValid(target) else None

    @property
    def outline(self) -> _Outline | None:
        """The overlay showing now (tests look at where it is)."""
        outline = self._outline
        return outline if outline is not None and shiboken6.isValid(outline) else None

    @staticmethod
    def outlined(widget: QWidget | None) -> QWidget | None:
        """The widget the outline goes around when `widget` has the focus."""
        if widget is None or not shiboken6.isValid(widget) or widget.isWindow():
            return None
        if isinstance(widget, QMenu | QMenuBar):
            return None  # menus show their own current item
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return parent  # the field inside a spin box or combo box: around all of it
        return widget

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._due.start()

    def _follow_focus(self) -> None:
        self.follow(self.outlined(self._app.focusWidget()))

    def follow(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        self._target = widget
        outline = self.outline
        if outline is not None and (widget is None or outline.parentWidget() is not
                                    widget.window()):
            outline.hide()
        if widget is None:
            return
        window = widget.window()
        chain: QWidget | None = widget
        while chain is not None and chain is not window:  # a pane moving moves the widget
            chain.installEventFilter(self)
            self._watched.append(chain)
            chain = chain.parentWidget()
        self.update()

    def update(self) -> None:
        """Draw the outline again (the palette changed, or where the widget is)."""
        target = self.target
        if target is None:
            return
        window = target.window()
        found = window.findChild(_Outline, "focusOutline",
                                 Qt.FindChildOption.FindDirectChildrenOnly)
        outline = found if isinstance(found, _Outline) else _Outline(window)
        self._outline = outline
        outline.place(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide):
            self.update()
        elif event.type() == QEvent.Type.ParentChange:
            self._due.start()
        return False


def focus_first_control(content: QWidget) -> None:
    """The keyboard into `content`: its focus proxy, or the first control in it that Tab
    would reach."""
    if content.focusProxy() is not None:
        content.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    widget = content.nextInFocusChain()
    while widget is not None and widget is not content and content.isAncestorOf(widget):
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()

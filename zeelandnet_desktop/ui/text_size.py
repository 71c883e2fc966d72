"""Beeld → Tekstgrootte: one size for the news (list and article) and the webmail page, in the
steps browsers use, with Ctrl++ / Ctrl+− / Ctrl+0 everywhere in the window.

The size is a setting (TEXT_SIZE, percent); the news tab and the webmail browser follow its
changes, so the webmail's own zoom buttons and these keys are the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMenu, QWidget

from .. import settings as keys
from ..settings import Settings
from . import keys as key_specs
from .keys import sequences

STEPS = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
NORMAL = 100


def bigger(percent: int) -> int:
    return next((step for step in STEPS if step > percent), STEPS[-1])


def smaller(percent: int) -> int:
    return next((step for step in reversed(STEPS) if step < percent), STEPS[0])


def scaled(font: QFont, percent: int) -> QFont:
    """`font` at `percent` of its size."""
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(max(4.0, font.pointSizeF() * percent / 100))
    elif font.pixelSize() > 0:
        result.setPixelSize(max(4, round(font.pixelSize() * percent / 100)))
    return result


class TextSize(QObject):
    """Reads and changes the one text size."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings

    @property
    def percent(self) -> int:
        return self._settings.get(keys.TEXT_SIZE)

    def set(self, percent: int) -> None:
        self._settings.set(keys.TEXT_SIZE, min(max(percent, STEPS[0]), STEPS[-1]))

    def bigger(self) -> None:
        self.set(bigger(self.percent))

    def smaller(self) -> None:
        self.set(smaller(self.percent))

    def normal(self) -> None:
        self.set(NORMAL)


class TextSizeActions(TextSize):
    """The Tekstgrootte submenu and its keys, on the main window."""

    def __init__(self, settings: Settings, window: QWidget) -> None:
        super().__init__(settings, window)
        self.menu = QMenu(window)
        self.menu.setObjectName("menu_text_size")
        self.action_bigger = self._action(window, "action_text_bigger", self.bigger,
                                          key_specs.BIGGER)
        self.action_smaller = self._action(window, "action_text_smaller", self.smaller,
                                           key_specs.SMALLER)
        self.action_normal = self._action(window, "action_text_normal", self.normal,
                                          key_specs.NORMAL_SIZE)
        settings.changed.connect(self._on_setting_changed)
        self._update()

    def _action(self, window: QWidget, name: str, slot: object,
                specs: tuple[key_specs.KeySpec, ...]) -> QAction:
        action = QAction(window)
        action.setObjectName(name)
        action.setShortcuts(sequences(*specs))
        action.triggered.connect(slot)
        window.addAction(action)  # also in full screen and on either tab
        self.menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Text size"))
        self.action_bigger.setText(self.tr("&Larger"))
        self.action_smaller.setText(self.tr("&Smaller"))
        self._update()

    def _update(self) -> None:
        percent = self.percent
        self.action_normal.setText(self.tr("&Normal size (now %1%)").replace(
            "%1", str(percent)) if percent != NORMAL else self.tr("&Normal size"))
        self.action_bigger.setEnabled(percent < STEPS[-1])
        self.action_smaller.setEnabled(percent > STEPS[0])

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.TEXT_SIZE.name:
            self._update()

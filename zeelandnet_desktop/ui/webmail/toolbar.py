"""The webmail browser's toolbar: back, forward, reload, home, open in the system browser, and
the text size (the app's one setting, shared with the news; its keys are the window's, in
Beeld → Tekstgrootte).

Every button is reached with Tab (a toolbar's buttons take no focus by default) and named for
screen readers ("−" and "+" say nothing read aloud); so is a button added later (Inloggen).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QActionEvent, QIcon
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget

from .. import keys as key_specs
from ..keys import KeySpec, sequences


class BrowserToolbar(QToolBar):
    def __init__(self, owner: QWidget, *, back: Callable[[], object],
                 forward: Callable[[], object], reload: Callable[[], object],
                 home: Callable[[], object], open_external: Callable[[], object],
                 smaller: Callable[[], object], normal: Callable[[], object],
                 bigger: Callable[[], object]) -> None:
        super().__init__(owner)
        self.setObjectName("webmailToolbar")
        self._then: QWidget | None = None  # what Tab reaches after the last button
        # While the buttons are made, once at the end: each added action walking every
        # button again took 25 ms of the webmail's first opening.
        self._building = True
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._owner = owner
        icons = QIcon.ThemeIcon
        self.back_action = self._action(self.tr("Back"), icons.GoPrevious, back,
                                        key_specs.BACK, "back")
        self.forward_action = self._action(self.tr("Forward"), icons.GoNext, forward,
                                           key_specs.FORWARD, "forward")
        # F5 / Ctrl+R belong to the window's Vernieuwen, which reloads the webmail when it is
        # in front: the same key on two actions would make it ambiguous, and neither fires.
        self.reload_action = self._action(self.tr("Reload"), icons.ViewRefresh, reload, (),
                                          "reload")
        self.home_action = self._action(self.tr("Home"), icons.GoHome, home, (), "home")
        self.open_external_action = self._action(self.tr("Open in browser"),
                                                 "internet-web-browser", open_external, (),
                                                 "openInBrowser")
        self.zoom_out_action = self._action(self.tr("Smaller text"), None, smaller, (),
                                            "zoomOut")
        self.zoom_out_action.setToolTip(self.tr("Smaller text (Ctrl+minus)"))
        self.zoom_reset_action = self._action("100%", None, normal, (), "zoomReset")
        self.zoom_reset_action.setToolTip(self.tr("Normal text size (Ctrl+0)"))
        self.zoom_in_action = self._action(self.tr("Larger text"), None, bigger, (), "zoomIn")
        self.zoom_in_action.setToolTip(self.tr("Larger text (Ctrl+plus)"))
        for act in (self.back_action, self.forward_action, self.reload_action,
                    self.home_action):
            self.addAction(act)
        self.addSeparator()
        self.addAction(self.open_external_action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        for act in (self.zoom_out_action, self.zoom_reset_action, self.zoom_in_action):
            self.addAction(act)
        self.zoom_out_action.setIconText("−")
        self.zoom_in_action.setIconText("+")
        self._building = False
        self.make_reachable()
        # Nothing to go back to yet; asking the history now would wait on the page (~20 ms).
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)

    def _action(self, text: str, icon: QIcon.ThemeIcon | str | None,
                slot: Callable[[], object], specs: tuple[KeySpec, ...],
                name: str) -> QAction:
        act = QAction(text, self._owner)
        if icon is not None:
            # The desktop theme's icon; Qt maps these to native ones on Windows and macOS.
            act.setIcon(QIcon.fromTheme(icon))
        act.setObjectName(name)
        act.triggered.connect(slot)
        if specs:
            # Only keys with Ctrl or Alt: Backspace deletes a letter in a mail being written.
            act.setShortcuts(sequences(*specs, modified=True))
            # Only while webmail has focus, so the news tab keeps its own keys.
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._owner.addAction(act)
        return act

    def tab_into(self, then: QWidget) -> None:
        """Tab goes through the buttons, left to right, and then into `then` (the page).
        The page is made before the toolbar, so Tab would reach it first and never leave it
        (in the page, Tab moves within the page); its inner widget comes later, so this is
        asked again once a page has loaded."""
        self._then = then
        self.make_reachable()

    def make_reachable(self) -> None:
        """Each button reached with Tab, in order, and named by what it does (its tooltip,
        which also names the key)."""
        buttons: list[QWidget] = []
        for act in self.actions():
            if act.isSeparator():
                # Asking for a separator's widget wraps Qt's private separator class, which
                # costs PySide about 15 ms the first time; it takes no focus anyway.
                continue
            button = self.widgetForAction(act)
            if isinstance(button, QToolButton):
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                button.setAccessibleName(act.toolTip() or act.text())
                buttons.append(button)
        if self._then is not None:
            # Qt puts the focus proxy (the page, once it has one) in the view's place; asking
            # for the proxy from Python wraps a private class: 20 to 70 ms the first time.
            buttons.append(self._then)
        for before, after in pairwise(buttons):
            QWidget.setTabOrder(before, after)
        more = self.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:  # shown when the window is too narrow for every button
            more.setAccessibleName(self.tr("More buttons"))

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)  # makes the action's button
        if event.type() == QEvent.Type.ActionAdded and not self._building:
            self.make_reachable()

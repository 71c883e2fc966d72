"""Names for screen readers where Qt gives none: the clear button inside a search field and the
handles between panes. Forms and combo boxes: form_names.py (kept apart so the first window
does not load Qt's accessibility classes)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSplitter, QToolButton, QWidget


def plain_label(text: str) -> str:
    """'&Taal:' as it is read: 'Taal'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def name_clear_button(edit: QLineEdit, name: str) -> None:
    """The little × that empties the field (Qt leaves it nameless)."""
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)
    for action in edit.actions():
        if action.objectName() == "_q_qlineeditclearaction":
            action.setText(name)
            action.setToolTip(name)


def name_splitter_handles(splitter: QSplitter, names: list[str]) -> None:
    """The handles between the panes, left to right (the first handle is never shown)."""
    for number, name in enumerate(names, start=1):
        handle: QWidget | None = splitter.handle(number)
        if handle is not None:
            handle.setAccessibleName(name)
            handle.setToolTip(name)

"""Names for screen readers where Qt gives none or a wrong one: a field is named after its label
in a form (a combo box otherwise reads its current value, a spin box its number), the clear
button inside a search field, the handles between panes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolButton,
    QWidget,
)


def plain_label(text: str) -> str:
    """'&Taal:' as it is read: 'Taal'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def name_fields_after_labels(form: QFormLayout) -> None:
    """Each field of the form without a name of its own is named after its label."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label, QLabel) or field is None or isinstance(field, QAbstractButton):
            continue  # a check box has its own words
        if not field.accessibleName() and plain_label(label.text()):
            field.setAccessibleName(plain_label(label.text()))


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

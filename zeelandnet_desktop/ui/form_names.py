"""Names for screen readers in forms: a field is named after its label (a combo box otherwise
reads its current value, a spin box its number), and combo boxes by their names."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QComboBox,
    QFormLayout,
    QLabel,
)

from .names import plain_label


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
        if isinstance(field, QComboBox):
            name_combo_box(field)


class _ComboBoxAccessible(QAccessibleWidget):
    """A combo box named by what it chooses ("Taal"), its choice as its value and
    description ("Nederlands"). Qt names a combo box by its current text on Linux and leaves
    the label to a relation; screen readers then say "Nederlands" where they should say
    "Taal: Nederlands"."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def text(self, kind: QAccessible.Text) -> str:
        combo = self._combo
        if kind == QAccessible.Text.Name and combo.accessibleName():
            return combo.accessibleName()
        if kind in (QAccessible.Text.Name, QAccessible.Text.Value):
            return combo.currentText()
        if kind == QAccessible.Text.Description and not combo.accessibleDescription():
            return combo.currentText()
        return str(super().text(kind))

    def childCount(self) -> int:
        return 1  # the list of choices, as Qt's own has it

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return QAccessible.queryAccessibleInterface(self._combo.view()) if index == 0 else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return 0 if child is not None and child.object() is self._combo.view() else -1


# Qt's cache owns the interfaces and deletes each with its combo box; Python keeps them alive
# until then (their overrides are Python), and forgets them once Qt has.
_registered: list[_ComboBoxAccessible] = []


def name_combo_box(combo: QComboBox) -> None:
    """Let `combo` be read by its accessible name (set before). Registered for this one combo
    box, not as a factory for all objects: a Python factory is asked about every object,
    also QtWebEngine's own, which PySide cannot wrap safely."""
    if combo.isEditable() or not combo.accessibleName():
        return
    current = QAccessible.queryAccessibleInterface(combo)
    if isinstance(current, _ComboBoxAccessible):
        return
    if current is not None:
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(current))
    made = _ComboBoxAccessible(combo)
    QAccessible.registerAccessibleInterface(made)
    _registered[:] = [kept for kept in _registered if shiboken6.isValid(kept)]
    _registered.append(made)

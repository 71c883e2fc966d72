"""Webmail → Sign in…: e-mail address, password and "Remember" in the OS keyring."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...mail.credentials import Problem
from ..dialogs import default_button, plain_title_bar, show_as_error
from ..form_names import name_fields_after_labels


def remember_label(platform: str = sys.platform) -> str:
    """"Remember" named after the place the password goes on this OS, so users recognise it."""
    # Spelled out (not aliased) so lupdate finds the strings.
    if platform == "darwin":
        return QCoreApplication.translate("LoginDialog", "Remember in Keychain Access")
    if platform.startswith("win"):
        return QCoreApplication.translate("LoginDialog", "Remember in Credential Manager")
    return QCoreApplication.translate("LoginDialog", "Remember in the keyring")


def problem_text(problem: Problem) -> str:
    """A keyring failure in words for the user, with what still works."""
    translate = QCoreApplication.translate
    if problem is Problem.NO_KEYRING:
        return translate("LoginDialog",
                         "No keyring is available on this computer, so your password "
                         "cannot be remembered. You can still sign in.")
    if problem is Problem.LOCKED:
        return translate("LoginDialog",
                         "The keyring is locked, so your password cannot be read or "
                         "remembered now. You can still sign in.")
    if problem is Problem.ACCESS_DENIED:
        return translate("LoginDialog",
                         "The keyring refused access, so your password cannot be "
                         "remembered. You can still sign in.")
    if problem is Problem.NO_ANSWER:
        return translate("LoginDialog",
                         "The keyring did not answer. If it asks you to unlock it, do so and "
                         "try again. You can still sign in by typing your password.")
    if problem is Problem.NO_SERVICE:
        return translate("LoginDialog",
                         "The keyring service cannot be reached, so your password "
                         "cannot be remembered. You can still sign in.")
    return translate("LoginDialog",
                     "The keyring reported an error, so your password cannot be "
                     "remembered. You can still sign in.")


class LoginDialog(QDialog):
    """Non-modal use: open(), then read address(), password(), remember() when accepted."""

    def __init__(self, provider_name: str, address: str = "", *, message: str = "",
                 problem: Problem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        plain_title_bar(self)
        self.setWindowTitle(self.tr("Sign in to %1").replace("%1", provider_name))
        self._password_edited = False

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may hold the provider's words
        self.message.setText(message)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(bool(message))
        show_as_error(self.message)

        self.address_edit = QLineEdit(address, self)
        self.address_edit.setObjectName("address")
        self.address_edit.setPlaceholderText(self.tr("name@zeelandnet.nl"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.textEdited.connect(self._on_password_edited)
        self.remember_box = QCheckBox(remember_label(), self)
        self.remember_box.setObjectName("remember")
        self.remember_box.setChecked(True)
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.hide()

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = default_button(self.button_box, QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self.address_edit.textChanged.connect(self._update_ok)
        self.password_edit.textChanged.connect(self._update_ok)

        form = QFormLayout()
        form.addRow(self.tr("E-mail address:"), self.address_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", self.remember_box)
        name_fields_after_labels(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.button_box)
        self.set_problem(problem)
        self._update_ok()
        (self.password_edit if address else self.address_edit).setFocus(
            Qt.FocusReason.OtherFocusReason)
        self.resize(460, self.sizeHint().height())

    def address(self) -> str:
        return self.address_edit.text().strip()

    def password(self) -> str:
        return self.password_edit.text()

    def remember(self) -> bool:
        return self.remember_box.isEnabled() and self.remember_box.isChecked()

    def set_problem(self, problem: Problem | None) -> None:
        """Show why the password cannot be remembered, and stop offering to."""
        if problem is None:
            self.keyring_note.hide()
            self.remember_box.setEnabled(True)
            return
        self.keyring_note.setText(problem_text(problem))
        self.keyring_note.show()
        self.remember_box.setChecked(False)
        self.remember_box.setEnabled(False)

    def offer_saved_password(self, password: str) -> None:
        """The keyring answered after the dialog opened: use it unless the user started typing."""
        if not self._password_edited and not self.password_edit.text():
            self.password_edit.setText(password)

    def _on_password_edited(self, _text: str) -> None:
        self._password_edited = True

    def _update_ok(self) -> None:
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.address()) and bool(self.password()))

"""Settings → Sign-in: automatic sign-in, and "Forget data" (the saved password, the address and,
when asked, the webmail's cookies: signed out on this computer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import settings as keys
from ...services.credentials import CredentialResult
from ...settings import Settings
from ..form_names import name_combo_box
from .login_dialog import problem_text

if TYPE_CHECKING:
    from .signin import WebmailLogin


class CredentialsPage(QWidget):
    def __init__(self, settings: Settings, login: WebmailLogin,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CredentialsPage")
        self.setWindowTitle(self.tr("Sign-in"))
        self._settings = settings
        self._login = login

        self.auto_login = QCheckBox(self.tr("Sign in to webmail automatically"), self)
        self.auto_login.setObjectName("auto_login")
        self.auto_login.setToolTip(self.tr("Uses the password saved in the keyring of this "
                                           "computer. Turned on when you save a password."))
        self.auto_login.setChecked(settings.get(keys.WEBMAIL_AUTO_LOGIN))

        forget_box = QGroupBox(self.tr("Forget data"), self)
        self.account = QComboBox(forget_box)
        self.account.setObjectName("account")
        self.account.setAccessibleName(self.tr("Webmail whose data to forget"))
        name_combo_box(self.account)
        accounts = login.accounts()
        current = settings.get(keys.WEBMAIL_PROVIDER)
        for provider in login.providers().values():
            address = accounts.get(provider.id, "")
            label = f"{provider.name} — {address}" if address else provider.name
            self.account.addItem(label, provider.id)
        self.account.setCurrentIndex(max(0, self.account.findData(current)))
        self.cookies = QCheckBox(
            self.tr("Also sign out on this computer (remove the webmail's cookies)"), forget_box)
        self.cookies.setObjectName("cookies")
        self.forget_button = QPushButton(self.tr("Forget data"), forget_box)
        self.forget_button.setObjectName("forget")
        self.forget_button.clicked.connect(self.forget)
        self.result = QLabel(forget_box)
        self.result.setObjectName("forgetResult")
        self.result.setWordWrap(True)
        explanation = QLabel(self.tr("Removes the saved password from the keyring and the "
                                     "e-mail address from the settings."), forget_box)
        explanation.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.forget_button)
        row.addWidget(self.result, 1)
        inner = QFormLayout(forget_box)
        inner.addRow(self.tr("Webmail:"), self.account)
        inner.addRow(explanation)
        inner.addRow(self.cookies)
        inner.addRow(row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.auto_login)
        layout.addWidget(forget_box)
        layout.addStretch(1)

    def forget(self) -> None:
        """Acts at once (not on OK): forgetting is what the user asked for with this button."""
        provider_id = str(self.account.currentData())
        self.forget_button.setEnabled(False)
        self.result.setText(self.tr("Forgetting…"))
        self._login.forget(provider_id, self.cookies.isChecked(), self._on_forgotten)

    def _on_forgotten(self, result: CredentialResult) -> None:
        if not shiboken6.isValid(self):
            return
        self.forget_button.setEnabled(True)
        if result.error is not None:
            self.result.setText(problem_text(result.error.problem))
        else:
            self.result.setText(self.tr("Forgotten."))
        index = self.account.currentIndex()
        self.account.setItemText(index, self.account.itemText(index).split(" — ")[0])
        self.auto_login.setChecked(self._settings.get(keys.WEBMAIL_AUTO_LOGIN))

    def apply(self) -> None:
        self._settings.set(keys.WEBMAIL_AUTO_LOGIN, self.auto_login.isChecked())

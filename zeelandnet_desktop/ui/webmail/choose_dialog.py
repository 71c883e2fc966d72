"""The one-time "Choose your webmail" question, as the portal asks it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...mail.providers import CUSTOM_ID, Provider, ProviderError, validate_custom_url
from ..dialogs import default_button, plain_title_bar, show_as_error


class ChooseWebmailDialog(QDialog):
    """Pick a provider, or "Other webmail" with an https address. Not modal for the app: the
    caller uses open(), so the news stays usable while the question is up."""

    def __init__(self, providers: Sequence[Provider], *, current_id: str = "",
                 custom_url: str = "", language: str = "nl",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseWebmailDialog")
        plain_title_bar(self)
        self.setWindowTitle(self.tr("Choose your webmail"))
        self._group = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}

        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Choose your webmail"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(self.tr("Because ZeelandNet also offers DELTA webmail, we ask you once "
                               "for your preference."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(8)

        for provider in providers:
            self._add_choice(layout, provider.id, provider.name,
                             provider.description_for(language))
        self._add_choice(layout, CUSTOM_ID, self.tr("Other webmail"),
                         self.tr("Any webmail with an https address."))
        self.url_edit = QLineEdit(custom_url, self)
        self.url_edit.setObjectName("customUrl")
        self.url_edit.setPlaceholderText("https://webmail.example.nl")
        self.url_edit.setAccessibleName(self.tr("Address of the other webmail"))
        self.url_edit.setContentsMargins(24, 0, 0, 0)
        self.url_error = QLabel(self)
        self.url_error.setObjectName("customUrlError")
        show_as_error(self.url_error)
        self.url_error.setWordWrap(True)
        self.url_error.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.url_edit)
        layout.addWidget(self.url_error)

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        default_button(self.button_box, QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Open webmail"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(self.button_box)

        initial = self._buttons.get(current_id) or next(iter(self._buttons.values()))
        initial.setChecked(True)
        self._group.buttonToggled.connect(self._validate)
        self.url_edit.textChanged.connect(self._on_url_edited)
        self._validate()
        self.setMinimumWidth(460)

    def _add_choice(self, layout: QVBoxLayout, provider_id: str, name: str,
                    description: str) -> None:
        button = QRadioButton(name, self)
        button.setObjectName(f"provider_{provider_id}")
        font = button.font()
        font.setBold(True)
        button.setFont(font)
        self._group.addButton(button)
        self._buttons[provider_id] = button
        layout.addWidget(button)
        if description:
            text = QLabel(description, self)
            text.setWordWrap(True)
            text.setContentsMargins(24, 0, 0, 6)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(text)

    def select(self, provider_id: str) -> None:
        self._buttons[provider_id].setChecked(True)

    def chosen_id(self) -> str:
        for provider_id, button in self._buttons.items():
            if button.isChecked():
                return provider_id
        return ""

    def custom_url(self) -> str:
        """The validated 'Other webmail' address, or "" when it is not chosen or not valid."""
        if self.chosen_id() != CUSTOM_ID:
            return ""
        try:
            return validate_custom_url(self.url_edit.text())
        except ProviderError:
            return ""

    def _on_url_edited(self) -> None:
        if self.url_edit.text().strip() and self.chosen_id() != CUSTOM_ID:
            self._buttons[CUSTOM_ID].setChecked(True)  # typing an address means "this one"
        self._validate()

    def _validate(self, *_args: object) -> None:
        custom = self.chosen_id() == CUSTOM_ID
        self.url_edit.setEnabled(True)
        message = ""
        valid = True
        if custom:
            valid = bool(self.custom_url())
            if not valid and self.url_edit.text().strip():
                message = self.tr("Enter a web address that starts with https://, "
                                  "for example https://webmail.example.nl")
        self.url_error.setText(message)
        self.url_error.setVisible(bool(message))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)

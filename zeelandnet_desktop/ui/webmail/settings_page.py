"""Instellingen → Webmail: which webmail, where attachments go, and unloading when hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ... import i18n
from ... import settings as keys
from ...mail.providers import CUSTOM_ID, Provider, ProviderError, custom_provider
from ...settings import Settings


class WebmailSettingsPage(QWidget):
    def __init__(self, settings: Settings, providers: dict[str, Provider],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WebmailSettingsPage")
        self.setWindowTitle(self.tr("Webmail"))
        self._settings = settings
        language = i18n.current_language()

        self.provider = QComboBox(self)
        self.provider.setObjectName("provider")
        self.provider.addItem(self.tr("(not chosen yet)"), "")
        for provider in providers.values():
            self.provider.addItem(provider.name, provider.id)
            self.provider.setItemData(self.provider.count() - 1,
                                      provider.description_for(language),
                                      Qt.ItemDataRole.ToolTipRole)
        self.provider.addItem(self.tr("Other webmail"), CUSTOM_ID)
        chosen = settings.get(keys.WEBMAIL_PROVIDER)
        self.provider.setCurrentIndex(max(0, self.provider.findData(chosen)))
        self.custom_url = QLineEdit(settings.get(keys.WEBMAIL_CUSTOM_URL), self)
        self.custom_url.setObjectName("customUrl")
        self.custom_url.setPlaceholderText("https://webmail.example.nl")
        self.problem = QLabel(self)
        self.problem.setObjectName("providerProblem")
        self.problem.setWordWrap(True)
        self.provider.currentIndexChanged.connect(lambda _i: self._update_custom())

        self.download_dir = QLineEdit(settings.get(keys.WEBMAIL_DOWNLOAD_DIR), self)
        self.download_dir.setObjectName("downloadDir")
        self.download_dir.setPlaceholderText(self.tr("Your Downloads folder"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        downloads = QHBoxLayout()
        downloads.addWidget(self.download_dir, 1)
        downloads.addWidget(browse)

        self.unload_minutes = QSpinBox(self)
        self.unload_minutes.setObjectName("unloadMinutes")
        self.unload_minutes.setRange(0, keys.WEBMAIL_UNLOAD_MINUTES.maximum or 1440)
        self.unload_minutes.setSpecialValueText(self.tr("never"))
        self.unload_minutes.setSuffix(self.tr(" min"))
        self.unload_minutes.setValue(settings.get(keys.WEBMAIL_UNLOAD_MINUTES))
        self.unload_minutes.setToolTip(self.tr(
            "Frees memory: the webmail page is closed after it has been hidden this long, "
            "and opened again when you return."))

        form = QFormLayout(self)
        form.addRow(self.tr("Webmail:"), self.provider)
        form.addRow(self.tr("Address:"), self.custom_url)
        form.addRow("", self.problem)
        form.addRow(self.tr("Save attachments in:"), downloads)
        form.addRow(self.tr("Close webmail when hidden for:"), self.unload_minutes)
        self._update_custom()

    def _update_custom(self) -> None:
        custom = self.provider.currentData() == CUSTOM_ID
        self.custom_url.setEnabled(custom)
        if not custom:
            self.problem.clear()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save attachments in"),
                                                  self.download_dir.text())
        if folder:
            self.download_dir.setText(folder)

    def apply(self) -> None:
        chosen = str(self.provider.currentData() or "")
        if chosen == CUSTOM_ID:
            url = self.custom_url.text().strip()
            try:
                custom_provider(url)
            except ProviderError:
                # Keep the previous choice rather than store an address that cannot work.
                self.problem.setText(self.tr("Enter a web address that starts with https://."))
                chosen = self._settings.get(keys.WEBMAIL_PROVIDER)
            else:
                self._settings.set(keys.WEBMAIL_CUSTOM_URL, url)
        if chosen:
            self._settings.set(keys.WEBMAIL_PROVIDER, chosen)
        self._settings.set(keys.WEBMAIL_DOWNLOAD_DIR, self.download_dir.text().strip())
        self._settings.set(keys.WEBMAIL_UNLOAD_MINUTES, self.unload_minutes.value())

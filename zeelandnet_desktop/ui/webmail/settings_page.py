"""Instellingen → Webmail: which webmail, checking for new mail without it (its mail server:
the provider's, or the user's own for "Other webmail"), where attachments go, and unloading
when hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
from ...mail.providers import (
    CUSTOM_ID,
    Provider,
    ProviderError,
    TlsMode,
    custom_provider,
    imap_server_from_dict,
)
from ...settings import Settings
from ..form_names import name_fields_after_labels
from . import watch_words

if TYPE_CHECKING:
    from ...services.mail_watch import MailWatchService, WatchProblem


class WebmailSettingsPage(QWidget):
    def __init__(self, settings: Settings, providers: dict[str, Provider],
                 parent: QWidget | None = None, *,
                 mail_watch: MailWatchService | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WebmailSettingsPage")
        self.setWindowTitle(self.tr("Webmail"))
        self._settings = settings
        self._providers = providers
        self._watch = mail_watch
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

        self.mail_watch = QCheckBox(
            self.tr("Check for new e-mail without opening the webmail"), self)
        self.mail_watch.setObjectName("mailWatch")
        self.mail_watch.setChecked(settings.get(keys.MAIL_WATCH))
        self.mail_watch.setToolTip(self.tr(
            "Counts unread e-mail and announces new e-mail with the password you saved, "
            "also while the webmail is closed."))
        self.mail_watch.toggled.connect(lambda _on: self._update_mail_status())
        self.mail_host = QLineEdit(self)
        self.mail_host.setObjectName("mailServer")
        self.mail_host.setPlaceholderText("mail.example.nl")
        self.mail_host.setAccessibleName(self.tr("Mail server"))
        self.mail_port = QSpinBox(self)
        self.mail_port.setObjectName("mailPort")
        self.mail_port.setRange(1, 65535)
        self.mail_port.setAccessibleName(self.tr("Port"))
        self.mail_security = QComboBox(self)
        self.mail_security.setObjectName("mailSecurity")
        self.mail_security.addItem(self.tr("Secure from the start (SSL/TLS)"),
                                   TlsMode.IMPLICIT.value)
        self.mail_security.addItem(self.tr("Secured after connecting (STARTTLS)"),
                                   TlsMode.STARTTLS.value)
        self.mail_security.setAccessibleName(self.tr("Security"))
        server_row = QHBoxLayout()
        server_row.addWidget(self.mail_host, 1)
        server_row.addWidget(QLabel(self.tr("Port:"), self))
        server_row.addWidget(self.mail_port)
        self.mail_status = QLabel(self)
        self.mail_status.setObjectName("mailWatchStatus")
        self.mail_status.setWordWrap(True)
        self.mail_status.setTextFormat(Qt.TextFormat.PlainText)
        self.provider.currentIndexChanged.connect(lambda _i: self._update_mail_server())
        if mail_watch is not None:
            mail_watch.problem_changed.connect(self._on_watch_problem)

        self.download_dir = QLineEdit(settings.get(keys.WEBMAIL_DOWNLOAD_DIR), self)
        self.download_dir.setObjectName("downloadDir")
        self.download_dir.setPlaceholderText(self.tr("Your Downloads folder"))
        self.download_dir.setAccessibleName(self.tr("Save attachments in"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setAccessibleName(self.tr("Choose the folder for attachments"))
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
        form.addRow("", self.mail_watch)
        form.addRow(self.tr("Mail server:"), server_row)
        form.addRow(self.tr("Security:"), self.mail_security)
        form.addRow("", self.mail_status)
        form.addRow(self.tr("Save attachments in:"), downloads)
        form.addRow(self.tr("Close webmail when hidden for:"), self.unload_minutes)
        name_fields_after_labels(form)
        self._update_custom()
        self._update_mail_server()

    def _update_custom(self) -> None:
        custom = self.provider.currentData() == CUSTOM_ID
        self.custom_url.setEnabled(custom)
        if not custom:
            self.problem.clear()

    def _update_mail_server(self) -> None:
        """The chosen webmail's mail server: shown as its entry has it, or editable (and
        remembered) for "Other webmail"."""
        chosen = self.provider.currentData()
        custom = chosen == CUSTOM_ID
        for field in (self.mail_host, self.mail_port, self.mail_security):
            field.setEnabled(custom)
        if custom:
            host = self._settings.get(keys.MAIL_CUSTOM_HOST)
            port = self._settings.get(keys.MAIL_CUSTOM_PORT)
            tls = self._settings.get(keys.MAIL_CUSTOM_TLS)
        else:
            provider = self._providers.get(str(chosen or ""))
            imap = provider.imap if provider is not None else None
            host, port = (imap.host, imap.port) if imap is not None else ("", 993)
            tls = imap.tls.value if imap is not None else TlsMode.IMPLICIT.value
        self.mail_host.setText(host)
        self.mail_port.setValue(port)
        self.mail_security.setCurrentIndex(max(0, self.mail_security.findData(tls)))
        self._update_mail_status()

    def _on_watch_problem(self, _problem: WatchProblem | None) -> None:
        self._update_mail_status()

    def _update_mail_status(self, error: str = "") -> None:
        """One line: what keeps the check for new mail from working, if anything."""
        chosen = str(self.provider.currentData() or "")
        text = error
        if not text and self.mail_watch.isChecked() and chosen:
            watch = self._watch
            same = chosen == self._settings.get(keys.WEBMAIL_PROVIDER)
            address = self._settings.get_map(keys.WEBMAIL_ACCOUNTS).get(chosen)
            if not self.mail_host.text().strip():
                text = (watch_words.no_server_sentence() if chosen == CUSTOM_ID else
                        self.tr("No mail server is known for this webmail, so new e-mail "
                                "is only seen while the webmail is open."))
            elif same and watch is not None and watch.problem is not None:
                text = watch_words.problem_sentence(watch.problem)
            elif not address or (same and watch is not None and watch.password_missing):
                text = watch_words.missing_password_sentence()
        self.mail_status.setText(text)
        self.mail_status.setVisible(bool(text))

    def _apply_mail_server(self) -> None:
        host = self.mail_host.text().strip()
        try:
            if host:
                imap_server_from_dict({"host": host, "port": self.mail_port.value(),
                                       "tls": self.mail_security.currentData()})
        except ProviderError:
            self._update_mail_status(self.tr(
                "Enter the name of the mail server, such as mail.example.nl."))
            return
        self._settings.set(keys.MAIL_CUSTOM_HOST, host)
        self._settings.set(keys.MAIL_CUSTOM_PORT, self.mail_port.value())
        self._settings.set(keys.MAIL_CUSTOM_TLS, str(self.mail_security.currentData()))

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
        if chosen == CUSTOM_ID:
            self._apply_mail_server()
        if chosen:
            self._settings.set(keys.WEBMAIL_PROVIDER, chosen)
        self._settings.set(keys.MAIL_WATCH, self.mail_watch.isChecked())
        self._settings.set(keys.WEBMAIL_DOWNLOAD_DIR, self.download_dir.text().strip())
        self._settings.set(keys.WEBMAIL_UNLOAD_MINUTES, self.unload_minutes.value())

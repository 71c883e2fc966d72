"""Bestand → Instellingen…: the general page, then the pages the features registered."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import settings as keys
from ...settings import Settings
from ..dialogs import plain_title_bar
from ..form_names import name_fields_after_labels
from .registry import PageFactory, SettingsPage


class GeneralPage(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GeneralPage")
        self._settings = settings
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for value, label in (
            ("system", self.tr("Same as the system")),
            ("nl", "Nederlands"),  # language names stay in their own language
            ("en", "English"),
        ):
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(keys.LANGUAGE))))

        self.color_scheme = QComboBox(self)
        self.color_scheme.setObjectName("color_scheme")
        for value, label in (("system", self.tr("System")), ("light", self.tr("Light")),
                             ("dark", self.tr("Dark"))):
            self.color_scheme.addItem(label, value)
        self.color_scheme.setCurrentIndex(
            max(0, self.color_scheme.findData(settings.get(keys.COLOR_SCHEME))))

        self.refresh_minutes = QSpinBox(self)
        self.refresh_minutes.setObjectName("refresh_minutes")
        self.refresh_minutes.setRange(keys.REFRESH_MINUTES.minimum or 1,
                                      keys.REFRESH_MINUTES.maximum or 1440)
        self.refresh_minutes.setSuffix(self.tr(" min"))
        self.refresh_minutes.setValue(settings.get(keys.REFRESH_MINUTES))

        self.prune_days = QSpinBox(self)
        self.prune_days.setObjectName("prune_days")
        self.prune_days.setRange(keys.PRUNE_DAYS.minimum or 1, keys.PRUNE_DAYS.maximum or 365)
        self.prune_days.setSuffix(self.tr(" days"))
        self.prune_days.setValue(settings.get(keys.PRUNE_DAYS))

        self.remote_images = QCheckBox(self.tr("Show pictures in news articles"), self)
        self.remote_images.setObjectName("remote_images")
        self.remote_images.setToolTip(
            self.tr("Pictures are loaded from the news site, which can then see that you read it.")
        )
        self.remote_images.setChecked(settings.get(keys.REMOTE_IMAGES))

        form = QFormLayout(self)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Colours:"), self.color_scheme)
        form.addRow(self.tr("Fetch news every:"), self.refresh_minutes)
        form.addRow(self.tr("Keep news for:"), self.prune_days)
        form.addRow("", self.remote_images)
        name_fields_after_labels(form)  # a combo box would otherwise read its current choice

    def apply(self) -> None:
        self._settings.set(keys.LANGUAGE, str(self.language.currentData()))
        self._settings.set(keys.COLOR_SCHEME, str(self.color_scheme.currentData()))
        self._settings.set(keys.REFRESH_MINUTES, self.refresh_minutes.value())
        self._settings.set(keys.PRUNE_DAYS, self.prune_days.value())
        self._settings.set(keys.REMOTE_IMAGES, self.remote_images.isChecked())


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, pages: Sequence[PageFactory] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        plain_title_bar(self)
        self.setWindowTitle(self.tr("Settings"))
        self.pages = QTabWidget(self)
        self.pages.setAccessibleName(self.tr("Settings pages"))
        self._pages: list[SettingsPage] = []
        self.add_page(GeneralPage(settings, self), self.tr("General"))
        for factory in pages:
            page = factory(self)
            self.add_page(page, page.windowTitle())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def add_page(self, page: QWidget, title: str) -> None:
        if not callable(getattr(page, "apply", None)):
            raise TypeError("a settings page needs an apply() method")
        self.pages.addTab(page, title)
        self._pages.append(page)  # type: ignore[arg-type]

    def accept(self) -> None:
        for page in self._pages:
            page.apply()
        super().accept()

"""Instellingen → Meldingen: which news is announced and when, new mail, start at login."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ... import settings as keys
from ...news import breaking
from ...services.news import NewsService
from ...settings import Settings
from ...system import autostart

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_ROLE = Qt.ItemDataRole.UserRole + 2


class TraySettingsPage(QWidget):
    def __init__(self, settings: Settings, service: NewsService, parent: QWidget | None = None,
                 *, starter: autostart.Autostart | None = None,
                 can_notify: bool = True) -> None:
        """`can_notify`: False when this computer has neither a notification server nor a
        tray."""
        super().__init__(parent)
        self.setObjectName("TraySettingsPage")
        self.setWindowTitle(self.tr("Notifications"))
        self._settings = settings
        self._starter = starter
        language = i18n.current_language()

        news_box = QGroupBox(self.tr("Breaking news"), self)
        self.breaking = QCheckBox(self.tr("Announce breaking news"), news_box)
        self.breaking.setObjectName("notifyBreaking")
        self.breaking.setChecked(settings.get(keys.NOTIFY_BREAKING))
        self.categories = QListWidget(news_box)
        self.categories.setObjectName("notifyCategories")
        self.categories.setAccessibleName(self.tr("Categories to announce"))
        switched_on: list[str] = settings.get(keys.NOTIFY_CATEGORIES_ON)
        switched_off: list[str] = settings.get(keys.NOTIFY_CATEGORIES_OFF)
        wanted = breaking.notify_categories(
            ((c.id, c.notify) for c in service.categories()), switched_on, switched_off)
        for category in service.categories():
            item = QListWidgetItem(category.name(language))
            item.setData(ID_ROLE, category.id)
            item.setData(DEFAULT_ROLE, category.notify)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if category.id in wanted
                               else Qt.CheckState.Unchecked)
            self.categories.addItem(item)
        self.categories.setEnabled(self.breaking.isChecked())
        self.breaking.toggled.connect(self.categories.setEnabled)

        self.per_hour = QSpinBox(news_box)
        self.per_hour.setObjectName("notifyPerHour")
        self.per_hour.setRange(keys.NOTIFY_PER_HOUR.minimum or 1,
                               keys.NOTIFY_PER_HOUR.maximum or 60)
        self.per_hour.setValue(settings.get(keys.NOTIFY_PER_HOUR))
        self.per_hour.setSuffix(self.tr(" per hour"))
        self.per_hour.setAccessibleName(self.tr("Notifications per hour at most"))

        news_layout = QVBoxLayout(news_box)
        news_layout.addWidget(self.breaking)
        news_layout.addWidget(QLabel(self.tr("Categories to announce:"), news_box))
        news_layout.addWidget(self.categories)
        form = QFormLayout()
        form.addRow(self.tr("At most:"), self.per_hour)
        news_layout.addLayout(form)

        quiet_box = QGroupBox(self.tr("Quiet hours"), self)
        quiet_box.setObjectName("quietHours")
        quiet_box.setCheckable(True)
        quiet_box.setChecked(settings.get(keys.QUIET_HOURS))
        self.quiet_box = quiet_box
        self.quiet_start = QTimeEdit(quiet_box)
        self.quiet_start.setObjectName("quietStart")
        self.quiet_start.setAccessibleName(self.tr("Quiet hours start at"))
        self.quiet_end = QTimeEdit(quiet_box)
        self.quiet_end.setObjectName("quietEnd")
        self.quiet_end.setAccessibleName(self.tr("Quiet hours end at"))
        for edit, key in ((self.quiet_start, keys.QUIET_START), (self.quiet_end, keys.QUIET_END)):
            edit.setDisplayFormat("HH:mm")
            clock = breaking.parse_clock(settings.get(key))
            edit.setTime(QTime(clock.hour, clock.minute))
        quiet_row = QHBoxLayout(quiet_box)
        quiet_row.addWidget(QLabel(self.tr("No notifications from"), quiet_box))
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel(self.tr("to"), quiet_box))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)

        self.mail = QCheckBox(self.tr("Announce new e-mail while the window is hidden"), self)
        self.mail.setObjectName("notifyMail")
        self.mail.setChecked(settings.get(keys.NOTIFY_MAIL))
        self.start_at_login = QCheckBox(self.tr("Start at login (in the tray)"), self)
        self.start_at_login.setObjectName("startAtLogin")
        # What the system has (an installer may have turned it on), not only what we wrote.
        self._starts_at_login = _starts_at_login(starter, settings.get(keys.START_AT_LOGIN))
        self.start_at_login.setChecked(self._starts_at_login)
        self.message = QLabel(self)
        self.message.setObjectName("trayMessage")
        self.message.setWordWrap(True)

        # Without a notification server and without a tray nothing below can reach the user;
        # said here once, plainly, rather than with every piece of news that is not shown.
        self.unavailable = QLabel(self.tr(
            "This computer cannot show notifications, so breaking news and new e-mail are "
            "not announced."), self)
        self.unavailable.setObjectName("notificationsUnavailable")
        self.unavailable.setWordWrap(True)
        self.unavailable.setVisible(not can_notify)

        layout = QVBoxLayout(self)
        layout.addWidget(self.unavailable)
        layout.addWidget(news_box, 1)
        layout.addWidget(quiet_box)
        layout.addWidget(self.mail)
        layout.addWidget(self.start_at_login)
        layout.addWidget(self.message)

    def apply(self) -> None:
        s = self._settings
        s.set(keys.NOTIFY_BREAKING, self.breaking.isChecked())
        # Kept as changes against the catalogue's defaults (see breaking.notify_categories).
        on, off = [], []
        for row in range(self.categories.count()):
            item = self.categories.item(row)
            checked = item.checkState() == Qt.CheckState.Checked
            if checked and not item.data(DEFAULT_ROLE):
                on.append(str(item.data(ID_ROLE)))
            elif not checked and item.data(DEFAULT_ROLE):
                off.append(str(item.data(ID_ROLE)))
        s.set(keys.NOTIFY_CATEGORIES_ON, on)
        s.set(keys.NOTIFY_CATEGORIES_OFF, off)
        s.set(keys.NOTIFY_PER_HOUR, self.per_hour.value())
        s.set(keys.QUIET_HOURS, self.quiet_box.isChecked())
        s.set(keys.QUIET_START, self.quiet_start.time().toString("HH:mm"))
        s.set(keys.QUIET_END, self.quiet_end.time().toString("HH:mm"))
        s.set(keys.NOTIFY_MAIL, self.mail.isChecked())
        wanted = self.start_at_login.isChecked()
        if wanted != self._starts_at_login:
            if autostart.apply(wanted, self._starter):
                s.set(keys.START_AT_LOGIN, wanted)
                self._starts_at_login = wanted
            else:
                self.message.setText(self.tr("Start at login could not be changed; the log "
                                             "file has the details."))


def _starts_at_login(starter: autostart.Autostart | None, remembered: bool) -> bool:
    try:
        return (starter or autostart.for_platform()).is_enabled()
    except OSError:
        return remembered

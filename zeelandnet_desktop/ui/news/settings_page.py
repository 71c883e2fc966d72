"""Instellingen → Nieuws: categories on and off, and the user's own feed addresses."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ... import settings as keys
from ...news.catalogue import CatalogueError
from ...services.news import NewsService
from ...settings import Settings

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
URL_ROLE = Qt.ItemDataRole.UserRole + 2


class NewsSettingsPage(QWidget):
    def __init__(self, settings: Settings, service: NewsService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewsSettingsPage")
        self.setWindowTitle(self.tr("News"))
        self._settings = settings
        self._service = service
        language = i18n.current_language()

        categories_box = QGroupBox(self.tr("Categories to show"), self)
        self.categories = QListWidget(categories_box)
        self.categories.setObjectName("categoryChoices")
        disabled_list: list[str] = settings.get(keys.DISABLED_CATEGORIES)
        disabled = set(disabled_list)
        for category in service.categories():
            item = QListWidgetItem(category.name(language))
            item.setData(ID_ROLE, category.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if category.id in disabled
                               else Qt.CheckState.Checked)
            self.categories.addItem(item)
        QVBoxLayout(categories_box).addWidget(self.categories)

        feeds_box = QGroupBox(self.tr("Your own feeds"), self)
        self.user_feeds = QListWidget(feeds_box)
        self.user_feeds.setObjectName("userFeeds")
        self.remove_button = QPushButton(self.tr("Remove"), feeds_box)
        self.remove_button.setObjectName("removeFeed")
        self.remove_button.clicked.connect(self._remove_selected)
        self.url = QLineEdit(feeds_box)
        self.url.setObjectName("feedUrl")
        self.url.setPlaceholderText("https://…")
        self.category = QComboBox(feeds_box)
        self.category.setObjectName("feedCategory")
        for category in service.categories():
            self.category.addItem(category.name(language), category.id)
        self.add_button = QPushButton(self.tr("Add"), feeds_box)
        self.add_button.setObjectName("addFeed")
        self.add_button.clicked.connect(self._add)
        self.url.returnPressed.connect(self._add)
        self.message = QLabel(feeds_box)
        self.message.setObjectName("feedMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.url)
        row = QHBoxLayout()
        row.addWidget(self.category, 1)
        row.addWidget(self.add_button)
        form.addRow(self.tr("Category:"), row)
        feeds_layout = QVBoxLayout(feeds_box)
        feeds_layout.addWidget(self.user_feeds)
        feeds_layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        feeds_layout.addLayout(form)
        feeds_layout.addWidget(self.message)

        layout = QHBoxLayout(self)
        layout.addWidget(categories_box, 1)
        layout.addWidget(feeds_box, 2)
        self._list_user_feeds()

    def _list_user_feeds(self) -> None:
        self.user_feeds.clear()
        for category_id, url in self._service.user_feeds():
            category = self._service.category(category_id)
            label = category.name(i18n.current_language()) if category else category_id
            item = QListWidgetItem(f"{url}  ({label})")
            item.setData(ID_ROLE, category_id)
            item.setData(URL_ROLE, url)
            self.user_feeds.addItem(item)
        self.remove_button.setEnabled(self.user_feeds.count() > 0)

    def _add(self) -> None:
        url = self.url.text().strip()
        category_id = str(self.category.currentData())
        try:
            self._service.add_user_feed(category_id, url)
        except CatalogueError:
            self.message.setText(self.tr("That is not a web address (it starts with https://)."))
            return
        except OSError as error:
            log.warning("Could not save the feed list: %s", error)
            self.message.setText(self.tr("The feed list could not be saved."))
            return
        self.url.clear()
        self.message.setText(self.tr("Added. It is fetched with the next refresh."))
        self._list_user_feeds()

    def _remove_selected(self) -> None:
        item = self.user_feeds.currentItem()
        if item is None:
            return
        try:
            self._service.remove_user_feed(str(item.data(ID_ROLE)), str(item.data(URL_ROLE)))
        except OSError as error:
            log.warning("Could not save the feed list: %s", error)
            self.message.setText(self.tr("The feed list could not be saved."))
            return
        self._list_user_feeds()

    def apply(self) -> None:
        disabled = [
            str(item.data(ID_ROLE))
            for item in (self.categories.item(i) for i in range(self.categories.count()))
            if item.checkState() != Qt.CheckState.Checked
        ]
        self._settings.set(keys.DISABLED_CATEGORIES, disabled)

"""Instellingen → Nieuws: categories on and off, and the user's own news sources.

Nothing changes before OK: an added or removed source waits on the page, and Cancel forgets
it. An address that a category already has is refused with words: a news source is kept in one
category (its articles, read marks and counts live there), and a second copy would stay empty.
"""

from __future__ import annotations

import errno
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
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ... import settings as keys
from ...news.catalogue import CatalogueError
from ...services.news import NewsService
from ...settings import Settings
from ..form_names import name_combo_box

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
URL_ROLE = Qt.ItemDataRole.UserRole + 2
Change = tuple[str, str]  # (category id, address)


class NewsSettingsPage(QWidget):
    def __init__(self, settings: Settings, service: NewsService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewsSettingsPage")
        self.setWindowTitle(self.tr("News"))
        self._settings = settings
        self._service = service
        self._adding: list[Change] = []
        self._removing: list[Change] = []
        language = i18n.current_language()

        categories_box = QGroupBox(self.tr("Categories to show"), self)
        self.categories = QListWidget(categories_box)
        self.categories.setObjectName("categoryChoices")
        self.categories.setAccessibleName(self.tr("Categories to show"))
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

        feeds_box = QGroupBox(self.tr("Your own news sources"), self)
        self.user_feeds = QListWidget(feeds_box)
        self.user_feeds.setObjectName("userFeeds")
        self.user_feeds.setAccessibleName(self.tr("Your own news sources"))
        self.remove_button = QPushButton(self.tr("Remove"), feeds_box)
        self.remove_button.setObjectName("removeFeed")
        self.remove_button.clicked.connect(self._remove_selected)
        self.url = QLineEdit(feeds_box)
        self.url.setObjectName("feedUrl")
        self.url.setPlaceholderText("https://…")
        self.url.setAccessibleName(self.tr("Address of the news source"))
        self.category = QComboBox(feeds_box)
        self.category.setObjectName("feedCategory")
        self.category.setAccessibleName(self.tr("Category for the news source"))
        name_combo_box(self.category)
        for category in service.categories():
            self.category.addItem(category.name(language), category.id)
        self.add_button = QPushButton(self.tr("Add"), feeds_box)
        self.add_button.setObjectName("addFeed")
        self.add_button.clicked.connect(self._add)
        self.url.returnPressed.connect(self._add)
        self.message = QLabel(feeds_box)
        self.message.setObjectName("feedMessage")
        self.message.setWordWrap(True)
        # Room for two lines: a wrapped label's height is not always given it in a form.
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)
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

    def _name(self, category_id: str) -> str:
        category = self._service.category(category_id)
        return category.name(i18n.current_language()) if category else category_id

    def _list_user_feeds(self) -> None:
        self.user_feeds.clear()
        saved = [f for f in self._service.user_feeds() if f not in self._removing]
        for category_id, url in saved + self._adding:
            label = f"{url}  ({self._name(category_id)})"
            if (category_id, url) in self._adding:
                label += "\n" + self.tr("— added when you choose OK")
            else:
                listed = self._service.categories_of_feed(url)
                if listed and listed[0] != category_id:
                    label += "\n" + self.tr("— also in “%1”, where its news is shown").replace(
                        "%1", self._name(listed[0]))
            item = QListWidgetItem(label)
            item.setToolTip(label)
            item.setData(ID_ROLE, category_id)
            item.setData(URL_ROLE, url)
            self.user_feeds.addItem(item)
        self.remove_button.setEnabled(self.user_feeds.count() > 0)

    def _add(self) -> None:
        url = self.url.text().strip()
        category_id = str(self.category.currentData())
        if not url:
            self.message.setText(self.tr("Type the address of the news source first."))
            return
        if not self._service.is_feed_address(url):
            self.message.setText(self.tr("That is not a web address. A web address starts "
                                         "with https:// (or http://)."))
            return
        listed = [c for c in self._service.categories_of_feed(url)
                  if (c, url) not in self._removing]
        listed += [c for c, u in self._adding if u == url]
        if listed:
            self.message.setText(self.tr("This news source is already in “%1”. A news source "
                                         "can be in one category only.").replace(
                                             "%1", self._name(listed[0])))
            return
        if (category_id, url) in self._removing:
            self._removing.remove((category_id, url))
        else:
            self._adding.append((category_id, url))
        self.url.clear()
        self.message.setText(self.tr("It is added when you choose OK, and fetched right "
                                     "after."))
        self._list_user_feeds()

    def _remove_selected(self) -> None:
        item = self.user_feeds.currentItem() or self.user_feeds.item(0)
        if item is None:
            return
        change = (str(item.data(ID_ROLE)), str(item.data(URL_ROLE)))
        if change in self._adding:
            self._adding.remove(change)
        else:
            self._removing.append(change)
            self.message.setText(self.tr("It is removed when you choose OK."))
        self._list_user_feeds()

    def apply(self) -> None:
        disabled = [
            str(item.data(ID_ROLE))
            for item in (self.categories.item(i) for i in range(self.categories.count()))
            if item is not None and item.checkState() != Qt.CheckState.Checked
        ]
        self._settings.set(keys.DISABLED_CATEGORIES, disabled)
        if not (self._adding or self._removing):
            return
        try:
            self._service.change_user_feeds(self._adding, self._removing)
        except (CatalogueError, OSError) as error:
            log.warning("Could not save the list of news sources: %s", error)
            full = isinstance(error, OSError) and error.errno == errno.ENOSPC
            QMessageBox.warning(self.window(), self.tr("News sources"), self.tr(
                "The list of news sources could not be saved: the disk is full.") if full else
                self.tr("The list of news sources could not be saved."))
            return
        added = bool(self._adding)
        self._adding, self._removing = [], []
        if added:
            self._service.refresh(force=False)

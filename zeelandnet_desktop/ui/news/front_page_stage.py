"""The Voorpagina in the news tab: in the place of the list and the article while its entry is
chosen (a search shows the list of results instead), read only while it is on screen, and
Alt+Home back to it from anywhere in the tab, the keyboard on the story opened last.

Choosing it is remembered as the last view, as a category is; a new profile starts on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from ... import i18n
from ... import settings as keys
from ...services.news import NewsService
from ...settings import Settings
from .category_list import FRONT_PAGE, CategoryList
from .clock import NewsClock
from .front_page import FrontPageView
from .front_page_loader import FrontPageLoader
from .pictures import PictureBank


class FrontPageStage(QObject):
    article_chosen = Signal(object)  # an Article to read
    list_shown = Signal()  # the list and the article are back in the Voorpagina's place
    switched = Signal()  # the Voorpagina came or went

    def __init__(self, tab: QWidget, service: NewsService, settings: Settings,
                 pictures: PictureBank, clock: NewsClock, categories: CategoryList,
                 search: QLineEdit, replaced: Sequence[QWidget]) -> None:
        """`replaced`: what the Voorpagina takes the place of (the list, the article);
        replace_these() changes it once the narrow layout has wrapped the article."""
        super().__init__(tab)
        self._tab = tab
        self._settings = settings
        self._categories = categories
        self._search = search
        self._replaced = tuple(replaced)
        self._pictures = pictures
        self.view = FrontPageView(pictures, clock, i18n.current_language, categories.names, tab)
        self.view.hide()
        self.loader = FrontPageLoader(service, self.view, self)
        self.view.article_chosen.connect(self.article_chosen)
        self.view.category_chosen.connect(self.open_category)
        self.action = QAction(tab)
        self.action.setObjectName("action_front_page")
        self.action.setShortcut(QKeySequence("Alt+Home"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(lambda _checked=False: self.show_front_page())
        tab.addAction(self.action)
        search.textChanged.connect(lambda _text: self.show_stage())
        service.articles_changed.connect(self.loader.changed)
        service.catalogue_changed.connect(self.loader.changed)
        settings.changed.connect(self._on_setting_changed)
        self._retranslate()
        tab.installEventFilter(self)

    def replace_these(self, widgets: Sequence[QWidget]) -> None:
        self._replaced = tuple(widgets)
        self.show_stage()

    @property
    def shown(self) -> bool:
        """The Voorpagina is chosen, and nothing is searched."""
        return self._categories.front_page_current() and not self._search.text().strip()

    @property
    def settled(self) -> bool:
        return not self.shown or self.loader.settled

    def stop(self) -> None:
        self.loader.stop()

    def chosen(self) -> None:
        """The entry chosen in the category list may have changed."""
        if self._categories.front_page_current():
            self._settings.set(keys.LAST_NEWS_CATEGORY, FRONT_PAGE)
        self.show_stage()

    def show_stage(self) -> None:
        """The Voorpagina, or the list and the article."""
        front = self.shown
        if front == self.view.isVisible() and front == self.loader.active:
            return
        for widget in self._replaced:
            widget.setVisible(not front)
        self.view.setVisible(front)
        self.loader.set_active(front)
        if not front:
            self.list_shown.emit()  # the narrow layout decides which of list and article
        self.switched.emit()

    def show_front_page(self) -> None:
        """Back to the Voorpagina, the keyboard on the story opened last."""
        if self._search.text():
            self._search.clear()
        self._categories.select_front_page()
        self.show_stage()
        if not self.view.focus_story(self.view.opened):
            self._categories.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_category(self, category: str) -> None:
        """"Meer uit Zeeland →": the category's list. The keyboard goes to the category, not
        into the list, where it would open (and mark read) the first story."""
        self._categories.select(category)
        self._categories.setFocus(Qt.FocusReason.OtherFocusReason)

    def escape(self) -> bool:
        """Escape on the Voorpagina: the keyboard back on its stories."""
        return self.shown and self.view.focus_story(self.view.focused_story())

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.REMOTE_IMAGES.name:
            on = self._settings.get(keys.REMOTE_IMAGES)
            self._pictures.set_enabled(on)  # before the page asks for them (the tab does too)
            self.view.set_pictures(on)

    def _retranslate(self) -> None:
        self.action.setText(self.tr("&Front page"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tab and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            # Filled again once the tab has the categories' names in the new language.
            QTimer.singleShot(0, lambda: self.view.show_page(self.view.page))
        return False

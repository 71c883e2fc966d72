"""The news tab: the header row, the Voorpagina and the categories with unread counts, the
article list and the article itself (or the Voorpagina in their place: front_page_stage.py).

Reads only through the service (the list off the GUI thread, answered with a ListPage) and from
its signals; never fetches. During a refresh each stored news source shows at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSplitter, QVBoxLayout, QWidget

from ... import i18n
from ... import settings as keys
from ...news.listing import ListPage
from ...news.model import Article
from ...services.news import NewsService
from ...settings import Settings
from ..names import name_splitter_handles
from ..text_size import scaled
from .actions import NewsActions
from .article_view import ArticleView
from .category_list import CategoryList
from .clock import NewsClock
from .feedback import NewsBanner, RoundFeedback
from .first_screen import FirstScreen
from .front_page_stage import FrontPageStage
from .header import NewsHeader
from .list_loader import ListLoader
from .list_pane import ArticleListPane
from .more_from import MoreFromLoader
from .narrow import NarrowLayout
from .pictures import PictureBank
from .reading import ArticleReader

log = logging.getLogger(__name__)

TICK_MS = 60_000


CATEGORIES_WIDTH, CATEGORIES_WIDTH_MAX = 170, 260


class NewsTab(QWidget):
    message = Signal(str)  # a passing message for the status bar ("no browser could open")
    list_loaded = Signal()  # the list shows the answer to the latest question

    def __init__(self, settings: Settings, service: NewsService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewsTab")
        self._settings = settings
        self._service = service
        self.clock = NewsClock()
        self._select_when_listed: str | None = None
        self._step_when_listed = False
        self._stopped = False

        self.pictures = PictureBank(service, self)
        self.pictures.set_enabled(settings.get(keys.REMOTE_IMAGES))
        self.banner = NewsBanner(self)
        self.header = NewsHeader(self)
        self.search = self.header.search
        self.categories = CategoryList(self)
        self.pane = ArticleListPane(i18n.current_language, self.pictures, self.clock, self)
        self.model = self.pane.model
        self.list = self.pane.list
        self.view = ArticleView(self, self.clock)
        self.reader = ArticleReader(settings, self.view, self.pictures, self)
        self.reader.message.connect(self.message)
        self.more_from = MoreFromLoader(service, self.view.more, self.categories.names, self)
        self.reader.story_chosen.connect(self.open_article)
        self.stage = FrontPageStage(self, service, settings, self.pictures, self.clock,
                                    self.categories, self.search, (self.pane, self.view))
        self.stage.article_chosen.connect(self.open_article)
        self.front = self.stage.view
        self.first_screen = FirstScreen(lambda: self.stage.shown, self)
        self.front.filled.connect(
            lambda: self.first_screen.filled(self.front.content, front_page=True))
        self.list_loaded.connect(
            lambda: self.first_screen.filled(self.list.viewport(), front_page=False))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("newsSplitter")
        for number, (widget, stretch) in enumerate(((self.categories, 0), (self.pane, 2),
                                                    (self.view, 3), (self.front, 5))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(number, stretch)
        self.splitter.setSizes([170, 400, 530, 930])
        self.narrow = NarrowLayout(self, self.splitter, self.view, self.list, self,
                                   stand_in=self.front, stand_in_shown=lambda: self.stage.shown)
        self.narrow.article_opened.connect(self._shown_is_read)
        self.stage.replace_these((self.pane, self.narrow.reading))
        self.stage.list_shown.connect(self.narrow.show_pages)
        self.stage.switched.connect(self._share_the_width)
        self.setFocusProxy(self.list)  # the tab's keys act on the list: start there
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.loader = ListLoader(service, settings, self.categories, self.pane,
                                 lambda: (self.search.text().strip(),
                                          self.actions_.unread_only.isChecked()),
                                 self._shown_id, self)
        self.loader.answered.connect(self._on_page)
        self.feedback = RoundFeedback(service, self.header, self.banner, self.clock,
                                      self.categories.names, lambda: self.loader.stored, self)
        self.feedback.finished.connect(self._show_empty_words)
        self.stage.loader.answered.connect(lambda _page: self._show_empty_words())
        self.actions_ = NewsActions(self, self)
        unread_only = settings.get(keys.NEWS_UNREAD_ONLY)
        self.actions_.unread_only.setChecked(unread_only)
        self.header.unread_only.setChecked(unread_only)
        self.header.unread_only.toggled.connect(self.actions_.unread_only.setChecked)
        self.actions_.unread_only.toggled.connect(self.header.unread_only.setChecked)

        self.categories.currentItemChanged.connect(lambda *_: self._category_chosen())
        self.categories.menu_requested.connect(self._category_menu)
        self.pane.menu_requested.connect(self._article_menu)
        self.pane.more_wanted.connect(self.loader.more)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        # Choosing the row the keyboard came in on changes the selection, not the current row.
        self.list.selectionModel().selectionChanged.connect(
            lambda *_: self._on_current_changed(self.list.currentIndex(), QModelIndex()))
        self.list.activated.connect(lambda _index: self.open_in_browser())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # type-ahead without a query per key stroke
        self._search_timer.timeout.connect(self.loader.first_page)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.times_changed)
        self._tick.start(TICK_MS)

        service.articles_changed.connect(self.loader.changed)
        service.catalogue_changed.connect(self.reload)
        service.refresh_started.connect(self._show_empty_words)
        service.refresh_started.connect(lambda: self.pictures.hold_thumbnails(True))
        service.refresh_finished.connect(lambda _report: self.pictures.hold_thumbnails(False))
        settings.changed.connect(self._on_setting_changed)
        self.view.show_placeholder()
        self._apply_text_size()
        self._retranslate()
        self.reload()
        self.stage.show_stage()

    def _share_the_width(self) -> None:
        """A splitter gives a pane that was hidden no room when it comes back: share the width
        out again (the categories keep theirs)."""
        splitter = self.splitter
        sizes = splitter.sizes()
        panes = [splitter.widget(i) for i in range(splitter.count())]
        shown = [pane is not None and not pane.isHidden() for pane in panes]
        if all(size > 0 for size, visible in zip(sizes, shown, strict=True) if visible) \
                and sizes[0] <= CATEGORIES_WIDTH_MAX:
            return
        total = sum(sizes) or splitter.width()
        categories = min(sizes[0], CATEGORIES_WIDTH_MAX) or CATEGORIES_WIDTH
        weights = {splitter.indexOf(self.pane): 2, splitter.indexOf(self.front): 5}
        parts = [0 if not visible or number == 0 else weights.get(number, 3)
                 for number, visible in enumerate(shown)]
        rest, weight = max(0, total - categories), sum(parts) or 1
        splitter.setSizes([categories, *(rest * part // weight for part in parts[1:])])

    def stop(self) -> None:
        """The app is quitting: no more timers, no more reads."""
        self._stopped = True
        self._tick.stop()
        self._search_timer.stop()
        self.loader.stop()
        self.stage.stop()

    def set_clock(self, now: Callable[[], datetime], tz: tzinfo | None = None) -> None:
        """Another clock and time zone for the list, its headings and the article (tests)."""
        self.clock.set(now, tz)
        self.times_changed()

    # --- reading the store ------------------------------------------------------------------

    def current_category(self) -> str | None:
        return self.categories.current_id()

    def _shown_id(self) -> str | None:
        return self.reader.article.id if self.reader.article is not None else None

    @property
    def list_settled(self) -> bool:
        """The list shows the answer to the latest question (nothing is being read), and so
        does the Voorpagina when it is shown."""
        return self.loader.settled and self.stage.settled

    def current_article(self) -> Article | None:
        """The article in the reading pane."""
        return self.reader.article

    def reload(self) -> None:
        """Categories with counts, then the list again, keeping the place."""
        self.loader.reload()

    def _category_chosen(self) -> None:
        self._show(None)
        self.list.scrollToTop()
        self.loader.first_page()
        self.stage.chosen()

    def show_front_page(self) -> None:
        self.stage.show_front_page()

    def _on_page(self, page: ListPage) -> None:
        self.stage.show_stage()  # the categories may have been filled anew (another language)
        wanted, self._select_when_listed = self._select_when_listed, None
        if wanted is not None:
            self.pane.select_article(wanted)
        elif self._step_when_listed:
            self._step_when_listed = False
            self.step(1)
        self._show_empty_words()
        self.feedback.update_words()  # "you are seeing saved news" only when there is some
        self.list_loaded.emit()

    def _show_empty_words(self) -> None:
        self.front.show_words(self.feedback.words.empty_list(
            search="", stored=max(self.loader.stored, self.front.page.stored),
            refreshing=self._service.is_refreshing, offline=self.feedback.offline,
            report=self.feedback.report, unread_only=False))
        self.pane.show_words(self.feedback.words.empty_list(
            search=self.search.text().strip(), stored=self.loader.stored,
            refreshing=self._service.is_refreshing, offline=self.feedback.offline,
            report=self.feedback.report, unread_only=self.actions_.unread_only.isChecked(),
            category_failed=self.feedback.words.category_failed(self.feedback.report,
                                                                self.current_category())))

    # --- moving through the list ------------------------------------------------------------

    def step(self, step: int) -> None:
        """Next (1) or previous (-1) article, like the arrow keys (not `move`: QWidget.move)."""
        if self.stage.shown:
            self.front.step(step)
        elif not self.pane.step(step, self._shown_id()) and step > 0:
            self._step_when_listed = self.pane.has_more  # on to the next page's first
            self.loader.more()

    def select_row(self, number: int) -> None:
        """Select the `number`th article of the list (headings do not count)."""
        rows = self.model.article_rows()
        if 0 <= number < len(rows):
            article = self.model.article_at(rows[number])
            if article is not None:
                self.pane.select_article(article.id)

    def page_or_next(self) -> None:
        if self.narrow.list_only:
            self.narrow.open_article()  # Space opens what is selected
            return
        bar = self.view.verticalScrollBar()
        if self.reader.article is not None and bar.value() < bar.maximum():
            bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        else:
            self.step(1)

    def activate(self) -> None:
        """Enter: from the search field to the results; in the list, open on the website."""
        if self.search.hasFocus():
            self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.reader.article is None:
                self.step(1)
            return
        self.open_in_browser()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def escape(self) -> None:
        if self.narrow.article_only:
            self.narrow.back_to_list()
            return
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
        if not self.stage.escape():
            self.list.setFocus()

    def show_article(self, category: str, article_id: str = "") -> None:
        """Open a category and, when given, one article (a notification was clicked). A search
        in progress would hide the article, so it is cleared."""
        found = self._service.articles_by_id([article_id]) if article_id else []
        self._open(category, found[0] if found else None, article_id)

    def open_article(self, article: Article) -> None:
        """A story chosen on the Voorpagina or under "Meer uit …": read in its category, and
        marked read, as when it is chosen in the list."""
        if self.search.text() or self.current_category() != article.category \
                or not self.pane.select_article(article.id):
            self._open(article.category, article, article.id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, category: str, article: Article | None, article_id: str) -> None:
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._search_timer.stop()
        self.categories.blockSignals(True)
        self.categories.select(category)
        self.categories.blockSignals(False)
        self.stage.show_stage()
        self._show(article)
        if article is not None and not article.read:
            self._set_read(article, True)
        self._select_when_listed = article_id or None
        self.loader.first_page()
        self.list.setFocus()

    # --- one article ------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.pane.restoring or not self.list.selectionModel().isSelected(current):
            return  # the keyboard came into the list: nothing is chosen by that
        article = self.model.article_at(current.row()) if current.isValid() else None
        if article is None or article is self.reader.article:
            return
        self._show(article)
        if not article.read and not self.narrow.list_only:
            self._set_read(article, True)

    def _shown_is_read(self) -> None:
        article = self.reader.article
        if article is not None and not article.read:
            self._set_read(article, True)

    def _set_read(self, article: Article, read: bool) -> None:
        changed = replace(article, read=read)
        self.model.replace(changed)
        self.reader.changed(changed)
        self.front.article_changed(changed)
        self._service.set_read([article.id], read)
        self.categories.change_unread(article.category, -1 if read else 1)

    def toggle_read(self, article: Article | None = None) -> None:
        article = article or self.reader.article
        if article is not None:
            listed = self.model.article_at(self.model.row_of(article.id)) or article
            self._set_read(listed, not listed.read)

    def mark_category_read(self, category: str | None = None) -> None:
        category = category or self.current_category()
        if category is None:
            return
        self.model.mark_all_read(category)
        self.front.mark_all_read(category)
        self.categories.change_unread(category, None)
        self._service.mark_all_read(category)

    def mark_everything_read(self) -> None:
        self.model.mark_all_read(None)
        self.front.mark_all_read(None)
        self.categories.change_unread(None, None)
        self._service.mark_all_read(None)

    def set_unread_only(self, on: bool) -> None:
        self._settings.set(keys.NEWS_UNREAD_ONLY, on)
        self.loader.first_page()

    def refresh(self, category: str | None = None) -> None:
        self._service.refresh(force=True, only=category)

    def open_in_browser(self, article: Article | None = None) -> None:
        self.reader.open_in_browser(article)

    def copy_link(self, article: Article | None = None) -> None:
        self.reader.copy_link(article)

    def _show(self, article: Article | None) -> None:
        self.reader.show(article)
        self.more_from.ask(article)

    def article_html(self, article: Article, now: datetime | None = None) -> str:
        return self.reader.article_html(article, now)

    def times_changed(self) -> None:
        """The minute tick: times move on; after midnight the day headings are redone."""
        if self.model.day_changed():
            self.pane.fill(self.model.articles(), selected=self._shown_id(),
                           by_category=False, category_names=self.categories.names(),
                           more=self.pane.has_more)
        else:
            self.model.times_changed()
        self.list.viewport().update()
        self.view.update_times()
        self.front.times_changed()

    # --- menus ------------------------------------------------------------------------------

    def _article_menu(self, article: Article, position: QPoint) -> None:
        self.actions_.article_menu(article, self).exec_and_forget(position)

    def _category_menu(self, category: str, name: str, position: QPoint) -> None:
        self.actions_.category_menu(category, name, self).exec_and_forget(position)

    # --- language and settings --------------------------------------------------------------

    def _retranslate(self) -> None:
        name_splitter_handles(self.splitter, [self.tr("Width of the categories"),
                                              self.tr("Width of the article list")])

    def _apply_text_size(self) -> None:
        percent = self._settings.get(keys.TEXT_SIZE)
        for widget in (self.categories, self.list, self.view):
            widget.setFont(scaled(QApplication.font(widget), percent))
        self.list.doItemsLayout()  # rows as high as their new text

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.reader.again()
            self.feedback.update_words()
            if self.categories.count():
                # The names are in the other language now. Cleared without signals: the
                # current entry moving on while the items go would be remembered as chosen.
                self.categories.blockSignals(True)
                self.categories.clear()
                self.categories.blockSignals(False)
                self.reload()
        super().changeEvent(event)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.REMOTE_IMAGES.name:
            self.pictures.set_enabled(self._settings.get(keys.REMOTE_IMAGES))
            self.list.doItemsLayout()  # the rows change height with or without pictures
            self.reader.again()
        elif name == keys.TEXT_SIZE.name:
            self._apply_text_size()

"""The news tab: categories with unread counts, the article list, and the article itself.

Reads only from the store (through the service) and from the service's signals; never fetches.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ... import settings as keys
from ...news.model import Article
from ...news.reltime import clock_time
from ...services.news import NewsService
from ...settings import Settings
from ..words import problem_words
from .article_list import ArticleDelegate, ArticleListModel
from .article_view import ArticleView
from .category_list import CategoryList

log = logging.getLogger(__name__)

TICK_MS = 60_000


class NewsTab(QWidget):
    status_changed = Signal(str)  # the news line for the status bar

    def __init__(self, settings: Settings, service: NewsService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewsTab")
        self._settings = settings
        self._service = service
        self._offline = False
        self._shown_id: str | None = None

        # Banner: offline, or the database had to be rebuilt.
        self.banner = QFrame(self)
        self.banner.setObjectName("newsBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("#newsBanner { background: #fff4ce; color: #3b2f00; }")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("bannerText")
        self.banner_text.setWordWrap(True)
        self.retry_button = QPushButton(self.banner)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(lambda: self._service.refresh(force=True))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.retry_button)
        self.banner.hide()

        self.categories = CategoryList(self)
        self.categories.currentItemChanged.connect(lambda *_: self._load_articles())

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # type-ahead without a query per key stroke
        self._search_timer.timeout.connect(self._load_articles)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

        self.model = ArticleListModel(i18n.current_language, self)
        self.list = QListView(self)
        self.list.setObjectName("articles")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ArticleDelegate(self.model, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.activated.connect(lambda _index: self.open_in_browser())

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.empty)

        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.list_stack, 1)

        self.view = ArticleView(self)
        self.view.anchorClicked.connect(self._open_link)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("newsSplitter")
        self.splitter.addWidget(self.categories)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([170, 380, 550])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self._shortcuts()
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._times_changed)
        self._tick.start(TICK_MS)

        service.articles_changed.connect(self.reload)
        service.catalogue_changed.connect(self.reload)
        service.refresh_started.connect(self._on_refresh_started)
        service.refresh_progress.connect(self._on_refresh_progress)
        service.refresh_finished.connect(self._on_refresh_finished)
        service.image_ready.connect(self._on_image_ready)
        settings.changed.connect(self._on_setting_changed)

        self._retranslate()
        self.reload()
        if service.recovered_from_corruption:
            self._show_banner(self.tr("The saved news could not be read and was set aside; "
                                      "the news is fetched again."), retry=False)

    def stop(self) -> None:
        """The app is quitting: no more timers, no more reads."""
        self._tick.stop()
        self._search_timer.stop()

    # --- keyboard ---------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        def add(keys_: str | QKeySequence.StandardKey, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(keys_), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        add("J", lambda: self.step(1))
        add("K", lambda: self.step(-1))
        add("M", self.toggle_read)
        add("Space", self.page_or_next)
        add("Return", self.open_in_browser)
        add("Enter", self.open_in_browser)
        add(QKeySequence.StandardKey.Find, self.focus_search)
        add("Escape", self._escape)

    def step(self, step: int) -> None:
        """Next (1) or previous (-1) article, like the arrow keys. (Not `move`: that is
        QWidget.move.)"""
        count = self.model.rowCount()
        if count == 0:
            return
        row = self.list.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)

    def show_article(self, category: str, article_id: str = "") -> None:
        """Open a category and, when given and listed there, one article (a notification was
        clicked). A search in progress would hide the article, so it is cleared."""
        if self.search.text():
            self.search.clear()
            self._search_timer.stop()
        self.categories.select(category)  # loads the category's articles
        self._load_articles()
        row = self.model.row_of(article_id) if article_id else -1
        if row >= 0:
            self.select_row(row)
        self.list.setFocus()

    def page_or_next(self) -> None:
        bar = self.view.verticalScrollBar()
        if self._shown_id is not None and bar.value() < bar.maximum():
            bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        else:
            self.step(1)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _escape(self) -> None:
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
        self.list.setFocus()

    # --- reading the store ------------------------------------------------------------------

    def current_category(self) -> str | None:
        return self.categories.current_id()

    def reload(self) -> None:
        """Categories with counts, then the current category's articles, keeping the place."""
        if self._service.is_shut_down:
            return
        wanted = self.current_category() or self._settings.get(keys.LAST_NEWS_CATEGORY)
        enabled = set(self._service.enabled_categories())
        language = i18n.current_language()
        shown = [(c.id, c.name(language)) for c in self._service.categories() if c.id in enabled]
        self.categories.fill(shown, self._service.unread_counts(), wanted)
        self._load_articles()

    def _load_articles(self) -> None:
        if self._service.is_shut_down:  # a pending search timer after quitting
            return
        category = self.current_category()
        if category is not None:
            self._settings.set(keys.LAST_NEWS_CATEGORY, category)
        keep = self._shown_id
        scroll = self.list.verticalScrollBar().value()
        query = self.search.text().strip() or None
        articles = self._service.articles(category, search=query) if category else []
        self.model.set_articles(articles)
        self.list.verticalScrollBar().setValue(scroll)
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.model.index(row))
            self.list.selectionModel().blockSignals(False)
        elif keep is not None and query is None:
            self._show(None)
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        if self.model.rowCount() > 0:
            self.list_stack.setCurrentWidget(self.list)
            return
        query = self.search.text().strip()
        if query:
            text = self.tr("Nothing found for “%1”.").replace("%1", query)
        elif self._service.article_count() == 0:
            if self._service.is_refreshing:
                text = self.tr("Fetching the news…")
            elif self._offline:
                text = self.tr("No news yet: there is no connection. The news appears here as "
                               "soon as you are online again.")
            else:
                text = self.tr("No news yet. Press F5 to fetch it.")
        else:
            text = self.tr("No articles in this category yet.")
        self.empty.setText(text)
        self.list_stack.setCurrentWidget(self.empty)

    # --- one article ------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article = self.model.article_at(current.row()) if current.isValid() else None
        self._show(article)
        if article is not None and not article.read:
            self._set_read(article, True)

    def _set_read(self, article: Article, read: bool) -> None:
        from dataclasses import replace

        self.model.replace(replace(article, read=read))
        self._service.set_read([article.id], read)
        self.categories.change_unread(article.category, -1 if read else 1)

    def toggle_read(self) -> None:
        article = self.model.article_at(self.list.currentIndex().row())
        if article is not None:
            self._set_read(article, not article.read)

    def current_article(self) -> Article | None:
        return self.model.article_at(self.list.currentIndex().row())

    def open_in_browser(self) -> None:
        article = self.current_article()
        if article is not None and article.link:
            self._open_link(QUrl(article.link))

    def _open_link(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        else:
            log.info("Ignored a link with scheme %r in an article", url.scheme())

    def _show(self, article: Article | None) -> None:
        self._shown_id = article.id if article is not None else None
        if article is None:
            self.view.show_placeholder()
            return
        pictures = self._settings.get(keys.REMOTE_IMAGES)
        self.view.show_article(article, pictures=pictures)
        if article.image_url and pictures and not self.view.has_picture(article.image_url):
            self._service.fetch_image(article.image_url)

    def article_html(self, article: Article, now: datetime | None = None) -> str:
        return self.view.article_html(article, now,
                                      pictures=self._settings.get(keys.REMOTE_IMAGES))

    def _on_image_ready(self, url: str, data: bytes) -> None:
        if not self.view.add_picture(url, data):
            return
        current = self.current_article()
        if current is not None and current.image_url == url:
            self._show(current)

    # --- refresh feedback -------------------------------------------------------------------

    def _on_refresh_started(self) -> None:
        self.status_changed.emit(self.tr("Fetching the news…"))
        self._update_empty_state()

    def _on_refresh_progress(self, done: int, total: int) -> None:
        self.status_changed.emit(
            self.tr("Fetching the news… %1 of %2").replace("%1", str(done)).replace("%2",
                                                                                   str(total)))

    def _on_refresh_finished(self, report: object) -> None:
        from ...news.report import PROBLEM, RefreshReport

        if not isinstance(report, RefreshReport):
            self.status_changed.emit(self.tr("The news could not be fetched (see the log file)."))
            return
        self._offline = report.offline
        if report.offline:
            self._show_banner(self.tr("Offline — you are seeing saved news"), retry=True)
        elif self.banner.isVisible() and self.retry_button.isVisible():
            self.banner.hide()
        parts = [self.tr("Updated at %1").replace("%1", clock_time(report.finished))]
        if not report.offline:
            for outcome in report.outcomes:
                if outcome.status == PROBLEM and outcome.problem is not None:
                    parts.append(f"{outcome.name}: {problem_words(outcome.problem)}")
        self.status_changed.emit(" · ".join(parts))
        self._update_empty_state()

    def _show_banner(self, text: str, *, retry: bool) -> None:
        self.banner_text.setText(text)
        self.retry_button.setVisible(retry)
        self.banner.show()

    def _times_changed(self) -> None:
        self.model.times_changed()
        article = self.current_article()
        if article is not None:
            self.view.show_article(article, pictures=self._settings.get(keys.REMOTE_IMAGES),
                                   keep_place=True)

    # --- language and settings --------------------------------------------------------------

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search the news (Ctrl+F)"))
        self.retry_button.setText(self.tr("Try again"))
        if self._shown_id is None:
            self.view.show_placeholder()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self.categories.count():
                self.reload()
        super().changeEvent(event)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.REMOTE_IMAGES.name:
            article = self.current_article()
            if article is not None:
                self._show(article)



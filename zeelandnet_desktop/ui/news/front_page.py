"""The Voorpagina: "Net binnen" on top, then a block per category (Zeeland first in the shipped
order), in one column in a narrow window and two or three in a wide one.

Filled from a FrontPage the service read off the GUI thread (front_page_loader.py), part by
part, as many parts per turn of the event loop as fit in a few milliseconds, so an answer
never holds the window for long; a block is made once per category and filled again after
that (its buttons diff what they show). The keys: Tab and the arrow keys go from story to
story (Left and Right to the previous or next block, Home and End to the first and last),
Enter or Space opens.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...news.front_page import FrontBlock, FrontPage
from ...news.model import Article
from ...news.reltime import clock_time, relative_time
from ..viewport import own_viewport
from .clock import NewsClock
from .front_page_blocks import CategoryBlock, JustInStrip, Part
from .front_page_items import StoryButton
from .front_page_keys import StoryKeys
from .front_page_paint import LINK
from .pictures import PictureBank

COLUMN_CHARACTERS = 56  # a column is at least this many average characters wide
MOST_COLUMNS = 3
STEP_MS = 12  # at most this much filling per turn of the event loop (then it runs on)
STRIP_COLUMNS = 2  # a line of "Net binnen" needs the room of a wider column


class FrontPageView(StoryKeys, QScrollArea):
    article_chosen = Signal(object)  # the Article to open
    category_chosen = Signal(str)  # "Meer uit …": the category to open
    filled = Signal()  # the page shows the latest answer, every block built

    def __init__(self, pictures: PictureBank, clock: NewsClock, language: Callable[[], str],
                 names: Callable[[], Mapping[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        self.setObjectName("frontPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the stories
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._pictures = pictures
        self._clock = clock
        self._language = language
        self._names = names
        self.page = FrontPage()
        self.blocks: list[CategoryBlock] = []
        self._placed: list[CategoryBlock] = []
        self._steps: deque[Callable[[], None]] = deque()
        self._columns = 0
        self._filled_once = False
        self._refocus: tuple[str, str] | None = None
        self.opened: tuple[str, str] | None = None  # the story opened last (id, kind)
        self.pictures_on = pictures.enabled

        self.content = QWidget(self)
        self.content.setObjectName("frontPageContent")
        self.content.setBackgroundRole(QPalette.ColorRole.Base)
        self.content.setAutoFillBackground(True)
        self.words = QLabel(self.content)
        self.words.setObjectName("frontPageWords")
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words.setMargin(24)
        self.words.hide()
        self.strip = JustInStrip(self.content)
        self.strip.hide()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(4)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(10, 4, 10, 10)
        layout.addWidget(self.words)
        layout.addWidget(self.strip)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.setWidget(self.content)
        for button in self.strip.lines:
            self._wire(button)
        self._wire(self.strip.link)
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._step)
        pictures.arrived.connect(self._on_picture)
        self._retranslate()

    # --- filling --------------------------------------------------------------------------

    def show_page(self, page: FrontPage) -> None:
        """Put `page` in part by part (the strip, then each block), as many parts per turn of the
        event loop as fit in STEP_MS."""
        self.page = page
        steps: list[Callable[[], None]] = [self._fill_strip]
        if [b.category for b in page.blocks] != [b.category for b in self.blocks]:
            self._refocus = self._refocus or self.focused_story()
            self._remove_blocks()  # other categories: a block for each, with stories or not
            steps += [partial(self._build, data) for data in page.blocks]
        else:
            steps += [partial(self._fill, block, data)
                      for block, data in zip(self.blocks, page.blocks, strict=True)]
        self._steps = deque(steps)
        self._builder.start()

    def shown_blocks(self) -> list[CategoryBlock]:
        """The blocks on the page (a category without stories has none), in order."""
        return [b for b in self.blocks if b.has_stories]

    @property
    def building(self) -> bool:
        return bool(self._steps)

    def _step(self) -> None:
        spent = QElapsedTimer()
        spent.start()
        # The first page is built in one go: nothing is on it yet to keep responsive, and each
        # turn between parts would paint a page half made.
        budget = STEP_MS if self._filled_once else 1 << 30
        while self._steps and spent.elapsed() < budget:
            self._steps.popleft()()
        if self._steps:
            return
        self._builder.stop()
        self._filled_once = True
        if self._refocus is not None:
            self.focus_story(self._refocus)
            self._refocus = None
        self.filled.emit()

    def _remove_blocks(self) -> None:
        for block in self.blocks:
            self.grid.removeWidget(block)
            block.hide()
            block.deleteLater()
        self.blocks, self._placed = [], []

    def _build(self, data: FrontBlock) -> None:
        block = CategoryBlock(data.category, self.content)
        block.hide()
        for button in block.findChildren(StoryButton):
            self._wire(button)
        self.blocks.append(block)
        self._fill(block, data)

    def _fill(self, block: CategoryBlock, data: FrontBlock) -> None:
        now = self._clock.now()
        self._name_block(block)  # the names change with the language
        block.fill(data.stories, [self._ago(a, now) for a in data.stories])
        self._picture_for(block.lead)
        self._regrid()

    def _fill_strip(self) -> None:
        page = self.page
        names = self._names()
        self.strip.setVisible(bool(page.just_in))
        for number, button in enumerate(self.strip.lines):
            article = page.just_in[number] if number < len(page.just_in) else None
            button.set_story(article, clock_time(article.published, self._clock.tz)
                             if article else "",
                             names.get(article.category, article.category) if article else "")
        self.strip.category = page.just_in_category
        if page.just_in_category is not None:
            name = names.get(page.just_in_category, page.just_in_category)
            self.strip.link.set_link(self.tr("More from %1 →").replace("%1", name))
        self.strip.link.setVisible(page.just_in_category is not None)
        self.words.setVisible(not page.just_in and not any(b.stories for b in page.blocks))

    def show_words(self, text: str) -> None:
        """Why the page is empty (shown only while it is)."""
        self.words.setText(text)

    def _wire(self, button: StoryButton) -> None:
        button.unread_words = lambda text: self.tr("Unread: %1").replace("%1", text)
        button.clicked.connect(lambda _checked=False, b=button: self._open(b))
        button.moved.connect(lambda step, by_part, b=button: self.move_focus(b, step, by_part))
        button.focused.connect(lambda b=button: self.ensureWidgetVisible(b, 8, 24))

    def _open(self, button: StoryButton) -> None:
        if button.kind == LINK:
            part = button.parentWidget()
            category = part.category if isinstance(part, CategoryBlock | JustInStrip) else None
            if category:
                self.category_chosen.emit(category)
        elif button.article is not None:
            self.opened = (button.article.id, button.kind)
            self.article_chosen.emit(button.article)

    # --- state that changes without a new answer ----------------------------------------

    def article_changed(self, article: Article) -> None:
        """Read or unread now: each place it is shown."""
        for button in self.buttons():
            if button.article is not None and button.article.id == article.id:
                button.set_story(article, button.when, button.label)

    def mark_all_read(self, category: str | None) -> None:
        from dataclasses import replace

        for button in self.buttons():
            article = button.article
            if article is not None and not article.read and category in (None, article.category):
                button.set_story(replace(article, read=True), button.when, button.label)

    def times_changed(self) -> None:
        """The minute tick (or another clock): only the time texts change."""
        now = self._clock.now()
        for block in self.blocks:
            for button in block.stories():
                if button.article is not None:
                    button.set_time(self._ago(button.article, now))
        for button in self.strip.lines:
            if button.article is not None:
                button.set_time(clock_time(button.article.published, self._clock.tz))

    def set_pictures(self, on: bool) -> None:
        self.pictures_on = on
        for block in self.blocks:
            self._picture_for(block.lead)

    def _ago(self, article: Article, now: datetime) -> str:
        return relative_time(article.published, now, self._language(), self._clock.tz)

    def _picture_for(self, button: StoryButton) -> None:
        article = button.article
        url = article.image_url if article is not None else None
        if not url or not self.pictures_on or self._pictures.failed(url):
            button.set_picture(False, None)
        else:
            button.set_picture(True, self._pictures.lead(url))

    def _on_picture(self, url: str) -> None:
        for block in self.blocks:
            if block.lead.article is not None and block.lead.article.image_url == url:
                self._picture_for(block.lead)

    # --- columns, words -------------------------------------------------------------------

    def columns_for(self, width: int) -> int:
        column = COLUMN_CHARACTERS * QFontMetrics(self.font()).averageCharWidth()
        return max(1, min(MOST_COLUMNS, width // max(1, column)))

    @property
    def columns(self) -> int:
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        columns = self.columns_for(self.viewport().width())
        if columns == self._columns:
            return
        self._columns = columns
        self.strip.set_columns(min(columns, STRIP_COLUMNS))
        self._regrid(again=True)

    def _regrid(self, again: bool = False) -> None:
        """The blocks with stories in the grid, row by row in their order."""
        shown = self.shown_blocks()
        if not again and shown == self._placed:
            return
        placed, self._placed = self._placed, shown
        columns = max(1, self._columns)
        if again or not placed or shown[: len(placed)] != placed:
            for block in placed:
                self.grid.removeWidget(block)
                if block not in shown:
                    block.hide()
            placed = []
            for column in range(MOST_COLUMNS):
                self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for number in range(len(placed), len(shown)):  # only the new ones, when added at the end
            self.grid.addWidget(shown[number], number // columns, number % columns,
                                Qt.AlignmentFlag.AlignTop)
            shown[number].show()

    def _name_block(self, block: CategoryBlock) -> None:
        name = self._names().get(block.category, block.category)
        block.set_words(name, self.tr("More from %1 →").replace("%1", name))

    def parts(self) -> list[Part]:
        return [part for part in (self.strip, *self._placed) if part.isVisibleTo(self.content)]

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Front page"))
        self.strip.set_words(self.tr("Just in"))
        for block in self.blocks:
            self._name_block(block)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._columns = 0
            self._reflow()
        super().changeEvent(event)

"""The parts of the Voorpagina: the "Net binnen" strip and a category's block (its name, the
lead story, the headlines under it and "Meer uit Zeeland →").

Their buttons are made once and filled again when the news changes, so a refresh round
redraws what changed and never builds the page anew (and the keyboard's place stays).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...news.front_page import HEADLINES, JUST_IN
from ...news.model import Article
from .front_page_items import StoryButton
from .front_page_paint import HEADLINE, LEAD, LINK
from .front_page_paint import JUST_IN as JUST_IN_KIND


def heading(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)  # a size relative to the font: the text size
    label.setContentsMargins(6, 8, 6, 2)
    return label


def set_heading(label: QLabel, words: str) -> None:
    label.setText(f"<b style='font-size:large'>{html.escape(words)}</b>")
    label.setAccessibleName(words)


class Part(QFrame):
    """A part of the page, ruled off above."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(6, 0, self.width() - 6, 0)

    def buttons(self) -> list[StoryButton]:
        return [b for b in self.findChildren(StoryButton) if b.isVisibleTo(self)]


class JustInStrip(Part):
    """The newest stories across the categories, one line each: `Binnenland 18:21 titel`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("justIn")
        self.title = heading(self)
        self.lines = [StoryButton(JUST_IN_KIND, self) for _ in range(JUST_IN)]
        for number, line in enumerate(self.lines):
            line.setObjectName(f"justIn{number}")
        self.link = StoryButton(LINK, self)
        self.link.setObjectName("justInMore")
        self.link.hide()
        self.category: str | None = None
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addLayout(self._grid)
        layout.addWidget(self.link)
        self._columns = 0
        self.set_columns(1)

    def set_columns(self, columns: int) -> None:
        """Newest first down the first column, then the next (the order the keys go)."""
        if columns == self._columns:
            return
        self._columns = columns
        rows = -(-len(self.lines) // columns)
        for line in self.lines:
            self._grid.removeWidget(line)
        for number, line in enumerate(self.lines):
            self._grid.addWidget(line, number % rows, number // rows)
        for column in range(3):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def set_words(self, title: str) -> None:
        set_heading(self.title, title)
        self.setAccessibleName(title)


class CategoryBlock(Part):
    def __init__(self, category: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.has_stories = False
        self.setObjectName(f"block_{category}")
        self.title = heading(self)
        self.lead = StoryButton(LEAD, self)
        self.lead.setObjectName("lead")
        self.headlines = [StoryButton(HEADLINE, self) for _ in range(HEADLINES)]
        for number, line in enumerate(self.headlines):
            line.setObjectName(f"headline{number}")
        self.link = StoryButton(LINK, self)
        self.link.setObjectName("moreFrom")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        for line in self.headlines:
            layout.addWidget(line)
        layout.addWidget(self.link)
        layout.addStretch(1)

    def stories(self) -> list[StoryButton]:
        return [self.lead, *self.headlines]

    def set_words(self, name: str, link: str) -> None:
        set_heading(self.title, name)
        self.setAccessibleName(name)
        self.link.set_link(link)

    def fill(self, stories: Sequence[Article], when: list[str]) -> None:
        self.has_stories = bool(stories)
        for number, button in enumerate(self.stories()):
            button.set_story(stories[number] if number < len(stories) else None,
                             when[number] if number < len(when) else "")

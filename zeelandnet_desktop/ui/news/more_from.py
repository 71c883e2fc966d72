""""Meer uit Buitenland" under the article in the reading pane, as on the portal: the next
stories of its category, each with its title (a link: Tab reaches it, Enter opens it), the
first line of its lead and how long ago.

Asked for when an article is shown, read off the GUI thread, and written at the end of the
reading pane's document with a text cursor when it comes, so the article above is not laid
out again. The time lines carry the story's id as a block property: the minute tick rewrites
only those. Colours come from the palette and sizes are relative to the pane's font.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)

from ... import i18n
from ...news.model import Article
from ...news.reltime import relative_time
from ...services.news import NewsService
from .article_list import capped

if TYPE_CHECKING:
    from .article_view import ArticleView

STORY_SCHEME = "story"  # story:<article id>, a link that opens the story in the app
TIME_PROPERTY = QTextFormat.Property.UserProperty + 1  # on a time line: the story's id
SECTION_PROPERTY = QTextFormat.Property.UserProperty + 2  # on every line of the section


def story_url(article_id: str) -> str:
    return f"{STORY_SCHEME}:{article_id}"


def story_id(url: QUrl) -> str | None:
    return url.path() if url.scheme() == STORY_SCHEME else None


def first_line(article: Article) -> str:
    source = article.lead or article.summary_text
    return capped(source[:600].splitlines()[0]) if source.strip() else ""


class MoreFromSection:
    """The section of one reading pane: the stories for the article shown, and their lines in
    its document."""

    def __init__(self, view: ArticleView) -> None:
        self._view = view
        self.article_id: str | None = None
        self.stories: tuple[Article, ...] = ()
        self.heading: Callable[[], str] = str  # "Meer uit Buitenland", in today's language

    def set_stories(self, article: Article, heading: Callable[[], str],
                    stories: tuple[Article, ...]) -> None:
        """The answer for `article`; written at once when it is the one shown."""
        self.article_id, self.heading, self.stories = article.id, heading, stories
        shown = self._view.article
        if shown is not None and shown.id == article.id:
            self.append(shown)

    def story(self, article_id: str) -> Article | None:
        return next((a for a in self.stories if a.id == article_id), None)

    def _written(self) -> bool:
        return self._view.document().lastBlock().blockFormat().hasProperty(SECTION_PROPERTY)

    def rewrite(self) -> None:
        """Written again (the colours changed with the scheme)."""
        article = self._view.article
        if article is None or not self._written():
            return
        block = self._view.document().lastBlock()
        while block.previous().isValid() and \
                block.previous().blockFormat().hasProperty(SECTION_PROPERTY):
            block = block.previous()
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)  # its line break
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self.append(article)

    def append(self, article: Article) -> None:
        """Write the section at the end of the document (after it was set anew)."""
        if article.id != self.article_id or not self.stories or self._written():
            return
        palette = self._view.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        link = palette.color(QPalette.ColorRole.Link)
        now = self._view.clock.now()
        language = i18n.current_language()
        cursor = QTextCursor(self._view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        heading = self._block(top=24.0)
        heading.setHeadingLevel(2)
        self._line(cursor, heading, self._chars(bold=True, size=1), self.heading())
        for story in self.stories:
            title = self._chars(bold=not story.read, colour=link)
            title.setAnchor(True)
            title.setAnchorHref(story_url(story.id))
            self._line(cursor, self._block(top=10.0), title, capped(story.title))
            lead = first_line(story)
            if lead:
                self._line(cursor, self._block(), self._chars(), lead)
            time_line = self._block()
            time_line.setProperty(TIME_PROPERTY, story.id)
            self._line(cursor, time_line, self._chars(size=-1, colour=muted),
                       relative_time(story.published, now, language, self._view.clock.tz))
        cursor.endEditBlock()

    def update_times(self) -> None:
        """The minute tick: only the section's time lines are rewritten."""
        if not self.stories:
            return
        now = self._view.clock.now()
        language = i18n.current_language()
        by_id = {a.id: a for a in self.stories}
        block = self._view.document().lastBlock()
        while block.isValid() and block.blockFormat().hasProperty(SECTION_PROPERTY):
            story = by_id.get(str(block.blockFormat().property(TIME_PROPERTY) or ""))
            if story is not None:
                text = relative_time(story.published, now, language, self._view.clock.tz)
                if text != block.text():
                    cursor = QTextCursor(block)
                    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                        QTextCursor.MoveMode.KeepAnchor)
                    cursor.insertText(text, cursor.charFormat())
            block = block.previous()

    @staticmethod
    def _line(cursor: QTextCursor, block: QTextBlockFormat, chars: QTextCharFormat,
              text: str) -> None:
        cursor.insertBlock(block, chars)
        cursor.insertText(text, chars)

    @staticmethod
    def _block(top: float = 0.0) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setProperty(SECTION_PROPERTY, True)
        block.setTopMargin(top)
        block.setBottomMargin(0.0)
        return block

    @staticmethod
    def _chars(*, bold: bool = False, size: int = 0, colour: object = None) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if size:  # relative, as HTML's "larger" and "smaller": it follows the text size
            chars.setProperty(QTextFormat.Property.FontSizeAdjustment, size)
        if colour is not None:
            chars.setForeground(colour)  # type: ignore[arg-type]
        return chars


class MoreFromLoader(QObject):
    """Asks for the section of each article shown."""

    def __init__(self, service: NewsService, section: MoreFromSection,
                 names: Callable[[], Mapping[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._section = section
        self._names = names
        self.asked: str | None = None
        self.answered: str | None = None

    @property
    def settled(self) -> bool:
        return self.asked == self.answered

    def heading(self, article: Article) -> str:
        name = self._names().get(article.category, article.category)
        return self.tr("More from %1").replace("%1", name)

    def ask(self, article: Article | None) -> None:
        if article is None or self._service.is_shut_down:
            self.asked = self.answered = None
            return
        if article.id == self._section.article_id:
            self.asked = self.answered = article.id
            return  # the same article again (its picture came, another language)
        self.asked = article.id

        def done(stories: tuple[Article, ...]) -> None:
            self.answered = article.id
            if self.asked == article.id:
                self._section.set_stories(article, lambda: self.heading(article), stories)

        self._service.load_more_from(article, done)
